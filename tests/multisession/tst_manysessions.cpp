#include "Database.h"
#include "ImapTestClient.h"
#include "Session.h"
#include "TestServer.h"
#include "mailbox/MailboxIndex.h"
#include "mailbox/MailboxView.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <crypt.h>
#include <sys/resource.h>

#include <array>
#include <memory>
#include <vector>

using namespace qimapd;
using namespace qimapd::test;
using namespace Qt::StringLiterals;

// A thousand authenticated sessions on one mailbox in one process (DESIGN.md: one thread, a live
// view of every session): half of them IDLE (RFC 2177), half do not. Another session appends
// three messages and expunges the second: every idling session is told at once, exactly, and
// every other one on its next NOOP (RFC 3501 §7.3.1, §7.3.2, §7.4.1, §5.2). \Recent goes to one
// session only (§2.3.2). The server's own view (sessions(), sessionsOnMailbox(),
// sessionsOfUser()) counts them all.
//
// The in-process server and the clients share this process: 1,000 sessions use ~2,000 file
// descriptors, so the soft RLIMIT_NOFILE is raised to the hard limit first. Cleartext with
// allowInsecureAuth, and a cheap SHA-crypt hash for the test user, keep it fast: 1,000 yescrypt
// checks alone would take ~16 s.
class TstManySessions : public QObject
{
    Q_OBJECT

    static constexpr int SessionCount = 1000;
    static constexpr auto User = "many";
    static constexpr auto Password = "many-Secret-1";

private Q_SLOTS:
    void initTestCase()
    {
        // Thousands of "connection from", "logged in" lines would bury a failure.
        QLoggingCategory::setFilterRules(u"qimapd.*.info=false"_s);
        rlimit limit{};
        QCOMPARE(getrlimit(RLIMIT_NOFILE, &limit), 0);
        if (limit.rlim_cur < limit.rlim_max) {
            limit.rlim_cur = limit.rlim_max;
            QCOMPARE(setrlimit(RLIMIT_NOFILE, &limit), 0);
        }
        // The sockets of both ends, the database, the listeners, Qt's own descriptors.
        if (limit.rlim_cur != RLIM_INFINITY && limit.rlim_cur < rlim_t(2 * SessionCount + 200))
            QSKIP(qPrintable(u"RLIMIT_NOFILE is %1, too low for %2 sessions in one process"_s
                                 .arg(qulonglong(limit.rlim_cur)).arg(SessionCount)));

        m_server = std::make_unique<TestServer>(u"sqlite"_s, [](ServerConfig &config) {
            config.allowInsecureAuth = true; // cleartext on loopback: no 1,000 TLS handshakes
        });
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
        QVERIFY(addCheapUser());
    }
    void cleanupTestCase()
    {
        m_clients.clear();
        m_server.reset();
    }

