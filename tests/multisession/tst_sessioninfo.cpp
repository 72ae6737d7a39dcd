#include "Command.h"
#include "ImapServer.h"
#include "ImapTestClient.h"
#include "MemoryStore.h"
#include "Session.h"
#include "SqlAuthenticator.h"
#include "TestCertificate.h"
#include "TestServer.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>

using namespace qimapd;
using namespace qimapd::test;
using namespace Qt::StringLiterals;

namespace {

// Records which session the server says is running when this command runs.
class WhoAmICommand : public Command
{
protected:
    void execute() override
    {
        const Session *current = server().currentSession();
        untagged("XWHOAMI " + QByteArray::number(current ? current->id() : 0)
                 + (current == &session() ? QByteArray(" self") : QByteArray(" other")));
        ok("XWHOAMI completed");
    }
};

// The memory store, but slow to read message records (a busy disk): a FETCH of many messages
// spends more than its 10 ms slice on each chunk and so yields to the event loop after each
// one. Every read records which session the server thinks is running.
class SlowStore : public MemoryStore
{
public:
    StoreResult<QList<MessageRecord>> messageRecords(qint64 account, qint64 mailbox, const QList<quint32> &uids,
                                                     MessageFields fields) override
    {
        if (recording) {
            const Session *current = server ? server->currentSession() : nullptr;
            events->append("chunk " + QByteArray::number(current ? current->id() : 0));
            QThread::msleep(12);
        }
        return MemoryStore::messageRecords(account, mailbox, uids, fields);
    }

    ImapServer *server = nullptr;
    QByteArrayList *events = nullptr;
    bool recording = false;
};

} // namespace

