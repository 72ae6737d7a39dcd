#include "QimapdProcess.h"
#include "TestCertificate.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using qimapd::test::QimapdRun;
using qimapd::test::TestCertificate;
using qimapd::test::runQimapdAsGiven;

// The real qimapd binary with and without a display (issue 5): the GUI run refuses to start
// without one (one line, exit 2, decided before QApplication exists, which would abort);
// --no-gui and the subcommands need none and load no platform plugin at all; with the
// offscreen platform the server and its dashboard run on one loop and serve a real client;
// the system locale picks the language of --help.

namespace {

// The environment of a machine with no display at all.
QProcessEnvironment headless()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name : {u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM"_s, u"QT_LOGGING_RULES"_s,
                                u"QT_MESSAGE_PATTERN"_s, u"LANGUAGE"_s, u"LC_ALL"_s, u"LC_MESSAGES"_s})
        environment.remove(name);
    environment.insert(u"LANG"_s, u"C.UTF-8"_s);
    return environment;
}

// Reads one CRLF line from a socket, spinning the loop.
QByteArray readLine(QSslSocket &socket)
{
    if (!QTest::qWaitFor([&] { return socket.canReadLine(); }, 10000))
        return {};
    return socket.readLine();
}

} // namespace

class TestHeadless : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;

    QStringList serverArguments() const
    {
        return {u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--cert"_s, TestCertificate::instance().certPath(),
                u"--key"_s, TestCertificate::instance().keyPath(), u"--data-dir"_s, m_dir->filePath(u"data"_s)};
    }

    // Starts a server, connects one IMAP client, checks the greeting and a command, and stops it
    // with SIGTERM: the graceful shutdown, exit 0.
    void serveOneClient(const QStringList &arguments, const QProcessEnvironment &environment, QByteArray *log)
    {
        QProcess server;
        server.setProcessEnvironment(environment);
        server.start(qEnvironmentVariable("QIMAPD_BIN"), arguments);
        QVERIFY(server.waitForStarted());
        QByteArray err;
        const QRegularExpression listening(u"listening on 127\\.0\\.0\\.1 port (\\d+)"_s);
        quint16 port = 0;
        QVERIFY2(QTest::qWaitFor([&] {
                     err += server.readAllStandardError();
                     const QRegularExpressionMatch match = listening.match(QString::fromUtf8(err));
                     if (match.hasMatch() && err.contains(" serving "))
                         port = quint16(match.captured(1).toUInt());
                     return port != 0 || server.state() == QProcess::NotRunning;
                 }, 15000),
                 err.constData());
        QVERIFY2(port != 0, err.constData());

        QSslSocket client;
        client.connectToHost(u"127.0.0.1"_s, port);
        QVERIFY(client.waitForConnected(5000));
        QVERIFY(readLine(client).startsWith("* OK"));
        client.write("a1 NOOP\r\n");
        QCOMPARE(readLine(client), QByteArray("a1 OK NOOP completed\r\n"));

        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        *log = err + server.readAllStandardError();
        QVERIFY(readLine(client).startsWith("* BYE"));
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void noDisplayRefusesTheGui_data()
    {
        QTest::addColumn<QStringList>("words");
        QTest::newRow("server") << QStringList{};
        QTest::newRow("dashboard") << QStringList{u"dashboard"_s};
    }
    void noDisplayRefusesTheGui()
    {
        QFETCH(QStringList, words);
        const QimapdRun run = runQimapdAsGiven(words + serverArguments(), headless());
        QVERIFY(run.ended);
        QCOMPARE(run.exitStatus, QProcess::NormalExit);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err, QByteArray("qimapd: no display available; run with --no-gui for a headless server\n"));
        QCOMPARE(run.out, QByteArray());
        QVERIFY2(!QFileInfo::exists(m_dir->filePath(u"data"_s)), "refused before touching the data directory");
    }

    // A bad option is reported as such, display or not: options are checked first.
    void badOptionsBeforeDisplay()
    {
        const QimapdRun run = runQimapdAsGiven({u"--port"_s, u"abc"_s}, headless());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.startsWith("qimapd: --port: expected a whole number"), run.err.constData());
        const QimapdRun lang = runQimapdAsGiven({u"--lang"_s, u"xx"_s, u"--no-gui"_s}, headless());
        QCOMPARE(lang.exitCode, 2);
        QVERIFY2(lang.err.startsWith("qimapd: --lang: expected en, de or fr"), lang.err.constData());
    }

    void subcommandsNeedNoDisplay()
    {
        QProcessEnvironment environment = headless();
        environment.insert(u"QT_QPA_PLATFORM"_s, u"nonexistent"_s);
        const QimapdRun run = runQimapdAsGiven({u"user"_s, u"list"_s, u"--data-dir"_s, m_dir->filePath(u"data"_s)}, environment);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        // --check-config (the service's ExecStartPre) neither.
        const QimapdRun check = runQimapdAsGiven(QStringList{u"--check-config"_s} + serverArguments(), environment);
        QVERIFY2(check.exitCode == 0, check.err.constData());
        QVERIFY2(check.out.contains("configuration OK"), check.out.constData());
        const QimapdRun help = runQimapdAsGiven({u"--help"_s}, headless());
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--no-gui"));
        QVERIFY(help.out.contains("dashboard"));
    }

    // --no-gui makes a QCoreApplication: with a platform plugin that does not exist (which a
    // QApplication would abort on) the server runs and serves.
    void noGuiLoadsNoPlatform()
    {
        QProcessEnvironment environment = headless();
        environment.insert(u"QT_QPA_PLATFORM"_s, u"nonexistent"_s);
        QByteArray log;
        serveOneClient(QStringList{u"--no-gui"_s} + serverArguments(), environment, &log);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(!log.contains("platform plugin"), log.constData());
        QVERIFY2(!log.contains("qimapd.gui"), log.constData());
    }

    // Without --no-gui, on a (virtual) display: the dashboard and the server share the loop,
    // and the server serves a real client while the window is open.
    void guiRunServesClients()
    {
        QProcessEnvironment environment = headless();
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        QByteArray log;
        serveOneClient(serverArguments(), environment, &log);
        if (QTest::currentTestFailed())
            return;
        QVERIFY2(log.contains("qimapd.gui: dashboard open"), log.constData());
    }

    void helpFollowsTheLocale_data()
    {
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("expected");
        QTest::addColumn<QByteArray>("english");
        QTest::newRow("LANG=de_DE.UTF-8") << u"LANG"_s << u"de_DE.UTF-8"_s << QByteArray("Datenverzeichnis")
                                          << QByteArray("Data directory");
        QTest::newRow("LANGUAGE=fr") << u"LANGUAGE"_s << u"fr"_s << QByteArray("Répertoire de données")
                                     << QByteArray("Data directory");
        QTest::newRow("--lang de") << QString() << u"de"_s << QByteArray("Datenverzeichnis") << QByteArray("Data directory");
        QTest::newRow("LANG=en_US.UTF-8") << u"LANG"_s << u"en_US.UTF-8"_s << QByteArray("Data directory")
                                          << QByteArray("Datenverzeichnis");
    }
    void helpFollowsTheLocale()
    {
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(QByteArray, expected);
        QFETCH(QByteArray, english);
        QProcessEnvironment environment = headless();
        QStringList arguments{u"--help"_s};
        if (variable.isEmpty())
            arguments << u"--lang"_s << value;
        else
            environment.insert(variable, value);
        const QimapdRun run = runQimapdAsGiven(arguments, environment);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(expected), run.out.constData());
        QVERIFY2(!run.out.contains(english), run.out.constData());
    }

    // Errors are translated too; protocol responses never are.
    void errorsFollowTheLocale()
    {
        QProcessEnvironment environment = headless();
        environment.insert(u"LANG"_s, u"de_DE.UTF-8"_s);
        const QimapdRun run = runQimapdAsGiven(serverArguments(), environment);
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err, QByteArray("qimapd: keine Anzeige verfügbar; für einen Server ohne Oberfläche mit --no-gui starten\n"));

        QByteArray log;
        environment.insert(u"QT_QPA_PLATFORM"_s, u"nonexistent"_s);
        serveOneClient(QStringList{u"--no-gui"_s} + serverArguments(), environment, &log); // NOOP answer is English
    }
};

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
