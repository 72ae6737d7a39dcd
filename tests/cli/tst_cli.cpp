#include "ImapTestClient.h"
#include "QimapdProcess.h"
#include "TestCertificate.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>
#include <sys/types.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace qimapd::test;

// The qimapd executable as an administrator meets it (README.md, "Running it"): options and
// their errors, the INI file, certificates, the data directory lock, `qimapd user ...`,
// signals, crash safety and what goes into the log. Every test runs the real binary
// ($QIMAPD_BIN, through tests/support/QimapdProcess) in a temporary directory and talks IMAP
// to it over sockets.

namespace {

// One line on stderr, as README.md promises for every bad option or value.
bool isOneLine(const QByteArray &text)
{
    return text.endsWith('\n') && text.count('\n') == 1 && text.size() > 1;
}

QByteArray appendCommand(const QByteArray &tag, const QByteArray &mailbox, const QByteArray &message)
{
    // LITERAL+ (RFC 7888): the message goes with the command, no continuation needed.
    return tag + " APPEND " + mailbox + " (\\Seen) {" + QByteArray::number(message.size()) + "+}\r\n" + message
        + "\r\n";
}

} // namespace

class TstCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!QimapdProcess::binary().isEmpty(), "QIMAPD_BIN is not set (ctest sets it)");
        QVERIFY2(QFileInfo(QimapdProcess::binary()).isExecutable(), qPrintable(QimapdProcess::binary()));
        QVERIFY2(TestCertificate::instance().isValid(), qPrintable(TestCertificate::instance().error()));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { m_dir.reset(); }

    // README.md: "A bad option or value prints one line and exits with code 2" — and never
    // starts anything (the data directory is not even created).
    void badUsage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<QByteArray>("expected");

        QTest::newRow("unknown option") << QStringList{u"--bogus"_s} << QByteArray() << QByteArray("bogus");
        QTest::newRow("option without its value") << QStringList{u"--port"_s} << QByteArray()
                                                  << QByteArray("Missing value after '--port'");
        QTest::newRow("port above 65535") << QStringList{u"--port"_s, u"70000"_s} << QByteArray()
                                          << QByteArray("--port: expected a whole number from 0 to 65535, got \"70000\"");
        QTest::newRow("port not a number") << QStringList{u"--ssl-port"_s, u"imaps"_s} << QByteArray()
                                           << QByteArray("--ssl-port");
        QTest::newRow("unknown store") << QStringList{u"--store"_s, u"foo"_s} << QByteArray()
                                       << QByteArray("--store: expected sqlite or memory, got \"foo\"");
        QTest::newRow("auth idle below RFC 3501 minimum") << QStringList{u"--auth-idle"_s, u"60"_s} << QByteArray()
                                                          << QByteArray("RFC 3501 section 5.4");
        QTest::newRow("listen on a name") << QStringList{u"--listen"_s, u"notanip"_s} << QByteArray()
                                          << QByteArray("\"notanip\" is not an IP address");
        QTest::newRow("unknown log level") << QStringList{u"--log-level"_s, u"loud"_s} << QByteArray()
                                           << QByteArray("loud");
        QTest::newRow("no port at all") << QStringList{u"--port"_s, u"off"_s} << QByteArray()
                                        << QByteArray("nothing to listen on");
        QTest::newRow("same port twice") << QStringList{u"--port"_s, u"1999"_s, u"--ssl-port"_s, u"1999"_s}
                                         << QByteArray() << QByteArray("1999");
        QTest::newRow("missing config file") << QStringList{u"--config"_s, u"/nonexistent/qimapd.ini"_s}
                                             << QByteArray() << QByteArray("/nonexistent/qimapd.ini");
        QTest::newRow("unknown INI key") << QStringList() << QByteArray("port = 0\ncolour = blue\n")
                                         << QByteArray("colour: unknown option");
        QTest::newRow("bad INI value") << QStringList() << QByteArray("unauth_idle = soon\n")
                                       << QByteArray("unauth_idle: expected a whole number");
        QTest::newRow("bad INI switch") << QStringList() << QByteArray("allow_insecure_auth = maybe\n")
                                        << QByteArray("allow_insecure_auth: expected true or false");
        QTest::newRow("unknown command word") << QStringList{u"frobnicate"_s} << QByteArray()
                                              << QByteArray("unknown command \"frobnicate\"");
    }
    void badUsage()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QByteArray, ini);
        QFETCH(QByteArray, expected);
        const QString dataDir = m_dir->filePath(u"data"_s);
        arguments.prepend(dataDir);
        arguments.prepend(u"--data-dir"_s);
        if (!ini.isEmpty()) {
            const QString path = writeFile(u"qimapd.ini"_s, ini);
            arguments << u"--config"_s << path;
            expected = QFile::encodeName(path) + ": " + expected; // the file and the key are named
        }
        const QimapdRun run = runQimapd(arguments);
        QVERIFY(run.ended);
        QCOMPARE(run.exitStatus, QProcess::NormalExit);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(isOneLine(run.err), run.err.constData());
        QVERIFY2(run.err.startsWith("qimapd: "), run.err.constData());
        QVERIFY2(run.err.contains(expected), run.err.constData());
        QCOMPARE(run.out, QByteArray());
        QVERIFY2(!QFileInfo::exists(dataDir), "a refused configuration must not create the data directory");
    }

    void badIniValueNamesTheFile()
    {
        const QString path = writeFile(u"bad.ini"_s, "port = 70000\n");
        const QimapdRun run = runQimapd({u"--config"_s, path});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(isOneLine(run.err), run.err.constData());
        QVERIFY2(run.err.contains(QByteArray(QFile::encodeName(path) + ": port: expected a whole number")), run.err.constData());
    }

    void help()
    {
        const QimapdRun run = runQimapd({u"--help"_s});
        QVERIFY(run.ended);
        QCOMPARE(run.exitStatus, QProcess::NormalExit);
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.err, QByteArray());
        for (const char *word : {"--port", "--ssl-port", "--config", "--data-dir", "--log-level", "user add"})
            QVERIFY2(run.out.contains(word), word);

        const QimapdRun version = runQimapd({u"--version"_s});
        QCOMPARE(version.exitCode, 0);
        QVERIFY2(version.out.startsWith("qimapd "), version.out.constData());
    }

    // README.md: "the server refuses to start without them" — and says which file and how to
    // make one.
    void refusesWithoutCertificate_data()
    {
        QTest::addColumn<QString>("broken"); // which file, and how it is broken
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("missing certificate") << u"cert:missing"_s << QByteArray("cannot read TLS certificate");
        QTest::newRow("missing key") << u"key:missing"_s << QByteArray("cannot read TLS key");
        QTest::newRow("key is a directory") << u"key:directory"_s << QByteArray("cannot read TLS key");
        QTest::newRow("unreadable key") << u"key:unreadable"_s << QByteArray("cannot read TLS key");
        QTest::newRow("certificate without PEM") << u"cert:garbage"_s << QByteArray("no PEM certificate in");
        QTest::newRow("key without PEM") << u"key:garbage"_s << QByteArray("no unencrypted PEM private key");
    }
    void refusesWithoutCertificate()
    {
        QFETCH(QString, broken);
        QFETCH(QByteArray, expected);
        const QString which = broken.section(u':', 0, 0);
        const QString how = broken.section(u':', 1);
        QString certPath = TestCertificate::instance().certPath();
        QString keyPath = TestCertificate::instance().keyPath();
        QString &target = which == u"cert"_s ? certPath : keyPath;
        target = m_dir->filePath(u"certs/server-"_s + which + u".pem"_s);
        QVERIFY(QDir().mkpath(m_dir->filePath(u"certs"_s)));
        if (how == u"directory"_s) {
            QVERIFY(QDir().mkpath(target));
        } else if (how == u"garbage"_s) {
            writeFile(u"certs/server-"_s + which + u".pem"_s, "this is not PEM\n");
        } else if (how == u"unreadable"_s) {
            if (::geteuid() == 0)
                QSKIP("root reads any file; the directory row covers an unopenable key");
            QVERIFY(QFile::copy(TestCertificate::instance().keyPath(), target));
            QVERIFY(QFile::setPermissions(target, QFileDevice::Permissions()));
        }

        const QimapdRun run = runQimapd({u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--cert"_s, certPath,
                                        u"--key"_s, keyPath, u"--data-dir"_s, m_dir->filePath(u"data"_s)});
        QVERIFY2(run.ended, "the server started without a usable certificate");
        QCOMPARE(run.exitStatus, QProcess::NormalExit);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(isOneLine(run.err), run.err.constData());
        QVERIFY2(run.err.contains(expected), run.err.constData());
        QVERIFY2(run.err.contains(QFile::encodeName(target)), "the message must name the file");
        // How to make one, for the paths this server looks at.
        QVERIFY2(run.err.contains("openssl req -x509"), run.err.constData());
        QVERIFY2(run.err.contains(QByteArray("-keyout " + QFile::encodeName(keyPath))), run.err.constData());
        QVERIFY2(run.err.contains(QByteArray("-out " + QFile::encodeName(certPath))), run.err.constData());
        QVERIFY(!run.err.contains("listening"));
    }

    // README.md: every option can go in the INI file; the command line wins.
    void iniFileAndCommandLine()
    {
        const QString iniData = m_dir->filePath(u"ini-data"_s);
        const QString cliData = m_dir->filePath(u"cli-data"_s);
        const QString ini = writeFile(u"qimapd.ini"_s,
                                      "# qimapd configuration\n"
                                      "listen = 127.0.0.1\n"
                                      "port = off\n"
                                      "ssl_port = 0\n"
                                      "cert = " + QFile::encodeName(TestCertificate::instance().certPath()) + "\n"
                                      "key = " + QFile::encodeName(TestCertificate::instance().keyPath()) + "\n"
                                      "data_dir = " + QFile::encodeName(iniData) + "\n"
                                      "store = memory\n"
                                      "unauth_commands = 3\n");
        {
            QimapdProcess server({u"--config"_s, ini});
            QVERIFY2(server.start(), server.log().constData());
            QCOMPARE(server.port(), quint16(0)); // port = off
            QVERIFY(server.sslPort() != 0);
            QVERIFY2(server.log().contains(QByteArray("serving memory store in " + QFile::encodeName(iniData))), server.log().constData());
            QVERIFY(!server.log().contains("(STARTTLS)"));
            // unauth_commands = 3: the fourth command before login ends the connection.
            ImapTestClient client;
            QVERIFY2(client.connectTo(server.sslPort(), ImapTestClient::Mode::ImplicitTls), qPrintable(client.lastError()));
            for (const QByteArray tag : {"a", "b", "c"})
                QCOMPARE(client.command(tag, "NOOP").last(), QByteArray(tag + " OK NOOP completed"));
            QCOMPARE(client.command("d", "NOOP").first(), "* BYE Too many commands before authentication");
            QVERIFY(server.terminate());
        }
        {
            QimapdProcess server({u"--config"_s, ini, u"--port"_s, u"0"_s, u"--store"_s, u"sqlite"_s,
                                  u"--data-dir"_s, cliData, u"--unauth-commands"_s, u"0"_s});
            QVERIFY2(server.start(), server.log().constData());
            QVERIFY(server.port() != 0);
            QVERIFY(server.sslPort() != 0);
            QVERIFY2(server.log().contains(QByteArray("serving sqlite store in " + QFile::encodeName(cliData))), server.log().constData());
            QVERIFY(QFileInfo::exists(cliData + u"/qimapd.sqlite"_s));
            ImapTestClient client;
            QVERIFY(client.connectTo(server.port()));
            for (int i = 0; i < 5; ++i)
                QCOMPARE(client.command("n", "NOOP").last(), QByteArray("n OK NOOP completed"));
            QVERIFY(server.terminate());
        }
    }

    // README.md: "One server runs per data directory; a second one is refused with the PID of
    // the first."
    void secondServerOnSameDataDirIsRefused()
    {
        QimapdProcess first(serverArguments());
        QVERIFY2(first.start(), first.log().constData());

        const QimapdRun second = runQimapd(serverArguments());
        QVERIFY(second.ended);
        QCOMPARE(second.exitStatus, QProcess::NormalExit);
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(isOneLine(second.err), second.err.constData());
        QVERIFY2(second.err.contains(QByteArray("(PID " + QByteArray::number(first.pid()) + ' ')), second.err.constData());
        QVERIFY2(second.err.contains("is using this data directory"), second.err.constData());
        QVERIFY(!second.err.contains("listening"));

        // The first one is unharmed.
        QVERIFY(first.isRunning());
        ImapTestClient client;
        QVERIFY(client.connectTo(first.port()));
        QVERIFY(client.greeting().startsWith("* OK "));
        QVERIFY(first.terminate());

        // After a clean stop the directory is free again.
        QimapdProcess third(serverArguments());
        QVERIFY2(third.start(), third.log().constData());
        QVERIFY(third.terminate());
    }

    // A port that is taken: one line naming the address and port, exit 1, no crash.
    void portInUse()
    {
        QimapdProcess first(serverArguments());
        QVERIFY2(first.start(), first.log().constData());
        const QString port = QString::number(first.port());
        const QimapdRun second = runQimapd({u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, port, u"--cert"_s,
                                           TestCertificate::instance().certPath(), u"--key"_s,
                                           TestCertificate::instance().keyPath(), u"--data-dir"_s,
                                           m_dir->filePath(u"other-data"_s)});
        QVERIFY(second.ended);
        QCOMPARE(second.exitStatus, QProcess::NormalExit);
        QCOMPARE(second.exitCode, 1);
        QVERIFY2(isOneLine(second.err), second.err.constData());
        QVERIFY2(second.err.contains(QByteArray("qimapd: cannot listen on 127.0.0.1 port " + port.toLatin1() + ": ")),
                 second.err.constData());
        QVERIFY(first.terminate());
    }

    void userCommands()
    {
        QCOMPARE(user({u"add"_s, u"alice"_s}, "secret\n").out, QByteArray("added user alice\n"));
        QCOMPARE(user({u"add"_s, u"Bob"_s}, "hunter2\r\n").out, QByteArray("added user bob\n"));
        QCOMPARE(user({u"list"_s}).out, QByteArray("alice\nbob\n"));

        const QimapdRun again = runQimapd(userArguments({u"add"_s, u"ALICE"_s}), "other\n");
        QCOMPARE(again.exitCode, 2);
        QVERIFY2(isOneLine(again.err), again.err.constData());
        QVERIFY2(again.err.contains("user alice already exists"), again.err.constData());

        QCOMPARE(user({u"passwd"_s, u"alice"_s}, "new secret\n").out, QByteArray("changed the password of alice\n"));
        QCOMPARE(user({u"del"_s, u"bob"_s}).out, QByteArray("deleted user bob and their mail\n"));
        QCOMPARE(user({u"list"_s}).out, QByteArray("alice\n"));
    }

    // Bad user commands: one line, exit 2, nothing changed.
    void userCommandsRejectBadInput_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        const QByteArray password("pw\n");
        QTest::newRow("name with a space") << QStringList{u"add"_s, u"bad name"_s} << password << QByteArray("may only contain");
        QTest::newRow("name with a slash") << QStringList{u"add"_s, u"a/b"_s} << password << QByteArray("may only contain");
        QTest::newRow("name with a quote") << QStringList{u"add"_s, u"o\"neil"_s} << password << QByteArray("may only contain");
        QTest::newRow("non-ASCII name") << QStringList{u"add"_s, u"j\u00fcrgen"_s} << password << QByteArray("may only contain");
        QTest::newRow("empty name") << QStringList{u"add"_s, QString()} << password << QByteArray("1 to 64 characters");
        QTest::newRow("name too long") << QStringList{u"add"_s, QString(65, u'a')} << password << QByteArray("1 to 64 characters");
        QTest::newRow("passwd with a bad name") << QStringList{u"passwd"_s, u"*"_s} << password << QByteArray("may only contain");
        QTest::newRow("no password on stdin") << QStringList{u"add"_s, u"dave"_s} << QByteArray() << QByteArray("no password");
        QTest::newRow("empty password") << QStringList{u"add"_s, u"dave"_s} << QByteArray("\n") << QByteArray("no password");
        QTest::newRow("password too long") << QStringList{u"add"_s, u"dave"_s} << QByteArray(QByteArray(4096, 'x') + '\n')
                                           << QByteArray("longer than 1024 bytes");
        QTest::newRow("missing name") << QStringList{u"add"_s} << password << QByteArray("usage: qimapd user add NAME");
        QTest::newRow("unknown action") << QStringList{u"rename"_s, u"a"_s} << password << QByteArray("usage:");
        QTest::newRow("no action") << QStringList() << password << QByteArray("usage:");
        QTest::newRow("list with a name") << QStringList{u"list"_s, u"alice"_s} << password << QByteArray("usage:");
        QTest::newRow("passwd of nobody") << QStringList{u"passwd"_s, u"nobody"_s} << password << QByteArray("no user nobody");
        QTest::newRow("del of nobody") << QStringList{u"del"_s, u"nobody"_s} << QByteArray() << QByteArray("no user nobody");
    }
    void userCommandsRejectBadInput()
    {
        QFETCH(QStringList, words);
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        user({u"add"_s, u"alice"_s}, "secret\n");
        const QimapdRun run = runQimapd(userArguments(words), input);
        QVERIFY(run.ended);
        QCOMPARE(run.exitStatus, QProcess::NormalExit);
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(isOneLine(run.err), run.err.constData());
        QVERIFY2(run.err.contains(expected), run.err.constData());
        QCOMPARE(run.out, QByteArray());
        QCOMPARE(user({u"list"_s}).out, QByteArray("alice\n"));
    }

    // README.md: the user commands "may run beside a live server" — and the server sees their
    // changes at the next login. Also: LOGIN over STARTTLS and over implicit TLS against the
    // real process.
    void userCommandsBesideLiveServer()
    {
        QimapdProcess server(serverArguments());
        QVERIFY2(server.start(), server.log().constData());
        QVERIFY(server.port() != 0 && server.sslPort() != 0);

        QCOMPARE(user({u"add"_s, u"erin"_s}, "first-pass\n").exitCode, 0);
        ImapTestClient starttls;
        QVERIFY(starttls.connectTo(server.port()));
        QVERIFY(starttls.greeting().contains("LOGINDISABLED"));
        QVERIFY(starttls.startTls());
        QVERIFY(starttls.login("erin", "first-pass"));
        ImapTestClient implicit;
        QVERIFY2(implicit.connectTo(server.sslPort(), ImapTestClient::Mode::ImplicitTls), qPrintable(implicit.lastError()));
        QVERIFY(implicit.login("erin", "first-pass"));
        QCOMPARE(user({u"list"_s}).out, QByteArray("erin\n"));

        QCOMPARE(user({u"passwd"_s, u"erin"_s}, "second-pass\n").exitCode, 0);
        QCOMPARE(loginReply(server, "erin", "first-pass"), QByteArray("l NO [AUTHENTICATIONFAILED] Authentication failed"));
        QCOMPARE(loginReply(server, "erin", "second-pass").left(5), QByteArray("l OK "));
        QCOMPARE(starttls.command("n", "NOOP").last(), QByteArray("n OK NOOP completed"));

        QCOMPARE(user({u"del"_s, u"erin"_s}).exitCode, 0);
        QCOMPARE(loginReply(server, "erin", "second-pass"), QByteArray("l NO [AUTHENTICATIONFAILED] Authentication failed"));
        QCOMPARE(user({u"list"_s}).out, QByteArray());
        QVERIFY(server.terminate());
        QCOMPARE(server.exitCode(), 0);
    }

    // SIGTERM: every client is told BYE, and the process ends cleanly.
    void sigtermSaysByeAndExitsCleanly()
    {
        user({u"add"_s, u"alice"_s}, "secret\n");
        QimapdProcess server(serverArguments());
        QVERIFY2(server.start(), server.log().constData());
        ImapTestClient loggedIn;
        QVERIFY(loggedIn.connectTo(server.sslPort(), ImapTestClient::Mode::ImplicitTls));
        QVERIFY(loggedIn.login("alice", "secret"));
        QCOMPARE(loggedIn.command("s", "SELECT INBOX").last().left(5), QByteArray("s OK "));
        ImapTestClient anonymous;
        QVERIFY(anonymous.connectTo(server.port()));

        QElapsedTimer timer;
        timer.start();
        QVERIFY(server.isRunning());
        ::kill(pid_t(server.pid()), SIGTERM);
        QCOMPARE(loggedIn.readResponse(), QByteArray("* BYE Server shutting down"));
        QCOMPARE(anonymous.readResponse(), QByteArray("* BYE Server shutting down"));
        QVERIFY(loggedIn.waitForDisconnected());
        QVERIFY(anonymous.waitForDisconnected());
        QVERIFY2(server.waitForExit(5000), "still running 5 s after SIGTERM");
        QVERIFY2(timer.elapsed() < 5000, QByteArray::number(timer.elapsed()).constData());
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        const QByteArray log = server.log();
        QVERIFY2(log.contains("signal 15 received, shutting down"), log.constData());
        // Nothing went wrong on the way out (the database closes after the store that uses it).
        QVERIFY2(!log.contains("warning: ") && !log.contains("error: ") && !log.contains("still in use"), log.constData());
    }

    // The seed's user/group options: the ports are bound as root, then the server runs as the
    // configured user, and everything it creates in the data directory belongs to that user.
    void dropsPrivilegesAfterBinding()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to switch users");
        // nobody must be able to create the data directory inside the test's directory.
        QVERIFY(QFile::setPermissions(m_dir->path(), QFileDevice::Permissions(0x7777)));
        QimapdProcess server(serverArguments({u"--user"_s, u"nobody"_s, u"--group"_s, u"nogroup"_s}));
        QVERIFY2(server.start(), server.log().constData());
        QFile status(u"/proc/%1/status"_s.arg(server.pid()));
        QVERIFY(status.open(QIODevice::ReadOnly));
        const QByteArray text = status.readAll();
        const QRegularExpression uid(u"\\nUid:\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)"_s);
        const QRegularExpressionMatch match = uid.match(QString::fromLatin1(text));
        QVERIFY2(match.hasMatch(), text.constData());
        const QString nobody = QString::number(65534);
        QCOMPARE(match.captured(1), nobody); // real
        QCOMPARE(match.captured(2), nobody); // effective
        QCOMPARE(match.captured(3), nobody); // saved: root cannot be taken back
        QCOMPARE(QFileInfo(dataDir() + u"/qimapd.sqlite"_s).ownerId(), 65534u);
        ImapTestClient client;
        QVERIFY(client.connectTo(server.port()));
        QVERIFY(client.startTls());
        QVERIFY(server.terminate());
        QCOMPARE(server.exitCode(), 0);
    }

    void refusesToRunWhenTheDropFails()
    {
        // Checked before anything is bound: a configuration error, one line, exit 2.
        const QimapdRun result = runQimapd(serverArguments({u"--user"_s, u"no-such-user-here"_s}));
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.err, QByteArray("qimapd: no such user no-such-user-here\n"));
    }

    // SIGHUP re-reads the certificate and key: a renewed certificate is what the next TLS
    // handshake presents, without a restart; a broken one is refused and the old one stays.
    void sighupReloadsCertificate()
    {
        const QString certDir = m_dir->filePath(u"certs"_s);
        QVERIFY(QDir().mkpath(certDir));
        QString error;
        QVERIFY2(TestCertificate::generate(certDir, &error), qPrintable(error));
        const QString cert = QDir(certDir).filePath(u"server-cert.pem"_s);
        const QString key = QDir(certDir).filePath(u"server-key.pem"_s);
        QStringList arguments = serverArguments();
        arguments[arguments.indexOf(TestCertificate::instance().certPath())] = cert;
        arguments[arguments.indexOf(TestCertificate::instance().keyPath())] = key;
        QimapdProcess server(arguments);
        QVERIFY2(server.start(), server.log().constData());

        auto presented = [&]() -> QSslCertificate {
            QSslSocket socket;
            socket.setPeerVerifyMode(QSslSocket::VerifyNone);
            socket.connectToHostEncrypted(u"127.0.0.1"_s, server.sslPort());
            if (!socket.waitForEncrypted(5000))
                return {};
            return socket.peerCertificate();
        };
        const QSslCertificate before = presented();
        QVERIFY(!before.isNull());
        QCOMPARE(before, QSslCertificate::fromPath(cert).value(0));

        // Renew: a new key and certificate in place, then SIGHUP.
        QVERIFY2(TestCertificate::generate(certDir, &error), qPrintable(error));
        const QSslCertificate renewed = QSslCertificate::fromPath(cert).value(0);
        QVERIFY(renewed != before);
        ::kill(pid_t(server.pid()), SIGHUP);
        QVERIFY(QTest::qWaitFor([&] { return server.log().contains("reloaded TLS certificate"); }, 5000));
        QCOMPARE(presented(), renewed);

        // A broken file is refused; the renewed certificate stays in use.
        QFile broken(cert);
        QVERIFY(broken.open(QIODevice::WriteOnly | QIODevice::Truncate));
        broken.write("not a certificate\n");
        broken.close();
        ::kill(pid_t(server.pid()), SIGHUP);
        QVERIFY(QTest::qWaitFor([&] { return server.log().contains("keeping the current certificate"); }, 5000));
        QCOMPARE(presented(), renewed);
        QVERIFY(server.terminate());
    }

    // DESIGN.md: "a tagged OK for APPEND ... means the change survives a crash". SIGKILL the
    // server the moment the OK arrives; the restarted server (taking over the stale lock) has
    // every message.
    void killAfterAppendLosesNothing()
    {
        user({u"add"_s, u"alice"_s}, "secret\n");
        QimapdProcess server(serverArguments({u"--store"_s, u"sqlite"_s}));
        QVERIFY2(server.start(), server.log().constData());
        QByteArray uidValidity;
        {
            ImapTestClient client;
            QVERIFY(client.connectTo(server.sslPort(), ImapTestClient::Mode::ImplicitTls));
            QVERIFY(client.login("alice", "secret"));
            static const QRegularExpression appendUid(u"^a\\d OK \\[APPENDUID (\\d+) (\\d+)\\]"_s);
            for (int i = 1; i <= 3; ++i) {
                const QByteArray tag = 'a' + QByteArray::number(i);
                const QByteArray message = "From: alice@example.org\r\nSubject: survives " + QByteArray::number(i)
                    + "\r\n\r\nBody " + QByteArray::number(i) + "\r\n";
                client.send(appendCommand(tag, "INBOX", message));
                const QByteArrayList replies = client.readUntilTagged(tag);
                const QByteArray reply = replies.isEmpty() ? QByteArray() : replies.last();
                const QRegularExpressionMatch match = appendUid.match(QString::fromLatin1(reply));
                QVERIFY2(match.hasMatch(), reply.constData());
                QCOMPARE(match.captured(2).toInt(), i);
                uidValidity = match.captured(1).toLatin1();
                if (i == 3)
                    server.signal(SIGKILL); // not one event-loop turn after the OK
            }
            QVERIFY(server.waitForExit());
            QCOMPARE(server.exitStatus(), QProcess::CrashExit);
        }

        QimapdProcess restarted(serverArguments({u"--store"_s, u"sqlite"_s}));
        QVERIFY2(restarted.start(), restarted.log().constData());
        ImapTestClient client;
        QVERIFY(client.connectTo(restarted.sslPort(), ImapTestClient::Mode::ImplicitTls));
        QVERIFY(client.login("alice", "secret"));
        QCOMPARE(client.command("s", "STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY)"),
                 (QByteArrayList{"* STATUS INBOX (MESSAGES 3 UIDNEXT 4 UIDVALIDITY " + uidValidity + ')',
                                 "s OK STATUS completed"}));
        const QByteArrayList select = client.command("t", "SELECT INBOX");
        QVERIFY2(select.contains("* 3 EXISTS"), select.join('\n').constData());
        QVERIFY2(select.contains("* OK [UIDVALIDITY " + uidValidity + "] UIDs valid"), select.join('\n').constData());
        QVERIFY(restarted.terminate());
    }

    // Seed bug 14: the seed logs every client line, LOGIN passwords included. Even at debug
    // level, neither a LOGIN password (quoted or literal) nor AUTHENTICATE data (base64 or
    // decoded) reaches the log.
    void passwordsNeverReachTheLog()
    {
        const QByteArray password = "Tr0ub4dor&3-horse";
        const QByteArray wrongPassword = "Wr0ng-Battery-Staple";
        user({u"add"_s, u"frank"_s}, password + '\n');
        QimapdProcess server(serverArguments({u"--log-level"_s, u"debug"_s}));
        QVERIFY2(server.start(), server.log().constData());

        const QByteArray plainIr = QByteArray("\0frank\0", 7) + password;
        const QByteArray plainLine = QByteArray("frank\0frank\0", 12) + password;
        {
            ImapTestClient client;
            QVERIFY(client.connectTo(server.port()));
            QVERIFY(client.startTls());
            QCOMPARE(client.command("a", "LOGIN frank \"" + password + '"').last().left(5), QByteArray("a OK "));
        }
        {
            ImapTestClient client;
            QVERIFY(client.connectTo(server.sslPort(), ImapTestClient::Mode::ImplicitTls));
            client.send("b LOGIN {5+}\r\nfrank {" + QByteArray::number(password.size()) + "+}\r\n" + password + "\r\n");
            QCOMPARE(client.readUntilTagged("b").last().left(5), QByteArray("b OK "));
        }
        {
            ImapTestClient client;
            QVERIFY(client.connectTo(server.sslPort(), ImapTestClient::Mode::ImplicitTls));
            QCOMPARE(client.command("c", "LOGIN frank " + wrongPassword, 10000).last(),
                     QByteArray("c NO [AUTHENTICATIONFAILED] Authentication failed"));
        }
        {
            ImapTestClient client;
            QVERIFY(client.connectTo(server.sslPort(), ImapTestClient::Mode::ImplicitTls));
            QCOMPARE(client.command("d", "AUTHENTICATE PLAIN " + plainIr.toBase64()).last().left(5), QByteArray("d OK "));
        }
        {
            ImapTestClient client;
            QVERIFY(client.connectTo(server.sslPort(), ImapTestClient::Mode::ImplicitTls));
            client.sendLine("e AUTHENTICATE PLAIN");
            QCOMPARE(client.readResponse(), QByteArray("+ "));
            client.sendLine(plainLine.toBase64());
            QCOMPARE(client.readUntilTagged("e").last().left(5), QByteArray("e OK "));
        }
        QVERIFY(server.terminate());
        const QByteArray log = server.log();

        // Debug logging was really on: the commands themselves are there.
        QVERIFY2(log.contains(" C: a LOGIN"), log.constData());
        QVERIFY2(log.contains(" C: d AUTHENTICATE"), log.constData());
        QVERIFY2(log.contains(" S: "), log.constData());
        for (const QByteArray &secret : {password, wrongPassword, password.toBase64(), plainIr.toBase64(),
                                         plainLine.toBase64(), QByteArray("Tr0ub4dor"), QByteArray("Wr0ng-Battery")}) {
            QVERIFY2(!log.contains(secret), QByteArray("the log contains " + secret + ":\n" + log).constData());
        }
    }

    // Info is the default level: connections and logins, no per-command lines.
    void defaultLogHasNoCommandLines()
    {
        user({u"add"_s, u"alice"_s}, "secret\n");
        QimapdProcess server(serverArguments());
        QVERIFY2(server.start(), server.log().constData());
        {
            ImapTestClient client;
            QVERIFY(client.connectTo(server.sslPort(), ImapTestClient::Mode::ImplicitTls));
            QVERIFY(client.login("alice", "secret"));
            QCOMPARE(client.command("s", "SELECT INBOX").last().left(5), QByteArray("s OK "));
            QCOMPARE(client.command("n", "NOOP").last(), QByteArray("n OK NOOP completed"));
            QCOMPARE(client.command("o", "LOGOUT").last(), QByteArray("o OK LOGOUT completed"));
            QVERIFY(client.waitForDisconnected());
        }
        QVERIFY(QTest::qWaitFor([&] { return server.log().contains("disconnected"); }, 5000));
        QVERIFY(server.terminate());
        const QByteArray log = server.log();
        QVERIFY2(log.contains("listening on 127.0.0.1 port"), log.constData());
        QVERIFY2(log.contains("logged in as alice"), log.constData());
        for (const char *debugOnly : {"qimapd.protocol", " C: ", " S: ", "SELECT", "NOOP", "LOGOUT", "secret"})
            QVERIFY2(!log.contains(debugOnly), QByteArray(QByteArray(debugOnly) + " in:\n" + log).constData());
    }

