#include "Command.h"
#include "ImapServer.h"
#include "ImapTestClient.h"
#include "Session.h"
#include "TestServer.h"

#include <QTest>

using namespace qimapd;
using namespace qimapd::test;
using namespace Qt::StringLiterals;

namespace {

// The capability lists the server advertises (RFC 3501 §6.1.1), as in tst_tls.
constexpr char BaseCaps[] = "IMAP4rev1 LITERAL+ SASL-IR ID NAMESPACE CHILDREN UIDPLUS UNSELECT IDLE APPENDLIMIT=67108864";
const QByteArray TlsGreeting = QByteArray("* OK [CAPABILITY ") + BaseCaps + " AUTH=PLAIN] qimapd ready";
const QByteArray LoggedIn = QByteArray("OK [CAPABILITY ") + BaseCaps + "] Logged in";
// RFC 2971 §3.3: the server's own fields.
const QByteArray ServerId = "* ID (\"name\" \"qimapd\" \"version\" \"" QIMAPD_VERSION "\" \"vendor\" \"qimapd developers\")";

// A client's ID fields as the session records them (RFC 2971).
using IdFields = QList<QPair<QByteArray, QByteArray>>;

QByteArray base64(const QByteArray &raw)
{
    return raw.toBase64();
}

// A command added through ImapServer::addCommand (the seed's add_command): it reports whether
// the server's currentSession() is the session running it, and which session that is.
class WhoAmICommand : public Command
{
protected:
    void execute() override
    {
        if (!expectArgCount(0))
            return;
        const bool current = server().currentSession() == &session();
        untagged("XWHOAMI " + QByteArray(current ? "current" : "not-current") + ' '
                 + QByteArray::number(session().id()) + ' '
                 + (session().user().isEmpty() ? QByteArray("-") : session().user().toUtf8()));
        ok("XWHOAMI completed");
    }
};

} // namespace

// The connection level of RFC 3501 (§5, §6.1, §6.2), the parser's limits and the seed's
// session rules: states, bad-command and idle limits, literals, pipelining, ID, NAMESPACE,
// LOGIN and AUTHENTICATE PLAIN.
class TstSession : public QObject
{
    Q_OBJECT

private:
    // Most tests share one server with the default configuration; a test that needs other
    // settings starts its own, used until the test ends.
    bool startServer(TestServer::Tweak tweak = {})
    {
        m_tweaked = std::make_unique<TestServer>(u"memory"_s, std::move(tweak));
        if (!m_tweaked->start()) {
            qWarning("%s", qPrintable(m_tweaked->error()));
            return false;
        }
        return true;
    }
    TestServer &testServer() const { return m_tweaked ? *m_tweaked : *m_shared; }

    // A client on the implicit-TLS port (LOGIN and AUTHENTICATE PLAIN need TLS).
    std::unique_ptr<ImapTestClient> connectTls()
    {
        auto client = std::make_unique<ImapTestClient>();
        if (!client->connectTo(testServer().sslPort(), ImapTestClient::Mode::ImplicitTls))
            return nullptr;
        return client;
    }

    std::unique_ptr<ImapTestClient> loggedIn(const QByteArray &user = "alice", const QByteArray &password = "secret")
    {
        auto client = connectTls();
        if (!client || !client->login(user, password))
            return nullptr;
        return client;
    }

    // Brings a fresh client into a state: "not authenticated", "authenticated" or "selected".
    std::unique_ptr<ImapTestClient> clientInState(const QByteArray &state)
    {
        if (state == "not authenticated")
            return connectTls();
        auto client = loggedIn();
        if (client && state == "selected") {
            const QByteArrayList reply = client->command("sel", "SELECT INBOX");
            if (reply.isEmpty() || !reply.last().startsWith("sel OK"))
                return nullptr;
        }
        return client;
    }

    Session *onlySession() const
    {
        const QList<Session *> sessions = testServer().server().sessions();
        return sessions.size() == 1 ? sessions.first() : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_shared = std::make_unique<TestServer>();
        QVERIFY2(m_shared->start(), qPrintable(m_shared->error()));
    }

    void cleanup()
    {
        m_tweaked.reset();
        // Every test's clients are gone: so are their sessions, before the next test counts them.
        QTRY_VERIFY(m_shared->server().sessions().isEmpty());
    }

    // RFC 3501 §7.1.1: the greeting is an untagged OK; ours carries the capabilities.
    void greeting_data()
    {
        QTest::addColumn<bool>("implicitTls");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("cleartext") << false
                                   << QByteArray(QByteArray("* OK [CAPABILITY ") + BaseCaps
                                                 + " STARTTLS LOGINDISABLED] qimapd ready");
        QTest::newRow("implicit tls") << true << TlsGreeting;
    }
    void greeting()
    {
        QFETCH(bool, implicitTls);
        QFETCH(QByteArray, expected);
        ImapTestClient client;
        QVERIFY(client.connectTo(implicitTls ? testServer().sslPort() : testServer().port(),
                                 implicitTls ? ImapTestClient::Mode::ImplicitTls : ImapTestClient::Mode::Plain));
        QCOMPARE(client.greeting(), expected);
        QVERIFY(client.nothingWithin(100));
    }

