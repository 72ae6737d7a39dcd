#pragma once

#include "CommandRegistry.h"
#include "ServerConfig.h"
#include "net/AddressRules.h"
#include "net/TlsContext.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QTimer>

class QFileSystemWatcher;

#include <functional>
#include <memory>

class QSslSocket;

namespace qimapd {

class Authenticator;
class CommitGroup;
class Listener;
class LiveMailboxes;
class MailStore;
class Session;

// The server (the seed's Net::IMAP::Server): listeners, live sessions, the command registry,
// the store and the authenticator. It owns no protocol logic itself; each connection gets a
// Session. Its introspection mirrors the seed: sessions(), currentSession(),
// sessionsOnMailbox(), sessionsOfUser(), capability(), idProperties(), addCommand().
class ImapServer : public QObject
{
    Q_OBJECT
public:
    // The seed's connection_class: makes the Session object for a new connection.
    using SessionFactory = std::function<Session *(ImapServer *, QSslSocket *, quint64 id, bool implicitTls)>;

    ImapServer(ServerConfig config, std::unique_ptr<MailStore> store, std::unique_ptr<Authenticator> auth,
               QObject *parent = nullptr);
    // Without backends yet: the ports can be bound first (as root), the store opened after the
    // privileges are dropped. Connections wait in the listen queue until setBackends().
    explicit ImapServer(ServerConfig config, QObject *parent = nullptr);
    ~ImapServer() override;

    void setBackends(std::unique_ptr<MailStore> store, std::unique_ptr<Authenticator> auth);
    bool hasBackends() const { return m_store != nullptr; }

    const ServerConfig &config() const { return m_config; }
    // A new configuration for a running server (SIGHUP): limits, timeouts and address rules
    // apply to the next command and connection; the caller keeps what needs a restart
    // (ports, data directory...) as it was.
    void setConfig(const ServerConfig &config);

    // Loads the certificate and key named in the configuration.
    bool loadTls(QString *error);
    const TlsContext &tls() const { return m_tls; }
    // Binds the configured ports. On failure `error` says which address and why.
    bool listen(QString *error);
    quint16 port() const;
    quint16 sslPort() const;
    // Stops accepting, commits the writes in flight (their tagged OKs go out), and says BYE
    // to every session; allSessionsClosed() follows once every client is gone.
    void shutdown(const QByteArray &reason);
    bool isShuttingDown() const { return m_shuttingDown; }

    MailStore &store() const { return *m_store; }
    Authenticator &authenticator() const { return *m_auth; }
    LiveMailboxes &mailboxes() const { return *m_mailboxes; }
    CommitGroup &commitGroup() const { return *m_commits; }
    const CommandRegistry &registry() const { return m_registry; }

    void addCommand(const QByteArray &name, CommandFactory factory, SessionStates states,
                    CommandFlags flags = CommandFlag::None);
    void setSessionFactory(SessionFactory factory) { m_sessionFactory = std::move(factory); }

    QList<Session *> sessions() const { return m_sessions; }
    Session *currentSession() const { return m_current; }
    QList<Session *> sessionsOnMailbox(qint64 mailboxId) const;
    QList<Session *> sessionsOfUser(const QString &user) const;
    Session *sessionById(quint64 id) const;

    // The CAPABILITY list for a session in its current state (RFC 3501 §6.1.1; LOGINDISABLED
    // and AUTH= depend on TLS, as in the seed).
    QByteArray capability(const Session &session) const;
    QList<QPair<QByteArray, QByteArray>> idProperties() const;

    // Looks for changes other processes committed to the store (qimapd deliver) and tells the
    // sessions; called after every command (poll_every 0), every poll_every seconds, and when
    // the store's change file is written.
    void checkExternalChanges();

    // Monotonic milliseconds since the server started (idle accounting).
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    QDateTime startedAt() const { return m_startedAt; }

    // Totals since the server started, for administrators (the dashboard, `qimapd sessions`).
    quint64 totalConnections() const { return m_totalConnections; }
    quint64 totalCommands() const { return m_totalCommands; }
    quint64 failedLogins() const { return m_failedLogins; }
    void countCommand()
    {
        ++m_totalCommands;
        Q_EMIT totalsChanged();
    }
    void countFailedLogin()
    {
        ++m_failedLogins;
        Q_EMIT totalsChanged();
    }
    // The listening sockets (cleartext ones first), with the addresses and ports they bound.
    QList<Listener *> listeners() const { return m_plainListeners + m_tlsListeners; }

    // Set by a session while one of its commands runs (the seed's current_connection).
    void setCurrentSession(Session *session) { m_current = session; }

Q_SIGNALS:
    void sessionOpened(qimapd::Session *session);
    void sessionClosed(qimapd::Session *session);
    void sessionChanged(qimapd::Session *session);
    void allSessionsClosed();
    // A counter of totalConnections(), totalCommands() or failedLogins() went up.
    void totalsChanged();
    // loadTls() put a new certificate in place (SIGHUP).
    void tlsReloaded();

private:
    void onSocketAccepted(QSslSocket *socket, bool implicitTls);
    void onSessionClosed(Session *session);
    void onTick();
    void watchStoreChanges();
    bool listenOn(Listener *listener, quint16 port, QString *error);
    void startPolling();

    ServerConfig m_config;
    AddressRules m_rules;
    bool m_shuttingDown = false;
    std::unique_ptr<MailStore> m_store;
    std::unique_ptr<Authenticator> m_auth;
    std::unique_ptr<CommitGroup> m_commits;
    std::unique_ptr<LiveMailboxes> m_mailboxes;
    CommandRegistry m_registry;
    TlsContext m_tls;
    SessionFactory m_sessionFactory;
    QList<Listener *> m_plainListeners;
    QList<Listener *> m_tlsListeners;
    QList<Session *> m_sessions;
    Session *m_current = nullptr;
    quint64 m_nextSessionId = 1;
    QTimer m_tick;
    QTimer m_poll;
    QFileSystemWatcher *m_changeWatcher = nullptr;
    static constexpr int RecheckDelaysMs[] = {0, 20, 100, 400, 1000};
    QTimer m_recheck; // looks again after a change file event (watchStoreChanges)
    int m_recheckStep = 0;
    QElapsedTimer m_clock;
    QDateTime m_startedAt;
    quint64 m_totalConnections = 0;
    quint64 m_totalCommands = 0;
    quint64 m_failedLogins = 0;
};

} // namespace qimapd
