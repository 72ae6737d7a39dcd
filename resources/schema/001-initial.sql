-- qimapd schema, version 1.
--
-- Applied by Database inside one transaction; PRAGMA user_version is set to the number in the
-- file name afterwards. Later changes come as 002-..., 003-... files: never edit a released step.
-- Format rule of these files: a statement ends with ';' at the end of a line, and lines starting
-- with '--' are comments. (A trigger body keeps its inner ';' on the same line as BEGIN/END.)

-- Users of the default authenticator (crypt(3) hashes). Owned by the authenticator, not the store.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- Store-wide values. 'last_uidvalidity' is the last UIDVALIDITY handed out: every new mailbox
-- incarnation gets a larger one, so (name, UIDVALIDITY, UID) never names two messages, even
-- after DELETE + CREATE of the same name (RFC 3501 §2.3.1.1, §6.3.3, §6.3.4).
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('last_uidvalidity', 0);

-- One mail account per user. AUTOINCREMENT: an id is never reused, so a stale id held by a
-- session can never reach an account created later.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE
);

-- The mailbox tree, separator '/'. Names are compared with the BINARY collation (mailbox names
-- are case-sensitive except INBOX, which the store always spells "INBOX"); children of P are the
-- names in the range [P || '/', P || '0'), which the UNIQUE index below serves.
-- uidnext only grows (RFC 3501 §2.3.1.1). AUTOINCREMENT for the same reason as accounts.
CREATE TABLE mailboxes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    noselect INTEGER NOT NULL DEFAULT 0,
    uidvalidity INTEGER NOT NULL,
    uidnext INTEGER NOT NULL DEFAULT 1,
    first_recent_uid INTEGER NOT NULL DEFAULT 1,
    UNIQUE (account_id, name)
);

-- LSUB's set: names, independent of the mailboxes that exist (RFC 3501 §6.3.6).
CREATE TABLE subscriptions (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    PRIMARY KEY (account_id, name)
) WITHOUT ROWID;

-- Per-mailbox keyword table: flag bit Flag::FirstKeywordBit + bit means keyword `name`.
-- Keywords match case-insensitively (atoms are ASCII, so NOCASE is exact); the first spelling wins.
CREATE TABLE keywords (
    mailbox_id INTEGER NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
    bit INTEGER NOT NULL,
    name TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (mailbox_id, bit),
    UNIQUE (mailbox_id, name)
) WITHOUT ROWID;

-- Message bytes, stored once and shared by every message row that refers to them (COPY copies
-- rows, not bytes). The triggers below free a body when the last row that refers to it goes,
-- live (messages) or retained (expunged_messages).
-- header and structure are computed once at APPEND (DESIGN.md, MIME): header is the header block
-- up to and including the blank line that ends it (HEADER.FIELDS and SEARCH on headers read it,
-- never the whole message); structure is MessageStructure::serialize() (BODYSTRUCTURE, ENVELOPE,
-- part offsets). Both come before data on purpose: SQLite reads a row's columns from the start,
-- so reading them never walks the overflow pages that hold a large message's bytes.
CREATE TABLE bodies (
    id INTEGER PRIMARY KEY,
    size INTEGER NOT NULL,
    header BLOB NOT NULL,
    structure BLOB NOT NULL,
    data BLOB NOT NULL
);

-- One row per message, clustered by (mailbox, uid) so SELECT's snapshot and STATUS are one range
-- scan that never touches a body. internal_date is ms since the epoch (UTC); internal_tz keeps
-- the client's offset from UTC in seconds so INTERNALDATE reads back as it was given
-- (RFC 3501 §2.3.3). flags: FlagMask (system flags + per-mailbox keyword bits), as a signed int64.
CREATE TABLE messages (
    mailbox_id INTEGER NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
    uid INTEGER NOT NULL,
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    flags INTEGER NOT NULL DEFAULT 0,
    internal_date INTEGER NOT NULL,
    internal_tz INTEGER NOT NULL DEFAULT 0,
    size INTEGER NOT NULL,
    PRIMARY KEY (mailbox_id, uid)
) WITHOUT ROWID;

-- For the body garbage collection below (and for finding the rows that share a body).
CREATE INDEX messages_body ON messages (body_id);

-- Messages gone from their mailbox that a session may still read. Another session that has the
-- mailbox selected may not have been told yet (no EXPUNGE during FETCH, STORE or SEARCH,
-- RFC 3501 §7.4.1): it keeps the message at its sequence number and may FETCH it, and must get
-- that message's data (RFC 2683 §3.4.6, RFC 2180). EXPUNGE (and RENAME INBOX, which the server
-- treats as an expunge of INBOX) moves the rows here; the server releases them when no session
-- needs them any more, and all of them at start-up. Only messageRecords() returns them, marked
-- expunged; STATUS, SELECT, STORE and COPY never see them. Deleting the mailbox drops them.
-- The same columns as messages; the mailbox's uidnext keeps their UIDs from coming back.
CREATE TABLE expunged_messages (
    mailbox_id INTEGER NOT NULL REFERENCES mailboxes (id) ON DELETE CASCADE,
    uid INTEGER NOT NULL,
    body_id INTEGER NOT NULL REFERENCES bodies (id),
    flags INTEGER NOT NULL DEFAULT 0,
    internal_date INTEGER NOT NULL,
    internal_tz INTEGER NOT NULL DEFAULT 0,
    size INTEGER NOT NULL,
    PRIMARY KEY (mailbox_id, uid)
) WITHOUT ROWID;

CREATE INDEX expunged_messages_body ON expunged_messages (body_id);

-- Garbage-collect a body when no row in either table refers to it any more: run for EXPUNGE's
-- release, DELETE and the cascades of mailbox and account removal, inside SQLite, without round
-- trips. (EXPUNGE inserts the retained rows before it deletes the live ones, so its bodies stay.)
CREATE TRIGGER messages_release_body AFTER DELETE ON messages
WHEN NOT EXISTS (SELECT 1 FROM messages WHERE body_id = OLD.body_id)
AND NOT EXISTS (SELECT 1 FROM expunged_messages WHERE body_id = OLD.body_id)
BEGIN DELETE FROM bodies WHERE id = OLD.body_id; END;

CREATE TRIGGER expunged_messages_release_body AFTER DELETE ON expunged_messages
WHEN NOT EXISTS (SELECT 1 FROM expunged_messages WHERE body_id = OLD.body_id)
AND NOT EXISTS (SELECT 1 FROM messages WHERE body_id = OLD.body_id)
BEGIN DELETE FROM bodies WHERE id = OLD.body_id; END;