    // RFC 3501 §6.1: CAPABILITY, NOOP and LOGOUT are valid in every state; LOGOUT sends BYE,
    // then the tagged OK, then the server closes the connection (§6.1.3).
    void anyStateCommands_data()
    {
        QTest::addColumn<QByteArray>("state");
        QTest::addColumn<QByteArray>("capability");
        QTest::newRow("not authenticated") << QByteArray("not authenticated")
                                           << QByteArray(QByteArray("* CAPABILITY ") + BaseCaps + " AUTH=PLAIN");
        QTest::newRow("authenticated") << QByteArray("authenticated") << QByteArray(QByteArray("* CAPABILITY ") + BaseCaps);
        QTest::newRow("selected") << QByteArray("selected") << QByteArray(QByteArray("* CAPABILITY ") + BaseCaps);
    }
    void anyStateCommands()
    {
        QFETCH(QByteArray, state);
        QFETCH(QByteArray, capability);
        auto client = clientInState(state);
        QVERIFY(client);
        QCOMPARE(client->command("a", "CAPABILITY"), (QByteArrayList{capability, "a OK CAPABILITY completed"}));
        QCOMPARE(client->command("b", "NOOP"), QByteArrayList{"b OK NOOP completed"});
        QCOMPARE(client->command("c", "noop"), QByteArrayList{"c OK NOOP completed"});
        QCOMPARE(client->command("d", "NOOP extra").last(), "d BAD Too many arguments");
        QCOMPARE(client->command("e", "LOGOUT"), (QByteArrayList{"* BYE qimapd logging out", "e OK LOGOUT completed"}));
        QVERIFY(client->waitForDisconnected());
        QVERIFY(client->nothingWithin(0));
    }

    // A command outside the states where it is valid gets BAD (RFC 3501 §6: "command unknown
    // or arguments invalid"), and the connection stays in its state and usable.
    void commandInWrongState_data()
    {
        QTest::addColumn<QByteArray>("state");
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray notAuth = "not authenticated";
        const QByteArray logIn = "not allowed in this state: Log in first";
        const struct
        {
            const char *name;
            const char *command;
        } beforeLogin[] = {
            {"SELECT", "SELECT INBOX"}, {"EXAMINE", "EXAMINE INBOX"}, {"CREATE", "CREATE foo"},
            {"DELETE", "DELETE foo"}, {"RENAME", "RENAME foo bar"}, {"SUBSCRIBE", "SUBSCRIBE INBOX"},
            {"UNSUBSCRIBE", "UNSUBSCRIBE INBOX"}, {"LIST", "LIST \"\" *"}, {"LSUB", "LSUB \"\" *"},
            {"STATUS", "STATUS INBOX (MESSAGES)"}, {"APPEND", "APPEND INBOX {5+}\r\nhello"},
            {"NAMESPACE", "NAMESPACE"}, {"CHECK", "CHECK"}, {"CLOSE", "CLOSE"}, {"UNSELECT", "UNSELECT"},
        };
        for (const auto &row : beforeLogin) {
            QTest::addRow("not authenticated: %s", row.name)
                << notAuth << QByteArray(row.command) << QByteArray("x BAD " + QByteArray(row.name) + ' ' + logIn);
        }
        for (const char *state : {"authenticated", "selected"}) {
            QTest::addRow("%s: LOGIN", state) << QByteArray(state) << QByteArray("LOGIN alice secret")
                                              << QByteArray("x BAD LOGIN not allowed in this state: Already authenticated");
            QTest::addRow("%s: AUTHENTICATE", state)
                << QByteArray(state) << QByteArray("AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==")
                << QByteArray("x BAD AUTHENTICATE not allowed in this state: Already authenticated");
            QTest::addRow("%s: STARTTLS", state) << QByteArray(state) << QByteArray("STARTTLS")
                                                 << QByteArray("x BAD STARTTLS not allowed in this state: Already authenticated");
        }
        for (const char *name : {"CHECK", "CLOSE", "UNSELECT"}) {
            QTest::addRow("authenticated: %s", name)
                << QByteArray("authenticated") << QByteArray(name)
                << QByteArray("x BAD " + QByteArray(name) + " not allowed in this state: Select a mailbox first");
        }
    }
    void commandInWrongState()
    {
        QFETCH(QByteArray, state);
        QFETCH(QByteArray, command);
        QFETCH(QByteArray, expected);
        auto client = clientInState(state);
        QVERIFY(client);
        QCOMPARE(client->command("x", command), QByteArrayList{expected});
        QCOMPARE(client->command("y", "NOOP"), QByteArrayList{"y OK NOOP completed"});
        // Still in the same state.
        Session *session = onlySession();
        QVERIFY(session);
        const SessionState expectedState = state == "selected" ? SessionState::Selected
            : state == "authenticated"                          ? SessionState::Authenticated
                                                                : SessionState::NotAuthenticated;
        QCOMPARE(session->state(), expectedState);
    }

    void unknownCommand_data()
    {
        QTest::addColumn<QByteArray>("state");
        QTest::newRow("not authenticated") << QByteArray("not authenticated");
        QTest::newRow("authenticated") << QByteArray("authenticated");
        QTest::newRow("selected") << QByteArray("selected");
    }
    void unknownCommand()
    {
        QFETCH(QByteArray, state);
        auto client = clientInState(state);
        QVERIFY(client);
        QCOMPARE(client->command("a", "FROBNICATE now"), QByteArrayList{"a BAD Unknown command FROBNICATE"});
        QCOMPARE(client->command("b", "NOOP"), QByteArrayList{"b OK NOOP completed"});
    }

