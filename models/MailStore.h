#pragma once

#include "MessageFlags.h"
#include "StoreResult.h"

#include <QByteArray>
#include <QDateTime>
#include <QFlags>
#include <QList>
#include <QString>

#include <vector>

namespace qimapd {

// One mailbox of an account, as the store knows it. Names are stored exactly as the client
// sent them (modified UTF-7, RFC 3501 §5.1.3), except that INBOX is always spelt "INBOX".
struct MailboxInfo
{
    qint64 id = 0;
    QString name;
    bool noSelect = false;      // exists only as a parent (DELETE of a mailbox with children)
    quint32 uidValidity = 0;
    quint32 uidNext = 1;
    quint32 firstRecentUid = 1; // messages with uid >= this have not been shown to any session
};

// STATUS data (RFC 3501 §6.3.10), computed without reading any message body.
struct MailboxStatus
{
    quint32 messages = 0;
    quint32 recent = 0;
    quint32 unseen = 0;
    quint32 uidNext = 1;
    quint32 uidValidity = 0;
};

// What SELECT needs to build the shared in-memory index of a mailbox: UIDs in ascending order
// and the flags of each, plus the keyword names the flag bits refer to. No bodies.
struct MailboxSnapshot
{
    MailboxInfo info;
    QList<QByteArray> keywords;   // keywords[i] is bit Flag::FirstKeywordBit + i
    std::vector<quint32> uids;    // ascending
    std::vector<FlagMask> flags;  // flags[i] belongs to uids[i]
};

struct AppendRequest
{
    QByteArray message;      // the whole message, exactly as received
    FlagRequest flags;
    QDateTime internalDate;  // invalid: now
};

struct AppendResult
{
    quint32 uidValidity = 0;
    QList<quint32> uids;     // one per appended message, in order
    QList<QByteArray> keywords; // the mailbox's keyword table after the append
    QList<FlagMask> flags;   // the stored flags of each appended message
};

// Per-message data that FETCH answers without reading the body (UID, FLAGS, INTERNALDATE,
// RFC822.SIZE; RFC 3501 §6.4.5).
struct MessageInfo
{
    quint32 uid = 0;
    FlagMask flags = 0;
    QDateTime internalDate; // with the offset from UTC it was appended with (Qt::OffsetFromUTC)
    qint64 size = 0;
};

// What FETCH and SEARCH may ask for, per message, in one call for many messages.
enum class MessageField : quint8 {
    Info = 0x1,      // flags, internal date, size (MessageInfo)
    Header = 0x2,    // the header block, blank line included: HEADER.FIELDS without the body
    Structure = 0x4, // the MIME structure computed at APPEND (MessageStructure::serialize())
    Data = 0x8,      // the whole message
};
Q_DECLARE_FLAGS(MessageFields, MessageField)
Q_DECLARE_OPERATORS_FOR_FLAGS(MessageFields)

struct MessageRecord
{
    MessageInfo info;
    QByteArray header;
    QByteArray structure; // serialized MessageStructure
    QByteArray data;
    bool expunged = false; // gone from the mailbox, still retained (see expungeDeleted())
};

// STORE's three forms (RFC 3501 §6.4.6): FLAGS, +FLAGS, -FLAGS.
enum class FlagUpdate { Replace, Add, Remove };

struct FlagChange
{
    quint32 uid = 0;
    FlagMask flags = 0; // the message's flags after the change
    bool operator==(const FlagChange &) const = default;
};

struct StoreFlagsResult
{
    QList<QByteArray> keywords; // the mailbox's keyword table after the change
    QList<FlagChange> changed;  // only messages whose flags really changed, ascending UIDs
};

struct CopyResult
{
    quint32 uidValidity = 0;          // of the destination (COPYUID, RFC 4315 §3)
    QList<quint32> sourceUids;        // ascending, the messages that existed
    QList<quint32> destinationUids;   // destinationUids[i] is the copy of sourceUids[i]
    QList<QByteArray> keywords;       // the destination's keyword table after the copy
    QList<FlagMask> flags;            // the copies' flags, in the destination's numbering
};

// The storage boundary: the seed's DefaultModel. One object serves every session; every call is
// scoped to an account (one per user), so one user can never reach another's mailboxes. Calls
// run on the event loop thread and must stay short. Mutations are durable when they return ok.
//
// Mailbox names given to the store are already validated by the protocol layer (MailboxName):
// no wildcards, no empty hierarchy levels, INBOX canonicalised.
class MailStore
{
public:
    virtual ~MailStore();

