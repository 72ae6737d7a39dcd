// IDLE push latency (DESIGN.md budget: APPEND in one session -> EXISTS in 1,000 idling
// sessions, p99 <= 100 ms on loopback). Starts the real qimapd on a fresh data directory, opens
// N sessions that SELECT INBOX and IDLE, then a separate session APPENDs R times; for each
// append it records, per idler, the time from sending the APPEND to reading its EXISTS.
// Prints percentiles; no pass/fail.
//
//   bench_idle [--sessions N] [--rounds R] [--qimapd PATH]

#include "Database.h"
#include "UserDatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <sys/resource.h>

using namespace qimapd;
using namespace Qt::StringLiterals;

namespace {

// One idling client driven by the event loop: LOGIN, SELECT, IDLE, then waits for EXISTS.
class Idler : public QObject
{
public:
    explicit Idler(quint16 port)
    {
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] { onData(); });
        m_socket.connectToHost(u"127.0.0.1"_s, port);
        m_socket.write("l LOGIN bench bench\r\ns SELECT INBOX\r\ni IDLE\r\n");
    }
    bool isIdling() const { return m_idling; }
    // The time EXISTS n arrived, or -1.
    qint64 arrival(quint32 exists) const { return m_arrivals.value(exists, -1); }
    void setClock(const QElapsedTimer *clock) { m_clock = clock; }

private:
    void onData()
    {
        m_buffer += m_socket.readAll();
        qsizetype end;
        while ((end = m_buffer.indexOf("\r\n")) >= 0) {
            const QByteArray line = m_buffer.left(end);
            m_buffer.remove(0, end + 2);
            if (line.startsWith("+ "))
                m_idling = true;
            else if (m_idling && line.startsWith("* ") && line.endsWith(" EXISTS") && m_clock)
                m_arrivals.insert(line.mid(2, line.size() - 9).toUInt(), m_clock->nsecsElapsed());
        }
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    bool m_idling = false;
    const QElapsedTimer *m_clock = nullptr;
    QHash<quint32, qint64> m_arrivals;
};

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({u"sessions"_s, u"Idling sessions."_s, u"N"_s, u"1000"_s});
    parser.addOption({u"rounds"_s, u"Appends to time."_s, u"R"_s, u"20"_s});
    parser.addOption({u"qimapd"_s, u"The server binary."_s, u"PATH"_s,
                      QDir(QCoreApplication::applicationDirPath()).filePath(u"qimapd"_s)});
    parser.addHelpOption();
    parser.process(app);
    const int sessions = parser.value(u"sessions"_s).toInt();
    const int rounds = parser.value(u"rounds"_s).toInt();

    // Two descriptors per session on this side and the server's: raise our soft limit.
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);

    QTemporaryDir dir;
    const QString certs = dir.filePath(u"certs"_s);
    QDir().mkpath(certs);
    QProcess openssl;
    openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                 u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                                 u"/CN=localhost"_s, u"-keyout"_s, certs + u"/key.pem"_s, u"-out"_s,
                                 certs + u"/cert.pem"_s});
    openssl.waitForFinished();
    {
        Database database;
        database.open(dir.filePath(u"data"_s));
        UserDatabase(database).addUser(u"bench"_s, "bench");
    }

    QProcess server;
    // The server raises nothing itself: give it the same limit through a shell.
    server.start(u"/bin/sh"_s, {u"-c"_s, u"ulimit -n %1; exec \"$0\" \"$@\""_s.arg(limit.rlim_max),
                                parser.value(u"qimapd"_s), u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s,
                                u"--cert"_s, certs + u"/cert.pem"_s, u"--key"_s, certs + u"/key.pem"_s,
                                u"--data-dir"_s, dir.filePath(u"data"_s), u"--allow-insecure-auth"_s, u"--no-gui"_s,
                                u"--log-level"_s, u"info"_s});
    QByteArray err;
    quint16 port = 0;
    static const QRegularExpression listening(u"listening on \\S+ port (\\d+)"_s);
    waitFor([&] {
        err += server.readAllStandardError();
        const QRegularExpressionMatch match = listening.match(QString::fromUtf8(err));
        if (match.hasMatch() && err.contains(" serving "))
            port = match.captured(1).toUShort();
        return port != 0 || server.state() == QProcess::NotRunning;
    }, 20000);
    if (port == 0) {
        std::fprintf(stderr, "server did not start: %s\n", err.constData());
        return 1;
    }

    QElapsedTimer clock;
    clock.start();
    std::vector<std::unique_ptr<Idler>> idlers;
    for (int i = 0; i < sessions; ++i) {
        idlers.push_back(std::make_unique<Idler>(port));
        idlers.back()->setClock(&clock);
        if (i % 100 == 99) // don't overrun the listen queue
            waitFor([&] { return idlers.back()->isIdling(); }, 60000);
    }
    if (!waitFor([&] { return std::all_of(idlers.begin(), idlers.end(), [](const auto &c) { return c->isIdling(); }); }, 120000)) {
        std::fprintf(stderr, "not every session reached IDLE\n");
        return 1;
    }
    std::printf("%d sessions idling (set up in %.1f s)\n", sessions, double(clock.elapsed()) / 1000);

    QTcpSocket appender;
    appender.connectToHost(u"127.0.0.1"_s, port);
    appender.write("l LOGIN bench bench\r\n");
    QByteArray appenderBuffer;
    auto appenderSaw = [&](const QByteArray &tagged) {
        return waitFor([&] {
            appenderBuffer += appender.readAll();
            return appenderBuffer.contains(tagged);
        }, 30000);
    };
    appenderSaw("l OK");

    QList<double> latencies;
    for (int round = 1; round <= rounds; ++round) {
        const qint64 sent = clock.nsecsElapsed();
        appender.write("a" + QByteArray::number(round) + " APPEND INBOX {12+}\r\nSubject: x\r\n\r\n");
        const quint32 exists = quint32(round);
        waitFor([&] { return std::all_of(idlers.begin(), idlers.end(), [&](const auto &c) { return c->arrival(exists) >= 0; }); }, 30000);
        for (const auto &idler : idlers) {
            const qint64 at = idler->arrival(exists);
            if (at >= 0)
                latencies.append(double(at - sent) / 1e6);
        }
    }
    std::sort(latencies.begin(), latencies.end());
    auto percentile = [&](double p) { return latencies.at(std::min<qsizetype>(latencies.size() - 1, qsizetype(p * latencies.size()))); };
    std::printf("APPEND -> EXISTS in %d idling sessions, %d appends, %lld pushes seen (of %d)\n", sessions, rounds,
                qlonglong(latencies.size()), sessions * rounds);
    std::printf("p50 %.1f ms   p90 %.1f ms   p99 %.1f ms   max %.1f ms   (budget p99 100 ms)\n", percentile(0.5),
                percentile(0.9), percentile(0.99), latencies.last());
    server.terminate();
    server.waitForFinished(10000);
    return 0;
}
