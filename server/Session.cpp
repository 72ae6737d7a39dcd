#include "Session.h"
#include "Command.h"
#include "CommitGroup.h"
#include "ImapServer.h"
#include "Logging.h"
#include "mailbox/MailboxView.h"

#include <QScopedValueRollback>
#include <QSslCipher>
#include <QSslSocket>
#include <QTimer>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace qimapd {

namespace {
// Output backpressure: stop reading (and so stop running commands) above the high-water mark,
// start again below the low one. Both the cleartext and the encrypted buffer count: under TLS,
// bytesToWrite() stays near zero while encryptedBytesToWrite() holds the backlog.
constexpr qint64 OutputHighWater = 256 * 1024;
constexpr qint64 OutputLowWater = 64 * 1024;
// Qt reads without limit by default; with a limit, a paused session leaves the rest in the
// kernel and TCP pushes back on the client.
constexpr qint64 ReadBufferSize = 64 * 1024;
// A client that stops reading can hold a closing connection open forever.
constexpr int CloseGraceMs = 10000;
// Corked output goes to the socket in pieces of about this size.
constexpr qsizetype CorkFlushBytes = 64 * 1024;
// A command as administrators may see it: arguments as sent, literals by size, and for
// commands that carry secrets everything after the first argument replaced by "***".
QByteArray describeArg(const ImapArg &arg)
{
    switch (arg.type) {
    case ImapArg::Type::Atom:
        return arg.value.left(200);
    case ImapArg::Type::Quoted:
        return '"' + arg.value.left(200) + '"';
    case ImapArg::Type::Literal:
        return '{' + QByteArray::number(arg.value.size()) + " bytes}";
    case ImapArg::Type::List: {
        QByteArray out = "(";
        for (qsizetype i = 0; i < arg.children.size() && out.size() < 200; ++i)
            out += (i ? " " : "") + describeArg(arg.children.at(i));
        return out + ')';
    }
    }
    return {};
}

QByteArray describeCommand(const ImapCommand &command, bool secret)
{
    QByteArray out = command.tag + ' ' + command.name;
    for (qsizetype i = 0; i < command.args.size() && out.size() < 300; ++i)
        out += ' ' + (secret && i > 0 ? QByteArray("***") : describeArg(command.args.at(i)));
    return out;
}

} // namespace

Session::Session(ImapServer *server, QSslSocket *socket, quint64 id, bool implicitTls)
    : QObject(server), m_server(server), m_socket(socket), m_id(id), m_implicitTls(implicitTls)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(ReadBufferSize);
    m_peerAddress = m_socket->peerAddress();
    m_peerPort = m_socket->peerPort();
    m_connectedAt = QDateTime::currentDateTimeUtc();
    m_lastActivityMs = server->elapsedMs();
    m_parser.setLimits(parserLimits());

    connect(m_socket, &QSslSocket::readyRead, this, &Session::onReadyRead);
    connect(m_socket, &QSslSocket::bytesWritten, this, &Session::onBytesWritten);
    connect(m_socket, &QSslSocket::encryptedBytesWritten, this, &Session::onBytesWritten);
    connect(m_socket, &QSslSocket::encrypted, this, &Session::onEncrypted);
    connect(m_socket, &QSslSocket::disconnected, this, &Session::onDisconnected);
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError)
            qCDebug(lcSession) << m_id << "socket error:" << m_socket->errorString();
        if (m_socket->state() != QAbstractSocket::ConnectedState)
            onDisconnected();
    });
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        qCInfo(lcTls) << m_id << "TLS error:" << (errors.isEmpty() ? QString() : errors.first().errorString());
    });
}

Session::~Session()
{
    // Commands and views first: they refer to the session and the server's live mailboxes.
    m_current.reset();
    m_finished.reset();
    m_selected.reset();
}

ImapParser::Limits Session::parserLimits() const
{
    const ServerConfig &config = m_server->config();
    ImapParser::Limits limits;
    limits.maxLineLength = config.maxLineLength;
    limits.maxLiteral = config.maxLiteral;
    // Before login, APPEND gets no larger literal than any other command: an unauthenticated
    // client must not make the server buffer megabytes (DESIGN.md, security defaults).
    limits.maxAppendLiteral = m_state == SessionState::NotAuthenticated ? config.maxLiteral : config.appendLimit;
    return limits;
}

