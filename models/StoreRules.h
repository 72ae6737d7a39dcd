#pragma once

#include "MailStore.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace qimapd {

// The rules every MailStore implementation shares, in one place so that the SQLite store and the
// memory store (the reference) cannot drift apart.
namespace StoreRules {

constexpr QChar separator = u'/';

// "INBOX" in any case is INBOX (RFC 3501 §5.1), and so is the first level of its children.
QString canonicalName(const QString &name);
bool isInbox(const QString &name);
// The superior names of `name`, outermost first: "a/b/c" -> "a", "a/b" (RFC 3501 §6.3.3).
QStringList ancestors(const QString &name);
bool isDescendant(const QString &name, const QString &ancestor);
// `name` (== from or a descendant of it) moved under `to` (RFC 3501 §6.3.5).
QString rebased(const QString &name, const QString &from, const QString &to);

// The UIDVALIDITY for a new mailbox incarnation: the current time in seconds (RFC 3501
// §2.3.1.1 suggests the creation time), but always above the last one issued, so values are
// unique per store and strictly increasing even when the clock steps back. nullopt when the
// 32-bit space is used up.
std::optional<quint32> nextUidValidity(quint32 lastIssued);

// The internal date as stored: `date` (now when invalid) as a fixed offset from UTC, keeping
// the offset the client gave so INTERNALDATE reads back as sent (RFC 3501 §2.3.3).
QDateTime normalizedInternalDate(const QDateTime &date);

// The flags of appended messages, with their keywords numbered through the mailbox's keyword
// table; new keywords get the next free bits. Keywords match case-insensitively and the first
// spelling stays. Limit when the table would outgrow Flag::MaxKeywords.
struct KeywordAssignment
{
    QList<QByteArray> keywords; // the table after the append
    qsizetype added = 0;        // how many entries at the end of `keywords` are new
    QList<FlagMask> flags;      // one per request
};
StoreResult<KeywordAssignment> assignKeywords(const QList<QByteArray> &keywords,
                                              const QList<AppendRequest> &requests);

// Uniform error texts, so both stores answer alike.
StoreStatus mailboxNotFound(const QString &name);
StoreStatus mailboxIdNotFound(qint64 mailbox);
StoreStatus notSelectable(const QString &name);
StoreStatus accountNotFound();

} // namespace StoreRules
} // namespace qimapd