private:
    QString writeFile(const QString &name, const QByteArray &contents)
    {
        const QString path = m_dir->filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(contents);
        return path;
    }

    QString dataDir() const { return m_dir->filePath(u"data"_s); }

    QStringList serverArguments(const QStringList &extra = {}) const
    {
        return QStringList{u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--ssl-port"_s, u"0"_s,
                           u"--cert"_s, TestCertificate::instance().certPath(),
                           u"--key"_s, TestCertificate::instance().keyPath(),
                           u"--data-dir"_s, dataDir()}
            + extra;
    }

    QStringList userArguments(const QStringList &words) const
    {
        return QStringList{u"user"_s} + words + QStringList{u"--data-dir"_s, dataDir()};
    }

    // `qimapd user ...` that is expected to succeed.
    QimapdRun user(const QStringList &words, const QByteArray &input = {})
    {
        QimapdRun run = runQimapd(userArguments(words), input);
        if (!run.ended || run.exitCode != 0)
            qWarning("qimapd user %s failed: %s", qPrintable(words.join(u' ')), run.err.constData());
        return run;
    }

    // The tagged reply to LOGIN on a fresh STARTTLS connection.
    QByteArray loginReply(QimapdProcess &server, const QByteArray &name, const QByteArray &password)
    {
        ImapTestClient client;
        if (!client.connectTo(server.port()) || !client.startTls())
            return "connection failed: " + client.lastError().toUtf8();
        // A failed login is answered after a delay (2 s for the first failure).
        const QByteArrayList replies = client.command("l", "LOGIN " + name + ' ' + password, 10000);
        return replies.isEmpty() ? QByteArray("no reply") : replies.last();
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TstCli)

#include "tst_cli.moc"