void Session::start()
{
    qCInfo(lcSession).noquote() << m_id << "connection from" << m_peerAddress.toString() << "port" << m_peerPort
                                << (m_implicitTls ? "(TLS)" : "");
    if (m_implicitTls) {
        m_socket->startServerEncryption();
        return; // greeting once encrypted
    }
    m_greeted = true;
    write(greeting());
}

QByteArray Session::greeting() const
{
    return "* OK [CAPABILITY " + m_server->capability(*this) + "] qimapd ready\r\n";
}

bool Session::isEncrypted() const
{
    return m_socket->isEncrypted();
}

QString Session::tlsDescription() const
{
    if (!m_socket->isEncrypted())
        return {};
    const QSslCipher cipher = m_socket->sessionCipher();
    return cipher.protocolString() + QLatin1Char(' ') + cipher.name();
}

qint64 Session::idleMilliseconds() const
{
    return m_server->elapsedMs() - m_lastActivityMs;
}

QByteArray Session::currentCommandName() const
{
    return m_current ? m_current->request().name : QByteArray();
}

bool Session::plaintextAuthAllowed() const
{
    return isEncrypted() || m_server->config().allowInsecureAuth;
}

int Session::noteFailedLogin()
{
    m_server->countFailedLogin();
    return ++m_failedLogins;
}

void Session::setAuthenticated(const QString &user, qint64 account)
{
    m_user = user;
    m_account = account;
    m_state = SessionState::Authenticated;
    m_parser.setLimits(parserLimits());
    qCInfo(lcAuth).noquote() << m_id << "logged in as" << user;
    Q_EMIT stateChanged(this);
}

void Session::select(std::unique_ptr<MailboxView> view)
{
    m_selected = std::move(view);
    m_selected->setChangeHandler([this] { mailboxChanged(); });
    m_state = SessionState::Selected;
    Q_EMIT stateChanged(this);
}

void Session::deselect()
{
    const bool wasSelected = m_state == SessionState::Selected;
    m_selected.reset();
    if (wasSelected) {
        m_state = SessionState::Authenticated;
        Q_EMIT stateChanged(this);
    }
}

void Session::setClientId(QList<QPair<QByteArray, QByteArray>> id)
{
    m_clientId = std::move(id);
    Q_EMIT stateChanged(this);
}

void Session::onEncrypted()
{
    qCDebug(lcTls).noquote() << m_id << "TLS established:" << tlsDescription();
    m_handshaking = false;
    if (!m_greeted) {
        m_greeted = true;
        write(greeting());
    }
    Q_EMIT stateChanged(this);
    processInput();
}

void Session::onReadyRead()
{
    if (m_closing)
        return;
    processInput();
}

void Session::whenOutputDrained(QObject *context, std::function<void()> resume)
{
    m_drainWaiters.append({QPointer<QObject>(context), std::move(resume)});
}

void Session::onBytesWritten()
{
    if (!m_drainWaiters.isEmpty() && !m_closing
        && m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite() < OutputLowWater) {
        const auto waiters = std::exchange(m_drainWaiters, {});
        for (const auto &[context, resume] : waiters) {
            if (context)
                resume();
        }
    }
    if (m_readPaused
        && m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite() < OutputLowWater) {
        m_readPaused = false;
        // readyRead does not fire again for data already buffered: resume by hand.
        processInput();
    }
}

void Session::touch()
{
    m_lastActivityMs = m_server->elapsedMs();
}

qint64 Session::pendingOutputBytes() const
{
    return m_socket->bytesToWrite() + m_socket->encryptedBytesToWrite();
}

bool Session::outputBlocked() const
{
    return pendingOutputBytes() > OutputHighWater;
}

