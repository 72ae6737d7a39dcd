#include "MailboxIndex.h"
#include "MailboxView.h"

#include <algorithm>

namespace qimapd {

MailboxIndex::MailboxIndex(qint64 account, MailboxSnapshot snapshot)
    : m_account(account),
      m_info(std::move(snapshot.info)),
      m_keywords(std::move(snapshot.keywords)),
      m_uids(std::move(snapshot.uids)),
      m_flags(std::move(snapshot.flags))
{
    Q_ASSERT(m_uids.size() == m_flags.size());
}

MailboxIndex::~MailboxIndex()
{
    Q_ASSERT(m_views.isEmpty());
}

qsizetype MailboxIndex::countBelow(quint32 uid) const
{
    return std::lower_bound(m_uids.begin(), m_uids.end(), uid) - m_uids.begin();
}

qsizetype MailboxIndex::indexOf(quint32 uid) const
{
    const auto it = std::lower_bound(m_uids.begin(), m_uids.end(), uid);
    return it != m_uids.end() && *it == uid ? it - m_uids.begin() : -1;
}

void MailboxIndex::applyAppend(const AppendResult &result)
{
    m_keywords = result.keywords;
    for (qsizetype i = 0; i < result.uids.size(); ++i) {
        const quint32 uid = result.uids.at(i);
        if (!m_uids.empty() && uid <= m_uids.back())
            continue; // already known (a reload raced with the append)
        m_uids.push_back(uid);
        m_flags.push_back(result.flags.value(i));
        m_info.uidNext = qMax(m_info.uidNext, uid + 1);
    }
    for (MailboxView *view : std::as_const(m_views))
        view->messagesAppended();
}

void MailboxIndex::applyExpunge(const QList<quint32> &reportedUids)
{
    // Only UIDs still in the index: one that is not (never was, or already expunged and
    // announced) would give the views an EXPUNGE for a message the client still has.
    QList<quint32> expungedUids;
    expungedUids.reserve(reportedUids.size());
    for (quint32 uid : reportedUids) {
        if (indexOf(uid) >= 0)
            expungedUids.append(uid);
    }
    if (expungedUids.isEmpty())
        return;
    // Views first: they keep the expunged messages at their old sequence numbers until their
    // client may be told (RFC 3501 §7.4.1).
    for (MailboxView *view : std::as_const(m_views))
        view->messagesExpunged(expungedUids);
    // What no view lists can go at once.
    releaseUnheld(std::vector<quint32>(expungedUids.cbegin(), expungedUids.cend()));
    // One pass over the index, not one erase per message.
    std::vector<quint32> sorted(expungedUids.cbegin(), expungedUids.cend());
    std::sort(sorted.begin(), sorted.end());
    size_t out = 0;
    auto next = sorted.cbegin();
    for (size_t in = 0; in < m_uids.size(); ++in) {
        while (next != sorted.cend() && *next < m_uids[in])
            ++next;
        if (next != sorted.cend() && *next == m_uids[in])
            continue;
        m_uids[out] = m_uids[in];
        m_flags[out] = m_flags[in];
        ++out;
    }
    m_uids.resize(out);
    m_flags.resize(out);
}

void MailboxIndex::applyFlags(const StoreFlagsResult &result, MailboxView *origin)
{
    m_keywords = result.keywords;
    QList<quint32> changed;
    changed.reserve(result.changed.size());
    for (const FlagChange &change : result.changed) {
        const qsizetype at = indexOf(change.uid);
        if (at < 0)
            continue;
        m_flags[size_t(at)] = change.flags;
        changed.append(change.uid);
    }
    if (changed.isEmpty())
        return;
    for (MailboxView *view : std::as_const(m_views)) {
        if (view != origin)
            view->flagsChanged(changed);
    }
}

MailboxIndex::ExternalChanges MailboxIndex::diff(const MailboxSnapshot &snapshot) const
{
    // One merge pass over two ascending UID lists.
    ExternalChanges changes;
    changes.arrived.uidValidity = snapshot.info.uidValidity;
    changes.arrived.keywords = snapshot.keywords;
    changes.flagsChanged.keywords = snapshot.keywords;
    size_t mine = 0;
    size_t theirs = 0;
    while (mine < m_uids.size() || theirs < snapshot.uids.size()) {
        if (theirs == snapshot.uids.size() || (mine < m_uids.size() && m_uids[mine] < snapshot.uids[theirs])) {
            changes.expunged.append(m_uids[mine++]);
        } else if (mine == m_uids.size() || snapshot.uids[theirs] < m_uids[mine]) {
            // Below our uidNext it is no new message: a UID never comes back.
            if (snapshot.uids[theirs] >= m_info.uidNext) {
                changes.arrived.uids.append(snapshot.uids[theirs]);
                changes.arrived.flags.append(snapshot.flags[theirs]);
            }
            ++theirs;
        } else {
            if (m_flags[mine] != snapshot.flags[theirs])
                changes.flagsChanged.changed.append({m_uids[mine], snapshot.flags[theirs]});
            ++mine;
            ++theirs;
        }
    }
    return changes;
}

std::optional<FlagMask> MailboxIndex::flagsOf(quint32 uid) const
{
    const qsizetype at = indexOf(uid);
    if (at < 0)
        return std::nullopt;
    return m_flags[size_t(at)];
}

void MailboxIndex::releaseUnheld(const std::vector<quint32> &uids)
{
    if (!m_release || uids.empty())
        return;
    QList<quint32> unheld;
    for (quint32 uid : uids) {
        const bool held = std::any_of(m_views.cbegin(), m_views.cend(),
                                      [uid](const MailboxView *view) { return view->holdsExpunged(uid); });
        if (!held)
            unheld.append(uid);
    }
    if (!unheld.isEmpty())
        m_release(unheld);
}

void MailboxIndex::attach(MailboxView *view)
{
    m_views.append(view);
}

void MailboxIndex::detach(MailboxView *view)
{
    m_views.removeOne(view);
}

} // namespace qimapd
