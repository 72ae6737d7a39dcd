#include "ConnectionsScenario.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace loadgen {

void ConnectionsScenario::start()
{
    const int count = int(m_options.number(u"connections"_s, 10000));
    m_before = ProcessMemory::read(m_options.serverPid);
    QElapsedTimer *timer = new QElapsedTimer;
    timer->start();
    openSessions(count, int(m_options.number(u"opening"_s, 64)),
                 [](ImapConnection *, int, std::function<void()> ready) { ready(); },
                 [this, timer] {
                     m_openSeconds = double(timer->nsecsElapsed()) / 1e9;
                     delete timer;
                     QTimer::singleShot(int(m_options.number(u"hold"_s, 3) * 1000), this, [this] { measure(); });
                 });
}

void ConnectionsScenario::measure()
{
    qint64 live = 0;
    for (ImapConnection *connection : std::as_const(m_sessions))
        if (connection && connection->isOpen())
            ++live;
    m_report.setFigure(u"connections open"_s, double(live), u"connections"_s, true);
    m_report.setFigure(u"connections opened/s"_s, double(m_sessions.size()) / m_openSeconds, u"1/s"_s, true);
    if (m_options.serverPid > 0) {
        const ProcessMemory after = ProcessMemory::read(m_options.serverPid);
        if (after.rssKiB == 0) {
            m_report.countError(tr("cannot read the memory of process %1").arg(m_options.serverPid));
        } else if (live > 0) {
            m_report.setFigure(u"server RSS per connection"_s, double(after.rssKiB - m_before.rssKiB) / double(live),
                               u"KiB"_s, false);
            m_report.setFigure(u"server PSS per connection"_s, double(after.pssKiB - m_before.pssKiB) / double(live),
                               u"KiB"_s, false);
            m_report.addNote(tr("server: %1 -> %2 processes, RSS %3 -> %4 KiB, PSS %5 -> %6 KiB")
                                 .arg(m_before.processes)
                                 .arg(after.processes)
                                 .arg(m_before.rssKiB)
                                 .arg(after.rssKiB)
                                 .arg(m_before.pssKiB)
                                 .arg(after.pssKiB));
        }
    }
    finish();
}

} // namespace loadgen
