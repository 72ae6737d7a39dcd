#include "DashboardWindow.h"
#include "LogView.h"
#include "MailboxTableModel.h"
#include "ServerPanel.h"
#include "SessionFilterModel.h"
#include "SessionInspector.h"
#include "SessionTableModel.h"
#include "UsersPanel.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qimapd::gui {

DashboardWindow::DashboardWindow(Monitor *monitor, Mode mode, QWidget *parent)
    : QMainWindow(parent)
    , m_monitor(monitor)
    , m_mode(mode)
    , m_sessions(new SessionTableModel(this))
    , m_filter(new SessionFilterModel(this))
    , m_mailboxes(new MailboxTableModel(this))
    , m_tabs(new QTabWidget(this))
    , m_serverPanel(new ServerPanel(monitor, this))
    , m_usersPanel(new UsersPanel(monitor, this))
    , m_log(new LogView(this))
    , m_statusText(new QLabel(this))
    , m_refreshTimer(new QTimer(this))
{
    setObjectName(u"dashboard"_s);
    setWindowTitle(mode == Mode::InProcess ? tr("qimapd dashboard") : tr("qimapd dashboard (attached)"));
    setWindowIcon(QIcon(u":/qimapd/icons/qimapd.png"_s));
    m_filter->setSourceModel(m_sessions);

    m_tabs->setObjectName(u"tabs"_s);
    m_tabs->addTab(makeSessionsTab(), tr("Sessions"));
    m_tabs->addTab(makeMailboxesTab(), tr("Mailboxes"));
    m_tabs->addTab(m_serverPanel, tr("Server"));
    m_tabs->addTab(m_usersPanel, tr("Users"));
    m_tabs->addTab(m_log, tr("Log"));
    setCentralWidget(m_tabs);
    m_statusText->setObjectName(u"statusText"_s);
    statusBar()->addWidget(m_statusText, 1);
    resize(1100, 680);

    m_refreshTimer->setSingleShot(true);
    connect(m_refreshTimer, &QTimer::timeout, this, &DashboardWindow::refreshSessions);
    connect(m_monitor, &Monitor::sessionsChanged, this, &DashboardWindow::scheduleRefresh);
    connect(m_monitor, &Monitor::serverChanged, m_serverPanel, &ServerPanel::refresh);
    connect(m_monitor, &Monitor::logAppended, m_log, &LogView::append);
    connect(m_monitor, &Monitor::availableChanged, this, &DashboardWindow::updateAvailability);

    m_log->setEntries(m_monitor->log());
    refreshSessions();
    updateAvailability(m_monitor->isAvailable());
}

DashboardWindow::~DashboardWindow() = default;

QWidget *DashboardWindow::makeSessionsTab()
{
    auto *page = new QWidget(this);
    auto *user = new QLineEdit(page);
    auto *mailbox = new QLineEdit(page);
    auto *address = new QLineEdit(page);
    user->setObjectName(u"userFilter"_s);
    mailbox->setObjectName(u"mailboxFilter"_s);
    address->setObjectName(u"addressFilter"_s);
    user->setPlaceholderText(tr("Filter by user"));
    mailbox->setPlaceholderText(tr("Filter by mailbox"));
    address->setPlaceholderText(tr("Filter by address"));
    for (QLineEdit *edit : {user, mailbox, address})
        edit->setClearButtonEnabled(true);
    connect(user, &QLineEdit::textChanged, m_filter, &SessionFilterModel::setUserFilter);
    connect(mailbox, &QLineEdit::textChanged, m_filter, &SessionFilterModel::setMailboxFilter);
    connect(address, &QLineEdit::textChanged, m_filter, &SessionFilterModel::setAddressFilter);

    m_sessionView = new QTableView(page);
    m_sessionView->setObjectName(u"sessionView"_s);
    // When the selected session goes, the view would select its neighbour — and the inspector,
    // with its Disconnect button, would silently switch to another session. Clear it instead
    // (connected before setModel(), so this runs before the view's own handler).
    connect(m_filter, &QAbstractItemModel::rowsAboutToBeRemoved, this, [this](const QModelIndex &, int first, int last) {
        const QModelIndex current = m_sessionView->selectionModel()->currentIndex();
        if (current.isValid() && current.row() >= first && current.row() <= last)
            m_sessionView->selectionModel()->clear();
    });
    m_sessionView->setModel(m_filter);
    m_sessionView->setSortingEnabled(true);
    m_sessionView->sortByColumn(SessionTableModel::Id, Qt::AscendingOrder);
    m_sessionView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sessionView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sessionView->setAlternatingRowColors(true);
    m_sessionView->verticalHeader()->hide();
    m_sessionView->horizontalHeader()->setStretchLastSection(true);
    m_sessionView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_sessionView->setWordWrap(false);
    m_sessionView->verticalHeader()->setDefaultSectionSize(m_sessionView->fontMetrics().height() + 8);

    m_inspector = new SessionInspector(m_monitor, page);
    m_inspector->setObjectName(u"inspector"_s);
    connect(m_sessionView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DashboardWindow::updateInspector);

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("User:"), page));
    filters->addWidget(user);
    filters->addWidget(new QLabel(tr("Mailbox:"), page));
    filters->addWidget(mailbox);
    filters->addWidget(new QLabel(tr("Address:"), page));
    filters->addWidget(address);

    auto *splitter = new QSplitter(Qt::Vertical, page);
    splitter->addWidget(m_sessionView);
    splitter->addWidget(m_inspector);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(page);
    layout->addLayout(filters);
    layout->addWidget(splitter, 1);
    return page;
}