    // Ten bad commands in a row end the connection with BYE; any kind counts: unknown commands,
    // syntax errors, commands in the wrong state, bad arguments.
    void tenBadCommandsEndTheConnection()
    {
        auto client = loggedIn();
        QVERIFY(client);
        const QByteArrayList bad = {
            "FROBNICATE", "SELECT \"unterminated", "LOGIN alice secret", "NOOP extra",
            "STATUS INBOX (BOGUS)", "CHECK", "ID", "LIST \"\"", "UNSELECT",
        };
        QCOMPARE(bad.size(), 9);
        for (qsizetype i = 0; i < bad.size(); ++i) {
            const QByteArray tag = "b" + QByteArray::number(i);
            const QByteArrayList reply = client->command(tag, bad.at(i));
            QCOMPARE(reply.size(), 1);
            QVERIFY2(reply.first().startsWith(QByteArray(tag + " BAD ")), reply.first().constData());
        }
        QVERIFY(client->isConnected());
        client->sendLine("last FROBNICATE");
        QCOMPARE(client->readResponse(), "last BAD Unknown command FROBNICATE");
        QCOMPARE(client->readResponse(), "* BYE Too many invalid commands");
        QVERIFY(client->waitForDisconnected());
    }

    void goodCommandResetsBadCount_data()
    {
        QTest::addColumn<QByteArray>("good");
        QTest::newRow("OK") << QByteArray("NOOP");
        // A NO is a well-formed command that failed: it is not a protocol error.
        QTest::newRow("NO") << QByteArray("SELECT nosuch");
    }
    void goodCommandResetsBadCount()
    {
        QFETCH(QByteArray, good);
        auto client = loggedIn();
        QVERIFY(client);
        for (int round = 0; round < 3; ++round) {
            for (int i = 0; i < 9; ++i)
                QCOMPARE(client->command("x", "FROBNICATE").size(), 1);
            const QByteArrayList reply = client->command("g", good);
            QVERIFY(!reply.last().startsWith("g BAD"));
        }
        QCOMPARE(client->command("y", "NOOP"), QByteArrayList{"y OK NOOP completed"});
        QVERIFY(client->isConnected());
    }

    // The seed's unauth_commands: after that many commands without logging in, BYE. Logged-in
    // clients are not limited.
    void unauthCommandLimit_data()
    {
        QTest::addColumn<int>("configured"); // 0: the default
        QTest::addColumn<int>("limit");
        QTest::newRow("default") << 0 << 10;
        QTest::newRow("configured 3") << 3 << 3;
    }
    void unauthCommandLimit()
    {
        QFETCH(int, configured);
        QFETCH(int, limit);
        QVERIFY(startServer([configured](ServerConfig &config) {
            if (configured)
                config.unauthCommands = configured;
        }));
        auto client = connectTls();
        QVERIFY(client);
        for (int i = 0; i < limit; ++i) {
            const QByteArray tag = "n" + QByteArray::number(i);
            // Unknown commands count too (cross-protocol attacks).
            const QByteArray command = i % 2 ? "NOOP" : "GET / HTTP/1.0";
            QCOMPARE(client->command(tag, command).size(), 1);
        }
        client->sendLine("over NOOP");
        QCOMPARE(client->readResponse(), "* BYE Too many commands before authentication");
        QVERIFY(client->waitForDisconnected());

        // The limit ends with authentication.
        auto other = connectTls();
        QVERIFY(other);
        for (int i = 0; i < limit - 1; ++i)
            QCOMPARE(other->command("p", "NOOP"), QByteArrayList{"p OK NOOP completed"});
        QVERIFY(other->login("alice", "secret"));
        for (int i = 0; i < limit + 2; ++i)
            QCOMPARE(other->command("q", "NOOP"), QByteArrayList{"q OK NOOP completed"});
    }

    // The seed's unauth_idle and auth_idle: an idle client is logged out with BYE (RFC 3501
    // §5.4). The server checks once a second.
    void idleTimeouts_data()
    {
        QTest::addColumn<bool>("authenticated");
        QTest::newRow("unauth_idle") << false;
        QTest::newRow("auth_idle") << true;
    }
    void idleTimeouts()
    {
        QFETCH(bool, authenticated);
        QVERIFY(startServer([authenticated](ServerConfig &config) {
            // The other limit stays long, so only the one under test can end the session.
            config.unauthIdleSeconds = authenticated ? 3600 : 1;
            config.authIdleSeconds = authenticated ? 1 : 3600;
        }));
        auto client = authenticated ? loggedIn() : connectTls();
        QVERIFY(client);
        QCOMPARE(client->readResponse(6000), "* BYE Autologout; idle for too long");
        QVERIFY(client->waitForDisconnected());
    }

    // The unauthenticated limit does not apply once logged in, and vice versa.
    void idleLimitsApplyToTheirStateOnly_data()
    {
        QTest::addColumn<bool>("authenticated");
        QTest::newRow("logged in, unauth_idle 1 s") << true;
        QTest::newRow("not logged in, auth_idle 1 s") << false;
    }
    void idleLimitsApplyToTheirStateOnly()
    {
        QFETCH(bool, authenticated);
        QVERIFY(startServer([authenticated](ServerConfig &config) {
            config.unauthIdleSeconds = authenticated ? 1 : 3600;
            config.authIdleSeconds = authenticated ? 3600 : 1;
        }));
        auto client = authenticated ? loggedIn() : connectTls();
        QVERIFY(client);
        QVERIFY(client->nothingWithin(2500));
        QCOMPARE(client->command("a", "NOOP"), QByteArrayList{"a OK NOOP completed"});
    }

