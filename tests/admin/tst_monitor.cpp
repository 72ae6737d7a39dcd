#include "AdminSocketReplies.h"
#include "ImapTestClient.h"
#include "Logging.h"
#include "Session.h"
#include "TestCertificate.h"
#include "TestServer.h"
#include "monitor/AdminServer.h"
#include "monitor/LocalMonitor.h"
#include "monitor/LogRing.h"
#include "monitor/RemoteMonitor.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>

using namespace qimapd;
using namespace qimapd::test;
using namespace Qt::StringLiterals;

// The Monitor behind the dashboard and `qimapd sessions` (issue 5), in one process: snapshots
// and their JSON, LocalMonitor over a real server with real clients, the admin socket with
// RemoteMonitor on the other end (both must show the same data), coalescing, and the user
// operations.
class TstMonitor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TestServer>(u"memory"_s, [](ServerConfig &config) { config.allowInsecureAuth = true; });
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
        QVERIFY(m_socketDir.isValid());
        m_log = std::make_unique<LogRing>();
        installLogCapture(m_log.get());
        m_local = std::make_unique<LocalMonitor>(m_server->server(), m_log.get());
        m_admin = std::make_unique<AdminServer>(*m_local);
        m_admin->setGroupName(u"qimapd-no-such-group"_s);
        QString error;
        QVERIFY2(m_admin->listen(m_socketDir.filePath(u"admin.sock"_s), &error), qPrintable(error));
    }
    void cleanup()
    {
        m_admin.reset();
        m_local.reset();
        installLogCapture(nullptr);
        m_log.reset();
        m_server.reset();
    }

    // Every field survives toJson/fromJson exactly; dates are ISO 8601 UTC with milliseconds.
    void jsonRoundTrip()
    {
        const QDateTime when = QDateTime::fromString(u"2026-11-26T21:04:35.123Z"_s, Qt::ISODateWithMs);
        QVERIFY(when.isValid());
        SessionSnapshot session;
        session.id = 42;
        session.peerAddress = u"192.0.2.7"_s;
        session.peerPort = 54321;
        session.tls = u"TLSv1.3 TLS_AES_256_GCM_SHA384"_s;
        session.user = u"alice"_s;
        session.state = u"selected"_s;
        session.mailbox = u"Entwürfe"_s;
        session.readOnly = true;
        session.pendingExpunges = {2, 7, 4000000000u};
        session.connectedAt = when;
        session.idleMs = 1234567;
        session.currentCommand = u"IDLE"_s;
        session.commands = 99;
        session.bytesIn = 1ULL << 40;
        session.bytesOut = (1ULL << 52) + 1;
        session.clientName = u"Thunderbird"_s;
        session.clientVersion = u"115.0"_s;
        session.recentCommands = {{when, u"a1 LOGIN alice ***"_s, u"OK"_s}, {when.addMSecs(5), u"a2 IDLE"_s, QString()}};
        const QJsonObject json = session.toJson();
        QCOMPARE(json.value(u"connectedAt"_s).toString(), u"2026-11-26T21:04:35.123Z"_s);
        QCOMPARE(SessionSnapshot::fromJson(json), session);
        // Through text too, as over the socket.
        QCOMPARE(SessionSnapshot::fromJson(QJsonDocument::fromJson(QJsonDocument(json).toJson()).object()), session);

        ServerSnapshot server;
        server.version = u"0.1.0"_s;
        server.pid = 4242;
        server.dataDir = u"/var/lib/qimapd"_s;
        server.startedAt = when.toTimeZone(QTimeZone(3600)); // any zone in, the same instant out
        server.listeners = {{u"0.0.0.0"_s, 143, false}, {u"::"_s, 993, true}};
        server.certificateSubject = u"CN=mail.example.org, O=Example"_s;
        server.certificateExpiry = when.addDays(90);
        server.totalConnections = 10;
        server.totalCommands = 2000;
        server.failedLogins = 3;
        QCOMPARE(ServerSnapshot::fromJson(server.toJson()), server);
        QCOMPARE(server.toJson().value(u"startedAt"_s).toString(), u"2026-11-26T21:04:35.123Z"_s);

        const LogEntry entry{when, u"qimapd.server"_s, u"warning"_s, u"something \"odd\"\nhappened"_s};
        QCOMPARE(LogEntry::fromJson(entry.toJson()), entry);
        const SessionSnapshot fresh;
        QCOMPARE(SessionSnapshot::fromJson(fresh.toJson()), fresh); // unset dates stay unset
        QVERIFY(fresh.toJson().value(u"connectedAt"_s).isNull());

        // Nonsense from a peer reads as defaults; nothing crashes.
        const QJsonObject junk{{u"id"_s, u"x"_s}, {u"peerPort"_s, 1e9}, {u"pendingExpunges"_s, u"no"_s},
                               {u"connectedAt"_s, u"yesterday"_s}, {u"recentCommands"_s, QJsonArray{1, u"a"_s}},
                               {u"idleMs"_s, -5}};
        const SessionSnapshot read = SessionSnapshot::fromJson(junk);
        QCOMPARE(read.id, 0u);
        QCOMPARE(read.peerPort, quint16(65535));
        QVERIFY(read.pendingExpunges.isEmpty());
        QVERIFY(!read.connectedAt.isValid());
        QCOMPARE(read.recentCommands.size(), 2);
        QCOMPARE(read.idleMs, 0);
    }

    // What real clients did shows in LocalMonitor; RemoteMonitor over the admin socket holds
    // exactly the same snapshots (issue 5: "The dashboard and these commands show the same
    // data"), also after changes and a disconnect.
    void localAndRemoteAgree()
    {
        ImapTestClient a, b, c;
        QVERIFY(a.connectTo(m_server->port()));
        QVERIFY(a.login("alice", "secret"));
        QVERIFY(b.connectTo(m_server->port()));
        QVERIFY(b.login("alice", "secret"));
        for (int i = 0; i < 3; ++i)
            QVERIFY(b.command("p", "APPEND INBOX {7+}\r\nmessage").last().startsWith("p OK"));
        QVERIFY(a.command("s", "SELECT INBOX").last().startsWith("s OK"));
        QVERIFY(b.command("s", "SELECT INBOX").last().startsWith("s OK"));
        QVERIFY(b.command("d", "STORE 2 +FLAGS.SILENT (\\Deleted)").last().startsWith("d OK"));
        QVERIFY(b.command("e", "EXPUNGE").last().startsWith("e OK"));
        QVERIFY(c.connectTo(m_server->sslPort(), ImapTestClient::Mode::ImplicitTls));
        QCOMPARE(c.command("i", "ID (\"name\" \"tester\" \"version\" \"2.0\")").last(), "i OK ID completed");

        RemoteMonitor remote(m_admin->path());
        QSignalSpy available(&remote, &RemoteMonitor::availableChanged);
        remote.start();
        QTRY_VERIFY(remote.isAvailable());
        QCOMPARE(available.size(), 1);

        QList<SessionSnapshot> local = m_local->sessions();
        QCOMPARE(local.size(), 3);
        const SessionSnapshot *sa = find(local, a);
        const SessionSnapshot *sc = find(local, c);
        QVERIFY(sa && sc);
        QCOMPARE(sa->user, u"alice"_s);
        QCOMPARE(sa->state, u"selected"_s);
        QCOMPARE(sa->mailbox, u"INBOX"_s);
        QCOMPARE(sa->pendingExpunges, QList<quint32>{2}); // a was not told yet
        QCOMPARE(sa->commands, 2u);
        QVERIFY(sa->tls.isEmpty());
        QVERIFY(sc->tls.startsWith(u"TLSv1."_s));
        QCOMPARE(sc->clientName, u"tester"_s);
        QCOMPARE(sc->clientVersion, u"2.0"_s);
        QCOMPARE(sc->state, u"not authenticated"_s);
        QTRY_COMPARE(remote.sessions(), m_local->sessions());
        QCOMPARE(remote.server(), m_local->server());
        QCOMPARE(remote.server().totalConnections, 3u);
        QCOMPARE(remote.server().listeners.size(), 2);
        QCOMPARE(remote.server().listeners.at(0), (ListenerSnapshot{u"127.0.0.1"_s, m_server->port(), false}));
        QCOMPARE(remote.server().listeners.at(1), (ListenerSnapshot{u"127.0.0.1"_s, m_server->sslPort(), true}));
        QCOMPARE(remote.server().pid, QCoreApplication::applicationPid());
        QVERIFY(remote.server().certificateSubject.contains(u"CN=localhost"_s));
        QVERIFY(remote.server().certificateExpiry > QDateTime::currentDateTimeUtc());

        // a is told at NOOP: no pending expunges any more, on both sides.
        QCOMPARE(a.command("n", "NOOP").first(), "* 2 EXPUNGE");
        QTRY_VERIFY(find(remote.sessions(), a) && find(remote.sessions(), a)->pendingExpunges.isEmpty());
        QTRY_COMPARE(remote.sessions(), m_local->sessions());

        // A disconnect through the remote monitor: "* BYE reason", the others carry on.
        QString answer = u"none"_s;
        remote.disconnectSession(find(remote.sessions(), a)->id, u"Maintenance\r\nwindow"_s, [&](const QString &error) { answer = error; });
        QCOMPARE(a.readResponse(), "* BYE Maintenance window");
        QVERIFY(a.waitForDisconnected());
        QTRY_COMPARE(answer, QString());
        QTRY_COMPARE(remote.sessions().size(), 2);
        QTRY_COMPARE(remote.sessions(), m_local->sessions());
        QCOMPARE(b.command("n", "NOOP").last(), "n OK NOOP completed");
        answer = u"none"_s;
        remote.disconnectSession(999, QString(), [&](const QString &error) { answer = error; });
        QTRY_COMPARE(answer, u"no session 999"_s);

        // The server goes: the remote monitor says so, and comes back when it does.
        m_admin.reset();
        QTRY_VERIFY(!remote.isAvailable());
        m_admin = std::make_unique<AdminServer>(*m_local);
        QString error;
        QVERIFY2(m_admin->listen(m_socketDir.filePath(u"admin.sock"_s), &error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(remote.isAvailable(), 10000);
        QTRY_COMPARE(remote.sessions(), m_local->sessions());
    }

    // SIGHUP's certificate reload shows: a new certificate's subject and expiry replace the old.
    void certificateReload()
    {
        QTemporaryDir certs;
        QString error;
        QVERIFY2(TestCertificate::generate(certs.path(), &error, 3), qPrintable(error));
        const ServerSnapshot before = m_local->server();
        QVERIFY(before.certificateExpiry > QDateTime::currentDateTimeUtc().addDays(20));
        QSignalSpy changed(m_local.get(), &Monitor::serverChanged);
        // The server re-reads the paths it was configured with: put the new pair there.
        const QString cert = m_server->server().config().certPath;
        const QString key = m_server->server().config().keyPath;
        QFile::remove(cert + u".keep"_s);
        QVERIFY(QFile::rename(cert, cert + u".keep"_s) && QFile::rename(key, key + u".keep"_s));
        QVERIFY(QFile::copy(certs.filePath(u"server-cert.pem"_s), cert) && QFile::copy(certs.filePath(u"server-key.pem"_s), key));
        const bool reloaded = m_server->server().loadTls(&error);
        QFile::remove(cert);
        QFile::remove(key);
        QVERIFY(QFile::rename(cert + u".keep"_s, cert) && QFile::rename(key + u".keep"_s, key));
        QVERIFY2(reloaded, qPrintable(error));
        QTRY_COMPARE(changed.size(), 1);
        const ServerSnapshot after = m_local->server();
        QVERIFY(after.certificateExpiry < QDateTime::currentDateTimeUtc().addDays(4));
        QVERIFY(after.certificateSubject.contains(u"CN=localhost"_s));
    }

    // Many changes, few signals: 300 commands from two busy clients make sessionsChanged come
    // at most every refresh interval, and no snapshot is built while nobody asks.
    void coalescing()
    {
        ImapTestClient a, b;
        QVERIFY(a.connectTo(m_server->port()));
        QVERIFY(a.login("alice", "secret"));
        QVERIFY(b.connectTo(m_server->port()));
        QVERIFY(b.login("bob", "hunter2"));
        (void)m_local->sessions();
        const quint64 builtBefore = m_local->snapshotsBuilt();
        QSignalSpy changed(m_local.get(), &Monitor::sessionsChanged);
        QSignalSpy serverChanged(m_local.get(), &Monitor::serverChanged);
        QElapsedTimer clock;
        clock.start();
        QByteArray burst;
        for (int i = 0; i < 150; ++i)
            burst += "n" + QByteArray::number(i) + " NOOP\r\n";
        a.send(burst);
        b.send(burst);
        QCOMPARE(a.readUntilTagged("n149").size(), 150);
        QCOMPARE(b.readUntilTagged("n149").size(), 150);
        QTest::qWait(m_local->refreshInterval() * 2);
        const qint64 elapsed = clock.elapsed();
        // At most one per interval (plus the one in flight); at least one.
        QVERIFY2(changed.size() >= 1 && changed.size() <= elapsed / m_local->refreshInterval() + 1,
                 qPrintable(u"%1 signals in %2 ms"_s.arg(changed.size()).arg(elapsed)));
        QVERIFY(serverChanged.size() >= 1 && serverChanged.size() <= elapsed / m_local->refreshInterval() + 1);
        QCOMPARE(m_local->snapshotsBuilt(), builtBefore); // lazily: nobody asked yet
        const QList<SessionSnapshot> sessions = m_local->sessions();
        QCOMPARE(m_local->snapshotsBuilt(), builtBefore + 2); // the two that changed, once each
        QCOMPARE(find(sessions, a)->commands, 151u);
        QCOMPARE(find(sessions, b)->commands, 151u);
        QCOMPARE(m_local->server().totalCommands, 302u);
        // Nothing changed: asking again builds nothing.
        (void)m_local->sessions();
        QCOMPARE(m_local->snapshotsBuilt(), builtBefore + 2);
    }

    // User operations through the Monitor (here: remotely, through the socket, to the server's
    // LocalMonitor): add, list, reset the password, remove; LOGIN follows each.
    void userOperations()
    {
        RemoteMonitor remote(m_admin->path());
        remote.start();
        QTRY_VERIFY(remote.isAvailable());
        QCOMPARE(call([&](Monitor::Done done) { remote.addUser(u"Carol"_s, "first-pw", done); }), QString());
        QCOMPARE(users(remote), (QStringList{u"alice"_s, u"bob"_s, u"carol"_s}));
        QVERIFY(!call([&](Monitor::Done done) { remote.addUser(u"carol"_s, "again", done); }).isEmpty());
        QVERIFY(!call([&](Monitor::Done done) { remote.addUser(u"bad name!"_s, "pw", done); }).isEmpty());
        ImapTestClient carol;
        QVERIFY(carol.connectTo(m_server->port()));
        QVERIFY(carol.login("carol", "first-pw"));
        QVERIFY(carol.command("s", "SELECT INBOX").last().startsWith("s OK"));

        QCOMPARE(call([&](Monitor::Done done) { remote.setPassword(u"carol"_s, "second-pw", done); }), QString());
        QVERIFY(!call([&](Monitor::Done done) { remote.setPassword(u"nobody"_s, "pw", done); }).isEmpty());
        ImapTestClient again;
        QVERIFY(again.connectTo(m_server->port()));
        QVERIFY(!again.login("carol", "first-pw"));
        QVERIFY(again.login("carol", "second-pw"));

        // Removing a user ends their sessions and takes their mail.
        QCOMPARE(call([&](Monitor::Done done) { remote.removeUser(u"carol"_s, done); }), QString());
        QCOMPARE(carol.readResponse(), "* BYE Account removed by the administrator");
        QVERIFY(carol.waitForDisconnected());
        QCOMPARE(users(remote), (QStringList{u"alice"_s, u"bob"_s}));
        ImapTestClient after;
        QVERIFY(after.connectTo(m_server->port()));
        QVERIFY(!after.login("carol", "second-pw"));
        QVERIFY(!call([&](Monitor::Done done) { remote.removeUser(u"carol"_s, done); }).isEmpty());

        // The same through the LocalMonitor directly.
        QCOMPARE(call([&](Monitor::Done done) { m_local->addUser(u"dave"_s, "pw", done); }), QString());
        QVERIFY(users(*m_local).contains(u"dave"_s));
    }

    // The log ring: qimapd.* lines only, bounded, in order; pushed to remote subscribers.
    void logRing()
    {
        RemoteMonitor remote(m_admin->path());
        remote.start();
        QTRY_VERIFY(remote.isAvailable());
        QSignalSpy localLines(m_local.get(), &Monitor::logAppended);
        QSignalSpy remoteLines(&remote, &Monitor::logAppended);
        qCInfo(lcServer) << "monitor test line";
        qInfo() << "not a qimapd category";
        QTRY_COMPARE(localLines.size(), 1);
        const LogEntry entry = localLines.first().first().value<LogEntry>();
        QCOMPARE(entry.category, u"qimapd.server"_s);
        QCOMPARE(entry.level, u"info"_s);
        QCOMPARE(entry.message, u"monitor test line"_s);
        QCOMPARE(m_local->log().last(), entry);
        QTRY_COMPARE(remoteLines.size(), 1);
        QCOMPARE(remote.log().last(), entry);

        LogRing small(5);
        for (int i = 0; i < 12; ++i)
            small.append({QDateTime::currentDateTimeUtc(), u"qimapd.server"_s, u"info"_s, QString::number(i)});
        QList<QString> kept;
        for (const LogEntry &line : small.entries())
            kept.append(line.message);
        QCOMPARE(kept, (QList<QString>{u"7"_s, u"8"_s, u"9"_s, u"10"_s, u"11"_s}));
        quint64 last = 0;
        QCOMPARE(small.entriesAfter(10, &last).size(), 2);
        QCOMPARE(last, 12u);
    }

    // The socket is the owner's only (no qimapd-admin group in this test), and bad input gets
    // error replies while everything keeps working.
    void socketModeAndBadInput()
    {
        struct stat info;
        QCOMPARE(::stat(QFile::encodeName(m_admin->path()).constData(), &info), 0);
        QVERIFY(S_ISSOCK(info.st_mode));
        QCOMPARE(info.st_mode & 07777, mode_t(0600));
        QCOMPARE(info.st_uid, ::getuid());
        QVERIFY(m_admin->group().isEmpty());

        QLocalSocket socket;
        socket.connectToServer(m_admin->path());
        QVERIFY(socket.waitForConnected(5000));
        QCOMPARE(adminErrorCode(socket, "this is not json\n"), u"parse-error"_s);
        QCOMPARE(adminErrorCode(socket, "[1, 2]\n"), u"invalid-request"_s);
        QCOMPARE(adminErrorCode(socket, "{\"id\": 1}\n"), u"invalid-request"_s);
        QCOMPARE(adminErrorCode(socket, "{\"id\": 1, \"method\": \"format-disk\"}\n"), u"unknown-method"_s);
        QCOMPARE(adminErrorCode(socket, "{\"id\": 1, \"method\": \"disconnect\", \"params\": {\"session\": \"x\"}}\n"), u"invalid-request"_s);
        QCOMPARE(adminErrorCode(socket, "{\"id\": 1, \"method\": \"users.add\", \"params\": {\"name\": \"x\", \"password\": \"%%%\"}}\n"), u"invalid-request"_s);
        QCOMPARE(adminErrorCode(socket, QByteArray(200 * 1024, 'x') + "\n"), u"line-too-long"_s);
        QCOMPARE(adminErrorCode(socket, QByteArray("\x00\xff\xfe{{{\n", 7)), u"parse-error"_s);
        // Still serving: the socket and IMAP.
        socket.write("{\"id\": \"s1\", \"method\": \"server\"}\n");
        const QJsonObject reply = readAdminReply(socket);
        QCOMPARE(reply.value(u"id"_s).toString(), u"s1"_s);
        QCOMPARE(ServerSnapshot::fromJson(reply.value(u"result"_s).toObject()), m_local->server());
        ImapTestClient client;
        QVERIFY(client.connectTo(m_server->port()));
        QCOMPARE(client.command("n", "NOOP").last(), "n OK NOOP completed");
    }

    // With the qimapd-admin group present (and us allowed to use it), the socket is 0660 and
    // the group's.
    void socketGroup()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to give the socket to a group");
        // CI runs as root: make the group for this case when the machine has none, and take it
        // away again afterwards, so the case runs everywhere it can.
        bool made = false;
        if (!::getgrnam("qimapd-admin")) {
            QCOMPARE(QProcess::execute(u"groupadd"_s, {u"--system"_s, u"qimapd-admin"_s}), 0);
            made = true;
        }
        const auto removeGroup = qScopeGuard([made] {
            if (made)
                QProcess::execute(u"groupdel"_s, {u"qimapd-admin"_s});
        });
        const struct group *admins = ::getgrnam("qimapd-admin");
        QVERIFY(admins);
        const gid_t adminGid = admins->gr_gid; // getgrnam's buffer is reused by the server
        AdminServer withGroup(*m_local);
        QString error;
        QVERIFY2(withGroup.listen(m_socketDir.filePath(u"group.sock"_s), &error), qPrintable(error));
        struct stat info;
        QCOMPARE(::stat(QFile::encodeName(withGroup.path()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 07777, mode_t(0660));
        QCOMPARE(info.st_gid, adminGid);
        QCOMPARE(withGroup.group(), u"qimapd-admin"_s);
    }

private:
    static const SessionSnapshot *find(const QList<SessionSnapshot> &sessions, ImapTestClient &client)
    {
        for (const SessionSnapshot &session : sessions) {
            if (session.peerPort == client.socket().localPort())
                return &session;
        }
        return nullptr;
    }
    // The answer of one Monitor action, waited for on the loop.
    static QString call(const std::function<void(Monitor::Done)> &action)
    {
        bool answered = false;
        QString result;
        action([&](const QString &error) {
            result = error;
            answered = true;
        });
        if (!QTest::qWaitFor([&] { return answered; }, 10000))
            return u"no answer"_s;
        return result;
    }
    static QStringList users(Monitor &monitor)
    {
        bool answered = false;
        QStringList result;
        monitor.listUsers([&](const QStringList &users, const QString &error) {
            result = error.isEmpty() ? users : QStringList{error};
            answered = true;
        });
        if (!QTest::qWaitFor([&] { return answered; }, 10000))
            return {u"no answer"_s};
        return result;
    }

    QTemporaryDir m_socketDir;
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<LogRing> m_log;
    std::unique_ptr<LocalMonitor> m_local;
    std::unique_ptr<AdminServer> m_admin;
};

QTEST_GUILESS_MAIN(TstMonitor)
#include "tst_monitor.moc"
