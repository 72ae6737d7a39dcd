#include "StoreRules.h"

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
} // namespace

StoreResult<KeywordAssignment> assignKeywords(const QList<QByteArray> &keywords,
                                              const QList<AppendRequest> &requests)
{
    KeywordAssignment result{keywords, 0, {}};
    result.flags.reserve(requests.size());
    for (const AppendRequest &request : requests) {
        FlagMask mask = request.flags.system & Flag::SystemMask;
        for (const QByteArray &name : request.flags.keywords) {
            qsizetype index = keywordIndex(result.keywords, name);
            if (index < 0) {
                if (result.keywords.size() >= Flag::MaxKeywords)
                    return StoreStatus{StoreError::Limit,
                                       u"too many keywords in this mailbox (at most "_s
                                           % QString::number(Flag::MaxKeywords) % u")"_s};
                index = result.keywords.size();
                result.keywords += name;
                ++result.added;
            }
            mask |= Flag::keywordBit(int(index));
        }
        result.flags += mask;
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