    // RFC 3501 §5.5: pipelined commands; answered in the order sent, each after the one before
    // completes (LOGIN finishes later, on the password-hashing thread pool).
    void pipelinedCommandsAnsweredInOrder()
    {
        QVERIFY(startServer()); // an INBOX nobody has touched
        auto client = connectTls();
        QVERIFY(client);
        client->send("a NOOP\r\nb LOGIN alice secret\r\nc SELECT INBOX\r\nd CREATE x\r\ne NOOP extra\r\n"
                     "f LIST \"\" x\r\ng LOGOUT\r\n");
        QByteArrayList responses;
        for (QByteArray line = client->readResponse(); !line.isNull(); line = client->readResponse(2000))
            responses.append(line);
        const QByteArrayList expected = {
            "a OK NOOP completed",
            "b " + LoggedIn,
            "* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)",
            "* 0 EXISTS",
            "* 0 RECENT",
            responses.value(5), // UIDVALIDITY: checked below
            "* OK [UIDNEXT 1] Predicted next UID",
            "* OK [PERMANENTFLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft \\*)] Flags permitted",
            "c OK [READ-WRITE] SELECT completed",
            "d OK CREATE completed",
            "e BAD Too many arguments",
            "* LIST (\\HasNoChildren) \"/\" x",
            "f OK LIST completed",
            "* BYE qimapd logging out",
            "g OK LOGOUT completed",
        };
        QCOMPARE(responses, expected);
        QVERIFY(responses.at(5).startsWith("* OK [UIDVALIDITY "));
        QVERIFY(client->waitForDisconnected());
    }

    // RFC 3501 §7.5: a synchronizing literal waits for "+"; RFC 7888 §3: LITERAL+ does not.
    void synchronizingLiteralGetsContinuation()
    {
        auto client = connectTls();
        QVERIFY(client);
        client->sendLine("a LOGIN {5}");
        QCOMPARE(client->readResponse(), "+ Ready for literal data");
        client->send("alice {6}\r\n");
        QCOMPARE(client->readResponse(), "+ Ready for literal data");
        client->send("secret\r\n");
        QCOMPARE(client->readUntilTagged("a"), QByteArrayList{"a " + LoggedIn});
    }

    void literalPlusGetsNoContinuation()
    {
        auto client = connectTls();
        QVERIFY(client);
        client->sendLine("a LOGIN {5+}");
        QVERIFY2(client->nothingWithin(300), "the server answered a non-synchronizing literal");
        client->send("alice {6+}\r\n");
        QVERIFY(client->nothingWithin(200));
        client->send("secret\r\n");
        QCOMPARE(client->readUntilTagged("a"), QByteArrayList{"a " + LoggedIn});
        // Several LITERAL+ in one write, mixed with other commands.
        client->send("b CREATE {3+}\r\nfoo\r\nc LIST \"\" {3+}\r\nfoo\r\n");
        QCOMPARE(client->readUntilTagged("c"),
                 (QByteArrayList{"b OK CREATE completed", "* LIST (\\HasNoChildren) \"/\" foo", "c OK LIST completed"}));
    }

    // RFC 7889 §4 / RFC 4469 §4.2: an APPEND over the limit is refused with NO [TOOBIG], before
    // the client is asked for a synchronizing literal.
    void appendTooBigBeforeContinuation()
    {
        QVERIFY(startServer([](ServerConfig &config) { config.appendLimit = 100; }));
        auto client = loggedIn();
        QVERIFY(client);
        client->sendLine("a APPEND INBOX {101}");
        QCOMPARE(client->readResponse(), "a NO [TOOBIG] Literal of 101 bytes is larger than the limit of 100 bytes");
        QCOMPARE(client->command("b", "STATUS INBOX (MESSAGES)"),
                 (QByteArrayList{"* STATUS INBOX (MESSAGES 0)", "b OK STATUS completed"}));
        // At the limit it is accepted.
        client->sendLine("c APPEND INBOX {100}");
        QCOMPARE(client->readResponse(), "+ Ready for literal data");
        client->send("Subject: x\r\n\r\n" + QByteArray(100 - 14, 'y') + "\r\n");
        const QByteArrayList reply = client->readUntilTagged("c");
        QCOMPARE(reply.size(), 1);
        QVERIFY2(reply.first().startsWith("c OK [APPENDUID "), reply.first().constData());
    }

    // RFC 7888 §4: a LITERAL+ that is too big is on its way anyway: the server answers at once
    // and discards the bytes; whatever they contain is never executed.
    void literalPlusTooBigIsDiscarded()
    {
        QVERIFY(startServer([](ServerConfig &config) { config.appendLimit = 100; }));
        auto client = loggedIn();
        QVERIFY(client);
        QByteArray body = "Subject: x\r\n\r\n";
        while (body.size() < 180)
            body += "z LOGOUT\r\n";
        body = body.left(180);
        client->send("a APPEND INBOX {180+}\r\n");
        QCOMPARE(client->readResponse(), "a NO [TOOBIG] Literal of 180 bytes is larger than the limit of 100 bytes");
        client->send(body + "\r\nb NOOP\r\n");
        QCOMPARE(client->readUntilTagged("b"), QByteArrayList{"b OK NOOP completed"});
        QCOMPARE(client->command("c", "STATUS INBOX (MESSAGES)"),
                 (QByteArrayList{"* STATUS INBOX (MESSAGES 0)", "c OK STATUS completed"}));
        QVERIFY(client->isConnected());
    }