// The server's view of its sessions, as administrators (the dashboard, `qimapd sessions`) and
// embedders see it: IDLE keep-alives, each session's command history, ending a session from
// the server side, currentSession() and sessionsOnMailbox().
class TstSessionInfo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TestServer>(u"memory"_s, [](ServerConfig &config) {
            config.idleKeepaliveSeconds = 1;
            config.allowInsecureAuth = true;
        });
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    }
    void cleanup() { m_server.reset(); }

    // RFC 2177 §3 lets the server send untagged responses while idling: "* OK Still here"
    // every idleKeepaliveSeconds keeps NAT boxes from dropping a silent push connection. Only
    // an idling client gets it.
    void keepAliveOnlyWhileIdling()
    {
        ImapTestClient idler, quiet;
        QVERIFY(connectAndSelect(idler));
        QVERIFY(connectAndSelect(quiet));
        idler.sendLine("i IDLE");
        QCOMPARE(idler.readResponse(), "+ idling");
        QCOMPARE(idler.readResponse(4000), "* OK Still here");
        QCOMPARE(idler.readResponse(4000), "* OK Still here");
        // Meanwhile the session that is not idling heard nothing.
        QVERIFY(quiet.nothingWithin(0));
        // A keep-alive does not end IDLE, and changes still arrive after it.
        QCOMPARE(quiet.command("a", "APPEND INBOX {5+}\r\nhello").last().left(16), QByteArray("a OK [APPENDUID "));
        QByteArray line = idler.readResponse();
        while (line == "* OK Still here") // one may have been under way
            line = idler.readResponse();
        QCOMPARE(line, "* 1 EXISTS");
        QCOMPARE(idler.readResponse(), "* 0 RECENT"); // \Recent went to the appending session
        idler.sendLine("DONE");
        line = idler.readResponse();
        while (line == "* OK Still here")
            line = idler.readResponse();
        QCOMPARE(line, "i OK IDLE terminated");
        // No longer idling: no more keep-alives, for it or for the other.
        QVERIFY(idler.nothingWithin(2500));
        QVERIFY(quiet.nothingWithin(0));
        QCOMPARE(idler.command("n", "NOOP"), QByteArrayList{"n OK NOOP completed"});
    }

    // Session::recentCommands(): what the client sent, in order, with how each ended; LOGIN's
    // password and AUTHENTICATE's initial response as ***, literals as their size.
    void recentCommandsAreRecordedAndRedacted()
    {
        ImapTestClient client;
        QVERIFY(client.connectTo(m_server->port()));
        Session *session = sessionOf(client);
        QVERIFY(session);
        QVERIFY(session->recentCommands().isEmpty());

        QCOMPARE(client.command("a1", "LOGIN alice secret").last().left(5), QByteArray("a1 OK"));
        QCOMPARE(client.command("a2", "select INBOX").last().left(5), QByteArray("a2 OK"));
        // A synchronizing literal: the server asks for it with "+".
        client.sendLine("a3 APPEND INBOX (\\Seen) {11}");
        QCOMPARE(client.readResponse(), "+ Ready for literal data");
        client.sendLine("hello world");
        const QByteArrayList appended = client.readUntilTagged("a3");
        QVERIFY(appended.last().startsWith("a3 OK [APPENDUID "));
        QCOMPARE(client.command("a4", "FETCH 1 (FLAGS)").last(), "a4 OK FETCH completed");
        QCOMPARE(client.command("a5", "FROBNICATE now").last(), "a5 BAD Unknown command FROBNICATE");
        QCOMPARE(client.command("a6", "uid SEARCH TEXT {5+}\r\nhello").last(), "a6 OK UID SEARCH completed");
        QCOMPARE(client.command("a7", "LOGIN bob {7+}\r\nhunter2").last(),
                 "a7 BAD LOGIN not allowed in this state: Already authenticated");
        QCOMPARE(client.command("a8", "EXAMINE \"No such\"").last().left(5), QByteArray("a8 NO"));

        const QList<QPair<QByteArray, QByteArray>> expected = {
            {"a1 LOGIN alice ***", "OK"},
            {"a2 SELECT INBOX", "OK"},
            {"a3 APPEND INBOX (\\Seen) {11 bytes}", "OK"},
            {"a4 FETCH 1 (FLAGS)", "OK"},
            {"a5 FROBNICATE now", "BAD"},
            {"a6 UID SEARCH TEXT {5 bytes}", "OK"},
            {"a7 LOGIN bob ***", "BAD"},
            {"a8 EXAMINE \"No such\"", "NO"},
        };
        QCOMPARE(records(*session), expected);
        for (const Session::CommandRecord &record : session->recentCommands())
            QVERIFY(record.startedAt.isValid());

        // AUTHENTICATE PLAIN with an initial response (RFC 4959), on another connection; the
        // answer to an empty challenge is not a command and is not recorded.
        ImapTestClient other;
        QVERIFY(other.connectTo(m_server->port()));
        Session *otherSession = sessionOf(other);
        QVERIFY(otherSession);
        const QByteArray plain = QByteArray("\0bob\0wrong", 10).toBase64();
        QCOMPARE(other.command("b1", "AUTHENTICATE PLAIN " + plain).last().left(5), QByteArray("b1 NO"));
        other.sendLine("b2 AUTHENTICATE PLAIN");
        QCOMPARE(other.readResponse(), "+ ");
        other.sendLine(QByteArray("\0bob\0hunter2", 12).toBase64());
        QCOMPARE(other.readUntilTagged("b2").last().left(5), QByteArray("b2 OK"));
        const QList<QPair<QByteArray, QByteArray>> expectedOther = {
            {"b1 AUTHENTICATE PLAIN ***", "NO"},
            {"b2 AUTHENTICATE PLAIN", "OK"},
        };
        QCOMPARE(records(*otherSession), expectedOther);
        for (const Session::CommandRecord &record : otherSession->recentCommands())
            QVERIFY2(!record.text.contains(plain) && !record.text.contains("wrong"), record.text.constData());

        // A running command has no result yet.
        client.sendLine("i IDLE");
        QCOMPARE(client.readResponse(), "+ idling");
        QCOMPARE(session->recentCommands().last().text, "i IDLE");
        QCOMPARE(session->recentCommands().last().result, QByteArray());
        client.sendLine("DONE");
        QCOMPARE(client.readResponse(), "i OK IDLE terminated");
        QCOMPARE(session->recentCommands().last().result, "OK");

        // Bounded: the oldest go first.
        QByteArray pipelined;
        for (int i = 0; i < 40; ++i)
            pipelined += "n" + QByteArray::number(i) + " NOOP\r\n";
        client.send(pipelined);
        QCOMPARE(client.readUntilTagged("n39").size(), 40);
        const QList<Session::CommandRecord> &history = session->recentCommands();
        QCOMPARE(history.size(), Session::MaxRecentCommands);
        for (qsizetype i = 0; i < history.size(); ++i) {
            QCOMPARE(history.at(i).text, QByteArray("n" + QByteArray::number(40 - Session::MaxRecentCommands + i) + " NOOP"));
            QCOMPARE(history.at(i).result, "OK");
        }
    }

    // An administrator ends a session: the client gets "* BYE reason", the connection closes,
    // and the session leaves the server's lists.
    void closeWithByeFromTheServer()
    {
        ImapServer &server = m_server->server();
        ImapTestClient kept, kicked, idler;
        QVERIFY(connectAndSelect(kept));
        QVERIFY(connectAndSelect(kicked));
        QVERIFY(connectAndSelect(idler));
        Session *session = sessionOf(kicked);
        Session *idling = sessionOf(idler);
        QVERIFY(session && idling);
        const quint64 id = session->id();
        const qint64 inbox = mailboxId(*session, u"INBOX"_s);
        QCOMPARE(server.sessions().size(), 3);
        QCOMPARE(server.sessionsOnMailbox(inbox).size(), 3);
        QSignalSpy closed(&server, &ImapServer::sessionClosed);

        session->closeWithBye("Closed by the administrator");
        QCOMPARE(kicked.readResponse(), "* BYE Closed by the administrator");
        QVERIFY(kicked.waitForDisconnected());
        QTRY_COMPARE(closed.size(), 1);
        QCOMPARE(closed.first().first().value<Session *>(), session);
        QCOMPARE(server.sessionById(id), nullptr);
        QCOMPARE(server.sessions().size(), 2);
        QVERIFY(!server.sessions().contains(session));
        QCOMPARE(server.sessionsOnMailbox(inbox).size(), 2);
        QCOMPARE(server.sessionsOfUser(u"alice"_s).size(), 2);

        // Also in the middle of IDLE.
        idler.sendLine("i IDLE");
        QCOMPARE(idler.readResponse(), "+ idling");
        idling->closeWithBye("Server shutting down");
        QCOMPARE(idler.readResponse(), "* BYE Server shutting down");
        QVERIFY(idler.waitForDisconnected());
        QTRY_COMPARE(server.sessions().size(), 1);
        QCOMPARE(server.sessionsOnMailbox(inbox).size(), 1);

        // The others carry on.
        QCOMPARE(kept.command("n", "NOOP"), QByteArrayList{"n OK NOOP completed"});
    }

    // currentSession() is the session whose command runs, also when a long FETCH resumes after
    // yielding to the loop while another session's command ran in between; nobody's when
    // nothing runs.
    void currentSessionFollowsAYieldingFetch()
    {
        QByteArrayList events;
        auto slow = std::make_unique<SlowStore>();
        SlowStore *store = slow.get();
        store->events = &events;
        ServerConfig config;
        config.listen = {QHostAddress(QHostAddress::LocalHost)};
        config.port = 0;
        config.sslPortEnabled = false;
        config.certPath = TestCertificate::instance().certPath();
        config.keyPath = TestCertificate::instance().keyPath();
        config.dataDir = m_server->dataDir();
        config.store = u"memory"_s;
        config.allowInsecureAuth = true;
        ImapServer server(config, std::move(slow), std::make_unique<SqlAuthenticator>(m_server->users()));
        store->server = &server;
        server.addCommand("XWHOAMI", [] { return std::unique_ptr<Command>(new WhoAmICommand()); }, States::Any);
        QString error;
        QVERIFY2(server.listen(&error), qPrintable(error));

        ImapTestClient fetcher, other;
        QVERIFY(fetcher.connectTo(server.port()));
        QVERIFY(fetcher.login("alice", "secret"));
        QVERIFY(other.connectTo(server.port()));
        QVERIFY(other.login("alice", "secret"));
        // 320 messages: ten chunks of 32 bodies.
        constexpr int Messages = 320;
        QByteArray appends;
        for (int i = 0; i < Messages; ++i)
            appends += "p" + QByteArray::number(i) + " APPEND INBOX {9+}\r\nmessage " + QByteArray::number(i % 10) + "\r\n";
        other.send(appends);
        QCOMPARE(other.readUntilTagged("p" + QByteArray::number(Messages - 1)).size(), Messages);
        QCOMPARE(fetcher.command("s", "SELECT INBOX").last().left(4), QByteArray("s OK"));
        QVERIFY(server.sessions().size() == 2);
        const quint64 fetcherId = sessionOf(server, fetcher)->id();
        const quint64 otherId = sessionOf(server, other)->id();
        QCOMPARE(server.currentSession(), nullptr);

        store->recording = true;
        fetcher.sendLine("f FETCH 1:* (BODY.PEEK[])");
        QTRY_VERIFY(!events.isEmpty()); // the first chunk was read: the FETCH is under way
        const QByteArrayList who = other.command("w", "XWHOAMI");
        events.append("xwhoami " + who.value(0));
        const QByteArrayList fetched = fetcher.readUntilTagged("f", 30000);
        store->recording = false;
        QCOMPARE(fetched.size(), Messages + 1);
        QCOMPARE(fetched.last(), "f OK FETCH completed");
        QCOMPARE(fetched.at(Messages - 1), "* 320 FETCH (BODY[] {9}\r\nmessage 9)");
        QCOMPARE(who, (QByteArrayList{"* XWHOAMI " + QByteArray::number(otherId) + " self", "w OK XWHOAMI completed"}));

        // Every chunk, before and after the other session's command, ran as the fetcher.
        const QByteArray chunk = "chunk " + QByteArray::number(fetcherId);
        const qsizetype between = events.indexOf("xwhoami " + who.value(0));
        QVERIFY2(between > 0, events.join(" | ").constData());
        QVERIFY2(between < events.size() - 1, "the FETCH did not yield to the other session");
        for (qsizetype i = 0; i < events.size(); ++i) {
            if (i != between)
                QCOMPARE(events.at(i), chunk);
        }
        QVERIFY(events.size() >= Messages / 32 + 1); // at least one read per chunk of 32 bodies
        // Nothing runs now.
        QCOMPARE(server.currentSession(), nullptr);
        QCOMPARE(fetcher.command("w", "XWHOAMI").first(), QByteArray("* XWHOAMI " + QByteArray::number(fetcherId) + " self"));
        QCOMPARE(server.currentSession(), nullptr);
    }

    // sessionsOnMailbox(): who has a mailbox selected (SELECT or EXAMINE) right now.
    void sessionsOnMailboxFollowSelection()
    {
        ImapServer &server = m_server->server();
        ImapTestClient a, b;
        QVERIFY(a.connectTo(m_server->port()));
        QVERIFY(a.login("alice", "secret"));
        QVERIFY(b.connectTo(m_server->port()));
        QVERIFY(b.login("alice", "secret"));
        QCOMPARE(a.command("c", "CREATE Other").last(), "c OK CREATE completed");
        Session *sa = sessionOf(a);
        Session *sb = sessionOf(b);
        QVERIFY(sa && sb);
        const qint64 inbox = mailboxId(*sa, u"INBOX"_s);
        const qint64 other = mailboxId(*sa, u"Other"_s);
        QVERIFY(inbox > 0 && other > 0 && inbox != other);
        QCOMPARE(server.sessionsOnMailbox(inbox), QList<Session *>());
        QCOMPARE(server.sessionsOfUser(u"alice"_s).size(), 2);

        QVERIFY(a.command("s", "SELECT INBOX").last().startsWith("s OK [READ-WRITE]"));
        QCOMPARE(server.sessionsOnMailbox(inbox), QList<Session *>{sa});
        QVERIFY(b.command("e", "EXAMINE INBOX").last().startsWith("e OK [READ-ONLY]"));
        QCOMPARE(server.sessionsOnMailbox(inbox), (QList<Session *>{sa, sb}));
        QCOMPARE(server.sessionsOnMailbox(other), QList<Session *>());

        QCOMPARE(a.command("c", "CLOSE").last(), "c OK CLOSE completed");
        QCOMPARE(server.sessionsOnMailbox(inbox), QList<Session *>{sb});
        QVERIFY(sa->state() == SessionState::Authenticated);

        // SELECT of another mailbox leaves the first (RFC 3501 §6.3.1).
        QVERIFY(b.command("s", "SELECT Other").last().startsWith("s OK [READ-WRITE]"));
        QCOMPARE(server.sessionsOnMailbox(inbox), QList<Session *>());
        QCOMPARE(server.sessionsOnMailbox(other), QList<Session *>{sb});

        // A failed SELECT leaves no mailbox selected (§6.3.1).
        QVERIFY(a.command("s", "SELECT INBOX").last().startsWith("s OK"));
        QCOMPARE(server.sessionsOnMailbox(inbox), QList<Session *>{sa});
        QCOMPARE(a.command("s", "SELECT Nonexistent").last().left(4), QByteArray("s NO"));
        QCOMPARE(server.sessionsOnMailbox(inbox), QList<Session *>());
        QVERIFY(sa->state() == SessionState::Authenticated);

        // UNSELECT (RFC 3691) and LOGOUT.
        QCOMPARE(b.command("u", "UNSELECT").last(), "u OK UNSELECT completed");
        QCOMPARE(server.sessionsOnMailbox(other), QList<Session *>());
        QVERIFY(a.command("e", "EXAMINE Other").last().startsWith("e OK [READ-ONLY]"));
        QCOMPARE(server.sessionsOnMailbox(other), QList<Session *>{sa});
        QCOMPARE(a.command("z", "LOGOUT").last(), "z OK LOGOUT completed");
        QVERIFY(a.waitForDisconnected());
        QTRY_COMPARE(server.sessionsOnMailbox(other), QList<Session *>());
        QCOMPARE(server.sessionsOfUser(u"alice"_s), QList<Session *>{sb});
    }

