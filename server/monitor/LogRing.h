#pragma once

#include "Monitor.h"

#include <QList>
#include <QMutex>
#include <QObject>

#include <atomic>

namespace qimapd {

// The server's recent log lines (the qimapd.* categories) for the dashboard's log view and the
// admin socket: a bounded ring, so a chatty debug log costs a fixed amount of memory. Lines
// may come from any thread (the password-hashing pool logs too); append() is thread-safe and
// cheap, and entriesAppended() is emitted later on the ring's own thread, once per batch.
//
// Logging.cpp feeds it from the process's message handler (installLogCapture()); nothing
// reaches the log that must not (passwords and AUTHENTICATE data never do, DESIGN.md).
class LogRing : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype DefaultCapacity = 2000;

    explicit LogRing(qsizetype capacity = DefaultCapacity, QObject *parent = nullptr);

    qsizetype capacity() const { return m_capacity; }
    void append(const LogEntry &entry);
    // Oldest first.
    QList<LogEntry> entries() const;
    // Every entry appended after the one numbered `sequence` (entries are numbered from 1 in
    // the order appended) that is still in the ring; `*last` gets the newest number.
    QList<LogEntry> entriesAfter(quint64 sequence, quint64 *last) const;
    quint64 lastSequence() const;

Q_SIGNALS:
    // New entries arrived since the last emission (read them with entriesAfter()).
    void entriesAppended();

private:
    void notify();

    const qsizetype m_capacity;
    mutable QMutex m_mutex;
    QList<LogEntry> m_ring; // circular once full
    qsizetype m_head = 0;   // index of the oldest entry once full
    quint64 m_sequence = 0; // number of the newest entry
    std::atomic_bool m_notifyPending = false;
};

} // namespace qimapd