    // Before login, APPEND's big literal allowance does not apply: an unauthenticated client
    // cannot make the server buffer megabytes (DESIGN.md, security defaults).
    void appendLiteralBeforeLoginIsSmall()
    {
        auto client = connectTls();
        QVERIFY(client);
        client->sendLine("a APPEND INBOX {1000000}");
        QCOMPARE(client->readResponse(), "a NO [TOOBIG] Literal of 1000000 bytes is larger than the limit of 65536 bytes");
        QCOMPARE(client->command("b", "NOOP"), QByteArrayList{"b OK NOOP completed"});
    }

    // DESIGN.md: a line over the limit (64 KiB) costs a tagged BAD, not the connection.
    void overlongLine_data()
    {
        QTest::addColumn<int>("chunk");
        QTest::newRow("one write") << 0;
        QTest::newRow("4 KiB writes") << 4096;
    }
    void overlongLine()
    {
        QFETCH(int, chunk);
        auto client = loggedIn();
        QVERIFY(client);
        const QByteArray line = "a LIST \"\" " + QByteArray(70 * 1024, 'x') + "\r\n";
        if (chunk == 0) {
            client->send(line);
        } else {
            for (qsizetype i = 0; i < line.size(); i += chunk) {
                client->send(line.mid(i, chunk));
                QTest::qWait(1);
            }
        }
        QCOMPARE(client->readUntilTagged("a"), QByteArrayList{"a BAD Syntax error: Line too long"});
        QCOMPARE(client->command("b", "NOOP"), QByteArrayList{"b OK NOOP completed"});
    }

    // Seed bug 7: an error after a literal dropped the connection without a tagged reply.
    void errorAfterLiteral_data()
    {
        QTest::addColumn<QByteArray>("first");
        QTest::addColumn<QByteArray>("rest");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("extra arguments") << QByteArray("a LOGIN {5}") << QByteArray("alice secret garbage")
                                         << QByteArray("a BAD Too many arguments");
        QTest::newRow("unterminated quoted") << QByteArray("a LOGIN {5}") << QByteArray("alice \"secret")
                                             << QByteArray("a BAD Syntax error: Unterminated quoted string");
        QTest::newRow("unterminated list") << QByteArray("a LOGIN {5}") << QByteArray("alice (secret")
                                           << QByteArray("a BAD Syntax error: Unterminated list");
        QTest::newRow("missing password") << QByteArray("a LOGIN {5}") << QByteArray("alice")
                                          << QByteArray("a BAD Missing arguments");
        QTest::newRow("list as password") << QByteArray("a LOGIN {5}") << QByteArray("alice (secret)")
                                          << QByteArray("a BAD Expected password");
        QTest::newRow("literal+") << QByteArray("a LOGIN {5+}") << QByteArray("alice \"sec\\ret\"")
                                  << QByteArray("a BAD Syntax error: Invalid escape in quoted string");
    }
    void errorAfterLiteral()
    {
        QFETCH(QByteArray, first);
        QFETCH(QByteArray, rest);
        QFETCH(QByteArray, expected);
        auto client = connectTls();
        QVERIFY(client);
        client->sendLine(first);
        if (!first.endsWith("+}"))
            QCOMPARE(client->readResponse(), "+ Ready for literal data");
        client->sendLine(rest);
        QCOMPARE(client->readUntilTagged("a"), QByteArrayList{expected});
        QCOMPARE(client->command("b", "NOOP"), QByteArrayList{"b OK NOOP completed"});
        QVERIFY(client->login("alice", "secret"));
    }

    // RFC 2971: ID in any state; the server answers with its own fields.
    void id_data()
    {
        QTest::addColumn<QByteArray>("arguments");
        QTest::addColumn<QByteArray>("tagged");
        QTest::addColumn<IdFields>("recorded");
        using Id = IdFields;
        const QByteArray ok = "a OK ID completed";
        QTest::newRow("NIL") << QByteArray("NIL") << ok << Id{};
        QTest::newRow("nil lower case") << QByteArray("nil") << ok << Id{};
        QTest::newRow("one pair") << QByteArray("(\"name\" \"x\")") << ok << Id{{"name", "x"}};
        QTest::newRow("two pairs, NIL value") << QByteArray("(\"name\" \"x\" \"version\" NIL)") << ok
                                              << Id{{"name", "x"}, {"version", QByteArray()}};
        QTest::newRow("literal value") << QByteArray("(\"name\" {3+}\r\nabc)") << ok << Id{{"name", "abc"}};
        QTest::newRow("empty list") << QByteArray("()") << ok << Id{};
        const QByteArray bad = "a BAD ID takes NIL or a list of field/value pairs";
        QTest::newRow("odd list") << QByteArray("(\"name\")") << bad << Id{};
        QTest::newRow("string, not list") << QByteArray("\"name\"") << bad << Id{};
        QTest::newRow("atom, not list") << QByteArray("name") << bad << Id{};
        QTest::newRow("atom field") << QByteArray("(name \"x\")") << QByteArray("a BAD Invalid ID field") << Id{};
        QTest::newRow("NIL field") << QByteArray("(NIL \"x\")") << QByteArray("a BAD Invalid ID field") << Id{};
        QTest::newRow("list value") << QByteArray("(\"name\" (\"x\"))") << QByteArray("a BAD Invalid ID field") << Id{};
        QTest::newRow("field over 30 octets") << QByteArray("(\"" + QByteArray(31, 'f') + "\" \"x\")")
                                              << QByteArray("a BAD Invalid ID field") << Id{};
        QTest::newRow("value over 1024 octets") << QByteArray("(\"name\" \"" + QByteArray(1025, 'v') + "\")")
                                                << QByteArray("a BAD Invalid ID field") << Id{};
        QByteArray many = "(";
        for (int i = 0; i < 31; ++i)
            many += (i ? " " : "") + QByteArray("\"f") + QByteArray::number(i) + "\" \"v\"";
        many += ')';
        QTest::newRow("31 pairs") << many << QByteArray("a BAD Too many ID fields") << Id{};
        QTest::newRow("no argument") << QByteArray() << QByteArray("a BAD Missing arguments") << Id{};
        QTest::newRow("two arguments") << QByteArray("NIL NIL") << QByteArray("a BAD Too many arguments") << Id{};
    }
    void id()
    {
        QFETCH(QByteArray, arguments);
        QFETCH(QByteArray, tagged);
        QFETCH(IdFields, recorded);
        auto client = connectTls();
        QVERIFY(client);
        const QByteArrayList reply = client->command("a", arguments.isEmpty() ? QByteArray("ID") : QByteArray("ID " + arguments));
        if (tagged.startsWith("a OK")) {
            QCOMPARE(reply, (QByteArrayList{ServerId, tagged}));
            Session *session = onlySession();
            QVERIFY(session);
            QCOMPARE(session->clientId(), recorded);
        } else {
            QCOMPARE(reply, QByteArrayList{tagged});
        }
        QCOMPARE(client->command("b", "NOOP"), QByteArrayList{"b OK NOOP completed"});
    }

