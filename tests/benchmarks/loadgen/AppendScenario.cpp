#include "AppendScenario.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace loadgen {

void AppendScenario::start()
{
    phase(1);
}

void AppendScenario::phase(int clients)
{
    m_phaseClients = clients;
    m_appended = 0;
    m_bytes = 0;
    m_stopping = false;
    m_running = 0;
    m_latencyName = u"APPEND (%1 client%2)"_s.arg(clients).arg(clients == 1 ? u""_s : u"s"_s);
    openSessions(clients, clients,
                 [this](ImapConnection *connection, int, std::function<void()> ready) {
                     // CREATE answers NO when the mailbox exists: fine, not counted.
                     connection->command("CREATE " + mailbox(u"bench-append"_s), [ready](const Reply &) { ready(); });
                 },
                 [this] {
                     m_phaseStart = m_clock.nsecsElapsed();
                     for (ImapConnection *connection : std::as_const(m_sessions)) {
                         if (!connection)
                             continue;
                         ++m_running;
                         appendNext(connection);
                     }
                     if (m_running == 0)
                         return finish();
                     QTimer::singleShot(int(m_options.durationSeconds * 1000), this, [this] { m_stopping = true; });
                 });
}

void AppendScenario::appendNext(ImapConnection *connection)
{
    if (m_stopping) {
        if (--m_running == 0)
            phaseDone();
        return;
    }
    const QByteArray body = message(qint64(m_options.number(u"message-size"_s, 2000)));
    connection->append(mailbox(u"bench-append"_s), {}, body, [this, connection, size = body.size()](const Reply &reply) {
        if (record(m_latencyName, reply)) {
            ++m_appended;
            m_bytes += size;
        }
        if (reply.status == Reply::Status::Failed) {
            if (--m_running == 0)
                phaseDone();
            return;
        }
        appendNext(connection);
    });
}

void AppendScenario::phaseDone()
{
    const double seconds = double(m_clock.nsecsElapsed() - m_phaseStart) / 1e9;
    const QString who = m_phaseClients == 1 ? u"1 client"_s : u"%1 clients"_s.arg(m_phaseClients);
    m_report.setFigure(u"APPEND messages/s, "_s + who, double(m_appended) / seconds, u"1/s"_s, true);
    m_report.setFigure(u"APPEND p50, "_s + who, m_report.latency(m_latencyName).percentile(0.5), u"ms"_s, false);
    for (ImapConnection *connection : std::as_const(m_sessions))
        if (connection) {
            connection->close();
            connection->deleteLater();
        }
    m_sessions.clear();
    if (m_phaseClients == 1 && m_options.clients > 1)
        phase(m_options.clients);
    else
        finish();
}

} // namespace loadgen
