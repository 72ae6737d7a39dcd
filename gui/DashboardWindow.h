#pragma once

#include "monitor/Monitor.h"

#include <QElapsedTimer>
#include <QMainWindow>

class QLabel;
class QLineEdit;
class QMessageBox;
class QTableView;
class QTabWidget;
class QTimer;

namespace qimapd::gui {

class LogView;
class MailboxTableModel;
class ServerPanel;
class SessionFilterModel;
class SessionInspector;
class SessionTableModel;
class UsersPanel;

// The administrator's dashboard (issue 5): live sessions, mailboxes, the server, users and the
// log of one server, all read through a Monitor — in the server's process (LocalMonitor) or over
// its admin socket (RemoteMonitor), the same code either way. It never blocks and never runs a
// nested event loop: it shares its loop with the server.
class DashboardWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum class Mode {
        InProcess, // closing the window asks whether to stop the server
        Attached,  // a remote server: closing the window only closes the window
    };

    explicit DashboardWindow(Monitor *monitor, Mode mode, QWidget *parent = nullptr);
    ~DashboardWindow() override;

    SessionTableModel *sessionModel() const { return m_sessions; }
    SessionFilterModel *sessionFilter() const { return m_filter; }
    MailboxTableModel *mailboxModel() const { return m_mailboxes; }
    QTableView *sessionView() const { return m_sessionView; }
    SessionInspector *inspector() const { return m_inspector; }
    ServerPanel *serverPanel() const { return m_serverPanel; }
    UsersPanel *usersPanel() const { return m_usersPanel; }
    LogView *logView() const { return m_log; }
    QTabWidget *tabs() const { return m_tabs; }

    // How many times the tables were rebuilt from the monitor (bounded by the refresh rate).
    int refreshCount() const { return m_refreshes; }
    // Refreshes come at most this often, whatever the monitor does.
    static constexpr int MinRefreshIntervalMs = 200;

Q_SIGNALS:
    // The administrator confirmed that closing the window stops the server.
    void stopRequested();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    QWidget *makeSessionsTab();
    QWidget *makeMailboxesTab();
    void scheduleRefresh();
    void refreshSessions();
    void updateInspector();
    void updateAvailability(bool available);

    Monitor *m_monitor;
    Mode m_mode;
    SessionTableModel *m_sessions;
    SessionFilterModel *m_filter;
    MailboxTableModel *m_mailboxes;
    QTabWidget *m_tabs;
    QTableView *m_sessionView = nullptr;
    QTableView *m_mailboxView = nullptr;
    SessionInspector *m_inspector = nullptr;
    ServerPanel *m_serverPanel;
    UsersPanel *m_usersPanel;
    LogView *m_log;
    QLabel *m_statusText;
    QTimer *m_refreshTimer;
    QElapsedTimer m_sinceRefresh;
    QMessageBox *m_stopQuestion = nullptr;
    bool m_closing = false;
    bool m_selectedOnce = false;
    int m_refreshes = 0;
};

} // namespace qimapd::gui
