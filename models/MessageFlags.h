#pragma once

#include <QByteArray>
#include <QList>

#include <optional>

namespace qimapd {

// Stored message flags as one 64-bit mask: the five permanent system flags in the low bits and
// the mailbox's keywords above them. Each mailbox numbers its own keywords (a per-mailbox table
// maps bit to name), so the flags of 100,000 messages are 800 KB, compare in one instruction and
// never need string work on the hot path. \Recent is not stored: it is a session flag (RFC 3501
// §2.3.2) and lives in the session's view.
using FlagMask = quint64;

namespace Flag {
constexpr FlagMask Seen = 1u << 0;
constexpr FlagMask Answered = 1u << 1;
constexpr FlagMask Flagged = 1u << 2;
constexpr FlagMask Deleted = 1u << 3;
constexpr FlagMask Draft = 1u << 4;
constexpr FlagMask SystemMask = Seen | Answered | Flagged | Deleted | Draft;
constexpr int FirstKeywordBit = 5;
constexpr int MaxKeywords = 64 - FirstKeywordBit;

constexpr FlagMask keywordBit(int index) { return FlagMask(1) << (FirstKeywordBit + index); }
} // namespace Flag

// The system flag named `name` (case-insensitive, with the backslash), or nullopt. \Recent is
// not among them: it cannot be stored or appended (RFC 3501 §2.3.2).
std::optional<FlagMask> systemFlagFromName(const QByteArray &name);

// "\Seen \Answered ..." for the bits set in `mask` (keywords resolved through `keywords`,
// where keywords[i] is bit FirstKeywordBit + i), in a stable order.
QByteArray flagNames(FlagMask mask, const QList<QByteArray> &keywords);

// A flag list as given by a client (APPEND, STORE): system flags as bits, keywords by name.
struct FlagRequest
{
    FlagMask system = 0;
    QList<QByteArray> keywords; // atoms, as the client spelt them, no duplicates

    bool operator==(const FlagRequest &) const = default;
};

} // namespace qimapd
