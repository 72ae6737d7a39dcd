#include "AdminSocketReplies.h"
#include "ImapTestClient.h"
#include "QimapdProcess.h"
#include "TestCertificate.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QSslCipher>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <grp.h>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace qimapd::test;

// `qimapd sessions` and `qimapd kick` against a real `qimapd --no-gui` process with real IMAP
// clients (README.md, "Running it"): every field of `sessions --json` checked against what
// the clients did, the text table, kicking one session, the admin socket's permissions, bad
// input on it, and the errors and exit codes of the commands.

namespace {

// The commands as an administrator types them: no --no-gui (QimapdProcess.h).
QimapdRun runCommand(const QStringList &arguments, const QByteArray &input = {})
{
    return runQimapdAsGiven(arguments, QimapdProcess::cleanEnvironment(), input);
}

bool isOneLine(const QByteArray &text)
{
    return text.endsWith('\n') && text.count('\n') == 1;
}

} // namespace

class TstAdmin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(QimapdProcess::binary()).isExecutable(), "QIMAPD_BIN is not set (ctest sets it)");
        QVERIFY2(TestCertificate::instance().isValid(), qPrintable(TestCertificate::instance().error()));
        QVERIFY(m_dir.isValid());
        m_dataDir = m_dir.filePath(u"data"_s);
        for (const auto &[user, password] : {std::pair{u"alice"_s, QByteArray("secret")}, std::pair{u"bob"_s, QByteArray("hunter2")}}) {
            const QimapdRun added = runCommand({u"user"_s, u"add"_s, user, u"--data-dir"_s, m_dataDir}, password + '\n');
            QVERIFY2(added.exitCode == 0, added.err.constData());
        }
        QVERIFY(startServer());
    }
    void cleanupTestCase() { stopServer(); }

    // The acceptance scenario: one client selected with a pending expunge made by another
    // session, one that sent ID and examined a mailbox, one over TLS; `qimapd sessions --json`
    // shows each exactly as the client left it.
    void sessionsJson()
    {
        QElapsedTimer sinceStart;
        sinceStart.start();
        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        ImapTestClient a, b, c, d;
        QByteArray aSent;
        QByteArray aReceived;
        QVERIFY(a.connectTo(m_port));
        aReceived += a.greeting() + "\r\n";
        auto aCommand = [&](const QByteArray &tag, const QByteArray &command) {
            aSent += tag + ' ' + command + "\r\n";
            const QByteArrayList responses = a.command(tag, command);
            for (const QByteArray &line : responses)
                aReceived += line + "\r\n";
            return responses;
        };
        QVERIFY(aCommand("a1", "LOGIN alice secret").last().startsWith("a1 OK"));
        QVERIFY(b.connectTo(m_port));
        QVERIFY(b.login("alice", "secret"));
        for (int i = 0; i < 3; ++i)
            QVERIFY(b.command("p", "APPEND INBOX {7+}\r\nmessage").last().startsWith("p OK"));
        QVERIFY(aCommand("a2", "SELECT INBOX").last().startsWith("a2 OK [READ-WRITE]"));
        QVERIFY(b.command("s", "SELECT INBOX").last().startsWith("s OK"));
        QVERIFY(b.command("d", "STORE 2 +FLAGS.SILENT (\\Deleted)").last().startsWith("d OK"));
        QVERIFY(b.command("e", "EXPUNGE").last().startsWith("e OK"));
        QVERIFY(c.connectTo(m_port));
        QCOMPARE(c.command("i", "ID (\"name\" \"admin-test\" \"version\" \"1.2\")").last(), "i OK ID completed");
        QVERIFY(c.login("bob", "hunter2"));
        QVERIFY(c.command("x", "EXAMINE INBOX").last().startsWith("x OK [READ-ONLY]"));
        QVERIFY(d.connectTo(m_sslPort, ImapTestClient::Mode::ImplicitTls));
        QVERIFY(d.login("bob", "hunter2"));
        const qint64 aQuietSince = sinceStart.elapsed();

        const QimapdRun listed = runCommand({u"sessions"_s, u"--json"_s, u"--data-dir"_s, m_dataDir});
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        const qint64 aQuietUntil = sinceStart.elapsed();
        QJsonParseError parseError;
        const QJsonArray sessions = QJsonDocument::fromJson(listed.out, &parseError).array();
        QVERIFY2(parseError.error == QJsonParseError::NoError, listed.out.constData());
        QCOMPARE(sessions.size(), 4);
        const QJsonObject sa = find(sessions, a), sb = find(sessions, b), sc = find(sessions, c), sd = find(sessions, d);
        QVERIFY(!sa.isEmpty() && !sb.isEmpty() && !sc.isEmpty() && !sd.isEmpty());

        // a: every field.
        QVERIFY(sa.value(u"id"_s).toInteger() > 0);
        QCOMPARE(sa.value(u"peerAddress"_s).toString(), u"127.0.0.1"_s);
        QCOMPARE(sa.value(u"peerPort"_s).toInt(), int(a.socket().localPort()));
        QCOMPARE(sa.value(u"tls"_s).toString(), QString());
        QCOMPARE(sa.value(u"user"_s).toString(), u"alice"_s);
        QCOMPARE(sa.value(u"state"_s).toString(), u"selected"_s);
        QCOMPARE(sa.value(u"mailbox"_s).toString(), u"INBOX"_s);
        QCOMPARE(sa.value(u"readOnly"_s).toBool(), false);
        QCOMPARE(sa.value(u"pendingExpunges"_s).toArray(), QJsonArray{2}); // not told yet
        const QDateTime connectedAt = QDateTime::fromString(sa.value(u"connectedAt"_s).toString(), Qt::ISODateWithMs);
        QVERIFY(connectedAt.isValid() && connectedAt >= before && connectedAt <= QDateTime::currentDateTimeUtc());
        QVERIFY(sa.value(u"connectedAt"_s).toString().endsWith(u'Z'));
        const qint64 idle = sa.value(u"idleMs"_s).toInteger();
        QVERIFY2(idle >= 0 && idle <= aQuietUntil - aQuietSince + 2000, qPrintable(QString::number(idle)));
        QCOMPARE(sa.value(u"currentCommand"_s).toString(), QString());
        QCOMPARE(sa.value(u"commands"_s).toInteger(), 2);
        QCOMPARE(sa.value(u"bytesIn"_s).toInteger(), aSent.size());
        QCOMPARE(sa.value(u"bytesOut"_s).toInteger(), aReceived.size());
        QCOMPARE(sa.value(u"clientName"_s).toString(), QString());
        QCOMPARE(sa.value(u"clientVersion"_s).toString(), QString());
        const QJsonArray history = sa.value(u"recentCommands"_s).toArray();
        QCOMPARE(history.size(), 2);
        QCOMPARE(history.at(0).toObject().value(u"text"_s).toString(), u"a1 LOGIN alice ***"_s); // redacted
        QCOMPARE(history.at(0).toObject().value(u"result"_s).toString(), u"OK"_s);
        QCOMPARE(history.at(1).toObject().value(u"text"_s).toString(), u"a2 SELECT INBOX"_s);
        QCOMPARE(history.at(1).toObject().value(u"result"_s).toString(), u"OK"_s);
        QVERIFY(!listed.out.contains("secret"));

        // b expunged: it was told, nothing pending.
        QCOMPARE(sb.value(u"pendingExpunges"_s).toArray(), QJsonArray());
        QCOMPARE(sb.value(u"commands"_s).toInteger(), 7);
        // c: ID and EXAMINE.
        QCOMPARE(sc.value(u"clientName"_s).toString(), u"admin-test"_s);
        QCOMPARE(sc.value(u"clientVersion"_s).toString(), u"1.2"_s);
        QCOMPARE(sc.value(u"user"_s).toString(), u"bob"_s);
        QCOMPARE(sc.value(u"mailbox"_s).toString(), u"INBOX"_s);
        QCOMPARE(sc.value(u"readOnly"_s).toBool(), true);
        QCOMPARE(sc.value(u"tls"_s).toString(), QString());
        // d: TLS, authenticated, nothing selected.
        const QString tls = sd.value(u"tls"_s).toString();
        QVERIFY2(tls.startsWith(u"TLSv1.2 "_s) || tls.startsWith(u"TLSv1.3 "_s), qPrintable(tls));
        QVERIFY(tls.contains(d.socket().sessionCipher().name()));
        QCOMPARE(sd.value(u"state"_s).toString(), u"authenticated"_s);
        QCOMPARE(sd.value(u"mailbox"_s).toString(), QString());
        QCOMPARE(sd.value(u"user"_s).toString(), u"bob"_s);

        // The text table: a header and one row per session with the same data.
        const QimapdRun table = runCommand({u"sessions"_s, u"--data-dir"_s, m_dataDir});
        QVERIFY2(table.exitCode == 0, table.err.constData());
        const QStringList lines = QString::fromUtf8(table.out).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines.first().simplified().startsWith(u"ID PEER TLS USER STATE MAILBOX PENDING IDLE CMDS IN OUT CLIENT"_s));
        const QString rowA = row(lines, sa), rowC = row(lines, sc), rowD = row(lines, sd);
        QVERIFY2(rowA.contains(u" plain alice selected INBOX 1 "_s) && rowA.endsWith(u" -"_s), qPrintable(rowA));
        QVERIFY2(rowA.contains(u" 2 %1 %2 "_s.arg(aSent.size()).arg(aReceived.size())), qPrintable(rowA));
        QVERIFY2(rowC.contains(u" bob selected INBOX (ro) 0 "_s) && rowC.endsWith(u" admin-test 1.2"_s), qPrintable(rowC));
        QVERIFY2(rowD.contains(u" " + tls + u" bob authenticated - 0 "_s), qPrintable(rowD));

        // Kick a: it reads "* BYE reason" and the connection closes; the others carry on.
        const QimapdRun kicked = runCommand({u"kick"_s, QString::number(sa.value(u"id"_s).toInteger()), u"--reason"_s,
                                           u"Maintenance window"_s, u"--data-dir"_s, m_dataDir});
        QVERIFY2(kicked.exitCode == 0, kicked.err.constData());
        QCOMPARE(a.readResponse(), "* BYE Maintenance window");
        QVERIFY(a.waitForDisconnected());
        QCOMPARE(b.command("n", "NOOP").last(), "n OK NOOP completed");
        QCOMPARE(c.command("n", "NOOP").last(), "n OK NOOP completed");
        QCOMPARE(d.command("n", "NOOP").last(), "n OK NOOP completed");
        const QimapdRun after = runCommand({u"sessions"_s, u"--json"_s, u"--data-dir"_s, m_dataDir});
        QCOMPARE(after.exitCode, 0);
        const QJsonArray left = QJsonDocument::fromJson(after.out).array();
        QCOMPARE(left.size(), 3);
        for (const QJsonValue &session : left)
            QVERIFY(session.toObject().value(u"id"_s) != sa.value(u"id"_s));

        // The same session again, or one that never was: one line, exit 1.
        const QimapdRun gone = runCommand({u"kick"_s, QString::number(sa.value(u"id"_s).toInteger()), u"--data-dir"_s, m_dataDir});
        QCOMPARE(gone.exitCode, 1);
        QVERIFY(isOneLine(gone.err));
        QVERIFY2(gone.err.contains(QByteArray("no session " + QByteArray::number(sa.value(u"id"_s).toInteger()))), gone.err.constData());
    }

    // No server on the socket: one line naming the socket, exit 1. Bad usage: exit 2.
    void errorsAndExitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("expected");
        const QString empty = m_dir.filePath(u"empty"_s);
        QTest::newRow("no server (data dir)") << QStringList{u"sessions"_s, u"--data-dir"_s, empty} << 1
                                             << QFile::encodeName(empty + u"/admin.sock"_s);
        QTest::newRow("no server (socket)") << QStringList{u"kick"_s, u"3"_s, u"--admin-socket"_s, empty + u"/x.sock"_s} << 1
                                           << QFile::encodeName(empty + u"/x.sock"_s);
        QTest::newRow("kick without id") << QStringList{u"kick"_s} << 2 << QByteArray("usage: qimapd kick ID");
        QTest::newRow("kick with a word") << QStringList{u"kick"_s, u"alice"_s} << 2 << QByteArray("usage: qimapd kick ID");
        QTest::newRow("kick two ids") << QStringList{u"kick"_s, u"1"_s, u"2"_s} << 2 << QByteArray("usage: qimapd kick ID");
        QTest::newRow("sessions with a word") << QStringList{u"sessions"_s, u"all"_s} << 2 << QByteArray("usage: qimapd sessions");
        QTest::newRow("--json on kick") << QStringList{u"kick"_s, u"1"_s, u"--json"_s} << 2 << QByteArray("--json");
        QTest::newRow("--reason on sessions") << QStringList{u"sessions"_s, u"--reason"_s, u"x"_s} << 2 << QByteArray("--reason");
        QTest::newRow("--reason without text") << QStringList{u"kick"_s, u"1"_s, u"--reason"_s} << 2 << QByteArray("reason");
    }
    void errorsAndExitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, expected);
        const QimapdRun run = runCommand(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(isOneLine(run.err), run.err.constData());
        QVERIFY2(run.err.contains(expected), run.err.constData());
        QVERIFY(run.out.isEmpty());
    }

    // The socket: the owner's, 0600 (0660 and group qimapd-admin when that group exists).
    // Garbage and over-long lines get errors and the server keeps serving; --config and
    // --admin-socket find it too; a stale socket file of a killed server is no obstacle.
    void socketPermissionsAndBadInput()
    {
        const QString path = QDir(m_dataDir).absoluteFilePath(u"admin.sock"_s);
        struct stat info;
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
        QVERIFY(S_ISSOCK(info.st_mode));
        QCOMPARE(info.st_uid, ::getuid());
        if (const struct group *admins = ::getgrnam("qimapd-admin")) {
            QCOMPARE(info.st_mode & 07777, mode_t(0660));
            QCOMPARE(info.st_gid, admins->gr_gid);
        } else {
            QCOMPARE(info.st_mode & 07777, mode_t(0600));
        }

        QLocalSocket socket;
        socket.connectToServer(path);
        QVERIFY(socket.waitForConnected(5000));
        QCOMPARE(adminErrorCode(socket, "GET / HTTP/1.0\n"), u"parse-error"_s);
        QCOMPARE(adminErrorCode(socket, QByteArray(1024 * 1024, '{') + "\n"), u"line-too-long"_s);
        QCOMPARE(adminErrorCode(socket, "{\"id\": 7, \"method\": 12}\n"), u"invalid-request"_s);
        socket.write("{\"id\": 8, \"method\": \"sessions\"}\n");
        const QJsonObject reply = readAdminReply(socket);
        QCOMPARE(reply.value(u"id"_s).toInt(), 8);
        QVERIFY(reply.value(u"result"_s).isArray());
        ImapTestClient client;
        QVERIFY(client.connectTo(m_port));
        QVERIFY(client.login("alice", "secret"));

        QFile ini(m_dir.filePath(u"qimapd.ini"_s));
        QVERIFY(ini.open(QIODevice::WriteOnly));
        ini.write("data_dir = " + QFile::encodeName(m_dataDir) + "\n");
        ini.close();
        QCOMPARE(runCommand({u"sessions"_s, u"--config"_s, ini.fileName()}).exitCode, 0);
        QCOMPARE(runCommand({u"sessions"_s, u"--admin-socket"_s, path}).exitCode, 0);

        // SIGKILL leaves the socket file behind; the next server replaces it.
        m_server->signal(SIGKILL);
        QVERIFY(m_server->waitForExit(5000));
        QVERIFY(QFileInfo::exists(path));
        QVERIFY(startServer());
        const QimapdRun listed = runCommand({u"sessions"_s, u"--json"_s, u"--data-dir"_s, m_dataDir});
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        QCOMPARE(QJsonDocument::fromJson(listed.out).array().size(), 0);
    }

    // The help text lists the new commands.
    void helpListsCommands()
    {
        const QimapdRun help = runCommand({u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("qimapd sessions [--json]"));
        QVERIFY(help.out.contains("qimapd kick ID [--reason TEXT]"));
        QVERIFY(help.out.contains("--admin-socket <PATH>"));
    }

private:
    bool startServer()
    {
        stopServer();
        m_server = std::make_unique<QimapdProcess>(QStringList{
            u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--ssl-port"_s, u"0"_s, u"--cert"_s,
            TestCertificate::instance().certPath(), u"--key"_s, TestCertificate::instance().keyPath(),
            u"--data-dir"_s, m_dataDir, u"--allow-insecure-auth"_s});
        if (!m_server->start()) {
            qWarning() << "server did not start:" << m_server->log();
            return false;
        }
        m_port = m_server->port();
        m_sslPort = m_server->sslPort();
        return m_port && m_sslPort;
    }
    void stopServer()
    {
        if (m_server && m_server->isRunning())
            m_server->terminate(); // killed when destroyed if still there after 5 s
        m_server.reset();
    }
    static QJsonObject find(const QJsonArray &sessions, ImapTestClient &client)
    {
        for (const QJsonValue &session : sessions) {
            if (session.toObject().value(u"peerPort"_s).toInt() == client.socket().localPort())
                return session.toObject();
        }
        return {};
    }
    static QString row(const QStringList &lines, const QJsonObject &session)
    {
        for (const QString &line : lines) {
            if (line.startsWith(QString::number(session.value(u"id"_s).toInteger()) + u' '))
                return line.simplified();
        }
        return {};
    }

    QTemporaryDir m_dir;
    QString m_dataDir;
    std::unique_ptr<QimapdProcess> m_server;
    quint16 m_port = 0;
    quint16 m_sslPort = 0;
};

QTEST_GUILESS_MAIN(TstAdmin)
#include "tst_admin.moc"
