#include "ImapTestClient.h"
#include "QimapdProcess.h"
#include "TestCertificate.h"

#include <QDir>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace qimapd::test;

// Running qimapd as an operator does (README.md, "Running it", "Logging", "Signals"):
// --check-config, --pid-file, --allow/--deny, the log destinations, SIGHUP re-reading the
// configuration, a graceful SIGTERM in the middle of IDLE and of writes, and the privilege
// drop. Every test runs the real binary ($QIMAPD_BIN) in a temporary directory.
class TstOps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!QimapdProcess::binary().isEmpty(), "QIMAPD_BIN is not set (ctest sets it)");
        QVERIFY2(TestCertificate::instance().isValid(), qPrintable(TestCertificate::instance().error()));
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup() { m_dir.reset(); }

    // --check-config names every problem with its key, not just the first; exit 2, nothing
    // created. '#' lines are comments, as administrators write them.
    void checkConfigListsEveryProblem()
    {
        const QString ini = writeFile(u"bad.ini"_s,
                                      "# a comment, and a commented option:\n"
                                      "#port = 143\n"
                                      "port = 70000\n"
                                      "colour = blue\n"
                                      "allow = 10.0.0.0/8, 300.1.2.3\n"
                                      "deny = 192.0.2.0/33\n"
                                      "auth_idle = 60\n"
                                      "syslog = perhaps\n"
                                      "[tls]\n"
                                      "cipher = strong\n");
        const QimapdRun run = runQimapd({u"--check-config"_s, u"--config"_s, ini, u"--data-dir"_s, dataDir(),
                                         u"--cert"_s, TestCertificate::instance().certPath(), u"--key"_s,
                                         TestCertificate::instance().keyPath()});
        QVERIFY(run.ended);
        QCOMPARE(run.exitCode, 2);
        const QByteArrayList lines = run.err.trimmed().split('\n');
        const QByteArray file = QFile::encodeName(ini);
        const QByteArrayList expected = {
            file + ": allow: \"300.1.2.3\" is not an address or a network",
            file + ": colour: unknown option",
            file + ": deny: \"192.0.2.0/33\" is not an address or a network",
            file + ": port: expected a whole number from 0 to 65535, got \"70000\"",
            file + ": syslog: expected true or false, got \"perhaps\"",
            file + ": tls/cipher: unknown option",
            "auth_idle: 60 s is below 1800 s",
        };
        QCOMPARE(lines.size(), expected.size());
        for (qsizetype i = 0; i < lines.size(); ++i) {
            QVERIFY2(lines.at(i).startsWith(QByteArray("qimapd: " + expected.at(i))), lines.at(i).constData());
        }
        QVERIFY(!run.err.contains("#port"));
        QCOMPARE(run.out, QByteArray());
        QVERIFY2(!QFileInfo::exists(dataDir()), "checking must not create the data directory");

        // A run with the same file refuses with the first problem and the count, on one line.
        const QimapdRun refused = runQimapd({u"--config"_s, ini, u"--data-dir"_s, dataDir()});
        QCOMPARE(refused.exitCode, 2);
        QCOMPARE(refused.err.count('\n'), 1);
        QVERIFY2(refused.err.contains("(and 6 more problems; qimapd --check-config lists them)"), refused.err.constData());
    }

    void checkConfigAcceptsAGoodFileAndChecksTheCertificate()
    {
        const QString good = writeFile(u"good.ini"_s, "port = 0\nssl_port = 0\nallow = 127.0.0.1, ::1, 10.0.0.0/8\n"
                                                      "deny = 10.9.0.0/16\npid_file = " + QFile::encodeName(m_dir->filePath(u"pid"_s)) + "\n");
        const QStringList tls = {u"--cert"_s, TestCertificate::instance().certPath(), u"--key"_s,
                                 TestCertificate::instance().keyPath()};
        const QimapdRun ok = runQimapd(QStringList{u"--check-config"_s, u"--config"_s, good, u"--data-dir"_s, dataDir()} + tls);
        QCOMPARE(ok.exitCode, 0);
        QCOMPARE(ok.out, QByteArray("configuration OK\n"));
        QCOMPARE(ok.err, QByteArray());

        const QimapdRun noCert = runQimapd({u"--check-config"_s, u"--config"_s, good, u"--cert"_s,
                                            m_dir->filePath(u"missing.pem"_s), u"--user"_s, u"no-such-user-here"_s});
        QCOMPARE(noCert.exitCode, 2);
        QVERIFY2(noCert.err.contains("qimapd: cert: no readable PEM certificate at "), noCert.err.constData());
        QVERIFY2(noCert.err.contains("qimapd: user: no such user no-such-user-here"), noCert.err.constData());
        QVERIFY(!QFileInfo::exists(m_dir->filePath(u"pid"_s)));
    }

    // --pid-file: written once serving, refused while a live qimapd holds it, a stale one
    // replaced, removed at a clean exit.
    void pidFile()
    {
        const QString pidPath = m_dir->filePath(u"qimapd.pid"_s);
        QimapdProcess first(serverArguments({u"--pid-file"_s, pidPath}));
        QVERIFY2(first.start(), first.log().constData());
        QCOMPARE(readFile(pidPath), QByteArray::number(first.pid()) + '\n');

        const QimapdRun second = runQimapd({u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--cert"_s,
                                            TestCertificate::instance().certPath(), u"--key"_s,
                                            TestCertificate::instance().keyPath(), u"--data-dir"_s,
                                            m_dir->filePath(u"other"_s), u"--pid-file"_s, pidPath});
        QCOMPARE(second.exitCode, 1);
        QCOMPARE(second.err, QByteArray("qimapd: pid file " + QFile::encodeName(pidPath) + " names PID "
                                        + QByteArray::number(first.pid()) + ", a running qimapd\n"));
        QCOMPARE(readFile(pidPath), QByteArray::number(first.pid()) + '\n');

        QVERIFY(first.terminate());
        QCOMPARE(first.exitCode(), 0);
        QVERIFY2(!QFileInfo::exists(pidPath), "the pid file outlived the server");

        // A stale file: the PID of a process that is gone (a finished `true`), then of a live
        // process that is not qimapd (this test).
        QProcess gone;
        gone.start(u"/bin/sh"_s, {u"-c"_s, u"echo $$"_s});
        QVERIFY(gone.waitForFinished());
        const qint64 gonePid = gone.readAllStandardOutput().trimmed().toLongLong();
        QVERIFY(gonePid > 0);
        for (const qint64 stale : {gonePid, qint64(::getpid())}) {
            writeFile(u"qimapd.pid"_s, QByteArray::number(stale) + '\n');
            QimapdProcess server(serverArguments({u"--pid-file"_s, pidPath}));
            QVERIFY2(server.start(), server.log().constData());
            QVERIFY2(server.log().contains(QByteArray("replacing stale pid file " + QFile::encodeName(pidPath) + " of PID "
                                                      + QByteArray::number(stale))), server.log().constData());
            QCOMPARE(readFile(pidPath), QByteArray::number(server.pid()) + '\n');
            QVERIFY(server.terminate());
        }
    }

    // Client address rules: deny wins; with any allow rule only those networks are served. A
    // refused client on the cleartext port gets "* BYE" as its greeting; on the TLS port the
    // connection is closed without a handshake. Both are logged. The server listens on
    // 127.0.0.1 and 127.0.0.2 (both loopback) so the client can come from either.
    void addressRules_data()
    {
        QTest::addColumn<QStringList>("rules");
        QTest::addColumn<bool>("servesOne");  // a client from 127.0.0.1
        QTest::addColumn<bool>("servesTwo");  // a client from 127.0.0.2
        QTest::newRow("no rules") << QStringList() << true << true;
        QTest::newRow("deny one host") << QStringList{u"--deny"_s, u"127.0.0.2"_s} << true << false;
        QTest::newRow("allow one host") << QStringList{u"--allow"_s, u"127.0.0.1/32"_s} << true << false;
        QTest::newRow("allow elsewhere") << QStringList{u"--allow"_s, u"10.0.0.0/8"_s} << false << false;
        QTest::newRow("deny wins over allow") << QStringList{u"--allow"_s, u"127.0.0.0/8"_s, u"--deny"_s, u"127.0.0.1"_s}
                                              << false << true;
        QTest::newRow("repeated allow") << QStringList{u"--allow"_s, u"10.0.0.0/8"_s, u"--allow"_s, u"127.0.0.2"_s}
                                        << false << true;
        QTest::newRow("IPv6 rules leave IPv4 alone") << QStringList{u"--deny"_s, u"::/0"_s} << true << true;
    }
    void addressRules()
    {
        QFETCH(QStringList, rules);
        QFETCH(bool, servesOne);
        QFETCH(bool, servesTwo);
        QimapdProcess server(QStringList{u"--listen"_s, u"127.0.0.1"_s, u"--listen"_s, u"127.0.0.2"_s, u"--port"_s,
                                         u"0"_s, u"--ssl-port"_s, u"0"_s, u"--cert"_s, TestCertificate::instance().certPath(),
                                         u"--key"_s, TestCertificate::instance().keyPath(), u"--data-dir"_s, dataDir()}
                             + rules);
        QVERIFY2(server.start(), server.log().constData());
        for (const auto &[source, served] : {std::pair{u"127.0.0.1"_s, servesOne}, std::pair{u"127.0.0.2"_s, servesTwo}}) {
            const QByteArray greeting = plainGreeting(source, server.port());
            if (served) {
                QVERIFY2(greeting.startsWith("* OK [CAPABILITY "), qPrintable(source + u": "_s + QString::fromLatin1(greeting)));
            } else {
                QCOMPARE(greeting, QByteArray("* BYE Access denied\r\n[closed]"));
                QVERIFY2(server.waitForLog("refused connection from " + source.toLatin1()), server.log().constData());
            }
            QCOMPARE(tlsHandshake(source, server.sslPort()), served);
        }
        QVERIFY(server.terminate());
        QCOMPARE(server.exitCode(), 0);
    }

    // allow/deny in the INI file, commas separating networks; the command line replaces them.
    void addressRulesFromTheFile()
    {
        const QString ini = writeFile(u"rules.ini"_s, "allow = 10.0.0.0/8, 127.0.0.2\ndeny = 127.0.0.3\n");
        {
            QimapdProcess server(QStringList{u"--config"_s, ini, u"--listen"_s, u"127.0.0.1"_s, u"--listen"_s, u"127.0.0.2"_s}
                                 + serverArguments().mid(2));
            QVERIFY2(server.start(), server.log().constData());
            QCOMPARE(plainGreeting(u"127.0.0.1"_s, server.port()), QByteArray("* BYE Access denied\r\n[closed]"));
            QVERIFY(plainGreeting(u"127.0.0.2"_s, server.port()).startsWith("* OK "));
            QVERIFY(server.terminate());
        }
        QimapdProcess server(QStringList{u"--config"_s, ini, u"--allow"_s, u"127.0.0.1"_s} + serverArguments());
        QVERIFY2(server.start(), server.log().constData());
        QVERIFY(plainGreeting(u"127.0.0.1"_s, server.port()).startsWith("* OK "));
        QVERIFY(server.terminate());
    }

    // SIGHUP re-reads the file: limits and address rules change at once and are logged; a
    // port change is logged as needing a restart; a broken file changes nothing.
    void sighupRereadsTheConfig()
    {
        const QByteArray common = "listen = 127.0.0.1\nport = 0\ncert = " + QFile::encodeName(TestCertificate::instance().certPath())
            + "\nkey = " + QFile::encodeName(TestCertificate::instance().keyPath()) + "\ndata_dir = "
            + QFile::encodeName(dataDir()) + "\n";
        const QString ini = writeFile(u"qimapd.ini"_s, common + "unauth_commands = 5\n");
        QimapdProcess server({u"--config"_s, ini});
        QVERIFY2(server.start(), server.log().constData());
        QCOMPARE(commandsBeforeBye(server.port()), 5);
        ImapTestClient before; // connected before the reload
        QVERIFY(before.connectTo(server.port()));

        writeFile(u"qimapd.ini"_s, common + "unauth_commands = 2\nlog_level = warning\nssl_port = 0\ndeny = 192.0.2.0/24\n");
        server.signal(SIGHUP);
        QVERIFY2(server.waitForLog("reloaded TLS certificate"), server.log().constData());
        const QByteArray log = server.log();
        QVERIFY2(log.contains("SIGHUP: changed unauth_commands: 5 -> 2"), log.constData());
        QVERIFY2(log.contains("SIGHUP: changed deny: (none) -> 192.0.2.0/24"), log.constData());
        QVERIFY2(log.contains("SIGHUP: changed log_level: info -> warning"), log.constData());
        QVERIFY2(log.contains("warning: SIGHUP: not changed until a restart: ssl_port: off -> 0"), log.constData());
        QCOMPARE(commandsBeforeBye(server.port()), 2);
        // log_level = warning: connections are no longer logged.
        QVERIFY(!server.log().mid(log.size()).contains("connection from"));

        // Rules apply to the next connection: deny everything on loopback now.
        writeFile(u"qimapd.ini"_s, common + "unauth_commands = 2\ndeny = 127.0.0.0/8\n");
        server.signal(SIGHUP);
        QVERIFY(server.waitForLog("SIGHUP: changed deny: 192.0.2.0/24 -> 127.0.0.0/8"));
        QCOMPARE(plainGreeting(u"127.0.0.1"_s, server.port()), QByteArray("* BYE Access denied\r\n[closed]"));
        // The connection from before the reload is still served.
        QCOMPARE(before.command("n", "NOOP").last(), QByteArray("n OK NOOP completed"));

        // A broken file: nothing changes, the server goes on.
        writeFile(u"qimapd.ini"_s, common + "deny = nonsense\nunauth_commands = 9\n");
        server.signal(SIGHUP);
        QVERIFY(server.waitForLog("SIGHUP: configuration not reloaded: " + QFile::encodeName(ini) + ": deny: \"nonsense\""));
        QCOMPARE(plainGreeting(u"127.0.0.1"_s, server.port()), QByteArray("* BYE Access denied\r\n[closed]"));
        QVERIFY(server.isRunning());
        QVERIFY(server.terminate());
        QCOMPARE(server.exitCode(), 0);
    }

    // SIGTERM while one client idles and another has just sent a write: the idler gets BYE,
    // every tagged OK that went out is a change that is on disk, the process exits 0 within a
    // few seconds, and the SQLite WAL has been checkpointed into the database and removed.
    void sigtermMidIdleClosesEverythingCleanly()
    {
        addUser(u"alice"_s);
        QimapdProcess server(serverArguments());
        QVERIFY2(server.start(), server.log().constData());
        ImapTestClient idler;
        QVERIFY(idler.connectTo(server.sslPort(), ImapTestClient::Mode::ImplicitTls));
        QVERIFY(idler.login("alice", "secret"));
        QCOMPARE(idler.command("s", "SELECT INBOX").last().left(5), QByteArray("s OK "));
        idler.sendLine("i IDLE");
        QCOMPARE(idler.readResponse(), QByteArray("+ idling"));
        ImapTestClient writer;
        QVERIFY(writer.connectTo(server.sslPort(), ImapTestClient::Mode::ImplicitTls));
        QVERIFY(writer.login("alice", "secret"));
        const QByteArray first = "Subject: one\r\n\r\nfirst\r\n";
        writer.send("a1 APPEND INBOX {" + QByteArray::number(first.size()) + "+}\r\n" + first + "\r\n");
        QVERIFY(writer.readUntilTagged("a1").last().startsWith("a1 OK "));
        QCOMPARE(idler.readResponse(), QByteArray("* 1 EXISTS"));
        QVERIFY(QFileInfo::exists(dataDir() + u"/qimapd.sqlite-wal"_s));

        // A second APPEND and the signal at once: whether its OK arrives depends on which the
        // server sees first, but an OK must mean the message is stored.
        const QByteArray second = "Subject: two\r\n\r\nsecond\r\n";
        writer.send("a2 APPEND INBOX {" + QByteArray::number(second.size()) + "+}\r\n" + second + "\r\n");
        QElapsedTimer timer;
        timer.start();
        server.signal(SIGTERM);
        QByteArrayList idlerSaw;
        for (QByteArray line = idler.readResponse(); !line.isNull(); line = idler.readResponse())
            idlerSaw.append(line);
        QVERIFY2(idlerSaw.endsWith("* BYE Server shutting down"), idlerSaw.join('\n').constData());
        QByteArrayList writerSaw;
        for (QByteArray line = writer.readResponse(); !line.isNull(); line = writer.readResponse())
            writerSaw.append(line);
        QVERIFY2(writerSaw.endsWith("* BYE Server shutting down"), writerSaw.join('\n').constData());
        const bool secondAccepted = std::any_of(writerSaw.cbegin(), writerSaw.cend(),
                                                [](const QByteArray &l) { return l.startsWith("a2 OK "); });
        QVERIFY(idler.waitForDisconnected());
        QVERIFY2(server.waitForExit(5000), "still running 5 s after SIGTERM");
        QVERIFY2(timer.elapsed() < 5000, QByteArray::number(timer.elapsed()).constData());
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        const QByteArray log = server.log();
        QVERIFY2(log.contains("stopped; the database is closed"), log.constData());
        QVERIFY2(!log.contains("warning: ") && !log.contains("error: "), log.constData());
        QVERIFY2(!QFileInfo::exists(dataDir() + u"/qimapd.sqlite-wal"_s), "the WAL was not checkpointed and removed");
        QVERIFY(!QFileInfo::exists(dataDir() + u"/qimapd.lock"_s));

        QimapdProcess again(serverArguments());
        QVERIFY2(again.start(), again.log().constData());
        ImapTestClient check;
        QVERIFY(check.connectTo(again.sslPort(), ImapTestClient::Mode::ImplicitTls));
        QVERIFY(check.login("alice", "secret"));
        const QByteArray messages = check.command("s", "STATUS INBOX (MESSAGES)").first();
        if (secondAccepted)
            QCOMPARE(messages, QByteArray("* STATUS INBOX (MESSAGES 2)"));
        else
            QVERIFY2(messages == "* STATUS INBOX (MESSAGES 1)" || messages == "* STATUS INBOX (MESSAGES 2)", messages.constData());
        QVERIFY(again.terminate());
    }

    // SIGINT (Ctrl-C in a terminal) is the same graceful stop as SIGTERM.
    void sigintStopsGracefully()
    {
        QimapdProcess server(serverArguments());
        QVERIFY2(server.start(), server.log().constData());
        ImapTestClient client;
        QVERIFY(client.connectTo(server.port()));
        server.signal(SIGINT);
        QCOMPARE(client.readResponse(), QByteArray("* BYE Server shutting down"));
        QVERIFY(client.waitForDisconnected());
        QVERIFY(server.waitForExit(5000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        QVERIFY2(server.log().contains("signal 2 received, shutting down"), server.log().constData());
        QVERIFY2(server.log().contains("stopped; the database is closed"), server.log().constData());
    }

    // --log-file: timestamped lines in the file, nothing on stderr; SIGHUP reopens it, so
    // logrotate can move it away.
    void logFileIsReopenedOnSighup()
    {
        const QString logPath = m_dir->filePath(u"qimapd.log"_s);
        QProcess process;
        process.setProcessEnvironment(QimapdProcess::cleanEnvironment());
        process.start(QimapdProcess::binary(), QStringList{u"--no-gui"_s} + serverArguments({u"--log-file"_s, logPath}));
        QVERIFY(process.waitForStarted());
        QVERIFY(QTest::qWaitFor([&] { return readFile(logPath).contains(" serving "); }, 15000));
        const QByteArray text = readFile(logPath);
        static const QRegularExpression line(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z qimapd\\.server: listening on 127\\.0\\.0\\.1 port (\\d+) \\(STARTTLS\\)$"_s,
                                             QRegularExpression::MultilineOption);
        const QRegularExpressionMatch match = line.match(QString::fromUtf8(text));
        QVERIFY2(match.hasMatch(), text.constData());
        const quint16 port = match.captured(1).toUShort();

        QVERIFY(QFile::rename(logPath, logPath + u".1"_s));
        ::kill(pid_t(process.processId()), SIGHUP);
        QVERIFY(QTest::qWaitFor([&] { return readFile(logPath).contains("reloaded TLS certificate"); }, 5000));
        ImapTestClient client;
        QVERIFY(client.connectTo(port));
        QVERIFY(QTest::qWaitFor([&] { return readFile(logPath).contains("connection from 127.0.0.1"); }, 5000));
        QVERIFY(!readFile(logPath + u".1"_s).contains("connection from"));
        process.terminate();
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(process.readAllStandardError(), QByteArray());
        QVERIFY(readFile(logPath).contains("stopped; the database is closed"));
    }

    // Under systemd (JOURNAL_STREAM names our stderr) every line carries its sd-daemon priority
    // and no timestamp; a JOURNAL_STREAM inherited for some other stream changes nothing.
    void journalPriorityPrefixes()
    {
        const QString script = u"export JOURNAL_STREAM=$(stat -L -c %d:%i /proc/self/fd/2); exec \"$0\" \"$@\""_s;
        QimapdProcess journal(serverArguments({u"--allow-insecure-auth"_s}));
        journal.setProgram(u"/bin/sh"_s, {u"-c"_s, script, QimapdProcess::binary()});
        QVERIFY2(journal.start(), journal.log().constData());
        const QByteArray log = journal.log();
        QVERIFY2(log.contains("\n<6>qimapd.server: listening on 127.0.0.1 port ") || log.startsWith("<6>qimapd.server: listening"),
                 log.constData());
        QVERIFY2(log.contains("<4>qimapd.server: warning: --allow-insecure-auth"), log.constData());
        for (const QByteArray &line : log.trimmed().split('\n'))
            QVERIFY2(line.startsWith("<6>") || line.startsWith("<4>") || line.startsWith("<7>"), line.constData());
        QVERIFY(journal.terminate());

        QProcessEnvironment elsewhere = QimapdProcess::cleanEnvironment();
        elsewhere.insert(u"JOURNAL_STREAM"_s, u"8:12345"_s);
        QimapdProcess plain(serverArguments({u"--allow-insecure-auth"_s}), elsewhere);
        QVERIFY2(plain.start(), plain.log().constData());
        QVERIFY2(plain.log().startsWith("qimapd.server: warning: --allow-insecure-auth")
                     || plain.log().startsWith("qimapd.server: listening"), plain.log().constData());
        QVERIFY(!plain.log().contains("<6>"));
        QVERIFY(plain.terminate());
    }

    // --syslog: datagrams to /dev/log with facility mail and the message's priority. Needs a
    // machine without a syslog daemon (the test stands in for it) and root to create /dev/log.
    void syslogMessages()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to stand in for the syslog daemon at /dev/log");
        if (QFileInfo::exists(u"/dev/log"_s))
            QSKIP("a syslog daemon owns /dev/log here");
        const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        QVERIFY(fd >= 0);
        sockaddr_un address = {};
        address.sun_family = AF_UNIX;
        std::strcpy(address.sun_path, "/dev/log");
        QVERIFY2(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0, std::strerror(errno));
        auto removeSocket = qScopeGuard([fd] {
            ::close(fd);
            ::unlink("/dev/log");
        });
        QProcess process;
        process.setProcessEnvironment(QimapdProcess::cleanEnvironment());
        process.start(QimapdProcess::binary(), QStringList{u"--no-gui"_s} + serverArguments({u"--syslog"_s}));
        QVERIFY(process.waitForStarted());
        QByteArray received;
        QVERIFY(QTest::qWaitFor([&] {
            char buffer[4096];
            ssize_t n;
            while ((n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT)) > 0)
                received += QByteArray(buffer, n) + '\n';
            return received.contains(" serving ");
        }, 15000));
        // <22> = facility mail (2) * 8 + info (6); ident qimapd with the PID.
        const QByteArray pid = QByteArray::number(process.processId());
        QVERIFY2(received.contains("<22>"), received.constData());
        QVERIFY2(received.contains(QByteArray("qimapd[" + pid + "]: qimapd.server: listening on 127.0.0.1 port ")), received.constData());
        process.terminate();
        QVERIFY(process.waitForFinished(5000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(process.readAllStandardError(), QByteArray());
    }

    // Run as root with --user: the ports are bound first, then the process is the user with
    // the user's groups (initgroups, not root's), and every file it creates is the user's.
    void privilegeDropOwnsEveryFile()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to switch users");
        QVERIFY(QFile::setPermissions(m_dir->path(), QFileDevice::Permissions(0x7777)));
        QimapdProcess server(serverArguments({u"--user"_s, u"nobody"_s, u"--store"_s, u"sqlite"_s}));
        QVERIFY2(server.start(), server.log().constData());
        QFile status(u"/proc/%1/status"_s.arg(server.pid()));
        QVERIFY(status.open(QIODevice::ReadOnly));
        const QString text = QString::fromLatin1(status.readAll());
        QVERIFY2(text.contains(QRegularExpression(u"\\nUid:\\s+65534\\s+65534\\s+65534\\s+65534\\n"_s)), qPrintable(text));
        QVERIFY2(text.contains(QRegularExpression(u"\\nGid:\\s+65534\\s+65534\\s+65534\\s+65534\\n"_s)), qPrintable(text));
        // initgroups: nobody's groups (only nogroup), root's (0 ...) are gone.
        QVERIFY2(text.contains(QRegularExpression(u"\\nGroups:\\s*65534\\s*\\n"_s)), qPrintable(text));
        ImapTestClient client;
        QVERIFY(client.connectTo(server.port()));
        QCOMPARE(client.command("n", "NOOP").last(), QByteArray("n OK NOOP completed"));
        const QFileInfoList files = QDir(dataDir()).entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        QVERIFY(files.size() >= 2); // the database and the lock at least
        for (const QFileInfo &file : files)
            QVERIFY2(file.ownerId() == 65534u, qPrintable(file.fileName()));
        QCOMPARE(QFileInfo(dataDir()).ownerId(), 65534u);
        QVERIFY(server.terminate());
        QCOMPARE(server.exitCode(), 0);
    }

private:
    QString dataDir() const { return m_dir->filePath(u"data"_s); }

    QStringList serverArguments(const QStringList &extra = {}) const
    {
        return QStringList{u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--ssl-port"_s, u"0"_s,
                           u"--cert"_s, TestCertificate::instance().certPath(),
                           u"--key"_s, TestCertificate::instance().keyPath(),
                           u"--data-dir"_s, dataDir()}
            + extra;
    }

    QString writeFile(const QString &name, const QByteArray &contents)
    {
        const QString path = m_dir->filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(contents);
        return path;
    }

    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    void addUser(const QString &name)
    {
        const QimapdRun run = runQimapd({u"user"_s, u"add"_s, name, u"--data-dir"_s, dataDir()}, "secret\n");
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }

    // What a client from `source` reads on the cleartext port until the server closes or
    // 3 s pass: the greeting, then "[closed]" if the server closed the connection.
    static QByteArray plainGreeting(const QString &source, quint16 port)
    {
        QTcpSocket socket;
        if (!socket.bind(QHostAddress(source)))
            return "cannot bind " + source.toLatin1();
        socket.connectToHost(QHostAddress(source), port);
        if (!socket.waitForConnected(5000))
            return "cannot connect";
        QByteArray received;
        QTest::qWaitFor([&] {
            received += socket.readAll();
            return socket.state() == QAbstractSocket::UnconnectedState || received.endsWith("\r\n");
        }, 3000);
        if (received.startsWith("* OK"))
            return received;
        QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::UnconnectedState; }, 3000);
        received += socket.readAll();
        return socket.state() == QAbstractSocket::UnconnectedState ? received + "[closed]" : received;
    }

    // Whether a TLS handshake from `source` on the TLS port completes and a greeting follows.
    static bool tlsHandshake(const QString &source, quint16 port)
    {
        QSslSocket socket;
        socket.setPeerVerifyMode(QSslSocket::VerifyNone);
        if (!socket.bind(QHostAddress(source)))
            return false;
        socket.connectToHostEncrypted(source, port);
        if (!socket.waitForEncrypted(3000))
            return false;
        return QTest::qWaitFor([&] { return socket.canReadLine(); }, 3000) && socket.readLine().startsWith("* OK ");
    }

    // How many NOOPs a client gets before "* BYE Too many commands before authentication".
    static int commandsBeforeBye(quint16 port)
    {
        ImapTestClient client;
        if (!client.connectTo(port))
            return -1;
        for (int i = 0; i < 20; ++i) {
            const QByteArrayList replies = client.command("n", "NOOP");
            if (replies.isEmpty() || replies.first().startsWith("* BYE"))
                return i;
        }
        return 20;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

QTEST_GUILESS_MAIN(TstOps)

#include "tst_ops.moc"
