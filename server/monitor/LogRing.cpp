#include "LogRing.h"

#include <QMetaObject>

namespace qimapd {

LogRing::LogRing(qsizetype capacity, QObject *parent) : QObject(parent), m_capacity(qMax<qsizetype>(1, capacity))
{
}

void LogRing::append(const LogEntry &entry)
{
    {
        const QMutexLocker lock(&m_mutex);
        if (m_ring.size() < m_capacity) {
            m_ring.append(entry);
        } else {
            m_ring[m_head] = entry;
            m_head = (m_head + 1) % m_capacity;
        }
        ++m_sequence;
    }
    // One queued notification per batch: a burst of debug lines costs one event, and the
    // message handler never emits signals itself (it may run on any thread, inside any code).
    if (!m_notifyPending.exchange(true))
        QMetaObject::invokeMethod(this, &LogRing::notify, Qt::QueuedConnection);
}

void LogRing::notify()
{
    m_notifyPending = false;
    Q_EMIT entriesAppended();
}

QList<LogEntry> LogRing::entries() const
{
    quint64 last = 0;
    return entriesAfter(0, &last);
}

QList<LogEntry> LogRing::entriesAfter(quint64 sequence, quint64 *last) const
{
    const QMutexLocker lock(&m_mutex);
    *last = m_sequence;
    const quint64 available = quint64(m_ring.size());
    const quint64 wanted = m_sequence > sequence ? qMin(m_sequence - sequence, available) : 0;
    QList<LogEntry> out;
    out.reserve(qsizetype(wanted));
    // The oldest entry is at m_head; the wanted ones are the last `wanted` in ring order.
    for (quint64 i = available - wanted; i < available; ++i)
        out.append(m_ring.at(qsizetype((quint64(m_head) + i) % available)));
    return out;
}

quint64 LogRing::lastSequence() const
{
    const QMutexLocker lock(&m_mutex);
    return m_sequence;
}

} // namespace qimapd
