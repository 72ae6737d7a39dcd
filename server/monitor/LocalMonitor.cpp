#include "LocalMonitor.h"
#include "Database.h"
#include "ImapServer.h"
#include "LogRing.h"
#include "Logging.h"
#include "MailStore.h"
#include "Session.h"
#include "SqliteStore.h"
#include "UserDatabase.h"
#include "mailbox/MailboxIndex.h"
#include "mailbox/MailboxName.h"
#include "mailbox/MailboxView.h"
#include "net/Listener.h"

#include <QCoreApplication>
#include <QDir>
#include <QMetaMethod>
#include <QPointer>
#include <QSslCertificate>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace qimapd {

namespace {

constexpr int IdleTickMs = 1000;

QString stateName(SessionState state)
{
    // Data, not display text: the dashboard and `qimapd sessions` translate it when shown.
    switch (state) {
    case SessionState::NotAuthenticated:
        return u"not authenticated"_s;
    case SessionState::Authenticated:
        return u"authenticated"_s;
    case SessionState::Selected:
        return u"selected"_s;
    case SessionState::Logout:
        return u"logout"_s;
    }
    return {};
}

// "CN=mail.example.org, O=Example": the subject's attributes in certificate order.
QString subjectOf(const QSslCertificate &certificate)
{
    QStringList parts;
    for (const QByteArray &attribute : certificate.subjectInfoAttributes()) {
        for (const QString &value : certificate.subjectInfo(attribute))
            parts.append(QString::fromLatin1(attribute) + u'=' + value);
    }
    return parts.join(u", "_s);
}

// The counters every refresh brings up to date, also for sessions whose snapshot is kept.
void refreshCounters(SessionSnapshot &snapshot, const Session &session)
{
    snapshot.idleMs = session.idleMilliseconds();
    snapshot.commands = session.commandCount();
    snapshot.bytesIn = session.bytesIn();
    snapshot.bytesOut = session.bytesOut();
    snapshot.currentCommand = QString::fromLatin1(session.currentCommandName());
}

} // namespace

LocalMonitor::LocalMonitor(ImapServer &server, LogRing *log, QObject *parent)
    : Monitor(parent), m_server(server), m_log(log)
{
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(DefaultRefreshIntervalMs);
    connect(&m_refresh, &QTimer::timeout, this, &LocalMonitor::flush);
    m_idleTick.setInterval(IdleTickMs);
    connect(&m_idleTick, &QTimer::timeout, this, &LocalMonitor::onIdleTick);
    m_idleTick.start();
    // One thread, so user changes apply in the order they were asked for.
    m_userPool.setMaxThreadCount(1);

    connect(&m_server, &ImapServer::sessionOpened, this, [this](Session *session) {
        watch(session);
        sessionsMoved();
    });
    connect(&m_server, &ImapServer::sessionClosed, this, &LocalMonitor::sessionsMoved);
    connect(&m_server, &ImapServer::totalsChanged, this, &LocalMonitor::serverTouched);
    connect(&m_server, &ImapServer::tlsReloaded, this, &LocalMonitor::serverTouched);
    for (Session *session : m_server.sessions())
        watch(session);
    if (m_log) {
        m_logSequence = m_log->lastSequence();
        connect(m_log, &LogRing::entriesAppended, this, &LocalMonitor::onLogAppended);
    }
}

LocalMonitor::~LocalMonitor()
{
    // Tasks deliver their results through this object: let them finish first.
    m_userPool.waitForDone();
}

void LocalMonitor::watch(Session *session)
{
    connect(session, &Session::stateChanged, this, &LocalMonitor::sessionTouched);
    connect(session, &Session::commandStarted, this, &LocalMonitor::sessionTouched);
    connect(session, &Session::commandFinished, this, &LocalMonitor::sessionTouched);
    connect(session, &Session::mailboxViewChanged, this, &LocalMonitor::sessionTouched);
}

void LocalMonitor::sessionTouched(Session *session)
{
    m_dirty.insert(session->id());
    m_sessionsStale = true;
    if (!m_sessionsPending) {
        m_sessionsPending = true;
        schedule();
    }
}

void LocalMonitor::sessionsMoved()
{
    m_sessionsStale = true;
    m_sessionsPending = true;
    schedule();
}

void LocalMonitor::serverTouched()
{
    m_serverStale = true;
    if (!m_serverPending) {
        m_serverPending = true;
        schedule();
    }
}

void LocalMonitor::schedule()
{
    if (!m_refresh.isActive())
        m_refresh.start();
}

void LocalMonitor::flush()
{
    if (std::exchange(m_sessionsPending, false))
        Q_EMIT sessionsChanged();
    if (std::exchange(m_serverPending, false))
        Q_EMIT serverChanged();
}

