// Times the DESIGN.md budgets that a client sees: SELECT of a 100,000-message mailbox (cold:
// first SELECT after start; warm: the shared index already loaded) and
// `UID FETCH 1:* (UID FLAGS)` on it, plus FETCH 1:* (FLAGS) and STATUS. The mailbox is filled
// through the store API, then the real qimapd binary serves it in its own process and a
// blocking client on loopback measures wall time until the tagged reply. Prints numbers; no
// pass/fail.
//
//   bench_protocol [--messages N] [--rounds R] [--qimapd PATH]

#include "Database.h"
#include "SqliteStore.h"
#include "UserDatabase.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace qimapd;
using namespace Qt::StringLiterals;

namespace {

bool fill(const QString &dataDir, int messages)
{
    Database database;
    if (!database.open(dataDir)) {
        std::fprintf(stderr, "cannot open the database\n");
        return false;
    }
    UserDatabase users(database);
    users.addUser(u"bench"_s, "bench");
    SqliteStore store(database);
    const StoreResult<qint64> account = store.openAccount(u"bench"_s);
    const StoreResult<MailboxInfo> inbox = store.mailbox(*account, u"INBOX"_s);
    const QByteArray body = "From: a@example.com\r\nTo: b@example.com\r\nSubject: benchmark\r\n\r\nhello\r\n";
    for (int done = 0; done < messages;) {
        QList<AppendRequest> batch;
        for (int i = 0; i < 10000 && done < messages; ++i, ++done)
            batch.append({body, {done % 3 == 0 ? Flag::Seen : 0, {}}, QDateTime::currentDateTimeUtc()});
        if (!store.append(*account, inbox->id, batch)) {
            std::fprintf(stderr, "append failed\n");
            return false;
        }
    }
    return true;
}

class Client
{
public:
    bool connect(quint16 port)
    {
        m_socket.connectToHost(u"127.0.0.1"_s, port);
        return m_socket.waitForConnected(5000) && !readUntil("*").isEmpty();
    }
    // Sends a command and returns the bytes up to and including the tagged reply line.
    QByteArray command(const QByteArray &text)
    {
        const QByteArray tag = "b" + QByteArray::number(++m_tag);
        m_socket.write(tag + ' ' + text + "\r\n");
        return readUntil(tag);
    }
    double timed(const QByteArray &text, QByteArray *reply = nullptr)
    {
        QElapsedTimer timer;
        timer.start();
        const QByteArray out = command(text);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (reply)
            *reply = out;
        return ms;
    }

private:
    QByteArray readUntil(const QByteArray &tag)
    {
        const QByteArray marker = "\r\n" + tag + ' ';
        for (;;) {
            const qsizetype at = tag == "*" ? m_buffer.indexOf("\r\n") : m_buffer.indexOf(marker);
            if (at >= 0 || (m_buffer.startsWith(QByteArray(tag + ' ')) && tag != "*")) {
                const qsizetype lineStart = at >= 0 ? (tag == "*" ? 0 : at + 2) : 0;
                const qsizetype end = m_buffer.indexOf("\r\n", lineStart);
                if (end >= 0) {
                    const QByteArray out = m_buffer.left(end + 2);
                    m_buffer.remove(0, end + 2);
                    return out;
                }
            }
            if (!m_socket.waitForReadyRead(60000))
                return {};
            m_buffer += m_socket.readAll();
        }
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    int m_tag = 0;
};

struct Stats
{
    QList<double> samples;
    double best() const { return *std::min_element(samples.begin(), samples.end()); }
    double median() const
    {
        QList<double> sorted = samples;
        std::sort(sorted.begin(), sorted.end());
        return sorted.at(sorted.size() / 2);
    }
};

void report(const char *what, const Stats &stats, const char *budget)
{
    std::printf("%-40s best %8.1f ms   median %8.1f ms   (budget %s)\n", what, stats.best(), stats.median(), budget);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({u"messages"_s, u"Messages in the mailbox."_s, u"N"_s, u"100000"_s});
    parser.addOption({u"rounds"_s, u"Repetitions of each measurement."_s, u"R"_s, u"5"_s});
    parser.addOption({u"qimapd"_s, u"The server binary."_s, u"PATH"_s,
                      QDir(QCoreApplication::applicationDirPath()).filePath(u"qimapd"_s)});
    parser.addHelpOption();
    parser.process(app);
    const int messages = parser.value(u"messages"_s).toInt();
    const int rounds = std::max(1, parser.value(u"rounds"_s).toInt());

    QTemporaryDir dir;
    const QString certs = dir.filePath(u"certs"_s);
    QDir().mkpath(certs);
    QProcess openssl;
    openssl.start(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                 u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                                 u"/CN=localhost"_s, u"-keyout"_s, certs + u"/key.pem"_s, u"-out"_s,
                                 certs + u"/cert.pem"_s});
    openssl.waitForFinished();

