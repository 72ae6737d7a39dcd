#include "FetchStreamScenario.h"

#include <QRegularExpression>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace loadgen {

void FetchStreamScenario::start()
{
    m_messages = qint64(m_options.number(u"messages"_s, 4));
    openSession(1, [this](ImapConnection *connection) {
        if (!connection)
            return finish();
        prepare(connection);
    });
}

void FetchStreamScenario::prepare(ImapConnection *connection)
{
    const QByteArray box = mailbox(u"bench-stream"_s);
    connection->command("CREATE " + box, [this, connection, box](const Reply &) {
        connection->command("STATUS " + box + " (MESSAGES)", [this, connection, box](const Reply &reply) {
            if (!record(u"STATUS"_s, reply))
                return finish();
            static const QRegularExpression messages(u"MESSAGES (\\d+)"_s);
            qint64 missing = m_messages - messages.match(QString::fromUtf8(reply.lines.value(0))).captured(1).toLongLong();
            if (missing <= 0) {
                connection->close();
                connection->deleteLater();
                return stream();
            }
            auto left = std::make_shared<qint64>(missing);
            const qint64 size = qint64(m_options.number(u"message-size"_s, 4000000));
            for (qint64 i = 0; i < missing; ++i)
                connection->append(box, "\\Seen", message(size), [this, connection, left](const Reply &reply) {
                    if (!record(u"APPEND (fill)"_s, reply))
                        return finish();
                    if (--*left == 0) {
                        connection->close();
                        connection->deleteLater();
                        stream();
                    }
                });
        }, true);
    });
}

void FetchStreamScenario::stream()
{
    openSessions(m_options.clients, m_options.clients,
                 [this](ImapConnection *connection, int, std::function<void()> ready) {
                     connection->command("EXAMINE " + mailbox(u"bench-stream"_s), [this, ready](const Reply &reply) {
                         record(u"EXAMINE"_s, reply);
                         ready();
                     });
                 },
                 [this] {
                     m_start = m_clock.nsecsElapsed();
                     for (ImapConnection *connection : std::as_const(m_sessions)) {
                         if (!connection)
                             continue;
                         ++m_running;
                         fetchNext(connection);
                     }
                     if (m_running == 0)
                         return finish();
                     QTimer::singleShot(int(m_options.durationSeconds * 1000), this, [this] { m_stopping = true; });
                 },
                 true);
}

void FetchStreamScenario::fetchNext(ImapConnection *connection)
{
    if (m_stopping) {
        if (--m_running == 0)
            stopped();
        return;
    }
    const qint64 n = qint64(m_random() % quint64(m_messages)) + 1;
    connection->command("FETCH " + QByteArray::number(n) + " BODY.PEEK[]", [this, connection](const Reply &reply) {
        if (record(u"FETCH BODY[]"_s, reply))
            m_bytes += reply.literalBytes;
        if (reply.status == Reply::Status::Failed) {
            if (--m_running == 0)
                stopped();
            return;
        }
        fetchNext(connection);
    });
}

void FetchStreamScenario::stopped()
{
    const double seconds = double(m_clock.nsecsElapsed() - m_start) / 1e9;
    m_report.setFigure(u"fetch-stream BODY[] MB/s"_s, double(m_bytes) / 1e6 / seconds, u"MB/s"_s, true);
    finish();
}

} // namespace loadgen