void LocalMonitor::onIdleTick()
{
    // Only for someone who shows idle times; and only while there is someone to show.
    if (m_server.sessions().isEmpty() || !isSignalConnected(QMetaMethod::fromSignal(&Monitor::sessionsChanged)))
        return;
    m_sessionsStale = true;
    m_sessionsPending = true;
    schedule();
}

void LocalMonitor::onLogAppended()
{
    quint64 last = 0;
    const QList<LogEntry> entries = m_log->entriesAfter(m_logSequence, &last);
    m_logSequence = last;
    for (const LogEntry &entry : entries)
        Q_EMIT logAppended(entry);
}

SessionSnapshot LocalMonitor::buildSnapshot(const Session &session) const
{
    ++m_snapshotsBuilt;
    SessionSnapshot snapshot;
    snapshot.id = session.id();
    snapshot.peerAddress = session.peerAddress().toString();
    snapshot.peerPort = session.peerPort();
    snapshot.tls = session.tlsDescription();
    snapshot.user = session.user();
    snapshot.state = stateName(session.state());
    if (const MailboxView *view = session.selectedMailbox()) {
        snapshot.mailbox = mailboxname::decodeModifiedUtf7(view->index().name().toUtf8());
        snapshot.readOnly = view->isReadOnly();
        // The view keeps the UIDs; the client still numbers those messages by the sequence
        // numbers it was last told (RFC 3501 §7.4.1), which is what an administrator compares
        // with the client's own log.
        snapshot.pendingExpunges.reserve(qsizetype(view->pendingExpunges().size()));
        for (quint32 uid : view->pendingExpunges())
            snapshot.pendingExpunges.append(view->sequenceOf(uid));
    }
    snapshot.connectedAt = session.connectedAt();
    for (const auto &[field, value] : session.clientId()) {
        // RFC 2971 §3.3: field names are case-insensitive.
        if (field.compare("name", Qt::CaseInsensitive) == 0)
            snapshot.clientName = QString::fromUtf8(value);
        else if (field.compare("version", Qt::CaseInsensitive) == 0)
            snapshot.clientVersion = QString::fromUtf8(value);
    }
    for (const Session::CommandRecord &record : session.recentCommands())
        snapshot.recentCommands.append({record.startedAt, QString::fromUtf8(record.text), QString::fromLatin1(record.result)});
    refreshCounters(snapshot, session);
    return snapshot;
}

void LocalMonitor::refreshSessions() const
{
    if (!m_sessionsStale)
        return;
    std::map<quint64, SessionSnapshot> fresh;
    for (const Session *session : m_server.sessions()) {
        const auto kept = m_snapshots.find(session->id());
        if (kept == m_snapshots.end() || m_dirty.contains(session->id())) {
            fresh.emplace(session->id(), buildSnapshot(*session));
        } else {
            refreshCounters(kept->second, *session);
            fresh.emplace(session->id(), std::move(kept->second));
        }
    }
    m_snapshots = std::move(fresh);
    m_sessionList.clear();
    m_sessionList.reserve(qsizetype(m_snapshots.size()));
    for (const auto &[id, snapshot] : m_snapshots)
        m_sessionList.append(snapshot);
    m_dirty.clear();
    m_sessionsStale = false;
}

QList<SessionSnapshot> LocalMonitor::sessions() const
{
    refreshSessions();
    return m_sessionList;
}

ServerSnapshot LocalMonitor::server() const
{
    if (!m_serverStale)
        return m_serverSnapshot;
    ServerSnapshot snapshot;
    snapshot.version = QStringLiteral(QIMAPD_VERSION);
    snapshot.pid = QCoreApplication::applicationPid();
    snapshot.dataDir = QDir(m_server.config().dataDir).absolutePath();
    snapshot.startedAt = m_server.startedAt();
    for (const Listener *listener : m_server.listeners()) {
        if (listener->isListening())
            snapshot.listeners.append({listener->serverAddress().toString(), listener->serverPort(), listener->isImplicitTls()});
    }
    const QSslCertificate certificate = m_server.tls().certificate();
    if (!certificate.isNull()) {
        snapshot.certificateSubject = subjectOf(certificate);
        snapshot.certificateExpiry = certificate.expiryDate().toUTC();
    }
    snapshot.totalConnections = m_server.totalConnections();
    snapshot.totalCommands = m_server.totalCommands();
    snapshot.failedLogins = m_server.failedLogins();
    m_serverSnapshot = snapshot;
    m_serverStale = false;
    return m_serverSnapshot;
}

QList<LogEntry> LocalMonitor::log() const
{
    return m_log ? m_log->entries() : QList<LogEntry>();
}

