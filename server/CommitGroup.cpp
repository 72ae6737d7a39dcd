#include "CommitGroup.h"
#include "MailStore.h"

#include <QTimer>

namespace qimapd {

CommitGroup::~CommitGroup()
{
    flush();
}

StoreStatus CommitGroup::begin()
{
    if (m_open)
        return {};
    StoreStatus status = m_store.beginBatch();
    if (!status)
        return status;
    m_open = true;
    if (!m_scheduled) {
        m_scheduled = true;
        // A zero timer runs after the events already queued: the commands of this loop
        // iteration get to join.
        QTimer::singleShot(0, this, &CommitGroup::flush);
    }
    return {};
}

void CommitGroup::whenCommitted(QObject *context, std::function<void(const StoreStatus &)> done)
{
    if (!m_open) {
        done({});
        return;
    }
    m_waiters.append({QPointer<QObject>(context), std::move(done)});
}

void CommitGroup::flush()
{
    m_scheduled = false;
    if (!m_open)
        return;
    m_open = false;
    StoreStatus status = m_store.commitBatch();
    if (!status)
        m_store.rollbackBatch();
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &waiter : waiters) {
        if (waiter.context)
            waiter.done(status);
    }
}

} // namespace qimapd