    // A short name for logs and the dashboard ("sqlite", "memory").
    virtual QString kind() const = 0;

    // The account of `user`, created with an INBOX the first time.
    virtual StoreResult<qint64> openAccount(const QString &user) = 0;
    // Removes an account and all its mail (qimapd user del).
    virtual StoreStatus deleteAccount(const QString &user) = 0;

    // Every mailbox of the account (\Noselect parents included), sorted by name.
    virtual StoreResult<QList<MailboxInfo>> mailboxes(qint64 account) = 0;
    virtual StoreResult<MailboxInfo> mailbox(qint64 account, const QString &name) = 0;

    // RFC 3501 §6.3.3: creates missing parents too. AlreadyExists if `name` exists and is
    // selectable; creating over a \Noselect parent makes it selectable again.
    virtual StoreStatus createMailbox(qint64 account, const QString &name) = 0;
    // RFC 3501 §6.3.4: a mailbox with children becomes \Noselect (its messages are removed);
    // one without children is removed. INBOX cannot be deleted; a \Noselect mailbox with
    // children cannot be deleted.
    virtual StoreStatus deleteMailbox(qint64 account, const QString &name) = 0;
    // RFC 3501 §6.3.5: moves the children too and creates missing parents of the new name.
    // Renaming INBOX moves its messages to a new mailbox and leaves INBOX, empty, in place.
    virtual StoreStatus renameMailbox(qint64 account, const QString &from, const QString &to) = 0;

    // Subscriptions are names, not mailboxes: they may outlive the mailbox (RFC 3501 §6.3.6).
    virtual StoreResult<QStringList> subscriptions(qint64 account) = 0;
    virtual StoreStatus setSubscribed(qint64 account, const QString &name, bool subscribed) = 0;

    virtual StoreResult<MailboxStatus> status(qint64 account, qint64 mailbox) = 0;
    virtual StoreResult<MailboxSnapshot> snapshot(qint64 account, qint64 mailbox) = 0;

    // Marks every message as seen by a session (\Recent goes to one session only, RFC 3501
    // §2.3.2) and returns the previous firstRecentUid: messages from it on are this session's
    // recent ones.
    virtual StoreResult<quint32> claimRecent(qint64 account, qint64 mailbox) = 0;

    // Appends all messages or none (MULTIAPPEND-ready), assigning consecutive UIDs.
    virtual StoreResult<AppendResult> append(qint64 account, qint64 mailbox,
                                             const QList<AppendRequest> &messages) = 0;

    // The whole message as appended, for a message in the mailbox (not a retained expunged one).
    virtual StoreResult<QByteArray> messageData(qint64 account, qint64 mailbox, quint32 uid) = 0;

    // The messages with firstUid <= uid <= lastUid, ascending, at most `limit` of them: long
    // FETCHes read in chunks and yield to the event loop in between (DESIGN.md, Storage).
    virtual StoreResult<QList<MessageInfo>> messageInfos(qint64 account, qint64 mailbox,
                                                         quint32 firstUid, quint32 lastUid,
                                                         int limit) = 0;

    // The records of `uids` (ascending; UIDs that do not exist are skipped) with the fields
    // asked for, in one round trip: FETCH and SEARCH call this for chunks of messages, never
    // once per message in a loop over a mailbox. Retained expunged messages (expungeDeleted())
    // are returned too, in UID order among the others, with `expunged` set: a session that has
    // not been told of the expunge may still FETCH them (RFC 3501 §7.4.1). A caller that wants
    // only what is in the mailbox now (SEARCH) skips those. No other read sees them.
    virtual StoreResult<QList<MessageRecord>> messageRecords(qint64 account, qint64 mailbox,
                                                             const QList<quint32> &uids,
                                                             MessageFields fields) = 0;

