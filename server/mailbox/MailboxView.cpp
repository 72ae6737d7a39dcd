#include "MailboxView.h"
#include "MailboxIndex.h"

#include <algorithm>

namespace qimapd {

MailboxView::MailboxView(std::shared_ptr<MailboxIndex> index, bool readOnly)
    : m_index(std::move(index)), m_readOnly(readOnly)
{
    m_index->attach(this);
}

MailboxView::~MailboxView()
{
    m_index->detach(this);
}

void MailboxView::markAllKnown()
{
    m_knownUidLimit = m_index->uidNext();
    m_knownExists = quint32(m_index->count() + m_pendingExpunged.size());
    m_reportedRecent = recentCount();
}

bool MailboxView::isKnownLive(quint32 uid) const
{
    return uid < m_knownUidLimit;
}

quint32 MailboxView::recentCount() const
{
    quint32 total = 0;
    for (const auto &[from, to] : m_recentRanges) {
        const quint32 end = std::min(to, m_knownUidLimit);
        if (from >= end)
            continue;
        total += quint32(m_index->countBelow(end) - m_index->countBelow(from));
        const auto lo = std::lower_bound(m_pendingExpunged.begin(), m_pendingExpunged.end(), from);
        const auto hi = std::lower_bound(m_pendingExpunged.begin(), m_pendingExpunged.end(), end);
        total += quint32(hi - lo);
    }
    return total;
}

bool MailboxView::isRecent(quint32 uid) const
{
    return std::any_of(m_recentRanges.begin(), m_recentRanges.end(),
                       [uid](const auto &range) { return uid >= range.first && uid < range.second; });
}

quint32 MailboxView::firstUnseenSequence() const
{
    const auto &uids = m_index->uids();
    const auto &flags = m_index->flags();
    for (size_t i = 0; i < uids.size() && isKnownLive(uids[i]); ++i) {
        if (!(flags[i] & Flag::Seen)) {
            // Sequence numbers count the pending expunged messages too.
            const auto pendingBelow = std::lower_bound(m_pendingExpunged.begin(), m_pendingExpunged.end(),
                                                       uids[i]) - m_pendingExpunged.begin();
            return quint32(i + pendingBelow + 1);
        }
    }
    return 0;
}

quint32 MailboxView::uidAt(quint32 sequence) const
{
    if (sequence == 0 || sequence > m_knownExists)
        return 0;
    if (m_pendingExpunged.empty())
        return m_index->uids()[sequence - 1];
    // The client's list is the live known UIDs merged with the pending expunged ones: find the
    // sequence-th smallest of the two sorted arrays by binary search over the live part.
    const auto &live = m_index->uids();
    qsizetype lo = 0;
    qsizetype hi = std::min<qsizetype>(sequence, m_index->countBelow(m_knownUidLimit));
    // Find the number of live UIDs `k` among the first `sequence` so that the rest are pending.
    while (lo < hi) {
        const qsizetype k = (lo + hi + 1) / 2;
        const quint32 candidate = live[k - 1];
        const qsizetype pendingBelow = std::lower_bound(m_pendingExpunged.begin(), m_pendingExpunged.end(),
                                                        candidate) - m_pendingExpunged.begin();
        if (k + pendingBelow <= qsizetype(sequence))
            lo = k;
        else
            hi = k - 1;
    }
    const qsizetype pendingNeeded = qsizetype(sequence) - lo;
    const quint32 liveCandidate = lo > 0 ? live[lo - 1] : 0;
    if (pendingNeeded > 0 && pendingNeeded <= qsizetype(m_pendingExpunged.size())) {
        const quint32 pendingCandidate = m_pendingExpunged[pendingNeeded - 1];
        return std::max(liveCandidate, pendingCandidate);
    }
    return liveCandidate;
}

void MailboxView::addRecent(quint32 fromUid, quint32 toUid)
{
    if (fromUid >= toUid)
        return;
    if (!m_recentRanges.empty() && m_recentRanges.back().second == fromUid)
        m_recentRanges.back().second = toUid;
    else
        m_recentRanges.emplace_back(fromUid, toUid);
}

bool MailboxView::hasUpdates() const
{
    return !m_pendingExpunged.empty() || m_index->uidNext() > m_knownUidLimit
        || quint32(m_index->count() + m_pendingExpunged.size()) != m_knownExists;
}

QByteArrayList MailboxView::takeUpdates(bool allowExpunge)
{
    QByteArrayList lines;
    if (allowExpunge && !m_pendingExpunged.empty()) {
        // Sent in ascending order; each EXPUNGE renumbers the later messages, so the number of
        // a pending message is one more than the live messages below it once those before it
        // are gone: one pass, no renumbering loop (RFC 3501 §7.4.1).
        for (quint32 uid : m_pendingExpunged)
            lines.append(QByteArray::number(qlonglong(m_index->countBelow(uid) + 1)) + " EXPUNGE");
        m_knownExists -= quint32(m_pendingExpunged.size());
        m_pendingExpunged.clear();
    }
    const quint32 exists = quint32(m_index->count() + m_pendingExpunged.size());
    if (m_index->uidNext() > m_knownUidLimit || exists > m_knownExists) {
        m_knownUidLimit = m_index->uidNext();
        if (exists != m_knownExists) {
            m_knownExists = exists;
            lines.append(QByteArray::number(exists) + " EXISTS");
        }
        const quint32 recent = recentCount();
        if (recent != m_reportedRecent || lines.size() > 0) {
            m_reportedRecent = recent;
            lines.append(QByteArray::number(recent) + " RECENT");
        }
    }
    return lines;
}

void MailboxView::messagesAppended()
{
    if (m_changed)
        m_changed();
}

void MailboxView::messagesExpunged(const QList<quint32> &uids)
{
    std::vector<quint32> known;
    known.reserve(uids.size());
    for (quint32 uid : uids) {
        if (isKnownLive(uid))
            known.push_back(uid);
    }
    if (known.empty())
        return;
    std::sort(known.begin(), known.end());
    std::vector<quint32> merged;
    merged.reserve(m_pendingExpunged.size() + known.size());
    std::merge(m_pendingExpunged.begin(), m_pendingExpunged.end(), known.begin(), known.end(),
               std::back_inserter(merged));
    merged.erase(std::unique(merged.begin(), merged.end()), merged.end());
    m_pendingExpunged = std::move(merged);
    if (m_changed)
        m_changed();
}

} // namespace qimapd