    void idInEveryState_data()
    {
        QTest::addColumn<QByteArray>("state");
        QTest::newRow("not authenticated") << QByteArray("not authenticated");
        QTest::newRow("authenticated") << QByteArray("authenticated");
        QTest::newRow("selected") << QByteArray("selected");
    }
    void idInEveryState()
    {
        QFETCH(QByteArray, state);
        auto client = clientInState(state);
        QVERIFY(client);
        QCOMPARE(client->command("a", "ID (\"name\" \"tester\")"), (QByteArrayList{ServerId, "a OK ID completed"}));
        Session *session = onlySession();
        QVERIFY(session);
        QCOMPARE(session->clientId(), (IdFields{{"name", "tester"}}));
    }

    // RFC 2342: one personal namespace, no other users' or shared ones.
    void namespaceCommand_data()
    {
        QTest::addColumn<QByteArray>("state");
        QTest::newRow("authenticated") << QByteArray("authenticated");
        QTest::newRow("selected") << QByteArray("selected");
    }
    void namespaceCommand()
    {
        QFETCH(QByteArray, state);
        auto client = clientInState(state);
        QVERIFY(client);
        QCOMPARE(client->command("a", "NAMESPACE"),
                 (QByteArrayList{"* NAMESPACE ((\"\" \"/\")) NIL NIL", "a OK NAMESPACE completed"}));
        QCOMPARE(client->command("b", "NAMESPACE x").last(), "b BAD Too many arguments");
    }

    // RFC 3501 §6.2.3 under TLS; RFC 5530 AUTHENTICATIONFAILED. User names are case-insensitive.
    void login_data()
    {
        QTest::addColumn<QByteArray>("arguments");
        QTest::addColumn<QByteArray>("tagged");
        QTest::addColumn<QString>("user");
        const QByteArray failed = "a NO [AUTHENTICATIONFAILED] Authentication failed";
        QTest::newRow("atoms") << QByteArray("alice secret") << QByteArray("a " + LoggedIn) << u"alice"_s;
        QTest::newRow("quoted") << QByteArray("\"alice\" \"secret\"") << QByteArray("a " + LoggedIn) << u"alice"_s;
        QTest::newRow("literals") << QByteArray("{5+}\r\nalice {6+}\r\nsecret") << QByteArray("a " + LoggedIn) << u"alice"_s;
        QTest::newRow("upper-case user") << QByteArray("ALICE secret") << QByteArray("a " + LoggedIn) << u"alice"_s;
        QTest::newRow("mixed-case user") << QByteArray("Bob hunter2") << QByteArray("a " + LoggedIn) << u"bob"_s;
        QTest::newRow("wrong password") << QByteArray("alice Secret") << failed << QString();
        QTest::newRow("other user's password") << QByteArray("alice hunter2") << failed << QString();
        QTest::newRow("unknown user") << QByteArray("mallory secret") << failed << QString();
        QTest::newRow("empty password") << QByteArray("alice \"\"") << failed << QString();
        QTest::newRow("one argument") << QByteArray("alice") << QByteArray("a BAD Missing arguments") << QString();
        QTest::newRow("three arguments") << QByteArray("alice secret x") << QByteArray("a BAD Too many arguments") << QString();
    }
    void login()
    {
        QFETCH(QByteArray, arguments);
        QFETCH(QByteArray, tagged);
        QFETCH(QString, user);
        auto client = connectTls();
        QVERIFY(client);
        QCOMPARE(client->command("a", "LOGIN " + arguments), QByteArrayList{tagged});
        Session *session = onlySession();
        QVERIFY(session);
        if (user.isEmpty()) {
            QCOMPARE(session->state(), SessionState::NotAuthenticated);
            // A failed login leaves the client free to try again.
            QVERIFY(client->login("alice", "secret"));
            QCOMPARE(session->user(), u"alice"_s);
        } else {
            QCOMPARE(session->state(), SessionState::Authenticated);
            QCOMPARE(session->user(), user);
            QCOMPARE(testServer().server().sessionsOfUser(user), QList<Session *>{session});
        }
    }