private:
    bool connectAndSelect(ImapTestClient &client)
    {
        return client.connectTo(m_server->port()) && client.login("alice", "secret")
            && client.command("sel", "SELECT INBOX").last().startsWith("sel OK");
    }
    // The server's session for a client: the one whose peer port is the client's local port.
    static Session *sessionOf(const ImapServer &server, ImapTestClient &client)
    {
        for (Session *session : server.sessions()) {
            if (session->peerPort() == client.socket().localPort())
                return session;
        }
        return nullptr;
    }
    Session *sessionOf(ImapTestClient &client) const
    {
        Session *session = nullptr;
        if (!QTest::qWaitFor([&] { return (session = sessionOf(m_server->server(), client)) != nullptr; }, 5000))
            return nullptr;
        return session;
    }
    qint64 mailboxId(const Session &session, const QString &name) const
    {
        const StoreResult<MailboxInfo> info = m_server->server().store().mailbox(session.account(), name);
        return info ? info->id : -1;
    }
    static QList<QPair<QByteArray, QByteArray>> records(const Session &session)
    {
        QList<QPair<QByteArray, QByteArray>> out;
        for (const Session::CommandRecord &record : session.recentCommands())
            out.append({record.text, record.result});
        return out;
    }

    std::unique_ptr<TestServer> m_server;
};

QTEST_GUILESS_MAIN(TstSessionInfo)
#include "tst_sessioninfo.moc"
