#pragma once

#include "CommandRegistry.h"
#include "protocol/ImapParser.h"

#include <QByteArrayList>
#include <QDateTime>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

class QSslSocket;

namespace qimapd {

class Command;
class ImapServer;
class MailboxView;

// One client connection (the seed's Connection): its socket and TLS state, IMAP state, the
// incremental parser, the command running now and the selected mailbox's view. Commands run
// one at a time in the order received (pipelined commands wait in the socket buffer), and
// every byte to the client goes through write(), which applies backpressure: when the client
// does not read, the session stops reading and parsing until the output drains.
class Session : public QObject
{
    Q_OBJECT
public:
    Session(ImapServer *server, QSslSocket *socket, quint64 id, bool implicitTls);
    ~Session() override;

    // Greets the client (after the handshake on the implicit-TLS port).
    virtual void start();

    quint64 id() const { return m_id; }
    ImapServer *server() const { return m_server; }
    SessionState state() const { return m_state; }
    bool isEncrypted() const;
    bool isImplicitTls() const { return m_implicitTls; }
    QString tlsDescription() const;
    QHostAddress peerAddress() const { return m_peerAddress; }
    quint16 peerPort() const { return m_peerPort; }
    QDateTime connectedAt() const { return m_connectedAt; }
    qint64 idleMilliseconds() const;
    quint64 commandCount() const { return m_commandCount; }
    quint64 bytesIn() const { return m_bytesIn; }
    quint64 bytesOut() const { return m_bytesOut; }
    QByteArray currentCommandName() const;

    // The last commands of this session, for administrators (the dashboard, `qimapd
    // sessions`): what the client sent, with secrets redacted and literals shown by size,
    // and how it ended. Bounded.
    struct CommandRecord
    {
        QDateTime startedAt;
        QByteArray text;   // "a1 SELECT INBOX", "a2 LOGIN alice ***"
        QByteArray result; // "OK", "NO", "BAD"; empty while running
    };
    const QList<CommandRecord> &recentCommands() const { return m_recentCommands; }
    static constexpr qsizetype MaxRecentCommands = 32;

    // Authentication.
    const QString &user() const { return m_user; }
    qint64 account() const { return m_account; }
    void setAuthenticated(const QString &user, qint64 account);
    int failedLogins() const { return m_failedLogins; }
    int noteFailedLogin();
    // LOGIN and AUTHENTICATE PLAIN are allowed: under TLS, or when configured for tests.
    bool plaintextAuthAllowed() const;

    // The selected mailbox (null when none).
    MailboxView *selectedMailbox() const { return m_selected.get(); }
    void select(std::unique_ptr<MailboxView> view);
    void deselect();

    // The client's ID (RFC 2971), for the dashboard.
    const QList<QPair<QByteArray, QByteArray>> &clientId() const { return m_clientId; }
    void setClientId(QList<QPair<QByteArray, QByteArray>> id);

    // Output, used by commands through Command.
    void writeUntagged(const QByteArray &line);
    void writeContinuation(const QByteArray &text);
    void finishCommand(Command *command, const QByteArray &status, const QByteArray &code,
                       const QByteArray &text);

    // Many responses in a row (FETCH 1:*, a burst of EXPUNGEs) are gathered and handed to the
    // socket in large writes instead of one write per line. Nestable.
    void cork() { ++m_corked; }
    void uncork();

    // The selected mailbox changed (another session, another process): pushed at once to a
    // command that waits for changes (IDLE), once the change is committed; everyone else hears
    // at the end of their next command.
    void mailboxChanged();
    void pushMailboxUpdates();

    // For long commands (FETCH of many bodies): true while the client's unread output is above
    // the high-water mark; `resume` runs once it drains (unless `context` is gone).
    bool isOutputBacklogged() const { return outputBlocked(); }
    // Bytes written but not yet taken by the network: the cleartext and, under TLS, the
    // encrypted buffer (the dashboard, backpressure tests).
    qint64 pendingOutputBytes() const;
    void whenOutputDrained(QObject *context, std::function<void()> resume);

    // STARTTLS: after the tagged OK, drop everything the client sent with the command and start
    // the handshake (RFC 3501 §6.2.1).
    void startTlsAfterReply() { m_startTlsPending = true; }
    // LOGOUT: the command writes BYE; the connection closes after the tagged reply.
    void closeAfterReply() { m_closeAfterReply = true; }
    // Ends the connection now with `* BYE text` (limits, timeouts, an admin's kick).
    void closeWithBye(const QByteArray &text);

    // Periodic check from the server (idle timeouts, polling).
    void tick(qint64 nowMs);

Q_SIGNALS:
    void stateChanged(qimapd::Session *session);
    // A command was received (also one refused at once as unknown or not allowed).
    void commandStarted(qimapd::Session *session);
    // The selected mailbox changed under this session (another session, another process): its
    // pending notifications, and so its pending expunges, may have changed.
    void mailboxViewChanged(qimapd::Session *session);
    void commandFinished(qimapd::Session *session, const QByteArray &name, const QByteArray &status);
    void closed(qimapd::Session *session);

protected:
    virtual QByteArray greeting() const;

private:
    void onReadyRead();
    void onBytesWritten();
    void onEncrypted();
    void onDisconnected();
    void processInput();
    void dispatch(ImapCommand command);
    void rejectCommand(const QByteArray &tag, const QByteArray &text, bool countsAsBad = true);
    void reportParseError(const ImapParser::Event &event);
    void sendUpdates(CommandFlags flags);
    void completeCommand(const QByteArray &status, const QByteArray &code, const QByteArray &text);
    void write(const QByteArray &bytes);
    bool outputBlocked() const;
    void acknowledgeNow();
    void beginTls();
    void closeConnection();
    void touch();
    ImapParser::Limits parserLimits() const;

    ImapServer *m_server;
    QSslSocket *m_socket;
    quint64 m_id;
    bool m_implicitTls;
    SessionState m_state = SessionState::NotAuthenticated;
    ImapParser m_parser;

    std::unique_ptr<Command> m_current;
    std::unique_ptr<Command> m_finished; // deleted once its stack frame is gone
    std::unique_ptr<MailboxView> m_selected;

    QString m_user;
    qint64 m_account = 0;
    QList<QPair<QByteArray, QByteArray>> m_clientId;
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    QDateTime m_connectedAt;
    qint64 m_lastActivityMs = 0;

    int m_badInARow = 0;
    int m_unauthCommands = 0;
    int m_failedLogins = 0;
    quint64 m_commandCount = 0;
    quint64 m_bytesIn = 0;
    quint64 m_bytesOut = 0;
    bool m_greeted = false;
    bool m_handshaking = false;
    bool m_processing = false;
    bool m_startTlsPending = false;
    bool m_closeAfterReply = false;
    bool m_closing = false;
    bool m_readPaused = false;
    bool m_closedEmitted = false;
    int m_corked = 0;
    qint64 m_lastOutputMs = 0;
    QList<CommandRecord> m_recentCommands;
    bool m_pushScheduled = false;
    QByteArray m_corkBuffer;
    QList<QPair<QPointer<QObject>, std::function<void()>>> m_drainWaiters;
};

// Corks a session's output for a scope.
class CorkedOutput
{
public:
    explicit CorkedOutput(Session &session) : m_session(session) { m_session.cork(); }
    ~CorkedOutput() { m_session.uncork(); }
    Q_DISABLE_COPY_MOVE(CorkedOutput)

private:
    Session &m_session;
};

} // namespace qimapd
