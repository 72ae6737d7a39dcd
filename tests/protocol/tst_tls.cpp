#include "ImapTestClient.h"
#include "TestServer.h"

#include <QTest>

using namespace qimapd::test;

// TLS and the capabilities that depend on it (RFC 3501 §6.2.1, §6.2.3; the seed's behaviour:
// LOGINDISABLED and no AUTH= in the clear, AUTH=PLAIN under TLS, neither after login).
class TstTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<TestServer>();
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    }
    void cleanup() { m_server.reset(); }

    void cleartextGreetingDisablesLogin()
    {
        ImapTestClient client;
        QVERIFY(client.connectTo(m_server->port()));
        QCOMPARE(client.greeting(),
                 "* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR ID NAMESPACE CHILDREN UIDPLUS UNSELECT IDLE "
                 "APPENDLIMIT=67108864 STARTTLS LOGINDISABLED] qimapd ready");
        QCOMPARE(client.command("a", "LOGIN alice secret").last(),
                 "a NO [PRIVACYREQUIRED] Plaintext authentication is disabled without TLS; use STARTTLS first");
        QCOMPARE(client.command("b", "AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==").last(),
                 "b NO [PRIVACYREQUIRED] Plaintext authentication is disabled without TLS; use STARTTLS first");
    }

    void starttlsOffersPlainThenNothingAfterLogin()
    {
        ImapTestClient client;
        QVERIFY(client.connectTo(m_server->port()));
        QVERIFY(client.startTls());
        QCOMPARE(client.command("a", "CAPABILITY"),
                 (QByteArrayList{"* CAPABILITY IMAP4rev1 LITERAL+ SASL-IR ID NAMESPACE CHILDREN UIDPLUS UNSELECT IDLE "
                                 "APPENDLIMIT=67108864 AUTH=PLAIN",
                                 "a OK CAPABILITY completed"}));
        QCOMPARE(client.command("b", "STARTTLS").last(), "b BAD TLS is already active");
        QVERIFY(client.login("alice", "secret"));
        QCOMPARE(client.command("c", "CAPABILITY").first(),
                 "* CAPABILITY IMAP4rev1 LITERAL+ SASL-IR ID NAMESPACE CHILDREN UIDPLUS UNSELECT IDLE "
                 "APPENDLIMIT=67108864");
    }

    void implicitTlsPort()
    {
        ImapTestClient client;
        QVERIFY2(client.connectTo(m_server->sslPort(), ImapTestClient::Mode::ImplicitTls), qPrintable(client.lastError()));
        QVERIFY(client.isEncrypted());
        QVERIFY(client.greeting().contains(" AUTH=PLAIN"));
        QVERIFY(!client.greeting().contains("STARTTLS"));
        QVERIFY(!client.greeting().contains("LOGINDISABLED"));
        QVERIFY(client.login("alice", "secret"));
    }

    // DESIGN.md: bytes sent after STARTTLS in the same packet stay in Qt's buffer across the
    // handshake; they must be discarded, never executed as if they came over TLS.
    void starttlsInjectionIsDiscarded()
    {
        ImapTestClient client;
        QVERIFY(client.connectTo(m_server->port()));
        client.send("a STARTTLS\r\nb NOOP\r\n");
        QCOMPARE(client.readResponse(), "a OK Begin TLS negotiation now");
        client.socket().startClientEncryption();
        QVERIFY(QTest::qWaitFor([&] { return client.isEncrypted(); }, 5000));
        QVERIFY2(client.nothingWithin(300), "the injected command was answered");
        QCOMPARE(client.command("c", "NOOP"), QByteArrayList{"c OK NOOP completed"});
    }

private:
    std::unique_ptr<TestServer> m_server;
};

QTEST_GUILESS_MAIN(TstTls)
#include "tst_tls.moc"
