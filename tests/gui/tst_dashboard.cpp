#include "DashboardWindow.h"
#include "LogView.h"
#include "MailboxTableModel.h"
#include "RateChart.h"
#include "ServerPanel.h"
#include "SessionFilterModel.h"
#include "SessionInspector.h"
#include "SessionTableModel.h"
#include "TestMonitor.h"
#include "UsersPanel.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace Qt::StringLiterals;
using namespace qimapd;
using namespace qimapd::gui;
using qimapd::test::TestMonitor;

// The dashboard's models and widgets against a TestMonitor whose state each test sets
// (issue 5): rows, sorting, filtering, updates that keep the selection, pending expunges,
// the inspector and Disconnect, the certificate warning, the bounded log, users, and closing.
// Runs on the offscreen platform (ctest sets QT_QPA_PLATFORM).

namespace {

SessionSnapshot session(quint64 id, const QString &user, const QString &mailbox, const QString &address = u"127.0.0.1"_s)
{
    SessionSnapshot s;
    s.id = id;
    s.peerAddress = address;
    s.peerPort = quint16(40000 + id);
    s.user = user;
    s.state = user.isEmpty() ? u"not authenticated"_s : (mailbox.isEmpty() ? u"authenticated"_s : u"selected"_s);
    s.mailbox = mailbox;
    s.connectedAt = QDateTime::currentDateTimeUtc().addSecs(-60);
    s.commands = id * 3;
    return s;
}

QString cell(const QAbstractItemModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

int rowOf(const QAbstractItemModel &model, quint64 id)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, SessionTableModel::Id).data().toULongLong() == id)
            return row;
    }
    return -1;
}

quint64 selectedId(QTableView *view)
{
    const QModelIndexList rows = view->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(KeyedTableModel::KeyRole).toString().toULongLong();
}

} // namespace

class TestDashboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sessionRows()
    {
        SessionTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        SessionSnapshot tls = session(1, u"alice"_s, u"INBOX"_s);
        tls.tls = u"TLSv1.3 TLS_AES_256_GCM_SHA384"_s;
        tls.readOnly = true;
        tls.pendingExpunges = {3, 7};
        tls.clientName = u"Thunderbird"_s;
        tls.clientVersion = u"115.3"_s;
        tls.bytesIn = 2048;
        tls.bytesOut = 5 * 1024 * 1024;
        model.setSessions({tls, session(2, QString(), QString(), u"192.0.2.7"_s)});

        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(SessionTableModel::ColumnCount));
        QCOMPARE(cell(model, 0, SessionTableModel::Peer), u"127.0.0.1:40001"_s);
        QCOMPARE(cell(model, 0, SessionTableModel::Tls), u"TLSv1.3"_s);
        QCOMPARE(model.index(0, SessionTableModel::Tls).data(Qt::ToolTipRole).toString(), u"TLSv1.3 TLS_AES_256_GCM_SHA384"_s);
        QCOMPARE(cell(model, 0, SessionTableModel::User), u"alice"_s);
        QCOMPARE(cell(model, 0, SessionTableModel::State), u"selected"_s);
        QCOMPARE(cell(model, 0, SessionTableModel::Mailbox), u"INBOX (read-only)"_s);
        QCOMPARE(cell(model, 0, SessionTableModel::PendingExpunges), u"2"_s);
        QCOMPARE(cell(model, 0, SessionTableModel::BytesIn), u"2.0 KiB"_s);
        QCOMPARE(cell(model, 0, SessionTableModel::BytesOut), u"5.0 MiB"_s);
        QCOMPARE(cell(model, 0, SessionTableModel::Client), u"Thunderbird 115.3"_s);
        QCOMPARE(cell(model, 1, SessionTableModel::Tls), u"plain"_s);
        QCOMPARE(cell(model, 1, SessionTableModel::State), u"not authenticated"_s);
        QCOMPARE(cell(model, 1, SessionTableModel::Peer), u"192.0.2.7:40002"_s);
        QCOMPARE(model.session(1)->pendingExpunges, (QList<quint32>{3, 7}));
        QVERIFY(!model.session(3));
    }

    // Numbers sort as numbers (9 before 10), not as text.
    void sortsByValue()
    {
        SessionTableModel model;
        SessionFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<SessionSnapshot> sessions;
        for (quint64 id : {1, 2, 3}) {
            SessionSnapshot s = session(id, u"u%1"_s.arg(id), QString());
            s.commands = id == 1 ? 10 : id == 2 ? 9 : 100;
            s.bytesIn = id == 1 ? 1024 * 1024 : id == 2 ? 900 : 5000; // 1.0 MiB / 900 B / 4.9 KiB
            sessions.append(s);
        }
        model.setSessions(sessions);
        filter.sort(SessionTableModel::Commands, Qt::AscendingOrder);
        QCOMPARE(cell(filter, 0, SessionTableModel::Id), u"2"_s);
        QCOMPARE(cell(filter, 1, SessionTableModel::Id), u"1"_s);
        QCOMPARE(cell(filter, 2, SessionTableModel::Id), u"3"_s);
        filter.sort(SessionTableModel::BytesIn, Qt::DescendingOrder);
        QCOMPARE(cell(filter, 0, SessionTableModel::Id), u"1"_s);
        QCOMPARE(cell(filter, 2, SessionTableModel::Id), u"2"_s);
    }

    void filtersByUserMailboxAddress()
    {
        SessionTableModel model;
        SessionFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSessions({session(1, u"alice"_s, u"INBOX"_s, u"10.0.0.1"_s), session(2, u"bob"_s, u"Archive"_s, u"10.0.0.2"_s),
                           session(3, u"alice"_s, u"Archive"_s, u"192.0.2.9"_s)});
        QCOMPARE(filter.rowCount(), 3);
        filter.setUserFilter(u"ALI"_s);
        QCOMPARE(filter.rowCount(), 2);
        filter.setMailboxFilter(u"archive"_s);
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(cell(filter, 0, SessionTableModel::Id), u"3"_s);
        filter.setUserFilter({});
        filter.setMailboxFilter({});
        filter.setAddressFilter(u"10.0.0."_s);
        QCOMPARE(filter.rowCount(), 2);
        // A filtered-out session that changes to match appears.
        model.setSessions({session(1, u"alice"_s, u"INBOX"_s, u"10.0.0.1"_s), session(2, u"bob"_s, u"Archive"_s, u"10.0.0.2"_s),
                           session(3, u"alice"_s, u"Archive"_s, u"10.0.0.3"_s)});
        QCOMPARE(filter.rowCount(), 3);
    }

    // Sessions come, change and go; the selected one stays selected, nothing is reset.
    void diffedUpdatesKeepSelection()
    {
        TestMonitor monitor;
        monitor.setSessions({session(1, u"alice"_s, u"INBOX"_s), session(2, u"bob"_s, QString()),
                             session(3, u"carol"_s, u"INBOX"_s)});
        DashboardWindow window(&monitor, DashboardWindow::Mode::Attached);
        QAbstractItemModelTester tester(window.sessionModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTableView *view = window.sessionView();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.sessionFilter()->rowCount(), 3);
        view->selectRow(rowOf(*window.sessionFilter(), 2));
        QCOMPARE(selectedId(view), quint64(2));

        QSignalSpy resets(window.sessionModel(), &QAbstractItemModel::modelReset);
        QSignalSpy removed(window.sessionModel(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(window.sessionModel(), &QAbstractItemModel::rowsInserted);
        SessionSnapshot bob = session(2, u"bob"_s, u"Sent"_s);
        bob.commands = 42;
        monitor.setSessions({bob, session(3, u"carol"_s, u"INBOX"_s), session(4, u"dave"_s, QString())});
        QTRY_VERIFY(rowOf(*window.sessionFilter(), 4) >= 0); // the refresh is coalesced: it comes later
        QCOMPARE(window.sessionFilter()->rowCount(), 3);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(selectedId(view), quint64(2));
        const int row = rowOf(*window.sessionFilter(), 2);
        QCOMPARE(cell(*window.sessionFilter(), row, SessionTableModel::Mailbox), u"Sent"_s);
        QCOMPARE(cell(*window.sessionFilter(), row, SessionTableModel::Commands), u"42"_s);
        QCOMPARE(rowOf(*window.sessionFilter(), 1), -1);
        QVERIFY(rowOf(*window.sessionFilter(), 4) >= 0);
        // The inspector followed the change of the selected session.
        QCOMPARE(window.inspector()->findChild<QLabel *>(u"inspectorMailbox"_s)->text(), u"Sent"_s);
    }

    // 200 busy sessions: one refresh costs a bounded number of model notifications, and a
    // storm of change signals costs a bounded number of refreshes.
    void updatesBoundedPerRefresh()
    {
        TestMonitor monitor;
        QList<SessionSnapshot> sessions;
        for (quint64 id = 1; id <= 200; ++id)
            sessions.append(session(id, u"user%1"_s.arg(id), u"INBOX"_s));
        monitor.setSessions(sessions);
        DashboardWindow window(&monitor, DashboardWindow::Mode::Attached);
        QCOMPARE(window.sessionModel()->rowCount(), 200);

        QSignalSpy changed(window.sessionModel(), &QAbstractItemModel::dataChanged);
        const int updatesBefore = window.sessionModel()->updateCount();
        const int refreshesBefore = window.refreshCount();
        QElapsedTimer clock;
        clock.start();
        for (int round = 1; round <= 50; ++round) {
            for (SessionSnapshot &s : sessions) {
                s.commands += 1;
                s.bytesIn += 100;
            }
            monitor.setSessions(sessions); // 50 change signals, every row different each time
        }
        QTRY_COMPARE(window.sessionModel()->session(200)->commands, sessions.last().commands);
        const int refreshes = window.refreshCount() - refreshesBefore;
        const qint64 elapsed = clock.elapsed();
        QVERIFY2(refreshes >= 1, "the table never caught up");
        // At most one refresh per MinRefreshIntervalMs (plus the one that catches up).
        QVERIFY2(refreshes <= elapsed / DashboardWindow::MinRefreshIntervalMs + 2,
                 qPrintable(u"%1 refreshes in %2 ms"_s.arg(refreshes).arg(elapsed)));
        // One dataChanged per refresh, not one per row or per event.
        QCOMPARE(changed.size(), refreshes);
        QCOMPARE(window.sessionModel()->updateCount() - updatesBefore, refreshes);
    }

    void mailboxesShowSessionsAndPendingExpunges()
    {
        TestMonitor monitor;
        SessionSnapshot a = session(1, u"alice"_s, u"INBOX"_s);
        a.pendingExpunges = {4, 9};
        SessionSnapshot b = session(2, u"alice"_s, u"INBOX"_s);
        b.readOnly = true;
        SessionSnapshot c = session(3, u"bob"_s, u"INBOX"_s);
        c.pendingExpunges = {1};
        monitor.setSessions({a, b, c, session(4, u"carol"_s, QString())});
        DashboardWindow window(&monitor, DashboardWindow::Mode::Attached);
        MailboxTableModel *model = window.mailboxModel();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 2); // alice's INBOX and bob's INBOX are different mailboxes
        QCOMPARE(cell(*model, 0, MailboxTableModel::Mailbox), u"INBOX"_s);
        QCOMPARE(cell(*model, 0, MailboxTableModel::User), u"alice"_s);
        QCOMPARE(cell(*model, 0, MailboxTableModel::Sessions), u"2"_s);
        QCOMPARE(cell(*model, 0, MailboxTableModel::PendingExpunges), u"2"_s);
        QCOMPARE(cell(*model, 0, MailboxTableModel::PerSession), u"#1: 2 pending, #2: 0 pending (read-only)"_s);
        QCOMPARE(cell(*model, 1, MailboxTableModel::User), u"bob"_s);
        QCOMPARE(cell(*model, 1, MailboxTableModel::PerSession), u"#3: 1 pending"_s);

        // Session 1 is told its expunges and leaves INBOX: the row updates in place.
        a.pendingExpunges.clear();
        a.mailbox.clear();
        monitor.setSessions({a, b, c});
        QTRY_COMPARE(cell(*model, 0, MailboxTableModel::Sessions), u"1"_s);
        QCOMPARE(cell(*model, 0, MailboxTableModel::PendingExpunges), u"0"_s);
    }

    void inspectorShowsSelectedSession()
    {
        TestMonitor monitor;
        SessionSnapshot s = session(7, u"alice"_s, u"Archive"_s);
        s.pendingExpunges = {3, 5, 8};
        s.currentCommand = u"IDLE"_s;
        const QDateTime t = QDateTime::currentDateTimeUtc();
        s.recentCommands = {{t, u"a1 LOGIN alice ***"_s, u"OK"_s}, {t, u"a2 SELECT Archive"_s, u"OK"_s},
                            {t, u"a3 IDLE"_s, QString()}};
        monitor.setSessions({session(1, u"bob"_s, QString()), s});
        DashboardWindow window(&monitor, DashboardWindow::Mode::Attached);
        SessionInspector *inspector = window.inspector();
        // The first session is inspected from the start; with nothing selected, nothing is.
        QCOMPARE(inspector->sessionId(), std::optional<quint64>(1));
        window.sessionView()->clearSelection();
        QVERIFY(!inspector->sessionId());
        QVERIFY(!inspector->findChild<QPushButton *>(u"disconnectButton"_s)->isEnabled());
        window.sessionView()->selectRow(rowOf(*window.sessionFilter(), 7));
        QCOMPARE(inspector->sessionId(), std::optional<quint64>(7));
        QCOMPARE(inspector->findChild<QLabel *>(u"inspectorPending"_s)->text(), u"3 5 8"_s);
        QCOMPARE(inspector->findChild<QLabel *>(u"inspectorMailbox"_s)->text(), u"Archive"_s);
        QCOMPARE(inspector->findChild<QLabel *>(u"inspectorState"_s)->text(), u"selected, running IDLE"_s);
        auto *commands = inspector->findChild<QTreeWidget *>(u"inspectorCommands"_s);
        QCOMPARE(commands->topLevelItemCount(), 3);
        QCOMPARE(commands->topLevelItem(0)->text(1), u"a1 LOGIN alice ***"_s);
        QCOMPARE(commands->topLevelItem(1)->text(2), u"OK"_s);
        QCOMPARE(commands->topLevelItem(2)->text(2), u"running"_s);
        QVERIFY(inspector->findChild<QPushButton *>(u"disconnectButton"_s)->isEnabled());

        // The session goes away: the inspector says so instead of showing stale data, or
        // switching to another session.
        monitor.setSessions({session(1, u"bob"_s, QString())});
        QTRY_COMPARE(window.sessionModel()->rowCount(), 1);
        QTRY_VERIFY(!inspector->sessionId());
        QCOMPARE(selectedId(window.sessionView()), quint64(0));
        QCOMPARE(inspector->findChild<QLabel *>(u"inspectorPending"_s)->text(), QString());
    }

    void disconnectAsksForReasonAndCallsMonitor()
    {
        TestMonitor monitor;
        monitor.setSessions({session(1, u"bob"_s, QString()), session(5, u"alice"_s, u"INBOX"_s)});
        DashboardWindow window(&monitor, DashboardWindow::Mode::Attached);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.sessionView()->selectRow(rowOf(*window.sessionFilter(), 5));
        SessionInspector *inspector = window.inspector();
        auto *reason = inspector->findChild<QLineEdit *>(u"disconnectReason"_s);
        QVERIFY(!reason->isVisible());
        QTest::mouseClick(inspector->findChild<QPushButton *>(u"disconnectButton"_s), Qt::LeftButton);
        // Inline, not a modal dialog: no window other than the dashboard is open.
        QVERIFY(reason->isVisible());
        QVERIFY(!QApplication::activeModalWidget());
        QVERIFY(monitor.disconnects.isEmpty());
        reason->clear();
        QTest::keyClicks(reason, u"maintenance at 22:00"_s);
        QTest::mouseClick(inspector->findChild<QPushButton *>(u"sendByeButton"_s), Qt::LeftButton);
        QCOMPARE(monitor.disconnects.size(), 1);
        QCOMPARE(monitor.disconnects.first().id, quint64(5));
        QCOMPARE(monitor.disconnects.first().reason, u"maintenance at 22:00"_s);
        QVERIFY(!reason->isVisible());
        // The monitor's answer arrives later, and the session's row goes.
        QTRY_COMPARE(inspector->findChild<QLabel *>(u"inspectorStatus"_s)->text(), u"Session #5 disconnected."_s);
        QTRY_COMPARE(rowOf(*window.sessionFilter(), 5), -1);
    }

    void certificateWarning_data()
    {
        QTest::addColumn<int>("days");
        QTest::addColumn<bool>("warns");
        QTest::newRow("expired") << -1 << true;
        QTest::newRow("10 days") << 10 << true;
        QTest::newRow("13 days") << 13 << true;
        QTest::newRow("15 days") << 15 << false;
        QTest::newRow("30 days") << 30 << false;
        QTest::newRow("a year") << 365 << false;
    }
    void certificateWarning()
    {
        QFETCH(int, days);
        QFETCH(bool, warns);
        TestMonitor monitor;
        ServerSnapshot server;
        server.version = u"0.1.0"_s;
        server.startedAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
        server.certificateSubject = u"CN=mail.example.org"_s;
        server.certificateExpiry = QDateTime::currentDateTimeUtc().addDays(days);
        server.listeners = {{u"0.0.0.0"_s, 1430, false}, {u"::"_s, 993, true}};
        monitor.setServer(server);
        DashboardWindow window(&monitor, DashboardWindow::Mode::Attached);
        ServerPanel *panel = window.serverPanel();
        auto *warning = panel->findChild<QLabel *>(u"certificateWarning"_s);
        QCOMPARE(warning->isVisibleTo(panel), warns);
        QCOMPARE(warning->text().isEmpty(), !warns);
        QCOMPARE(panel->findChild<QLabel *>(u"certificateSubject"_s)->text(), u"CN=mail.example.org"_s);
        QCOMPARE(panel->findChild<QLabel *>(u"listeners"_s)->text(), u"0.0.0.0:1430 (STARTTLS)\n[::]:993 (implicit TLS)"_s);
        QVERIFY(panel->findChild<QLabel *>(u"uptime"_s)->text().startsWith(u"1 h"_s));
    }

    void chartSamplesCommandRate()
    {
        TestMonitor monitor;
        ServerSnapshot server;
        monitor.setServer(server);
        ServerPanel panel(&monitor);
        panel.show();
        // Two seconds of 50 commands a second, then a quiet one.
        for (int second = 0; second < 3; ++second) {
            QTest::qWait(1000);
            server.totalCommands += second < 2 ? 50 : 0;
            monitor.setServer(server);
        }
        QTRY_VERIFY_WITH_TIMEOUT(panel.chart()->samples().size() >= 3, 3000);
        const QList<double> samples = panel.chart()->samples();
        QVERIFY2(*std::max_element(samples.cbegin(), samples.cend()) >= 25, "the busy seconds show");
        for (int i = 0; i < 2 * panel.chart()->capacity(); ++i)
            panel.chart()->addSample(i);
        QCOMPARE(panel.chart()->samples().size(), panel.chart()->capacity());
        QVERIFY(!panel.chart()->grab().isNull()); // paints without Qt Charts
    }

    void logIsBoundedAndFiltered()
    {
        TestMonitor monitor;
        DashboardWindow window(&monitor, DashboardWindow::Mode::Attached);
        LogView *log = window.logView();
        const int capacity = log->capacity();
        const QDateTime t = QDateTime::currentDateTimeUtc();
        for (int i = 0; i < capacity + 500; ++i)
            monitor.appendLog({t, u"qimapd.session"_s, i % 10 == 0 ? u"warning"_s : u"info"_s, u"line %1"_s.arg(i)});
        QCOMPARE(log->entryCount(), qsizetype(capacity));
        QVERIFY(log->text()->document()->blockCount() <= capacity);
        QVERIFY(log->text()->toPlainText().contains(u"line %1"_s.arg(capacity + 499)));
        QVERIFY(!log->text()->toPlainText().contains(u"line 499\n"_s));

        log->setMinimumLevel(u"warning"_s);
        const QString warnings = log->text()->toPlainText();
        QCOMPARE(log->text()->document()->blockCount(), capacity / 10);
        QVERIFY(warnings.contains(u"line %1"_s.arg(capacity + 490)));
        QVERIFY(!warnings.contains(u"line %1"_s.arg(capacity + 491)));
        monitor.appendLog({t, u"qimapd.server"_s, u"debug"_s, u"hidden"_s});
        QVERIFY(!log->text()->toPlainText().contains(u"hidden"_s));
        log->setMinimumLevel(u"debug"_s);
        QVERIFY(log->text()->toPlainText().contains(u"hidden"_s));
    }

    void usersAddResetRemove()
    {
        TestMonitor monitor;
        monitor.users.insert(u"alice"_s, "secret");
        DashboardWindow window(&monitor, DashboardWindow::Mode::Attached);
        UsersPanel *users = window.usersPanel();
        auto *list = users->findChild<QListWidget *>(u"userList"_s);
        QTRY_COMPARE(list->count(), 1);
        auto *name = users->findChild<QLineEdit *>(u"userName"_s);
        auto *password = users->findChild<QLineEdit *>(u"userPassword"_s);
        auto *add = users->findChild<QPushButton *>(u"addUserButton"_s);
        QVERIFY(!add->isEnabled());
        name->setText(u"carol"_s);
        password->setText(u"pa55word"_s);
        QVERIFY(add->isEnabled());
        QTest::mouseClick(add, Qt::LeftButton);
        QVERIFY(password->text().isEmpty());
        QTRY_COMPARE(list->count(), 2);
        QCOMPARE(monitor.users.value(u"carol"_s), QByteArray("pa55word"));

        password->setText(u"n3w"_s);
        QTest::mouseClick(users->findChild<QPushButton *>(u"setPasswordButton"_s), Qt::LeftButton);
        QTRY_COMPARE(monitor.users.value(u"carol"_s), QByteArray("n3w"));

        // Removing takes a second click (it deletes the user's mail).
        auto *remove = users->findChild<QPushButton *>(u"removeUserButton"_s);
        QTest::mouseClick(remove, Qt::LeftButton);
        QTest::qWait(50);
        QVERIFY(monitor.users.contains(u"carol"_s));
        QTest::mouseClick(remove, Qt::LeftButton);
        QTRY_VERIFY(!monitor.users.contains(u"carol"_s));
        QTRY_COMPARE(list->count(), 1);

        name->setText(u"alice"_s);
        password->setText(u"x"_s);
        QTest::mouseClick(add, Qt::LeftButton);
        QTRY_COMPARE(users->findChild<QLabel *>(u"usersStatus"_s)->text(), u"user alice exists"_s);
    }

    // Closing the server's own window asks first, without a nested event loop.
    void closingAsksWhetherToStop()
    {
        TestMonitor monitor;
        DashboardWindow window(&monitor, DashboardWindow::Mode::InProcess);
        QSignalSpy stop(&window, &DashboardWindow::stopRequested);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(!window.close()); // returns at once: the question is open, not exec()'d
        QVERIFY(window.isVisible());
        auto *question = window.findChild<QMessageBox *>(u"stopQuestion"_s);
        QVERIFY(question);
        QTRY_VERIFY(question->isVisible());
        QCOMPARE(stop.size(), 0);
        question->findChild<QPushButton *>(u"stopServerButton"_s)->click();
        QCOMPARE(stop.size(), 1);
        QVERIFY(window.close()); // now it may close

        DashboardWindow attached(&monitor, DashboardWindow::Mode::Attached);
        attached.show();
        QVERIFY(attached.close()); // a remote server keeps running: no question
    }

    void unavailableMonitorDisablesTabs()
    {
        TestMonitor monitor;
        monitor.setSessions({session(1, u"alice"_s, QString())});
        DashboardWindow window(&monitor, DashboardWindow::Mode::Attached);
        QVERIFY(window.tabs()->isEnabled());
        monitor.setAvailable(false);
        QVERIFY(!window.tabs()->isEnabled());
        QCOMPARE(window.findChild<QLabel *>(u"statusText"_s)->text(), u"Not connected to the server"_s);
        monitor.setAvailable(true);
        QVERIFY(window.tabs()->isEnabled());
        QCOMPARE(window.findChild<QLabel *>(u"statusText"_s)->text(), u"1 session(s)"_s);
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