    // The canonical user owns the mail: ALICE sees what alice created.
    void userNameCaseSharesMailboxes()
    {
        auto lower = loggedIn("alice", "secret");
        QVERIFY(lower);
        QCOMPARE(lower->command("a", "CREATE Shared").last(), "a OK CREATE completed");
        auto upper = loggedIn("ALICE", "secret");
        QVERIFY(upper);
        QCOMPARE(upper->command("b", "LIST \"\" Shared"),
                 (QByteArrayList{"* LIST (\\HasNoChildren) \"/\" Shared", "b OK LIST completed"}));
    }

    // RFC 3501 §6.2.2, RFC 4959 (SASL-IR), RFC 4616 (PLAIN).
    void authenticatePlain_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArray>("response"); // sent after an empty "+ " challenge, if set
        QTest::addColumn<QByteArray>("tagged");
        QTest::addColumn<bool>("loggedIn");
        const QByteArray good = base64(QByteArray("\0alice\0secret", 13));
        const QByteArray ok = "a " + LoggedIn;
        const QByteArray failed = "a NO [AUTHENTICATIONFAILED] Authentication failed";
        QTest::newRow("initial response") << QByteArray("AUTHENTICATE PLAIN " + good) << QByteArray() << ok << true;
        QTest::newRow("mechanism in lower case") << QByteArray("AUTHENTICATE plain " + good) << QByteArray() << ok << true;
        QTest::newRow("upper-case user") << QByteArray("AUTHENTICATE PLAIN " + base64(QByteArray("\0ALICE\0secret", 13)))
                                         << QByteArray() << ok << true;
        QTest::newRow("challenge") << QByteArray("AUTHENTICATE PLAIN") << good << ok << true;
        QTest::newRow("authzid equals authcid")
            << QByteArray("AUTHENTICATE PLAIN " + base64(QByteArray("alice\0alice\0secret", 18))) << QByteArray() << ok
            << true;
        QTest::newRow("authzid differs")
            << QByteArray("AUTHENTICATE PLAIN " + base64(QByteArray("bob\0alice\0secret", 16))) << QByteArray()
            << QByteArray("a NO [AUTHENTICATIONFAILED] Authorization identity must be empty or equal the user") << false;
        QTest::newRow("wrong password") << QByteArray("AUTHENTICATE PLAIN " + base64(QByteArray("\0alice\0wrong", 12)))
                                        << QByteArray() << failed << false;
        QTest::newRow("wrong password after challenge") << QByteArray("AUTHENTICATE PLAIN")
                                                        << base64(QByteArray("\0alice\0wrong", 12)) << failed << false;
        QTest::newRow("empty initial response") << QByteArray("AUTHENTICATE PLAIN =") << QByteArray()
                                                << QByteArray("a NO [AUTHENTICATIONFAILED] Malformed PLAIN response") << false;
        QTest::newRow("no NULs") << QByteArray("AUTHENTICATE PLAIN " + base64("alicesecret")) << QByteArray()
                                 << QByteArray("a NO [AUTHENTICATIONFAILED] Malformed PLAIN response") << false;
        QTest::newRow("cancelled") << QByteArray("AUTHENTICATE PLAIN") << QByteArray("*")
                                   << QByteArray("a BAD Authentication cancelled") << false;
        const QByteArray badIr = "a BAD Invalid base64 in initial response";
        QTest::newRow("invalid base64") << QByteArray("AUTHENTICATE PLAIN !!!!") << QByteArray() << badIr << false;
        QTest::newRow("pad in the middle") << QByteArray("AUTHENTICATE PLAIN AAA=BBBB") << QByteArray() << badIr << false;
        QTest::newRow("pad first") << QByteArray("AUTHENTICATE PLAIN =AAA") << QByteArray() << badIr << false;
        QTest::newRow("quoted initial response") << QByteArray("AUTHENTICATE PLAIN \"" + good + "\"") << QByteArray()
                                                 << badIr << false;
        QTest::newRow("invalid base64 after challenge") << QByteArray("AUTHENTICATE PLAIN") << QByteArray("!!!!")
                                                        << QByteArray("a BAD Invalid base64 in authentication response")
                                                        << false;
        QTest::newRow("response too long") << QByteArray("AUTHENTICATE PLAIN") << QByteArray(20000, 'A')
                                           << QByteArray("a BAD Authentication response too long") << false;
        QTest::newRow("response over the line limit") << QByteArray("AUTHENTICATE PLAIN") << QByteArray(70 * 1024, 'A')
                                                      << QByteArray("a BAD Line too long") << false;
        QTest::newRow("unknown mechanism") << QByteArray("AUTHENTICATE CRAM-MD5") << QByteArray()
                                           << QByteArray("a NO Unsupported authentication mechanism") << false;
        QTest::newRow("unknown mechanism with IR") << QByteArray("AUTHENTICATE X-UNKNOWN " + good) << QByteArray()
                                                   << QByteArray("a NO Unsupported authentication mechanism") << false;
        QTest::newRow("no mechanism") << QByteArray("AUTHENTICATE") << QByteArray()
                                      << QByteArray("a BAD Missing arguments") << false;
    }
    void authenticatePlain()
    {
        QFETCH(QByteArray, command);
        QFETCH(QByteArray, response);
        QFETCH(QByteArray, tagged);
        QFETCH(bool, loggedIn);
        auto client = connectTls();
        QVERIFY(client);
        client->sendLine("a " + command);
        if (!response.isNull()) {
            // An empty challenge asks for the initial response (RFC 4959 §3, RFC 4422 §5).
            QCOMPARE(client->readResponse(), "+ ");
            client->sendLine(response);
        }
        QCOMPARE(client->readUntilTagged("a"), QByteArrayList{tagged});
        Session *session = onlySession();
        QVERIFY(session);
        QCOMPARE(session->state(), loggedIn ? SessionState::Authenticated : SessionState::NotAuthenticated);
        if (loggedIn)
            QCOMPARE(session->user(), u"alice"_s);
        // The connection stays usable, and a failed exchange can be followed by a good one.
        QCOMPARE(client->command("b", "NOOP"), QByteArrayList{"b OK NOOP completed"});
        if (!loggedIn) {
            QCOMPARE(client->command("c", "AUTHENTICATE PLAIN " + base64(QByteArray("\0alice\0secret", 13))),
                     QByteArrayList{"c " + LoggedIn});
        }
    }

    // Failed logins are delayed with a timer, never by blocking the loop: another client's NOOP
    // sent after the bad password is answered before the NO.
    void failedLoginDoesNotStallOthers()
    {
        QVERIFY(startServer([](ServerConfig &config) {
            config.loginFailureDelayMs = 1500;
            config.maxLoginFailureDelayMs = 1500;
        }));
        auto failing = connectTls();
        auto other = loggedIn("bob", "hunter2");
        QVERIFY(failing && other);
        failing->sendLine("a LOGIN alice wrong");
        QTest::qWait(100); // the password check has finished; the delay is running
        QCOMPARE(other->command("b", "NOOP"), QByteArrayList{"b OK NOOP completed"});
        QVERIFY2(failing->nothingWithin(0), "the failure was answered before the other client's NOOP");
        QCOMPARE(failing->readUntilTagged("a"), QByteArrayList{"a NO [AUTHENTICATIONFAILED] Authentication failed"});
        // The delayed session queues, rather than runs, what it is sent meanwhile.
        failing->send("c LOGIN alice wrong\r\nd NOOP\r\n");
        QCOMPARE(other->command("e", "NOOP"), QByteArrayList{"e OK NOOP completed"});
        QVERIFY(failing->nothingWithin(0));
        QCOMPARE(failing->readUntilTagged("d"),
                 (QByteArrayList{"c NO [AUTHENTICATIONFAILED] Authentication failed", "d OK NOOP completed"}));
    }

    // The seed's current_connection and add_command: a command added by a test runs with
    // currentSession() being its own session, and only while it runs.
    void addedCommandSeesCurrentSession()
    {
        testServer().server().addCommand("XWHOAMI", factoryFor<WhoAmICommand>(), States::Any);
        testServer().server().addCommand("XAUTHONLY", factoryFor<WhoAmICommand>(), States::Authenticated);
        auto first = connectTls();
        auto second = loggedIn("bob", "hunter2");
        QVERIFY(first && second);
        const QList<Session *> sessions = testServer().server().sessions();
        QCOMPARE(sessions.size(), 2);
        const QByteArray firstId = QByteArray::number(sessions.at(0)->id());
        const QByteArray secondId = QByteArray::number(sessions.at(1)->id());
        QVERIFY(firstId != secondId);

        QCOMPARE(first->command("a", "XWHOAMI"),
                 (QByteArrayList{"* XWHOAMI current " + firstId + " -", "a OK XWHOAMI completed"}));
        QCOMPARE(second->command("b", "xwhoami"),
                 (QByteArrayList{"* XWHOAMI current " + secondId + " bob", "b OK XWHOAMI completed"}));
        QVERIFY(testServer().server().currentSession() == nullptr);
        // Pipelined on both connections at once: each sees itself.
        first->send("c XWHOAMI\r\nd XWHOAMI\r\n");
        second->send("e XWHOAMI\r\n");
        QCOMPARE(second->readUntilTagged("e"),
                 (QByteArrayList{"* XWHOAMI current " + secondId + " bob", "e OK XWHOAMI completed"}));
        QCOMPARE(first->readUntilTagged("d"),
                 (QByteArrayList{"* XWHOAMI current " + firstId + " -", "c OK XWHOAMI completed",
                                 "* XWHOAMI current " + firstId + " -", "d OK XWHOAMI completed"}));
        // The added row's states are enforced like the standard ones.
        QCOMPARE(first->command("f", "XAUTHONLY"),
                 QByteArrayList{"f BAD XAUTHONLY not allowed in this state: Log in first"});
        QCOMPARE(second->command("g", "XAUTHONLY"),
                 (QByteArrayList{"* XWHOAMI current " + secondId + " bob", "g OK XWHOAMI completed"}));
        QCOMPARE(first->command("h", "XWHOAMI now").last(), "h BAD Too many arguments");
        QVERIFY(testServer().server().registry().names().contains("XWHOAMI"));
    }

private:
    std::unique_ptr<TestServer> m_shared;
    std::unique_ptr<TestServer> m_tweaked;
};

QTEST_GUILESS_MAIN(TstSession)
#include "tst_session.moc"
