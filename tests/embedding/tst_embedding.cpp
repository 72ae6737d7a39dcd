#include "ImapTestClient.h"
#include "TestCertificate.h"
#include "embedded_server.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace qimapd;
using namespace qimapd::test;

// "qimapd is also a library": the embedding example (embedded_server.cpp) runs an ImapServer
// with its own MailStore, Authenticator, Session class and extra command. Checked end to end
// over sockets, in this process and as the example program.
class TstEmbedding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(TestCertificate::instance().isValid(), qPrintable(TestCertificate::instance().error()));
    }

    void init()
    {
        ServerConfig config;
        config.listen = {QHostAddress(QHostAddress::LocalHost)};
        config.port = 0;
        config.sslPort = 0;
        config.sslPortEnabled = true;
        config.certPath = TestCertificate::instance().certPath();
        config.keyPath = TestCertificate::instance().keyPath();
        config.loginFailureDelayMs = 20;
        config.maxLoginFailureDelayMs = 100;
        m_server = embedded::createServer(config);
        QString error;
        QVERIFY2(m_server->listen(&error), qPrintable(error));
    }
    void cleanup() { m_server.reset(); }

    // The session factory's Session subclass greets in its own words, with the capabilities
    // that fit the connection.
    void customGreeting()
    {
        ImapTestClient plain;
        QVERIFY(plain.connectTo(m_server->port()));
        QCOMPARE(plain.greeting(),
                 "* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR ID NAMESPACE CHILDREN UIDPLUS UNSELECT IDLE "
                 "APPENDLIMIT=67108864 STARTTLS LOGINDISABLED] Embedded qimapd says hello");
        ImapTestClient tls;
        QVERIFY2(tls.connectTo(m_server->sslPort(), ImapTestClient::Mode::ImplicitTls), qPrintable(tls.lastError()));
        QCOMPARE(tls.greeting(),
                 "* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR ID NAMESPACE CHILDREN UIDPLUS UNSELECT IDLE "
                 "APPENDLIMIT=67108864 AUTH=PLAIN] Embedded qimapd says hello");
        QCOMPARE(m_server->sessions().size(), 2);
    }

    // The table authenticator, through LOGIN and AUTHENTICATE, over STARTTLS and implicit TLS.
    void login_data()
    {
        QTest::addColumn<bool>("implicitTls");
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray ok = "a OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR ID NAMESPACE CHILDREN UIDPLUS UNSELECT IDLE "
                              "APPENDLIMIT=67108864] Logged in";
        const QByteArray failed = "a NO [AUTHENTICATIONFAILED] Authentication failed";
        QTest::newRow("login over starttls") << false << QByteArray("LOGIN alice wonderland") << ok;
        QTest::newRow("login over tls") << true << QByteArray("LOGIN bob builder") << ok;
        QTest::newRow("name in any case") << true << QByteArray("LOGIN ALICE wonderland") << ok;
        QTest::newRow("wrong password") << true << QByteArray("LOGIN alice builder") << failed;
        QTest::newRow("password prefix") << true << QByteArray("LOGIN alice wonder") << failed;
        QTest::newRow("password in other case") << true << QByteArray("LOGIN alice WONDERLAND") << failed;
        QTest::newRow("unknown user") << true << QByteArray("LOGIN carol wonderland") << failed;
        QTest::newRow("authenticate plain")
            << false << "AUTHENTICATE PLAIN " + QByteArray("\0bob\0builder", 12).toBase64() << ok;
        QTest::newRow("authenticate plain, wrong password")
            << true << "AUTHENTICATE PLAIN " + QByteArray("\0bob\0wonderland", 15).toBase64() << failed;
    }
    void login()
    {
        QFETCH(bool, implicitTls);
        QFETCH(QByteArray, command);
        QFETCH(QByteArray, expected);
        ImapTestClient client;
        if (implicitTls) {
            QVERIFY(client.connectTo(m_server->sslPort(), ImapTestClient::Mode::ImplicitTls));
        } else {
            QVERIFY(client.connectTo(m_server->port()));
            QVERIFY(client.startTls());
        }
        QCOMPARE(client.command("a", command).last(), expected);
    }

    // Plaintext passwords are refused before TLS with any authenticator.
    void loginNeedsTls()
    {
        ImapTestClient client;
        QVERIFY(client.connectTo(m_server->port()));
        QCOMPARE(client.command("a", "LOGIN alice wonderland").last(),
                 "a NO [PRIVACYREQUIRED] Plaintext authentication is disabled without TLS; use STARTTLS first");
    }

    // models/Authenticator.h: the callback comes later, on the loop, exactly once.
    void authenticatorAnswersLater_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QByteArray>("password");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("right") << u"Alice"_s << QByteArray("wonderland") << true << u"alice"_s;
        QTest::newRow("wrong") << u"alice"_s << QByteArray("wonderlanD") << false << QString();
        QTest::newRow("empty") << u"alice"_s << QByteArray() << false << QString();
        QTest::newRow("unknown") << u"nobody"_s << QByteArray("wonderland") << false << QString();
    }
    void authenticatorAnswersLater()
    {
        QFETCH(QString, user);
        QFETCH(QByteArray, password);
        QFETCH(bool, ok);
        QFETCH(QString, canonical);
        embedded::TableAuthenticator authenticator(embedded::exampleUsers());
        int calls = 0;
        AuthResult result;
        authenticator.verifyPassword(user, password, [&](const AuthResult &r) {
            ++calls;
            result = r;
        });
        QCOMPARE(calls, 0); // never synchronously
        QTRY_COMPARE(calls, 1);
        QCOMPARE(result.ok, ok);
        QCOMPARE(result.user, canonical);
        QVERIFY(!result.unavailable);
        QTest::qWait(50);
        QCOMPARE(calls, 1);

        // An answer still pending when the authenticator goes away is dropped, not delivered
        // into freed memory.
        auto shortLived = std::make_unique<embedded::TableAuthenticator>(embedded::exampleUsers());
        bool late = false;
        shortLived->verifyPassword(user, password, [&late](const AuthResult &) { late = true; });
        shortLived.reset();
        QTest::qWait(50);
        QVERIFY(!late);
    }

    // The store puts a welcome message into each new account's INBOX, once.
    void welcomeMessageInInbox()
    {
        for (int round = 0; round < 2; ++round) {
            ImapTestClient client;
            QVERIFY(client.connectTo(m_server->sslPort(), ImapTestClient::Mode::ImplicitTls));
            QVERIFY(client.login("alice", "wonderland"));
            // The second time round: the welcome and the message appended the first time, and no
            // second welcome (the account is not new).
            const QByteArray expected = round == 0 ? "* STATUS INBOX (MESSAGES 1 UNSEEN 1 UIDNEXT 2)"
                                                   : "* STATUS INBOX (MESSAGES 2 UNSEEN 2 UIDNEXT 3)";
            QCOMPARE(client.command("s", "STATUS INBOX (MESSAGES UNSEEN UIDNEXT)"),
                     (QByteArrayList{expected, "s OK STATUS completed"}));
            const QByteArrayList select = client.command("t", "SELECT INBOX");
            QVERIFY2(select.contains(round == 0 ? "* 1 EXISTS" : "* 2 EXISTS"), select.join('\n').constData());
            QVERIFY2(select.last().startsWith("t OK [READ-WRITE]"), select.last().constData());
            // The rest is an ordinary store: the user's own mail goes next to it.
            if (round == 0) {
                const QByteArray mine = "Subject: mine\r\n\r\nhi\r\n";
                client.send("u APPEND INBOX {" + QByteArray::number(mine.size()) + "+}\r\n" + mine + "\r\n");
                QVERIFY2(client.readUntilTagged("u").last().startsWith("u OK [APPENDUID "), "APPEND failed");
                QCOMPARE(client.command("v", "CREATE Archive").last(), QByteArray("v OK CREATE completed"));
                QCOMPARE(client.command("w", "STATUS Archive (MESSAGES)").first(),
                         QByteArray("* STATUS Archive (MESSAGES 0)"));
            }
        }
        ImapTestClient bob;
        QVERIFY(bob.connectTo(m_server->sslPort(), ImapTestClient::Mode::ImplicitTls));
        QVERIFY(bob.login("bob", "builder"));
        QCOMPARE(bob.command("s", "STATUS INBOX (MESSAGES)").first(), QByteArray("* STATUS INBOX (MESSAGES 1)"));
    }

    void welcomeMessageText()
    {
        embedded::WelcomeStore store;
        const StoreResult<qint64> account = store.openAccount(u"carol"_s);
        QVERIFY(account);
        const StoreResult<MailboxInfo> inbox = store.mailbox(*account, u"INBOX"_s);
        QVERIFY(inbox);
        const StoreResult<QByteArray> data = store.messageData(*account, inbox->id, 1);
        QVERIFY(data);
        QVERIFY(data->contains("To: carol@localhost\r\n"));
        QVERIFY(data->contains("Hello carol,"));
        QVERIFY(!data->contains("%USER%"));
        QCOMPARE(store.kind(), u"welcome"_s);
    }

    // The command added with ImapServer::addCommand, in every state.
    void extraCommand()
    {
        ImapTestClient client;
        QVERIFY(client.connectTo(m_server->port()));
        QCOMPARE(client.command("a", "XSERVERINFO"),
                 (QByteArrayList{"* XSERVERINFO (SESSIONS 1 STORE \"welcome\" USER NIL)", "a OK XSERVERINFO completed"}));
        QCOMPARE(client.command("b", "xserverinfo extra").last(), QByteArray("b BAD Too many arguments"));
        QVERIFY(client.startTls());
        QVERIFY(client.login("bob", "builder"));
        ImapTestClient other;
        QVERIFY(other.connectTo(m_server->sslPort(), ImapTestClient::Mode::ImplicitTls));
        QCOMPARE(client.command("c", "XSERVERINFO"),
                 (QByteArrayList{"* XSERVERINFO (SESSIONS 2 STORE \"welcome\" USER \"bob\")", "c OK XSERVERINFO completed"}));
        QCOMPARE(client.command("d", "SELECT INBOX").last().left(5), QByteArray("d OK "));
        QCOMPARE(client.command("e", "XSERVERINFO").last(), QByteArray("e OK XSERVERINFO completed"));
    }

    // The example as a program of its own: it starts, serves and stops on SIGTERM.
    void exampleProgram()
    {
        QProcess program;
        program.start(QStringLiteral(EMBEDDED_SERVER_BIN),
                      {u"--port"_s, u"0"_s, u"--ssl-port"_s, u"0"_s, u"--cert"_s, TestCertificate::instance().certPath(),
                       u"--key"_s, TestCertificate::instance().keyPath()});
        QVERIFY2(program.waitForStarted(), qPrintable(program.errorString()));
        QByteArray out;
        QVERIFY(QTest::qWaitFor([&] {
            out += program.readAllStandardOutput();
            return out.contains('\n') || program.state() == QProcess::NotRunning;
        }, 10000));
        static const QRegularExpression ports(u"listening on port (\\d+) \\(STARTTLS\\) and port (\\d+) \\(TLS\\)"_s);
        const QRegularExpressionMatch match = ports.match(QString::fromUtf8(out));
        QVERIFY2(match.hasMatch(), QByteArray(out + program.readAllStandardError()).constData());

        ImapTestClient client;
        QVERIFY(client.connectTo(match.captured(1).toUShort()));
        QVERIFY(client.greeting().endsWith("] Embedded qimapd says hello"));
        QVERIFY(client.startTls());
        QVERIFY(client.login("alice", "wonderland"));
        QCOMPARE(client.command("s", "STATUS INBOX (MESSAGES)").first(), QByteArray("* STATUS INBOX (MESSAGES 1)"));
        ImapTestClient tls;
        QVERIFY(tls.connectTo(match.captured(2).toUShort(), ImapTestClient::Mode::ImplicitTls));
        QCOMPARE(tls.command("x", "XSERVERINFO").first(),
                 QByteArray("* XSERVERINFO (SESSIONS 2 STORE \"welcome\" USER NIL)"));

        program.terminate();
        QCOMPARE(client.readResponse(), QByteArray("* BYE Embedded server shutting down"));
        QVERIFY(QTest::qWaitFor([&] { return program.state() == QProcess::NotRunning; }, 5000));
        QCOMPARE(program.exitStatus(), QProcess::NormalExit);
        QCOMPARE(program.exitCode(), 0);
    }

private:
    std::unique_ptr<ImapServer> m_server;
};

QTEST_GUILESS_MAIN(TstEmbedding)

#include "tst_embedding.moc"