    // STORE: changes the flags of `uids` (ascending; missing ones skipped) set-wise; keywords new
    // to the mailbox get bits (Limit when the mailbox has no room left, nothing changed). A new
    // keyword joins the table only when some message gets it; -FLAGS ignores unknown keywords.
    virtual StoreResult<StoreFlagsResult> storeFlags(qint64 account, qint64 mailbox,
                                                     const QList<quint32> &uids, FlagUpdate mode,
                                                     const FlagRequest &flags) = 0;

    // COPY (RFC 3501 §6.4.7): copies `uids` (ascending; missing ones skipped) of `from` into
    // `to` with their flags and internal dates, sharing the bodies, in UID order, in one
    // transaction; all or nothing. Copying to the same mailbox is allowed. Keywords the copies
    // carry that `to` lacks are added to its table (Limit when they do not fit, nothing changed).
    virtual StoreResult<CopyResult> copyMessages(qint64 account, qint64 from,
                                                 const QList<quint32> &uids, qint64 to) = 0;

    // Group commit (DESIGN.md, Storage): between beginBatch() and commitBatch() the mutations
    // above share one transaction, so the commits of one loop iteration cost one disk flush.
    // A store without transactions keeps the defaults.
    virtual StoreStatus beginBatch() { return {}; }
    virtual StoreStatus commitBatch() { return {}; }
    virtual void rollbackBatch() {}

    // Changes made by other processes (qimapd deliver, a second server on PostgreSQL later):
    // a number that changes whenever another connection has committed to the store — SQLite's
    // PRAGMA data_version, which costs no disk I/O. Stores no other process can write keep 0.
    virtual qint64 externalChangeVersion() { return 0; }
    // A file whose modification signals such a change (SQLite's WAL), for a file watcher;
    // empty when there is none.
    virtual QString changeSignalFile() const { return {}; }

    // Removes the messages flagged \Deleted (only those in `onlyUids` when it is non-null,
    // UID EXPUNGE) and returns their UIDs in ascending order.
    //
    // The removed messages are gone from the mailbox (status, snapshot, messageInfos,
    // messageData, storeFlags and copyMessages no longer see them) but are RETAINED: another
    // session with the mailbox selected may not be told yet, because an EXPUNGE response must
    // not be sent while responding to FETCH, STORE or SEARCH (RFC 3501 §7.4.1). Until it is, the
    // message keeps its sequence number there, and a FETCH of it must return that message's
    // data (RFC 2683 §3.4.6): messageRecords() still returns retained messages, marked
    // `expunged`. They stay, bodies included, until releaseExpunged() or releaseAllExpunged();
    // deleting the mailbox (or the account) drops them at once. RENAME INBOX retains INBOX's
    // moved messages in INBOX the same way (sessions on INBOX see them expunged).
    virtual StoreResult<QList<quint32>> expungeDeleted(qint64 account, qint64 mailbox,
                                                       const QList<quint32> *onlyUids = nullptr) = 0;

    // Drops the retained expunged messages `uids` (any order; UIDs not retained are ignored) of
    // `mailbox`, set-wise, and frees the bodies nothing refers to any more. The server calls it
    // once no session can still refer to them: every session that had them in its view has been
    // sent their EXPUNGE (RFC 3501 §7.4.1) or has left the mailbox. NotFound when the mailbox is
    // not the account's (or was deleted: its retained messages went with it).
    virtual StoreStatus releaseExpunged(qint64 account, qint64 mailbox,
                                        const QList<quint32> &uids) = 0;
    // Drops every retained expunged message of every account. For start-up, when no session
    // exists that could refer to one.
    virtual StoreStatus releaseAllExpunged() = 0;
};

} // namespace qimapd
