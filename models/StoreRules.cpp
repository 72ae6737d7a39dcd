#include "StoreRules.h"

#include "mime/MimeParser.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace qimapd::StoreRules {

namespace {
const auto inbox = u"INBOX"_s;
} // namespace

QString canonicalName(const QString &name)
{
    if (name.compare(inbox, Qt::CaseInsensitive) == 0)
        return inbox;
    if (name.size() > inbox.size() && name.at(inbox.size()) == separator
        && name.startsWith(inbox, Qt::CaseInsensitive))
        return inbox % QStringView(name).mid(inbox.size());
    return name;
}

bool isInbox(const QString &name)
{
    return name.compare(inbox, Qt::CaseInsensitive) == 0;
}

QStringList ancestors(const QString &name)
{
    QStringList result;
    for (qsizetype at = name.indexOf(separator); at > 0; at = name.indexOf(separator, at + 1))
        result += name.left(at);
    return result;
}

bool isDescendant(const QString &name, const QString &ancestor)
{
    return name.size() > ancestor.size() + 1 && name.at(ancestor.size()) == separator
        && name.startsWith(ancestor);
}

QString rebased(const QString &name, const QString &from, const QString &to)
{
    return to % QStringView(name).mid(from.size());
}

std::optional<quint32> nextUidValidity(quint32 lastIssued)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 next = std::max<qint64>(now, qint64(lastIssued) + 1);
    if (next > qint64(std::numeric_limits<quint32>::max()))
        return std::nullopt;
    return quint32(next);
}

QDateTime normalizedInternalDate(const QDateTime &date)
{
    const QDateTime given = date.isValid() ? date : QDateTime::currentDateTime();
    return QDateTime::fromMSecsSinceEpoch(given.toMSecsSinceEpoch(), Qt::OffsetFromUTC,
                                          given.offsetFromUtc());
}

namespace {

qsizetype keywordIndex(const QList<QByteArray> &keywords, const QByteArray &name)
{
    for (qsizetype i = 0; i < keywords.size(); ++i) {
        if (keywords.at(i).compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

StoreStatus tooManyKeywords()
{
    return {StoreError::Limit, u"too many keywords in this mailbox (at most "_s
                                   % QString::number(Flag::MaxKeywords) % u")"_s};
}

// The bit of keyword `name` in `keywords`, appending it when it is new (and `added` counts it).
StoreResult<FlagMask> keywordBitFor(QList<QByteArray> &keywords, qsizetype &added,
                                    const QByteArray &name)
{
    qsizetype index = keywordIndex(keywords, name);
    if (index < 0) {
        if (keywords.size() >= Flag::MaxKeywords)
            return tooManyKeywords();
        index = keywords.size();
        keywords += name;
        ++added;
    }
    return Flag::keywordBit(int(index));
}

// The mask of a client's flag list, new keywords appended to `keywords`.
StoreResult<FlagMask> assignedMask(QList<QByteArray> &keywords, qsizetype &added,
                                   const FlagRequest &flags)
{
    FlagMask mask = flags.system & Flag::SystemMask;
    for (const QByteArray &name : flags.keywords) {
        const auto bit = keywordBitFor(keywords, added, name);
        if (!bit)
            return bit;
        mask |= *bit;
    }
    return mask;
}

} // namespace

StoreResult<KeywordAssignment> assignKeywords(const QList<QByteArray> &keywords,
                                              const QList<AppendRequest> &requests)
{
    KeywordAssignment result{keywords, 0, {}};
    result.flags.reserve(requests.size());
    for (const AppendRequest &request : requests) {
        const auto mask = assignedMask(result.keywords, result.added, request.flags);
        if (!mask)
            return mask.status();
        result.flags += *mask;
    }
    return result;
}

ParsedMessage parseMessage(const QByteArray &message)
{
    const MessageStructure structure = MimeParser::parse(message);
    QByteArray header = message.left(structure.root.bodyStart);
    if (header.isNull())
        header = QByteArray("", 0);
    return ParsedMessage{std::move(header), structure.serialize()};
}

StoreResult<FlagStore> planFlagStore(const QList<QByteArray> &keywords, FlagUpdate mode,
                                     const FlagRequest &flags)
{
    FlagStore result{keywords, 0, {}};
    if (mode == FlagUpdate::Remove) {
        FlagMask mask = flags.system & Flag::SystemMask;
        for (const QByteArray &name : flags.keywords) {
            if (const qsizetype index = keywordIndex(keywords, name); index >= 0)
                mask |= Flag::keywordBit(int(index));
        }
        result.edit = FlagEdit{~mask, 0};
        return result;
    }
    const auto mask = assignedMask(result.keywords, result.added, flags);
    if (!mask)
        return mask.status();
    result.edit = mode == FlagUpdate::Replace ? FlagEdit{0, *mask} : FlagEdit{~FlagMask(0), *mask};
    return result;
}

FlagMask KeywordTranslation::apply(FlagMask flags) const
{
    FlagMask result = flags & unchanged;
    for (const auto &[from, to] : moved) {
        if (flags & from)
            result |= to;
    }
    return result;
}

StoreResult<KeywordTranslation> translateKeywords(const QList<QByteArray> &source, FlagMask used,
                                                  const QList<QByteArray> &destination)
{
    KeywordTranslation result;
    result.keywords = destination;
    for (int i = 0; i < source.size() && i < Flag::MaxKeywords; ++i) {
        const FlagMask from = Flag::keywordBit(i);
        if (!(used & from))
            continue;
        const auto to = keywordBitFor(result.keywords, result.added, source.at(i));
        if (!to)
            return to.status();
        if (*to == from)
            result.unchanged |= from;
        else
            result.moved += std::pair{from, *to};
    }
    return result;
}

StoreStatus mailboxNotFound(const QString &name)
{
    return {StoreError::NotFound, u"no mailbox named "_s % name};
}

StoreStatus mailboxIdNotFound(qint64 mailbox)
{
    return {StoreError::NotFound, u"no such mailbox (id "_s % QString::number(mailbox) % u")"_s};
}

StoreStatus notSelectable(const QString &name)
{
    return {StoreError::NotSelectable, name % u" is \\Noselect"_s};
}

StoreStatus accountNotFound()
{
    return {StoreError::NotFound, u"no such account"_s};
}

} // namespace qimapd::StoreRules