QByteArray LocalMonitor::byeText(const QString &reason)
{
    QByteArray text;
    for (const QChar c : reason.simplified().left(200))
        text += (c.unicode() >= 0x20 && c.unicode() < 0x7f) ? char(c.unicode()) : '?';
    return text.isEmpty() ? QByteArrayLiteral("Disconnected by the administrator") : text;
}

void LocalMonitor::disconnectSession(quint64 id, const QString &reason, Done done)
{
    QString error;
    if (Session *session = m_server.sessionById(id)) {
        qCInfo(lcAdmin) << "administrator disconnects session" << id;
        session->closeWithBye(byeText(reason));
    } else {
        error = tr("no session %1").arg(id);
    }
    // Answers are always later, never from inside the call (the interface's promise).
    QMetaObject::invokeMethod(this, [done, error] { done(error); }, Qt::QueuedConnection);
}

void LocalMonitor::runUserTask(std::function<QString()> work, Done done)
{
    QPointer<LocalMonitor> self(this);
    // The future is not needed: the answer comes back through the event loop.
    [[maybe_unused]] const QFuture<void> future = QtConcurrent::run(&m_userPool, [work = std::move(work), done = std::move(done), self] {
        const QString error = work();
        // The monitor waits for the pool when it goes, so `self` is alive here; the queued
        // call is dropped if it goes before the loop gets to it.
        QMetaObject::invokeMethod(self.data(), [done, error] { done(error); }, Qt::QueuedConnection);
    });
}

namespace {

// A connection of the worker thread's own (Qt's SQL connections belong to their thread).
struct WorkerDatabase
{
    explicit WorkerDatabase(const QString &dataDir) : status(database.open(dataDir)), users(database) {}
    Database database;
    StoreStatus status;
    UserDatabase users;
};

// A task for runUserTask: `work` on the worker thread's own connection to the data directory.
std::function<QString()> withUsers(const QString &dataDir, std::function<QString(WorkerDatabase &)> work)
{
    return [dataDir, work = std::move(work)] {
        WorkerDatabase worker(dataDir);
        return worker.status ? work(worker) : worker.status.message();
    };
}

// The answer of a change to a user: empty when it worked (and then logged), else why not.
QString logged(const StoreStatus &status, const char *what, const QString &name)
{
    if (!status)
        return status.message();
    qCInfo(lcAdmin).noquote() << "administrator" << what << name.toLower();
    return QString();
}

} // namespace

void LocalMonitor::listUsers(UsersDone done)
{
    auto names = std::make_shared<QStringList>();
    runUserTask(withUsers(m_server.config().dataDir,
                          [names](WorkerDatabase &worker) {
                              const StoreResult<QStringList> users = worker.users.users();
                              if (!users)
                                  return users.message();
                              *names = *users;
                              return QString();
                          }),
                [names, done](const QString &error) { done(*names, error); });
}

void LocalMonitor::addUser(const QString &name, const QByteArray &password, Done done)
{
    runUserTask(withUsers(m_server.config().dataDir,
                          [name, password](WorkerDatabase &worker) {
                              return logged(worker.users.addUser(name, password), "added user", name);
                          }),
                std::move(done));
}

void LocalMonitor::setPassword(const QString &name, const QByteArray &password, Done done)
{
    runUserTask(withUsers(m_server.config().dataDir,
                          [name, password](WorkerDatabase &worker) {
                              return logged(worker.users.setPassword(name, password), "changed the password of", name);
                          }),
                std::move(done));
}

void LocalMonitor::removeUser(const QString &name, Done done)
{
    // As `qimapd user del`: the user and their mail. Their sessions end first, so that no
    // session keeps working on mailboxes that are going away.
    const QString user = name.toLower();
    for (Session *session : m_server.sessionsOfUser(user))
        session->closeWithBye("Account removed by the administrator");
    const QString dataDir = m_server.config().dataDir;
    const bool sqlite = m_server.config().store == u"sqlite"_s;
    QPointer<ImapServer> server(&m_server);
    runUserTask(
        withUsers(dataDir, [user, sqlite](WorkerDatabase &worker) {
            if (const QString error = logged(worker.users.removeUser(user), "removed user", user); !error.isEmpty())
                return error;
            if (sqlite) {
                SqliteStore store(worker.database);
                if (const StoreStatus deleted = store.deleteAccount(user); !deleted && deleted.error() != StoreError::NotFound)
                    return deleted.message();
            }
            return QString();
        }),
        [done, server, user, sqlite](const QString &error) {
            // Another store (memory) lives on the loop thread: its mail goes here.
            if (error.isEmpty() && !sqlite && server) {
                if (const StoreStatus deleted = server->store().deleteAccount(user); !deleted && deleted.error() != StoreError::NotFound) {
                    done(deleted.message());
                    return;
                }
            }
            done(error);
        });
}

} // namespace qimapd