QWidget *DashboardWindow::makeMailboxesTab()
{
    auto *view = new QTableView(this);
    view->setObjectName(u"mailboxView"_s);
    view->setModel(m_mailboxes);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    m_mailboxView = view;
    return view;
}

// The monitor already coalesces; this keeps the tables to a bounded rate even if one does not.
void DashboardWindow::scheduleRefresh()
{
    if (m_refreshTimer->isActive())
        return;
    const qint64 since = m_sinceRefresh.isValid() ? m_sinceRefresh.elapsed() : MinRefreshIntervalMs;
    m_refreshTimer->start(int(std::max<qint64>(0, MinRefreshIntervalMs - since)));
}

void DashboardWindow::refreshSessions()
{
    m_sinceRefresh.start();
    ++m_refreshes;
    const QList<SessionSnapshot> sessions = m_monitor->sessions();
    const int sessionRows = m_sessions->rowCount();
    const int mailboxRows = m_mailboxes->rowCount();
    m_sessions->setSessions(sessions);
    m_mailboxes->setSessions(sessions);
    // Columns fit their contents when rows arrive, not at every tick (that would jitter).
    if (m_sessions->rowCount() > sessionRows)
        m_sessionView->resizeColumnsToContents();
    if (m_mailboxes->rowCount() > mailboxRows)
        m_mailboxView->resizeColumnsToContents();
    // The first time there are sessions, inspect the first one rather than show an empty pane.
    if (!m_selectedOnce && m_filter->rowCount() > 0) {
        m_selectedOnce = true;
        if (!m_sessionView->selectionModel()->hasSelection())
            m_sessionView->selectRow(0);
    }
    updateInspector();
    if (m_monitor->isAvailable())
        m_statusText->setText(tr("%n session(s)", nullptr, int(sessions.size())));
}

void DashboardWindow::updateInspector()
{
    const QModelIndexList rows = m_sessionView->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_inspector->setSession(std::nullopt);
        return;
    }
    const quint64 id = rows.first().data(KeyedTableModel::KeyRole).toString().toULongLong();
    m_inspector->setSession(m_sessions->session(id));
}

void DashboardWindow::updateAvailability(bool available)
{
    if (!available) {
        m_statusText->setText(tr("Not connected to the server"));
    } else {
        refreshSessions();
        m_serverPanel->refresh();
        m_log->setEntries(m_monitor->log());
        m_usersPanel->reload();
    }
    m_tabs->setEnabled(available);
}

void DashboardWindow::closeEvent(QCloseEvent *event)
{
    if (m_mode == Mode::Attached || m_closing) {
        event->accept();
        return;
    }
    // The window is the server's: closing it stops the server, so ask first — with open(), not
    // exec(), so the server keeps serving while the question is on screen.
    event->ignore();
    if (!m_stopQuestion) {
        m_stopQuestion = new QMessageBox(QMessageBox::Question, tr("Stop the server?"),
                                         tr("Closing the dashboard stops the IMAP server and disconnects every client."),
                                         QMessageBox::NoButton, this);
        m_stopQuestion->setObjectName(u"stopQuestion"_s);
        QPushButton *stop = m_stopQuestion->addButton(tr("Stop the server"), QMessageBox::AcceptRole);
        stop->setObjectName(u"stopServerButton"_s);
        m_stopQuestion->addButton(tr("Keep running"), QMessageBox::RejectRole);
        m_stopQuestion->setDefaultButton(stop);
        connect(m_stopQuestion, &QMessageBox::buttonClicked, this, [this, stop](QAbstractButton *button) {
            if (button != stop)
                return;
            m_closing = true;
            Q_EMIT stopRequested();
        });
    }
    m_stopQuestion->open();
}

} // namespace qimapd::gui