void Session::processInput()
{
    if (m_processing || m_closing || !m_greeted || m_handshaking)
        return;
    QScopedValueRollback<bool> guard(m_processing, true);
    auto readMore = [this] {
        const QByteArray data = m_socket->read(ReadBufferSize);
        if (data.isEmpty())
            return false;
        m_bytesIn += quint64(data.size());
        touch();
        m_parser.feed(data);
        // Half a command is here and the rest is on its way (a literal and its CRLF sent as two
        // writes): ACK at once, or a client with Nagle waits ~40 ms for our delayed ACK.
        if (m_parser.inCommand())
            acknowledgeNow();
        return true;
    };

    while (!m_closing) {
        m_finished.reset();
        if (outputBlocked()) {
            m_readPaused = true;
            return;
        }
        if (m_current) {
            // A running command only consumes input when it asked for a line.
            if (!m_current->wantsLine())
                return;
            const ImapParser::Line line = m_parser.nextLine();
            if (line.type == ImapParser::Line::NeedMore) {
                if (!readMore())
                    return;
                continue;
            }
            m_server->setCurrentSession(this);
            if (line.type == ImapParser::Line::TooLong)
                m_current->deliverOverlongLine();
            else
                m_current->deliverLine(line.text);
            continue;
        }

        ImapParser::Event event = m_parser.next();
        switch (event.type) {
        case ImapParser::Event::NeedMore:
            if (!readMore())
                return;
            break;
        case ImapParser::Event::Continuation:
            writeContinuation("Ready for literal data");
            break;
        case ImapParser::Event::Command:
            dispatch(std::move(event.command));
            break;
        case ImapParser::Event::Error:
            reportParseError(event);
            break;
        case ImapParser::Event::LiteralTooBig: {
            // RFC 7888 §4 / RFC 4469 §4.2: refuse with TOOBIG before the client sends it (a
            // LITERAL+ that is already on its way is discarded by the parser).
            const qint64 limit = event.name == "APPEND" ? m_parser.limits().maxAppendLiteral
                                                        : m_parser.limits().maxLiteral;
            const QByteArray tag = event.tag.isEmpty() ? QByteArrayLiteral("*") : event.tag;
            write(tag + " NO [TOOBIG] Literal of " + QByteArray::number(event.size)
                  + " bytes is larger than the limit of " + QByteArray::number(limit) + " bytes\r\n");
            if (++m_badInARow >= m_server->config().maxBadCommands)
                closeWithBye("Too many invalid commands");
            break;
        }
        }
    }
}

void Session::acknowledgeNow()
{
#ifdef TCP_QUICKACK
    const qintptr descriptor = m_socket->socketDescriptor();
    if (descriptor >= 0) {
        const int on = 1;
        ::setsockopt(int(descriptor), IPPROTO_TCP, TCP_QUICKACK, &on, sizeof on);
    }
#endif
}

void Session::reportParseError(const ImapParser::Event &event)
{
    const QByteArray tag = event.tag.isEmpty() ? QByteArrayLiteral("*") : event.tag;
    rejectCommand(tag, "Syntax error: " + event.message);
}

void Session::rejectCommand(const QByteArray &tag, const QByteArray &text, bool countsAsBad)
{
    write(tag + " BAD " + text + "\r\n");
    if (countsAsBad && ++m_badInARow >= m_server->config().maxBadCommands)
        closeWithBye("Too many invalid commands");
}