    void thousandSessionsIdleAndPoll()
    {
        ImapServer &server = m_server->server();

        // Connect all, then read all greetings: the server accepts while we wait.
        m_clients.reserve(SessionCount);
        for (int i = 0; i < SessionCount; ++i) {
            m_clients.push_back(std::make_unique<ImapTestClient>());
            m_clients.back()->socket().connectToHost(u"127.0.0.1"_s, m_server->port());
        }
        for (int i = 0; i < SessionCount; ++i)
            QVERIFY2(m_clients[i]->readResponse().startsWith("* OK [CAPABILITY "), qPrintable(QString::number(i)));
        QCOMPARE(server.sessions().size(), SessionCount);

        // LOGIN, pipelined across the sessions.
        for (auto &client : m_clients)
            client->sendLine(QByteArray("l LOGIN ") + User + ' ' + Password);
        for (int i = 0; i < SessionCount; ++i) {
            const QByteArrayList reply = m_clients[i]->readUntilTagged("l");
            QVERIFY2(!reply.isEmpty() && reply.last().startsWith("l OK "), qPrintable(QString::number(i)));
        }
        QCOMPARE(server.sessionsOfUser(QString::fromLatin1(User)).size(), SessionCount);
        QCOMPARE(server.sessionsOfUser(u"alice"_s).size(), 0);

        // SELECT INBOX everywhere: empty, nothing recent (RFC 3501 §6.3.1).
        for (auto &client : m_clients)
            client->sendLine("s SELECT INBOX");
        for (int i = 0; i < SessionCount; ++i) {
            const QByteArrayList reply = m_clients[i]->readUntilTagged("s");
            QVERIFY2(reply.contains("* 0 EXISTS") && reply.contains("* 0 RECENT")
                         && reply.last().startsWith("s OK [READ-WRITE]"),
                     qPrintable(QString::number(i) + u": "_s + QString::fromLatin1(reply.join(" | "))));
        }
        const qint64 inbox = server.sessions().first()->selectedMailbox()->index().mailboxId();
        QCOMPARE(server.sessionsOnMailbox(inbox).size(), SessionCount);
        for (Session *session : server.sessions())
            QVERIFY(session->state() == SessionState::Selected);

        // Even-numbered sessions IDLE; odd-numbered ones do not.
        for (int i = 0; i < SessionCount; i += 2)
            m_clients[i]->sendLine("i IDLE");
        for (int i = 0; i < SessionCount; i += 2)
            QCOMPARE(m_clients[i]->readResponse(), "+ idling");

        // One more session, not selected: it appends.
        ImapTestClient appender;
        QVERIFY(appender.connectTo(m_server->port()));
        QVERIFY(appender.login(User, Password));
        QCOMPARE(server.sessions().size(), SessionCount + 1);
        QCOMPARE(server.sessionsOfUser(QString::fromLatin1(User)).size(), SessionCount + 1);
        QCOMPARE(server.sessionsOnMailbox(inbox).size(), SessionCount);

        // Three APPENDs, one at a time. After each, every idler is told at once: EXISTS, then
        // RECENT, which accompanies a change of size (RFC 3501 §7.3.2). The new message is
        // \Recent in exactly one session; that one's RECENT counts it.
        std::vector<int> recent(SessionCount, 0);
        for (int k = 1; k <= 3; ++k) {
            const QByteArray body = "Subject: m" + QByteArray::number(k) + "\r\n\r\nbody " + QByteArray::number(k) + "\r\n";
            const QByteArrayList appended =
                appender.command("a", "APPEND INBOX {" + QByteArray::number(body.size()) + "+}\r\n" + body);
            QVERIFY2(appended.size() == 1 && appended.last().startsWith("a OK [APPENDUID "),
                     appended.join(" | ").constData());
            for (int i = 0; i < SessionCount; i += 2) {
                QCOMPARE(m_clients[i]->readResponse(), QByteArray("* " + QByteArray::number(k) + " EXISTS"));
                const int r = recentIn(m_clients[i]->readResponse());
                QVERIFY2(r >= recent[i] && r <= k, qPrintable(u"session %1: %2 RECENT after %3 APPENDs"_s.arg(i).arg(r).arg(k)));
                recent[i] = r;
            }
        }

        // The others learn it all on their next NOOP: one EXISTS for the three (§7.3.1).
        for (int i = 1; i < SessionCount; i += 2)
            m_clients[i]->sendLine("n NOOP");
        for (int i = 1; i < SessionCount; i += 2) {
            const QByteArrayList reply = m_clients[i]->readUntilTagged("n");
            QVERIFY2(reply.size() == 3, reply.join(" | ").constData());
            QCOMPARE(reply.at(0), "* 3 EXISTS");
            recent[i] = recentIn(reply.at(1));
            QCOMPARE(reply.at(2), "n OK NOOP completed");
        }
        // Each of the three messages is \Recent in exactly one session (§2.3.2).
        int totalRecent = 0;
        for (int r : recent)
            totalRecent += r;
        QCOMPARE(totalRecent, 3);

        // The appender selects now: the messages are no longer new to anyone.
        const QByteArrayList selected = appender.command("s", "SELECT INBOX");
        QVERIFY(selected.contains("* 3 EXISTS"));
        QVERIFY(selected.contains("* 0 RECENT"));
        QVERIFY(selected.last().startsWith("s OK [READ-WRITE]"));
        QCOMPARE(server.sessionsOnMailbox(inbox).size(), SessionCount + 1);

        // \Deleted on the second message: idlers see the flag change (§7.4.2, with the UID),
        // the storing session nothing (.SILENT).
        QCOMPARE(appender.command("t", "STORE 2 +FLAGS.SILENT (\\Deleted)"), QByteArrayList{"t OK STORE completed"});
        int recentDeleted = 0;
        for (int i = 0; i < SessionCount; i += 2) {
            const QByteArray line = m_clients[i]->readResponse();
            const QByteArray plain = "* 2 FETCH (UID 2 FLAGS (\\Deleted))";
            const QByteArray withRecent = "* 2 FETCH (UID 2 FLAGS (\\Deleted \\Recent))";
            if (recent[i] == 0)
                QCOMPARE(line, plain);
            else if (recent[i] == 3)
                QCOMPARE(line, withRecent);
            else
                QVERIFY2(line == plain || line == withRecent, line.constData());
            recentDeleted += line == withRecent ? 1 : 0;
        }
        QVERIFY(recentDeleted <= 1);

        // EXPUNGE: the idlers are told at once (IDLE may see EXPUNGE, §7.4.1).
        QCOMPARE(appender.command("e", "EXPUNGE"), (QByteArrayList{"* 2 EXPUNGE", "e OK EXPUNGE completed"}));
        for (int i = 0; i < SessionCount; i += 2)
            QCOMPARE(m_clients[i]->readResponse(), "* 2 EXPUNGE");

        // The others on their next NOOP: the expunge, and no flag change for a message that is
        // gone.
        for (int i = 1; i < SessionCount; i += 2)
            m_clients[i]->sendLine("n2 NOOP");
        for (int i = 1; i < SessionCount; i += 2)
            QCOMPARE(m_clients[i]->readUntilTagged("n2"), (QByteArrayList{"* 2 EXPUNGE", "n2 OK NOOP completed"}));

        // DONE: nothing else was pending for the idlers.
        for (int i = 0; i < SessionCount; i += 2)
            m_clients[i]->sendLine("DONE");
        for (int i = 0; i < SessionCount; i += 2)
            QCOMPARE(m_clients[i]->readResponse(), "i OK IDLE terminated");

        // Everyone agrees: two messages, UIDs 1 and 3.
        for (auto &client : m_clients)
            client->sendLine("f UID SEARCH ALL");
        for (int i = 0; i < SessionCount; ++i)
            QCOMPARE(m_clients[i]->readUntilTagged("f"), (QByteArrayList{"* SEARCH 1 3", "f OK UID SEARCH completed"}));

        // LOGOUT of half of them: the server's view follows.
        for (int i = 0; i < SessionCount; i += 2)
            m_clients[i]->sendLine("z LOGOUT");
        for (int i = 0; i < SessionCount; i += 2) {
            const QByteArrayList bye = m_clients[i]->readUntilTagged("z");
            QVERIFY2(bye.size() == 2 && bye.first().startsWith("* BYE ") && bye.last().startsWith("z OK "),
                     bye.join(" | ").constData());
            QVERIFY(m_clients[i]->waitForDisconnected());
        }
        QTRY_COMPARE(server.sessions().size(), SessionCount / 2 + 1);
        QCOMPARE(server.sessionsOfUser(QString::fromLatin1(User)).size(), SessionCount / 2 + 1);
        QCOMPARE(server.sessionsOnMailbox(inbox).size(), SessionCount / 2 + 1);
    }

private:
    static int recentIn(const QByteArray &line)
    {
        if (!line.startsWith("* ") || !line.endsWith(" RECENT"))
            return -1;
        bool ok = false;
        const int n = line.mid(2, line.size() - 2 - 7).toInt(&ok);
        return ok ? n : -1;
    }