    QElapsedTimer fillTimer;
    fillTimer.start();
    if (!fill(dir.filePath(u"data"_s), messages))
        return 1;
    std::printf("filled %d messages in %.1f s\n", messages, double(fillTimer.elapsed()) / 1000);

    Stats coldSelect, warmSelect, uidFetch, fetchFlags, status;
    for (int round = 0; round < rounds; ++round) {
        QProcess server;
        server.setProcessChannelMode(QProcess::SeparateChannels);
        server.start(parser.value(u"qimapd"_s),
                     {u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--cert"_s, certs + u"/cert.pem"_s,
                      u"--key"_s, certs + u"/key.pem"_s, u"--data-dir"_s, dir.filePath(u"data"_s),
                      u"--allow-insecure-auth"_s, u"--no-gui"_s});
        QByteArray err;
        quint16 port = 0;
        static const QRegularExpression listening(u"listening on \\S+ port (\\d+)"_s);
        server.waitForStarted();
        for (int i = 0; i < 200 && port == 0 && server.state() == QProcess::Running; ++i) {
            server.waitForReadyRead(50);
            err += server.readAllStandardError();
            const QRegularExpressionMatch match = listening.match(QString::fromUtf8(err));
            if (match.hasMatch() && err.contains(" serving "))
                port = match.captured(1).toUShort();
        }
        if (port == 0) {
            std::fprintf(stderr, "server did not start: %s\n", err.constData());
            return 1;
        }
        Client client;
        if (!client.connect(port) || !client.command("LOGIN bench bench").contains(" OK ")) {
            std::fprintf(stderr, "cannot log in\n");
            return 1;
        }
        QByteArray reply;
        coldSelect.samples.append(client.timed("SELECT INBOX", &reply));
        if (!reply.contains(QByteArray(QByteArray::number(messages) + " EXISTS"))) {
            std::fprintf(stderr, "unexpected SELECT reply: %s\n", reply.left(300).constData());
            return 1;
        }
        warmSelect.samples.append(client.timed("SELECT INBOX"));
        uidFetch.samples.append(client.timed("UID FETCH 1:* (UID FLAGS)", &reply));
        if (reply.count("FETCH (") != messages) {
            std::fprintf(stderr, "UID FETCH returned %lld responses\n", qlonglong(reply.count("FETCH (")));
            return 1;
        }
        fetchFlags.samples.append(client.timed("FETCH 1:* (FLAGS)"));
        status.samples.append(client.timed("STATUS INBOX (MESSAGES UNSEEN RECENT UIDNEXT)"));
        client.command("LOGOUT");
        server.terminate();
        server.waitForFinished(5000);
    }
    std::printf("\n%d messages, %d rounds, loopback, no TLS\n", messages, rounds);
    report("SELECT (cold: first after start)", coldSelect, "50 ms");
    report("SELECT (warm: index loaded)", warmSelect, "50 ms");
    report("UID FETCH 1:* (UID FLAGS)", uidFetch, "150 ms");
    report("FETCH 1:* (FLAGS)", fetchFlags, "-");
    report("STATUS INBOX", status, "-");
    return 0;
}
