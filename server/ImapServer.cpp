#include "ImapServer.h"
#include "Authenticator.h"
#include "CommitGroup.h"
#include "Logging.h"
#include "MailStore.h"
#include "Session.h"
#include "mailbox/LiveMailboxes.h"
#include "mailbox/MailboxIndex.h"
#include "mailbox/MailboxView.h"
#include "net/Listener.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QSslSocket>

#include <iterator>

using namespace Qt::StringLiterals;

namespace qimapd {

ImapServer::ImapServer(ServerConfig config, std::unique_ptr<MailStore> store, std::unique_ptr<Authenticator> auth,
                       QObject *parent)
    : ImapServer(std::move(config), parent)
{
    setBackends(std::move(store), std::move(auth));
}

void ImapServer::setBackends(std::unique_ptr<MailStore> store, std::unique_ptr<Authenticator> auth)
{
    Q_ASSERT(!m_store && store && auth);
    m_store = std::move(store);
    m_auth = std::move(auth);
    // Expunged messages kept for sessions of a previous run: no session can list them now.
    if (const StoreStatus released = m_store->releaseAllExpunged(); !released)
        qCWarning(lcServer).noquote() << "cannot release expunged messages:" << released.message();
    m_commits = std::make_unique<CommitGroup>(*m_store);
    m_mailboxes = std::make_unique<LiveMailboxes>(*m_store, *m_commits);
    m_mailboxes->syncExternalChanges(); // records the store's current version
    connect(&m_poll, &QTimer::timeout, this, &ImapServer::checkExternalChanges);
    startPolling();
    watchStoreChanges();
    for (Listener *listener : std::as_const(m_plainListeners))
        listener->resumeAccepting();
    for (Listener *listener : std::as_const(m_tlsListeners))
        listener->resumeAccepting();
}

void ImapServer::startPolling()
{
    m_poll.stop();
    if (m_config.pollEverySeconds > 0 && m_store) {
        m_poll.setInterval(m_config.pollEverySeconds * 1000);
        m_poll.start();
    }
}

void ImapServer::setConfig(const ServerConfig &config)
{
    m_config = config;
    m_rules = AddressRules(m_config.allow, m_config.deny);
    startPolling();
}

ImapServer::ImapServer(ServerConfig config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_rules(m_config.allow, m_config.deny),
      m_startedAt(QDateTime::currentDateTimeUtc())
{
    m_clock.start();
    registerStandardCommands(m_registry);
    m_sessionFactory = [](ImapServer *server, QSslSocket *socket, quint64 id, bool implicitTls) {
        return new Session(server, socket, id, implicitTls);
    };
    // One timer for every session's idle limits: a QTimer per connection would cost memory
    // for 10,000 idle clients.
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &ImapServer::onTick);
    m_tick.start();
}

ImapServer::~ImapServer()
{
    // Sessions hold views into the live mailboxes: end them before the store goes.
    const QList<Session *> sessions = m_sessions;
    m_sessions.clear();
    for (Session *session : sessions) {
        disconnect(session, nullptr, this, nullptr);
        delete session;
    }
}

bool ImapServer::loadTls(QString *error)
{
    // Load into a fresh context so a failed reload keeps the certificate in use.
    TlsContext fresh;
    if (!fresh.load(m_config.certPath, m_config.keyPath, error))
        return false;
    const bool reload = m_tls.isLoaded();
    m_tls = fresh;
    if (reload)
        Q_EMIT tlsReloaded();
    return true;
}

bool ImapServer::listenOn(Listener *listener, quint16 port, QString *error)
{
    const QList<QHostAddress> addresses = m_config.listen.isEmpty() ? QList<QHostAddress>{QHostAddress::Any}
                                                                     : m_config.listen;
    for (qsizetype i = 0; i < addresses.size(); ++i) {
        Listener *target = listener;
        if (i > 0) {
            target = new Listener(listener->isImplicitTls(), this);
            (listener->isImplicitTls() ? m_tlsListeners : m_plainListeners).append(target);
            connect(target, &Listener::socketAccepted, this, &ImapServer::onSocketAccepted);
        }
        // Port 0 on several addresses: reuse the port the first one got.
        const quint16 wanted = (i > 0 && port == 0) ? listener->serverPort() : port;
        if (!target->listen(addresses.at(i), wanted)) {
            *error = QCoreApplication::translate("ImapServer", "cannot listen on %1 port %2: %3")
                         .arg(addresses.at(i).toString()).arg(wanted).arg(target->errorString());
            return false;
        }
        if (!hasBackends())
            target->pauseAccepting();
        qCInfo(lcServer).noquote() << "listening on" << addresses.at(i).toString() << "port"
                                   << target->serverPort() << (target->isImplicitTls() ? "(TLS)" : "(STARTTLS)");
    }
    return true;
}

bool ImapServer::listen(QString *error)
{
    if (!m_tls.isLoaded() && !loadTls(error))
        return false;
    if (m_config.portEnabled) {
        auto *listener = new Listener(false, this);
        m_plainListeners.append(listener);
        connect(listener, &Listener::socketAccepted, this, &ImapServer::onSocketAccepted);
        if (!listenOn(listener, m_config.port, error))
            return false;
    }
    if (m_config.sslPortEnabled) {
        auto *listener = new Listener(true, this);
        m_tlsListeners.append(listener);
        connect(listener, &Listener::socketAccepted, this, &ImapServer::onSocketAccepted);
        if (!listenOn(listener, m_config.sslPort, error))
            return false;
    }
    if (m_config.allowInsecureAuth)
        qCWarning(lcServer) << "--allow-insecure-auth: passwords are accepted without TLS; use only on loopback";
    return true;
}

quint16 ImapServer::port() const
{
    return m_plainListeners.isEmpty() ? 0 : m_plainListeners.first()->serverPort();
}

quint16 ImapServer::sslPort() const
{
    return m_tlsListeners.isEmpty() ? 0 : m_tlsListeners.first()->serverPort();
}

void ImapServer::shutdown(const QByteArray &reason)
{
    m_shuttingDown = true;
    for (Listener *listener : std::as_const(m_plainListeners))
        listener->close();
    for (Listener *listener : std::as_const(m_tlsListeners))
        listener->close();
    // Writes already made by commands (APPEND, STORE...) are committed now, and their tagged
    // OKs written, before the BYE: a client never loses a change the server accepted.
    if (m_commits)
        m_commits->flush();
    const QList<Session *> sessions = m_sessions;
    for (Session *session : sessions)
        session->closeWithBye(reason);
    if (m_sessions.isEmpty())
        QTimer::singleShot(0, this, &ImapServer::allSessionsClosed);
}

void ImapServer::addCommand(const QByteArray &name, CommandFactory factory, SessionStates states,
                            CommandFlags flags)
{
    m_registry.add({name, states, flags, std::move(factory)});
}

void ImapServer::onSocketAccepted(QSslSocket *socket, bool implicitTls)
{
    if (const QString refusal = m_rules.refusal(socket->peerAddress()); !refusal.isEmpty()) {
        // RFC 3501 §7.1.5: BYE as the greeting refuses the connection. On the implicit-TLS
        // port a cleartext BYE would be noise to the client's TLS stack, and a refused client
        // is not worth a handshake: the connection is just closed.
        if (!implicitTls)
            socket->write("* BYE Access denied\r\n");
        socket->disconnectFromHost();
        if (socket->state() == QAbstractSocket::UnconnectedState)
            socket->deleteLater();
        else
            connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        qCInfo(lcServer).noquote() << "refused connection from" << socket->peerAddress().toString() << "port"
                                   << socket->peerPort() << (u'(' + refusal + u')');
        return;
    }
    if (m_sessions.size() >= m_config.maxConnections) {
        socket->write("* BYE Too many connections, try again later\r\n");
        socket->disconnectFromHost();
        connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
        qCWarning(lcServer) << "connection limit reached, refusing" << socket->peerAddress().toString();
        return;
    }
    socket->setSslConfiguration(m_tls.configuration());
    Session *session = m_sessionFactory(this, socket, m_nextSessionId++, implicitTls);
    m_sessions.append(session);
    ++m_totalConnections;
    connect(session, &Session::closed, this, &ImapServer::onSessionClosed);
    connect(session, &Session::stateChanged, this, &ImapServer::sessionChanged);
    Q_EMIT sessionOpened(session);
    Q_EMIT totalsChanged();
    session->start();
}

void ImapServer::onSessionClosed(Session *session)
{
    if (!m_sessions.removeOne(session))
        return;
    if (m_current == session)
        m_current = nullptr;
    Q_EMIT sessionClosed(session);
    session->deleteLater();
    if (m_shuttingDown && m_sessions.isEmpty())
        Q_EMIT allSessionsClosed();
}

void ImapServer::checkExternalChanges()
{
    if (m_mailboxes)
        m_mailboxes->syncExternalChanges();
}

void ImapServer::watchStoreChanges()
{
    // Another process's commit writes the store's change file: look at once, rather than
    // waiting for the next command or poll (a watcher fires for our own writes too; the check
    // is one cheap PRAGMA then).
    const QString file = m_store->changeSignalFile();
    if (file.isEmpty())
        return;
    if (!m_changeWatcher) {
        m_changeWatcher = new QFileSystemWatcher(this);
        // The watcher sees the other process write its WAL frames, but the commit becomes
        // visible only when it updates the WAL index, after its fsync, in shared memory that no
        // watcher sees. So look now and a few more times over the next second and a half: one
        // PRAGMA each, and a burst of writes restarts the series rather than adding to it.
        m_recheck.setSingleShot(true);
        connect(&m_recheck, &QTimer::timeout, this, [this] {
            checkExternalChanges();
            if (++m_recheckStep < int(std::size(RecheckDelaysMs)))
                m_recheck.start(RecheckDelaysMs[m_recheckStep]);
        });
        connect(m_changeWatcher, &QFileSystemWatcher::fileChanged, this, [this] {
            m_recheckStep = 0;
            m_recheck.start(RecheckDelaysMs[0]);
            // A file that was replaced is no longer watched.
            if (m_changeWatcher->files().isEmpty())
                watchStoreChanges();
        });
    }
    if (QFileInfo::exists(file) && !m_changeWatcher->files().contains(file))
        m_changeWatcher->addPath(file);
}

void ImapServer::onTick()
{
    if (m_changeWatcher && m_changeWatcher->files().isEmpty())
        watchStoreChanges();
    const qint64 now = elapsedMs();
    const QList<Session *> sessions = m_sessions;
    for (Session *session : sessions)
        session->tick(now);
}

QList<Session *> ImapServer::sessionsOnMailbox(qint64 mailboxId) const
{
    QList<Session *> result;
    for (Session *session : m_sessions) {
        if (session->selectedMailbox() && session->selectedMailbox()->index().mailboxId() == mailboxId)
            result.append(session);
    }
    return result;
}

QList<Session *> ImapServer::sessionsOfUser(const QString &user) const
{
    QList<Session *> result;
    for (Session *session : m_sessions) {
        if (session->state() != SessionState::NotAuthenticated && session->user() == user)
            result.append(session);
    }
    return result;
}

Session *ImapServer::sessionById(quint64 id) const
{
    for (Session *session : m_sessions) {
        if (session->id() == id)
            return session;
    }
    return nullptr;
}

QByteArray ImapServer::capability(const Session &session) const
{
    QByteArray caps = QByteArrayLiteral("IMAP4rev1 LITERAL+ SASL-IR ID NAMESPACE CHILDREN UIDPLUS UNSELECT IDLE");
    // RFC 7889: clients can check the size before they upload.
    caps += " APPENDLIMIT=" + QByteArray::number(m_config.appendLimit);
    if (session.state() == SessionState::NotAuthenticated) {
        // STARTTLS only where it can still be used (RFC 3501 §6.2.1); no plaintext password
        // mechanism before TLS (RFC 3501 §6.2.3, LOGINDISABLED; as the seed does).
        if (!session.isEncrypted())
            caps += " STARTTLS";
        if (session.plaintextAuthAllowed()) {
            for (const QByteArray &mechanism : m_auth->saslMechanisms())
                caps += " AUTH=" + mechanism;
        } else {
            caps += " LOGINDISABLED";
        }
    }
    return caps;
}

QList<QPair<QByteArray, QByteArray>> ImapServer::idProperties() const
{
    // RFC 2971 §3.3 field names.
    return {
        {"name", "qimapd"},
        {"version", QByteArray(QIMAPD_VERSION)},
        {"vendor", "qimapd developers"},
    };
}

} // namespace qimapd
