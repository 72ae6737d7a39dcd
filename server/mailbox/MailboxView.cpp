#include "MailboxView.h"
#include "MailboxIndex.h"
#include "SequenceSet.h"

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
    m_index->releaseUnheld(m_pendingExpunged);
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

quint32 MailboxView::sequenceOf(quint32 uid) const
{
    const auto pending = std::lower_bound(m_pendingExpunged.begin(), m_pendingExpunged.end(), uid);
    const bool isPending = pending != m_pendingExpunged.end() && *pending == uid;
    if (!isPending && (!isKnownLive(uid) || m_index->indexOf(uid) < 0))
        return 0;
    return quint32(m_index->countBelow(uid) + (pending - m_pendingExpunged.begin()) + 1);
}

std::optional<FlagMask> MailboxView::flagsOf(quint32 uid) const
{
    return m_index->flagsOf(uid);
}

std::optional<MessageTargets> MailboxView::resolve(const SequenceSet &set, bool byUid, QByteArray *error) const
{
    MessageTargets targets;
    if (!byUid) {
        // "This includes "*" if the selected mailbox is empty" (RFC 3501 §9, seq-number).
        if (set.largestNumber() > m_knownExists || (set.usesStar() && m_knownExists == 0)) {
            *error = "Invalid message sequence number " + QByteArray::number(set.largestNumber()) + " (there are "
                + QByteArray::number(m_knownExists) + " messages)";
            return std::nullopt;
        }
        for (const SequenceSet::Range &range : set.resolve(m_knownExists)) {
            for (quint64 sequence = range.first; sequence <= range.last; ++sequence) {
                targets.sequences.push_back(quint32(sequence));
                targets.uids.push_back(uidAt(quint32(sequence)));
            }
        }
        return targets;
    }
    // UIDs the client knows: the live ones below the known limit and the pending expunged ones.
    const quint32 largest = uidAt(m_knownExists);
    const auto &live = m_index->uids();
    const auto liveEnd = live.begin() + m_index->countBelow(m_knownUidLimit);
    for (const SequenceSet::Range &range : set.resolve(largest)) {
        auto l = std::lower_bound(live.begin(), liveEnd, range.first);
        auto p = std::lower_bound(m_pendingExpunged.begin(), m_pendingExpunged.end(), range.first);
        for (;;) {
            const bool liveNext = l != liveEnd && *l <= range.last;
            const bool pendingNext = p != m_pendingExpunged.end() && *p <= range.last;
            if (!liveNext && !pendingNext)
                break;
            const quint32 uid = (liveNext && (!pendingNext || *l < *p)) ? *l++ : *p++;
            targets.uids.push_back(uid);
            targets.sequences.push_back(sequenceOf(uid));
        }
    }
    return targets;
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
    return !m_pendingExpunged.empty() || !m_flagChanges.empty() || m_index->uidNext() > m_knownUidLimit
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
        const std::vector<quint32> told = std::exchange(m_pendingExpunged, {});
        m_index->releaseUnheld(told);
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
    if (!m_flagChanges.empty()) {
        // Changes by other sessions (RFC 3501 §7.4.2: unsolicited FETCH); the UID is included
        // so the client need not map numbers that pending expunges may shift.
        std::sort(m_flagChanges.begin(), m_flagChanges.end());
        m_flagChanges.erase(std::unique(m_flagChanges.begin(), m_flagChanges.end()), m_flagChanges.end());
        for (quint32 uid : m_flagChanges) {
            const quint32 sequence = sequenceOf(uid);
            const std::optional<FlagMask> flags = m_index->flagsOf(uid);
            if (sequence == 0 || !flags)
                continue;
            QByteArray names = flagNames(*flags, m_index->keywords());
            if (isRecent(uid))
                names += names.isEmpty() ? "\\Recent" : " \\Recent";
            lines.append(QByteArray::number(sequence) + " FETCH (UID " + QByteArray::number(uid) + " FLAGS (" + names + "))");
        }
        m_flagChanges.clear();
    }
    return lines;
}

void MailboxView::messagesAppended()
{
    if (m_changed)
        m_changed();
}

void MailboxView::flagsChanged(const QList<quint32> &uids)
{
    for (quint32 uid : uids) {
        if (isKnownLive(uid))
            m_flagChanges.push_back(uid);
    }
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
