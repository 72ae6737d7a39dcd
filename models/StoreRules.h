#pragma once

#include "MailStore.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

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

// What the store keeps of a message besides its bytes, computed once at APPEND (DESIGN.md,
// "MIME"): the header block up to and including the blank line that ends it (the first
// root.bodyStart bytes), and the serialized MessageStructure. Never null, so both fit a NOT NULL
// column even for an empty message.
struct ParsedMessage
{
    QByteArray header;
    QByteArray structure;
};
ParsedMessage parseMessage(const QByteArray &message);

// STORE (RFC 3501 §6.4.6) as one bitwise edit, the same for every message: new = (old & keep) |
// set. FLAGS replaces everything (there is no stored \Recent to keep), +FLAGS sets, -FLAGS
// clears.
struct FlagEdit
{
    FlagMask keep = ~FlagMask(0);
    FlagMask set = 0;
    FlagMask apply(FlagMask old) const { return (old & keep) | set; }
};

// The mask STORE writes for `flags` and the keyword table it needs: for FLAGS and +FLAGS new
// keywords get the next free bits (Limit when the table would outgrow Flag::MaxKeywords); for
// -FLAGS keywords the mailbox does not know are ignored (no message has them).
struct FlagStore
{
    QList<QByteArray> keywords; // the table after the change
    qsizetype added = 0;        // how many entries at the end of `keywords` are new
    FlagEdit edit;
};
StoreResult<FlagStore> planFlagStore(const QList<QByteArray> &keywords, FlagUpdate mode,
                                     const FlagRequest &flags);

// COPY between mailboxes with different keyword tables (each numbers its own keywords): the
// keywords `used` by the copied messages (bits in the source's numbering) are found in the
// destination's table by name (case-insensitively) or appended to it (Limit when it would outgrow
// Flag::MaxKeywords). Keywords the copied messages do not use are not carried over.
struct KeywordTranslation
{
    QList<QByteArray> keywords; // the destination's table after the copy
    qsizetype added = 0;        // how many entries at the end of `keywords` are new
    FlagMask unchanged = Flag::SystemMask; // bits that keep their position (system flags and
                                           // keywords with the same bit on both sides)
    QList<std::pair<FlagMask, FlagMask>> moved; // (source bit, destination bit) of the others

    FlagMask apply(FlagMask flags) const;
};
StoreResult<KeywordTranslation> translateKeywords(const QList<QByteArray> &source, FlagMask used,
                                                  const QList<QByteArray> &destination);

// Uniform error texts, so both stores answer alike.
StoreStatus mailboxNotFound(const QString &name);
StoreStatus mailboxIdNotFound(qint64 mailbox);
StoreStatus notSelectable(const QString &name);
StoreStatus accountNotFound();

} // namespace StoreRules
} // namespace qimapd