    // The test user with a cheap SHA-256 crypt hash (5,000 rounds is the default; 1,000 the
    // minimum), written straight into the users table of the server's data directory. The
    // server accepts $5$ (DESIGN.md: imported passwd files).
    bool addCheapUser()
    {
        std::array<char, CRYPT_GENSALT_OUTPUT_SIZE> salt{};
        if (!crypt_gensalt_rn("$5$", 1000, nullptr, 0, salt.data(), int(salt.size())))
            return false;
        crypt_data data{};
        const char *hashed = crypt_rn(Password, salt.data(), &data, int(sizeof data));
        if (!hashed || !QByteArray(hashed).startsWith("$5$rounds=1000$")) {
            qWarning() << "crypt_rn failed:" << hashed;
            return false;
        }
        Database database;
        if (const StoreStatus opened = database.open(m_server->dataDir()); !opened) {
            qWarning() << opened.message();
            return false;
        }
        QSqlQuery query(database.db());
        query.prepare(u"INSERT INTO users (name, password_hash, created_at) VALUES (?, ?, ?)"_s);
        query.addBindValue(QString::fromLatin1(User));
        query.addBindValue(QString::fromLatin1(hashed));
        query.addBindValue(QDateTime::currentSecsSinceEpoch());
        if (!query.exec()) {
            qWarning() << query.lastError().text();
            return false;
        }
        return true;
    }

    std::unique_ptr<TestServer> m_server;
    std::vector<std::unique_ptr<ImapTestClient>> m_clients;
};

QTEST_GUILESS_MAIN(TstManySessions)
#include "tst_manysessions.moc"