void Session::dispatch(ImapCommand command)
{
    ++m_commandCount;
    const ServerConfig &config = m_server->config();
    // The seed's unauth_commands: a client that has not logged in gets a few tries only
    // (cross-protocol attacks, scanners).
    if (m_state == SessionState::NotAuthenticated && config.unauthCommands > 0
        && ++m_unauthCommands > config.unauthCommands) {
        closeWithBye("Too many commands before authentication");
        return;
    }

    const CommandSpec *spec = m_server->registry().find(command.name);
    const QByteArray shown = describeCommand(command, spec && (spec->flags & CommandFlag::Secret));
    qCDebug(lcProtocol).noquote() << m_id << "C:" << shown;
    if (m_recentCommands.size() >= MaxRecentCommands)
        m_recentCommands.removeFirst();
    m_recentCommands.append({QDateTime::currentDateTimeUtc(), shown, {}});
    m_server->countCommand();
    Q_EMIT commandStarted(this);
    if (!spec) {
        m_recentCommands.last().result = "BAD";
        rejectCommand(command.tag, "Unknown command " + command.name.left(64));
        return;
    }
    if (!(spec->states & m_state)) {
        m_recentCommands.last().result = "BAD";
        QByteArray why;
        if (m_state == SessionState::NotAuthenticated)
            why = "Log in first";
        else if (spec->states == States::NotAuthenticated)
            why = "Already authenticated";
        else if (spec->states == States::Selected)
            why = "Select a mailbox first";
        else
            why = "Not allowed now";
        rejectCommand(command.tag, command.name + " not allowed in this state: " + why);
        return;
    }

    m_current = spec->factory();
    Command *running = m_current.get();
    m_server->setCurrentSession(this);
    running->start(this, spec, std::move(command));
}

void Session::finishCommand(Command *command, const QByteArray &status, const QByteArray &code,
                            const QByteArray &text)
{
    if (command != m_current.get())
        return;
    // Group commit: a tagged reply promises durability, so it waits for the commit of the
    // changes made in this loop iteration (DESIGN.md, Storage). NO if that commit failed.
    CommitGroup &commits = m_server->commitGroup();
    if (commits.isOpen()) {
        commits.whenCommitted(this, [this, status, code, text](const StoreStatus &committed) {
            if (committed)
                completeCommand(status, code, text);
            else
                completeCommand("NO", "UNAVAILABLE", "The change could not be saved, try again later");
        });
        return;
    }
    completeCommand(status, code, text);
}

void Session::completeCommand(const QByteArray &status, const QByteArray &code, const QByteArray &text)
{
    Command *command = m_current.get();
    if (!command || m_closing)
        return;
    const CommandFlags flags = command->spec().flags;
    // The seed's poll_every 0: look for other processes' changes after every command.
    if (m_server->config().pollEverySeconds == 0 && m_selected)
        m_server->checkExternalChanges();
    if (!(flags & CommandFlag::NoUpdates))
        sendUpdates(flags);

    QByteArray line = command->request().tag + ' ' + status + ' ';
    if (!code.isEmpty())
        line += '[' + code + "] ";
    line += text + "\r\n";
    write(line);

    m_badInARow = status == "BAD" ? m_badInARow + 1 : 0;
    const QByteArray name = command->request().name;
    if (!m_recentCommands.isEmpty() && m_recentCommands.last().result.isEmpty())
        m_recentCommands.last().result = status;
    m_finished = std::move(m_current);
    m_server->setCurrentSession(nullptr);
    Q_EMIT commandFinished(this, name, status);

    if (m_startTlsPending) {
        beginTls();
    } else if (m_closeAfterReply) {
        closeConnection();
        return;
    }
    if (m_badInARow >= m_server->config().maxBadCommands) {
        closeWithBye("Too many invalid commands");
        return;
    }
    if (!m_processing)
        QMetaObject::invokeMethod(this, &Session::processInput, Qt::QueuedConnection);
}

void Session::sendUpdates(CommandFlags flags)
{
    if (!m_selected)
        return;
    // RFC 3501 §7.4.1: no EXPUNGE while responding to FETCH, STORE or SEARCH; the expunged
    // messages keep their numbers in this view until a command that allows it.
    const QByteArrayList lines = m_selected->takeUpdates(!(flags & CommandFlag::NoExpungeResponses));
    const CorkedOutput corked(*this);
    for (const QByteArray &line : lines)
        writeUntagged(line);
}

void Session::mailboxChanged()
{
    Q_EMIT mailboxViewChanged(this);
    if (m_pushScheduled || m_closing || !m_current || !m_current->acceptsPushedUpdates())
        return;
    // After the commit: an idling client is never told of a change that could still fail.
    m_pushScheduled = true;
    m_server->commitGroup().whenCommitted(this, [this](const StoreStatus &) {
        m_pushScheduled = false;
        pushMailboxUpdates();
    });
}

