#include "Scenario.h"
#include "AppendScenario.h"
#include "ConnectionsScenario.h"
#include "FetchStreamScenario.h"
#include "IdleFanoutScenario.h"
#include "LargeMailboxScenario.h"
#include "MixedScenario.h"

#include <QDateTime>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace loadgen {

Scenario::Scenario(const LoadOptions &options, Report &report)
    : m_options(options)
    , m_report(report)
    , m_random(options.seed)
{
    m_clock.start();
}

Scenario::~Scenario() = default;

Scenario *Scenario::create(const LoadOptions &options, Report &report)
{
    const QString &name = options.scenario;
    if (name == u"mixed"_s)
        return new MixedScenario(options, report);
    if (name == u"large-mailbox"_s)
        return new LargeMailboxScenario(options, report);
    if (name == u"idle-fanout"_s)
        return new IdleFanoutScenario(options, report);
    if (name == u"connections"_s)
        return new ConnectionsScenario(options, report);
    if (name == u"append"_s)
        return new AppendScenario(options, report);
    if (name == u"fetch-stream"_s)
        return new FetchStreamScenario(options, report);
    return nullptr;
}

void Scenario::openSession(int userIndex, SessionReady ready)
{
    auto *connection = new ImapConnection(m_options.target, this);
    QElapsedTimer timer;
    timer.start();
    // Exactly one of ready/failed reaches the caller.
    auto once = std::make_shared<SessionReady>(std::move(ready));
    connect(connection, &ImapConnection::failed, this, [this, connection, once](const QString &why) {
        m_report.countError(why);
        connection->deleteLater();
        if (*once)
            std::exchange(*once, {})(nullptr);
    });
    connect(connection, &ImapConnection::ready, this, [this, connection, once, userIndex, timer] {
        connection->login(m_options.target.user(userIndex), m_options.target.password,
                          [this, connection, once, timer](const Reply &reply) {
                              if (reply.status == Reply::Status::Failed)
                                  return; // failed() has been emitted
                              m_report.countCommand();
                              if (!reply.ok()) {
                                  m_report.countError(u"LOGIN: "_s + QString::fromUtf8(reply.taggedLine));
                                  connection->close();
                                  connection->deleteLater();
                                  if (*once)
                                      std::exchange(*once, {})(nullptr);
                                  return;
                              }
                              m_report.latency(u"connect+login"_s).addNs(timer.nsecsElapsed());
                              if (*once)
                                  std::exchange(*once, {})(connection);
                          });
    });
    connection->open();
}

void Scenario::openSessions(int count, int inFlight, SessionSetup setup, std::function<void()> allReady,
                            bool sameUser)
{
    m_sameUser = sameUser;
    m_toOpen = count;
    m_opening = 0;
    m_opened = 0;
    m_started = 0;
    m_inFlight = std::max(1, inFlight);
    m_setup = std::move(setup);
    m_allReady = std::move(allReady);
    if (count == 0) {
        QTimer::singleShot(0, this, [this] { m_allReady(); });
        return;
    }
    openNext();
}

void Scenario::openNext()
{
    while (m_opening < m_inFlight && m_toOpen > 0) {
        const int index = m_started++;
        --m_toOpen;
        ++m_opening;
        openSession(m_sameUser ? 1 : userFor(index), [this, index](ImapConnection *connection) {
            auto settled = [this] {
                --m_opening;
                ++m_opened;
                if (m_toOpen == 0 && m_opening == 0)
                    m_allReady();
                else
                    openNext();
            };
            if (!connection) {
                m_sessions.append(nullptr);
                settled();
                return;
            }
            m_sessions.append(connection);
            m_setup(connection, index, settled);
        });
    }
}

bool Scenario::record(const QString &name, const Reply &reply)
{
    m_report.countCommand();
    if (!reply.ok()) {
        m_report.countError(name + u": "_s + QString::fromUtf8(reply.taggedLine.left(160)));
        return false;
    }
    m_report.latency(name).addNs(reply.elapsedNs);
    return true;
}

// A plain-text message of about `size` bytes, different every time (a server that
// deduplicates bodies must not get an easy ride).
QByteArray Scenario::message(qint64 size)
{
    const quint64 serial = ++m_messageSerial;
    QByteArray out = "From: Load Generator <loadgen@example.com>\r\n"
                     "To: user@example.com\r\n"
                     "Subject: load message "
                     + QByteArray::number(serial) + "\r\nDate: "
                     + QDateTime::currentDateTimeUtc().toString(Qt::RFC2822Date).toLatin1()
                     + "\r\nMessage-ID: <" + QByteArray::number(serial) + '.' + QByteArray::number(m_random())
                     + "@loadgen>\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n";
    static const char words[] = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ";
    out.reserve(size + 80);
    while (out.size() < size) {
        const int offset = int(m_random() % 40);
        out.append(words + offset, 36);
        out.append(QByteArray::number(quint32(m_random())));
        out.append("\r\n");
    }
    return out;
}

void Scenario::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_report.setElapsed(double(m_clock.nsecsElapsed()) / 1e9);
    for (ImapConnection *connection : std::as_const(m_sessions))
        if (connection)
            connection->close();
    Q_EMIT finished();
}

} // namespace loadgen
