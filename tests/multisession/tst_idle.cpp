#include "ImapTestClient.h"
#include "TestServer.h"

#include <QTest>

using namespace qimapd::test;

// IDLE (RFC 2177): changes made by other sessions reach an idling client at once, without it
// sending anything; DONE ends the command; anything else is BAD.
class TstIdle : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TestServer>(QStringLiteral("sqlite"));
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    }
    void cleanup() { m_server.reset(); }

    void capabilityAdvertisesIdle()
    {
        ImapTestClient client;
        QVERIFY(client.connectTo(m_server->sslPort(), ImapTestClient::Mode::ImplicitTls));
        QVERIFY(client.greeting().contains(" IDLE "));
    }

    void newMessagesArePushed()
    {
        ImapTestClient idler;
        ImapTestClient other;
        QVERIFY(connectAndSelect(idler));
        QVERIFY(connectAndLogin(other));
        idler.sendLine("i IDLE");
        QCOMPARE(idler.readResponse(), "+ idling");
        QVERIFY(idler.nothingWithin(100));

        QCOMPARE(other.command("a", "APPEND INBOX {5+}\r\nhello").last().left(16), QByteArray("a OK [APPENDUID "));
        // Pushed without the idler sending anything.
        QCOMPARE(idler.readResponse(), "* 1 EXISTS");
        QCOMPARE(idler.readResponse(), "* 1 RECENT");
        idler.sendLine("DONE");
        QCOMPARE(idler.readResponse(), "i OK IDLE terminated");
        // \Recent went to the idling session, which had the mailbox selected (RFC 3501 §2.3.2).
        QCOMPARE(idler.command("f", "FETCH 1 FLAGS").first(), "* 1 FETCH (FLAGS (\\Recent))");
    }

    void flagChangesAndExpungesArePushed()
    {
        ImapTestClient setup;
        QVERIFY(connectAndLogin(setup));
        for (int i = 0; i < 3; ++i)
            QVERIFY(setup.command("a", "APPEND INBOX {5+}\r\nhello").last().startsWith("a OK"));

        ImapTestClient idler;
        QVERIFY(connectAndSelect(idler));
        QCOMPARE(setup.command("s", "SELECT INBOX").last().left(4), QByteArray("s OK"));
        idler.sendLine("i IDLE");
        QCOMPARE(idler.readResponse(), "+ idling");

        // .SILENT silences only the storing session; the idler is still told. The idler
        // selected first, so the messages are \Recent there (RFC 3501 §2.3.2).
        QCOMPARE(setup.command("t", "STORE 2 +FLAGS.SILENT (\\Flagged)"), QByteArrayList{"t OK STORE completed"});
        QCOMPARE(idler.readResponse(), "* 2 FETCH (UID 2 FLAGS (\\Flagged \\Recent))");

        QCOMPARE(setup.command("d", "STORE 1 +FLAGS.SILENT (\\Deleted)"), QByteArrayList{"d OK STORE completed"});
        QCOMPARE(idler.readResponse(), "* 1 FETCH (UID 1 FLAGS (\\Deleted \\Recent))");
        QCOMPARE(setup.command("e", "EXPUNGE"), (QByteArrayList{"* 1 EXPUNGE", "e OK EXPUNGE completed"}));
        // IDLE may see EXPUNGE (it is not FETCH, STORE or SEARCH: RFC 3501 §7.4.1).
        QCOMPARE(idler.readResponse(), "* 1 EXPUNGE");
        idler.sendLine("DONE");
        QCOMPARE(idler.readResponse(), "i OK IDLE terminated");
        QCOMPARE(idler.command("n", "NOOP"), QByteArrayList{"n OK NOOP completed"});
    }

    void anythingButDoneIsBad()
    {
        ImapTestClient idler;
        QVERIFY(connectAndSelect(idler));
        idler.sendLine("i IDLE");
        QCOMPARE(idler.readResponse(), "+ idling");
        idler.sendLine("x NOOP");
        QCOMPARE(idler.readResponse(), "i BAD Expected DONE to end IDLE");
        QCOMPARE(idler.command("n", "NOOP"), QByteArrayList{"n OK NOOP completed"});
    }

    void idleWithoutMailboxAndBeforeLogin()
    {
        ImapTestClient client;
        QVERIFY(client.connectTo(m_server->sslPort(), ImapTestClient::Mode::ImplicitTls));
        QCOMPARE(client.command("a", "IDLE").last(), "a BAD IDLE not allowed in this state: Log in first");
        QVERIFY(client.login("alice", "secret"));
        client.sendLine("i IDLE");
        QCOMPARE(client.readResponse(), "+ idling");
        client.sendLine("done"); // case-insensitive
        QCOMPARE(client.readResponse(), "i OK IDLE terminated");
    }

private:
    bool connectAndLogin(ImapTestClient &client)
    {
        return client.connectTo(m_server->sslPort(), ImapTestClient::Mode::ImplicitTls)
            && client.login("alice", "secret");
    }
    bool connectAndSelect(ImapTestClient &client)
    {
        return connectAndLogin(client) && client.command("sel", "SELECT INBOX").last().startsWith("sel OK");
    }

    std::unique_ptr<TestServer> m_server;
};

QTEST_GUILESS_MAIN(TstIdle)
#include "tst_idle.moc"
