#include "DashboardWindow.h"
#include "MailboxTableModel.h"
#include "ServerConfig.h"
#include "SessionFilterModel.h"
#include "SessionInspector.h"
#include "SessionTableModel.h"
#include "TestCertificate.h"
#include "monitor/AdminServer.h"
#include "monitor/RemoteMonitor.h"

#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableView>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace qimapd;
using namespace qimapd::gui;
using qimapd::test::TestCertificate;

// End to end (issue 5): a real `qimapd --no-gui` in its own process, real IMAP clients, and
// the dashboard in this process attached over the admin socket (RemoteMonitor) — rows appear,
// change and go as sessions connect, select, see expunges and leave; Disconnect ends one.

namespace {

class Client
{
public:
    bool connect(quint16 port)
    {
        m_socket.connectToHost(u"127.0.0.1"_s, port);
        return m_socket.waitForConnected(5000) && line().startsWith("* OK");
    }
    QByteArray line()
    {
        if (!QTest::qWaitFor([&] { return m_socket.canReadLine(); }, 10000))
            return {};
        return m_socket.readLine();
    }
    // Sends a command and returns every line up to and including its tagged response.
    QByteArray command(const QByteArray &tag, const QByteArray &text)
    {
        m_socket.write(tag + ' ' + text + "\r\n");
        QByteArray all;
        for (;;) {
            const QByteArray l = line();
            all += l;
            if (l.isEmpty() || l.startsWith(QByteArray(tag + ' ')))
                return all;
        }
    }
    QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
};

int rowOf(const QAbstractItemModel &model, quint64 id)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, SessionTableModel::Id).data().toULongLong() == id)
            return row;
    }
    return -1;
}

