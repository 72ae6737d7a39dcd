#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// Mailbox names on the wire (RFC 3501 §5.1): hierarchy separator "/", INBOX case-insensitive,
// international names in modified UTF-7 (§5.1.3).
namespace qimapd::mailboxname {

constexpr char Separator = '/';
constexpr qsizetype MaxNameLength = 1000;
constexpr qsizetype MaxComponentLength = 255;
constexpr int MaxDepth = 32;

enum class Use {
    Existing, // SELECT, STATUS, DELETE...: any syntactically valid name
    New,      // CREATE, RENAME's target: no wildcards either
};

// The canonical form of a client's mailbox name (a leading INBOX component in upper case), or
// nullopt with `error` set when the name is not acceptable: empty, too long, empty hierarchy
// levels, control characters, raw 8-bit (IMAP4rev1 names are modified UTF-7), or malformed
// modified UTF-7.
std::optional<QString> canonical(const QByteArray &raw, Use use, QByteArray *error);

bool isInbox(const QString &name);

// RFC 3501 §5.1.3: correct modified BASE64, no superfluous shifts, no encoded printable ASCII.
bool isValidModifiedUtf7(const QByteArray &name);
// Modified UTF-7 <-> Unicode, for people (logs, the dashboard, the CLI).
QString decodeModifiedUtf7(const QByteArray &name);
QByteArray encodeModifiedUtf7(const QString &name);

// LIST/LSUB pattern matching (RFC 3501 §6.3.8): "*" matches anything, "%" anything but the
// separator; INBOX matches case-insensitively, as in "inbox", "Inbox/%" or "in*".
bool matches(const QString &name, const QString &pattern);

// "a/b/c" -> "a/b"; "" for a top-level name.
QString parent(const QString &name);

} // namespace qimapd::mailboxname
