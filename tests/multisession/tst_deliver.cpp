#include "ImapTestClient.h"
#include "TestServer.h"

#include <QProcess>
#include <QTest>

using namespace qimapd::test;
using namespace Qt::StringLiterals;

// `qimapd deliver USER [MAILBOX] < message` from another process, and a running server on the
// same data directory noticing it: at once for an idling client (the server watches the
// database), after the next command for the others (poll_every 0).
class TstDeliver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(!qEnvironmentVariableIsEmpty("QIMAPD_BIN"), "run through ctest"); }
    void init()
    {
        m_server = std::make_unique<TestServer>(u"sqlite"_s);
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    }
    void cleanup() { m_server.reset(); }

    void idlingClientSeesDeliveryAtOnce()
    {
        ImapTestClient idler;
        QVERIFY(connectAndSelect(idler, "INBOX"));
        idler.sendLine("i IDLE");
        QCOMPARE(idler.readResponse(), "+ idling");

        const Result delivered = deliver({u"alice"_s}, "Subject: hello\r\n\r\nfrom the MTA\r\n");
        QCOMPARE(delivered.exitCode, 0);
        QCOMPARE(delivered.out, "delivered UID 1 to INBOX of alice\n");
        QCOMPARE(idler.readResponse(), "* 1 EXISTS");
        QCOMPARE(idler.readResponse(), "* 1 RECENT");
        idler.sendLine("DONE");
        QCOMPARE(idler.readResponse(), "i OK IDLE terminated");
        QCOMPARE(idler.command("f", "FETCH 1 BODY.PEEK[TEXT]").first(), "* 1 FETCH (BODY[TEXT] {14}\r\nfrom the MTA\r\n)");
    }

    void otherClientsHearAfterTheirNextCommand()
    {
        ImapTestClient client;
        QVERIFY(connectAndSelect(client, "INBOX"));
        QCOMPARE(deliver({u"ALICE"_s}, "Subject: one\r\n\r\n1\r\n").exitCode, 0);
        QCOMPARE(deliver({u"alice"_s}, "Subject: two\r\n\r\n2\r\n").exitCode, 0);
        const QByteArrayList noop = client.command("n", "NOOP");
        QVERIFY2(noop.contains("* 2 EXISTS"), noop.join(" | ").constData());
        QCOMPARE(noop.last(), "n OK NOOP completed");
    }

    void deliversToNamedMailboxOrFallsBackToInbox()
    {
        ImapTestClient client;
        QVERIFY(connectAndSelect(client, "INBOX"));
        QCOMPARE(client.command("c", "CREATE Lists/qt").last(), "c OK CREATE completed");
        QCOMPARE(deliver({u"alice"_s, u"Lists/qt"_s}, "Subject: list\r\n\r\nx\r\n").out,
                 "delivered UID 1 to Lists/qt of alice\n");
        const Result missing = deliver({u"alice"_s, u"Nope"_s}, "Subject: typo\r\n\r\ny\r\n");
        QCOMPARE(missing.exitCode, 0);
        QCOMPARE(missing.out, "delivered UID 1 to INBOX of alice\n");
        QCOMPARE(missing.err, "qimapd: no mailbox Nope for alice, delivering to INBOX\n");
        QCOMPARE(client.command("s", "STATUS Lists/qt (MESSAGES)").first(), "* STATUS Lists/qt (MESSAGES 1)");
    }

    void refusesWhatItCannotDeliver()
    {
        // sysexits(3): 67 unknown user, 65 bad message; usage errors 2 like every qimapd command.
        QCOMPARE(deliver({u"nobody"_s}, "Subject: x\r\n\r\n").exitCode, 67);
        QCOMPARE(deliver({u"alice"_s}, "").exitCode, 65);
        QCOMPARE(deliver({}, "x").exitCode, 2);
        QCOMPARE(deliver({u"alice"_s}, QByteArray(2000, 'x'), {u"--append-limit"_s, u"1024"_s}).exitCode, 65);
        ImapTestClient client;
        QVERIFY(connectAndSelect(client, "INBOX"));
        QCOMPARE(client.command("s", "STATUS INBOX (MESSAGES)").first(), "* STATUS INBOX (MESSAGES 0)");
    }

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    Result deliver(const QStringList &words, const QByteArray &message, const QStringList &extra = {})
    {
        QProcess process;
        process.start(qEnvironmentVariable("QIMAPD_BIN"),
                      QStringList{u"deliver"_s} + words + QStringList{u"--data-dir"_s, m_server->dataDir()} + extra);
        process.write(message);
        process.closeWriteChannel();
        // Spin the loop while waiting: the server under test runs on it.
        QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, 15000);
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
                process.readAllStandardError()};
    }

    bool connectAndSelect(ImapTestClient &client, const QByteArray &mailbox)
    {
        return client.connectTo(m_server->sslPort(), ImapTestClient::Mode::ImplicitTls)
            && client.login("alice", "secret")
            && client.command("sel", "SELECT " + mailbox).last().startsWith("sel OK");
    }

    std::unique_ptr<TestServer> m_server;
};

QTEST_GUILESS_MAIN(TstDeliver)
#include "tst_deliver.moc"