QString cell(const QAbstractItemModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class TestDashboardLive : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QProcess m_server;
    quint16 m_port = 0;

    QString dataDir() const { return m_dir.filePath(u"data"_s); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QProcess add;
        add.start(qEnvironmentVariable("QIMAPD_BIN"), {u"--no-gui"_s, u"--data-dir"_s, dataDir(), u"user"_s, u"add"_s, u"alice"_s});
        add.write("secret\n");
        add.closeWriteChannel();
        QVERIFY(add.waitForFinished(20000));
        QCOMPARE(add.exitCode(), 0);

        m_server.start(qEnvironmentVariable("QIMAPD_BIN"),
                       {u"--no-gui"_s, u"--listen"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--allow-insecure-auth"_s,
                        u"--cert"_s, TestCertificate::instance().certPath(), u"--key"_s, TestCertificate::instance().keyPath(),
                        u"--data-dir"_s, dataDir()});
        QVERIFY(m_server.waitForStarted());
        QByteArray err;
        const QRegularExpression listening(u"listening on 127\\.0\\.0\\.1 port (\\d+)"_s);
        QVERIFY2(QTest::qWaitFor([&] {
                     err += m_server.readAllStandardError();
                     const QRegularExpressionMatch match = listening.match(QString::fromUtf8(err));
                     if (match.hasMatch() && err.contains(" serving "))
                         m_port = quint16(match.captured(1).toUInt());
                     return m_port != 0 || m_server.state() == QProcess::NotRunning;
                 }, 15000),
                 err.constData());
        QVERIFY2(m_port != 0, err.constData());
    }

    void cleanupTestCase()
    {
        if (m_server.state() != QProcess::NotRunning) {
            ::kill(pid_t(m_server.processId()), SIGTERM);
            m_server.waitForFinished(10000);
        }
    }

    void sessionsAppearChangeAndLeave()
    {
        ServerConfig config;
        config.dataDir = dataDir();
        RemoteMonitor monitor(AdminServer::socketPath(config));
        monitor.start();
        DashboardWindow window(&monitor, DashboardWindow::Mode::Attached);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(monitor.isAvailable(), 10000);
        QAbstractItemModel &sessions = *window.sessionFilter();
        QCOMPARE(sessions.rowCount(), 0);

        // A connects: a row, not yet authenticated.
        Client a;
        QVERIFY(a.connect(m_port));
        QTRY_COMPARE_WITH_TIMEOUT(sessions.rowCount(), 1, 5000);
        const quint64 idA = sessions.index(0, SessionTableModel::Id).data().toULongLong();
        QCOMPARE(cell(sessions, 0, SessionTableModel::State), u"not authenticated"_s);
        QCOMPARE(cell(sessions, 0, SessionTableModel::Tls), u"plain"_s);
        QVERIFY(cell(sessions, 0, SessionTableModel::Peer).startsWith(u"127.0.0.1:"_s));

        // A logs in, says who it is, puts two messages in INBOX and selects it.
        QVERIFY(a.command("a1", "LOGIN alice secret").contains("a1 OK"));
        QVERIFY(a.command("a2", "ID (\"name\" \"livetest\" \"version\" \"1.0\")").contains("a2 OK"));
        for (const QByteArray &message : {QByteArray("Subject: one\r\n\r\nbody 1\r\n"), QByteArray("Subject: two\r\n\r\nbody 2\r\n")})
            QVERIFY(a.command("a3", "APPEND INBOX {" + QByteArray::number(message.size()) + "+}\r\n" + message).contains("a3 OK"));
        QVERIFY(a.command("a4", "SELECT INBOX").contains("a4 OK"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(sessions, rowOf(sessions, idA), SessionTableModel::Mailbox), u"INBOX"_s, 5000);
        QCOMPARE(cell(sessions, rowOf(sessions, idA), SessionTableModel::User), u"alice"_s);
        QCOMPARE(cell(sessions, rowOf(sessions, idA), SessionTableModel::State), u"selected"_s);
        QCOMPARE(cell(sessions, rowOf(sessions, idA), SessionTableModel::Client), u"livetest 1.0"_s);

        // B selects the same mailbox, then A expunges message 1: B has not been told yet.
        Client b;
        QVERIFY(b.connect(m_port));
        QVERIFY(b.command("b1", "LOGIN alice secret").contains("b1 OK"));
        QVERIFY(b.command("b2", "SELECT INBOX").contains("* 2 EXISTS"));
        QTRY_COMPARE_WITH_TIMEOUT(sessions.rowCount(), 2, 5000);
        const quint64 idB = idA == sessions.index(0, SessionTableModel::Id).data().toULongLong()
            ? sessions.index(1, SessionTableModel::Id).data().toULongLong()
            : sessions.index(0, SessionTableModel::Id).data().toULongLong();
        QVERIFY(a.command("a5", "STORE 1 +FLAGS.SILENT (\\Deleted)").contains("a5 OK"));
        QVERIFY(a.command("a6", "EXPUNGE").contains("* 1 EXPUNGE"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(sessions, rowOf(sessions, idB), SessionTableModel::PendingExpunges), u"1"_s, 5000);
        QCOMPARE(cell(sessions, rowOf(sessions, idA), SessionTableModel::PendingExpunges), u"0"_s);
        // The mailbox view: alice's INBOX, selected by both, one expunge pending for B.
        MailboxTableModel *mailboxes = window.mailboxModel();
        QTRY_COMPARE(mailboxes->rowCount(), 1);
        QCOMPARE(cell(*mailboxes, 0, MailboxTableModel::Sessions), u"2"_s);
        QCOMPARE(cell(*mailboxes, 0, MailboxTableModel::PendingExpunges), u"1"_s);
        const quint64 first = std::min(idA, idB);
        const quint64 second = std::max(idA, idB);
        QCOMPARE(cell(*mailboxes, 0, MailboxTableModel::PerSession),
                 u"#%1: %2 pending, #%3: %4 pending"_s.arg(first).arg(first == idB ? 1 : 0).arg(second).arg(second == idB ? 1 : 0));

        // The inspector shows B's pending sequence number.
        window.sessionView()->selectRow(rowOf(sessions, idB));
        SessionInspector *inspector = window.inspector();
        QCOMPARE(inspector->sessionId(), std::optional<quint64>(idB));
        QCOMPARE(inspector->findChild<QLabel *>(u"inspectorPending"_s)->text(), u"1"_s);

        // B runs NOOP, is told, and the pending expunge goes.
        QVERIFY(b.command("b3", "NOOP").contains("* 1 EXPUNGE"));
        QTRY_COMPARE_WITH_TIMEOUT(cell(sessions, rowOf(sessions, idB), SessionTableModel::PendingExpunges), u"0"_s, 5000);
        QTRY_COMPARE(inspector->findChild<QLabel *>(u"inspectorPending"_s)->text(), u"none"_s);

        // Disconnect B from the inspector: B reads the BYE with the reason, its row goes.
        QTest::mouseClick(inspector->findChild<QPushButton *>(u"disconnectButton"_s), Qt::LeftButton);
        auto *reason = inspector->findChild<QLineEdit *>(u"disconnectReason"_s);
        reason->setText(u"dashboard live test"_s);
        QTest::mouseClick(inspector->findChild<QPushButton *>(u"sendByeButton"_s), Qt::LeftButton);
        QCOMPARE(b.line(), QByteArray("* BYE dashboard live test\r\n"));
        QTRY_COMPARE_WITH_TIMEOUT(rowOf(sessions, idB), -1, 5000);
        QTRY_COMPARE(inspector->findChild<QLabel *>(u"inspectorStatus"_s)->text(), u"Session #%1 disconnected."_s.arg(idB));

        // A leaves: the table is empty again.
        QVERIFY(a.command("a7", "LOGOUT").contains("a7 OK"));
        QTRY_COMPARE_WITH_TIMEOUT(sessions.rowCount(), 0, 5000);
        QTRY_COMPARE(mailboxes->rowCount(), 0);
    }

    // `qimapd dashboard` is the same window in its own process, attached through the socket.
    void dashboardCommandAttaches()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        environment.insert(u"LANG"_s, u"C.UTF-8"_s);
        environment.remove(u"LANGUAGE"_s);
        QProcess dashboard;
        dashboard.setProcessEnvironment(environment);
        dashboard.start(qEnvironmentVariable("QIMAPD_BIN"), {u"dashboard"_s, u"--data-dir"_s, dataDir()});
        QVERIFY(dashboard.waitForStarted());
        QByteArray err;
        QVERIFY2(QTest::qWaitFor([&] {
                     err += dashboard.readAllStandardError();
                     return err.contains("qimapd.gui: dashboard open") || dashboard.state() == QProcess::NotRunning;
                 }, 10000),
                 err.constData());
        QTest::qWait(1500);
        err += dashboard.readAllStandardError();
        QCOMPARE(dashboard.state(), QProcess::Running);
        QVERIFY2(!err.contains("qimapd: "), err.constData()); // connected: no error line
        dashboard.kill();
        dashboard.waitForFinished();

        // No server there: one line saying so (not one per retry), and the window waits.
        QTemporaryDir empty;
        QProcess waiting;
        waiting.setProcessEnvironment(environment);
        waiting.start(qEnvironmentVariable("QIMAPD_BIN"), {u"dashboard"_s, u"--data-dir"_s, empty.path()});
        QVERIFY(waiting.waitForStarted());
        QTest::qWait(3500); // the monitor retries every second
        const QByteArray lines = waiting.readAllStandardError();
        QCOMPARE(waiting.state(), QProcess::Running);
        QCOMPARE(lines.count("qimapd: "), 1);
        QVERIFY2(lines.contains("admin socket"), lines.constData());
        waiting.kill();
        waiting.waitForFinished();
    }
};

QTEST_MAIN(TestDashboardLive)
#include "tst_dashboard_live.moc"