void Session::pushMailboxUpdates()
{
    if (m_closing || !m_current || !m_current->acceptsPushedUpdates())
        return;
    sendUpdates(m_current->spec().flags);
}

void Session::writeUntagged(const QByteArray &line)
{
    write("* " + line + "\r\n");
}

void Session::writeContinuation(const QByteArray &text)
{
    write("+ " + text + "\r\n");
}

void Session::write(const QByteArray &bytes)
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    m_bytesOut += quint64(bytes.size());
    if (lcProtocol().isDebugEnabled())
        qCDebug(lcProtocol).noquote() << m_id << "S:" << bytes.left(200).trimmed();
    m_lastOutputMs = m_server->elapsedMs();
    if (m_corked > 0) {
        m_corkBuffer += bytes;
        if (m_corkBuffer.size() >= CorkFlushBytes)
            m_socket->write(std::exchange(m_corkBuffer, QByteArray()));
        return;
    }
    m_socket->write(bytes);
}

void Session::uncork()
{
    if (--m_corked > 0 || m_corkBuffer.isEmpty())
        return;
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->write(std::exchange(m_corkBuffer, QByteArray()));
    else
        m_corkBuffer.clear();
}

void Session::beginTls()
{
    m_startTlsPending = false;
    // Anything the client sent after STARTTLS in the same packet was sent in the clear and
    // must never be executed as if it came over TLS (DESIGN.md: Qt keeps those bytes in the
    // socket's buffer across the handshake).
    m_parser.reset();
    const qint64 discarded = m_socket->bytesAvailable();
    m_socket->skip(discarded);
    if (discarded > 0)
        qCWarning(lcTls) << m_id << "discarded" << discarded << "bytes sent in the clear after STARTTLS";
    m_handshaking = true; // no input is processed until the handshake completes
    m_socket->startServerEncryption();
}

void Session::closeWithBye(const QByteArray &text)
{
    if (m_closing)
        return;
    write("* BYE " + text + "\r\n");
    qCInfo(lcSession).noquote() << m_id << "closing:" << QString::fromUtf8(text);
    closeConnection();
}

void Session::closeConnection()
{
    if (m_closing)
        return;
    m_closing = true;
    m_socket->disconnectFromHost();
    if (m_socket->state() != QAbstractSocket::UnconnectedState) {
        QTimer::singleShot(CloseGraceMs, m_socket, [socket = m_socket] { socket->abort(); });
    }
}

void Session::onDisconnected()
{
    if (m_closedEmitted)
        return;
    m_closedEmitted = true;
    m_closing = true;
    m_state = SessionState::Logout;
    qCInfo(lcSession) << m_id << "disconnected";
    // The running command and the selected view go now; the object itself is deleted later by
    // the server, since we may be deep inside one of our own slots.
    if (m_selected)
        m_selected.reset();
    Q_EMIT closed(this);
}

void Session::tick(qint64 nowMs)
{
    if (m_closing)
        return;
    const ServerConfig &config = m_server->config();
    const qint64 idle = nowMs - m_lastActivityMs;
    if (m_state == SessionState::NotAuthenticated) {
        if (config.unauthIdleSeconds > 0 && idle > qint64(config.unauthIdleSeconds) * 1000)
            closeWithBye("Autologout; idle for too long");
    } else if (config.authIdleSeconds > 0 && idle > qint64(config.authIdleSeconds) * 1000) {
        // RFC 3501 §5.4: the autologout timer is at least 30 minutes for authenticated clients
        // (also in IDLE, which clients re-issue every 29 minutes: RFC 2177 §3).
        closeWithBye("Autologout; idle for too long");
        return;
    }
    // Keep-alive for push clients: NAT boxes drop connections that are silent for minutes.
    if (config.idleKeepaliveSeconds > 0 && m_current && m_current->acceptsPushedUpdates()
        && nowMs - std::max(m_lastOutputMs, m_lastActivityMs) >= qint64(config.idleKeepaliveSeconds) * 1000)
        writeUntagged("OK Still here");
}

} // namespace qimapd
