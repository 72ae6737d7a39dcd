#include "ImapConnection.h"
#include "LoadOptions.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace loadgen {

namespace {

QByteArray quoted(const QByteArray &text)
{
    QByteArray out = text;
    out.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + out + '"';
}

// The literal announced at the end of a response line, "{123}" (RFC 3501 §4.3), or -1.
qint64 trailingLiteral(const QByteArray &line)
{
    if (!line.endsWith('}'))
        return -1;
    const qsizetype open = line.lastIndexOf('{');
    if (open < 0)
        return -1;
    bool ok = false;
    const qint64 size = line.mid(open + 1, line.size() - open - 2).toLongLong(&ok);
    return ok ? size : -1;
}

} // namespace

ImapConnection::ImapConnection(const Target &target, QObject *parent)
    : QObject(parent)
    , m_target(target)
    , m_socket(new QSslSocket(this))
{
    m_socket->setSslConfiguration(target.ssl);
    m_socket->setPeerVerifyName(target.verifyName);
    connect(m_socket, &QSslSocket::readyRead, this, &ImapConnection::onReadyRead);
    connect(m_socket, &QSslSocket::encrypted, this, [this] {
        if (m_startingTls) { // STARTTLS done; the greeting came before it
            m_startingTls = false;
            m_open = true;
            Q_EMIT ready();
        }
    });
    connect(m_socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        if (m_target.ssl.peerVerifyMode() == QSslSocket::VerifyNone)
            m_socket->ignoreSslErrors();
        else
            fail(errors.value(0).errorString());
    });
    connect(m_socket, &QSslSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError || !m_pending.empty() || !m_greeted)
            fail(m_socket->errorString());
    });
    connect(m_socket, &QSslSocket::disconnected, this, [this] {
        if (!m_pending.empty())
            fail(tr("connection closed by the server"));
        m_open = false;
    });
}

ImapConnection::~ImapConnection() = default;

void ImapConnection::open()
{
    if (m_target.tls == Target::Tls::Tls)
        m_socket->connectToHostEncrypted(m_target.host, m_target.port, m_target.verifyName);
    else
        m_socket->connectToHost(m_target.host, m_target.port);
    // Low latency for small commands, as a real client's request/response pattern needs.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

void ImapConnection::close()
{
    m_open = false;
    m_pending.clear();
    m_socket->abort();
}

QByteArray ImapConnection::nextTag()
{
    return 'a' + QByteArray::number(++m_tag);
}

void ImapConnection::send(Pending pending, const QByteArray &bytes)
{
    pending.timer.start();
    m_pending.push_back(std::move(pending));
    m_socket->write(bytes);
}

void ImapConnection::login(const QByteArray &user, const QByteArray &password, Callback done)
{
    // Whether APPEND may use LITERAL+ is in the capabilities; ask unless the greeting said.
    if (!m_capabilitiesKnown)
        command("CAPABILITY", {});
    command("LOGIN " + quoted(user) + ' ' + quoted(password), std::move(done));
}

void ImapConnection::command(const QByteArray &text, Callback done, bool keepLines)
{
    Pending pending;
    pending.tag = nextTag();
    pending.done = std::move(done);
    pending.keepLines = keepLines;
    const QByteArray bytes = pending.tag + ' ' + text + "\r\n";
    send(std::move(pending), bytes);
}

void ImapConnection::append(const QByteArray &mailbox, const QByteArray &flags, const QByteArray &message,
                            Callback done)
{
    Pending pending;
    pending.tag = nextTag();
    pending.done = std::move(done);
    QByteArray head = pending.tag + " APPEND " + quoted(mailbox) + (flags.isEmpty() ? QByteArray() : QByteArray(" (" + flags + ')')) + " {"
                      + QByteArray::number(message.size());
    if (m_literalPlus) {
        send(std::move(pending), head + "+}\r\n" + message + "\r\n");
    } else {
        pending.literalRest = message + "\r\n";
        send(std::move(pending), head + "}\r\n");
    }
}

void ImapConnection::idle(std::function<void()> idling, Callback done)
{
    Pending pending;
    pending.tag = nextTag();
    pending.done = std::move(done);
    pending.onContinuation = std::move(idling);
    const QByteArray bytes = pending.tag + " IDLE\r\n";
    send(std::move(pending), bytes);
}

void ImapConnection::done()
{
    m_socket->write("DONE\r\n");
}

void ImapConnection::fail(const QString &why)
{
    const bool wasUsable = m_open || !m_greeted || !m_pending.empty();
    m_open = false;
    std::deque<Pending> pending;
    pending.swap(m_pending);
    for (Pending &p : pending) {
        p.reply.status = Reply::Status::Failed;
        p.reply.taggedLine = why.toUtf8();
        p.reply.elapsedNs = p.timer.nsecsElapsed();
        if (p.done)
            p.done(p.reply);
    }
    m_socket->abort();
    if (wasUsable)
        Q_EMIT failed(why);
}

void ImapConnection::onReadyRead()
{
    m_buffer += m_socket->readAll();
    qsizetype at = 0;
    while (at < m_buffer.size()) {
        if (m_literalLeft > 0) { // skip literal contents, counting them
            const qint64 take = std::min<qint64>(m_literalLeft, m_buffer.size() - at);
            if (!m_pending.empty())
                m_pending.front().reply.literalBytes += take;
            m_literalLeft -= take;
            at += take;
            continue;
        }
        const qsizetype end = m_buffer.indexOf("\r\n", at);
        if (end < 0)
            break;
        const QByteArray piece = m_buffer.mid(at, end - at);
        at = end + 2;
        const qint64 literal = trailingLiteral(piece);
        if (literal >= 0) {
            m_line += piece;
            m_literalLeft = literal;
            continue;
        }
        m_line += piece;
        const QByteArray line = std::exchange(m_line, {});
        onLine(line);
        if (!m_socket->isOpen())
            return;
    }
    m_buffer.remove(0, at);
}

void ImapConnection::noteCapabilities(const QByteArray &line)
{
    if (!line.contains("CAPABILITY"))
        return;
    m_capabilitiesKnown = true;
    m_literalPlus = line.contains(" LITERAL+");
}

void ImapConnection::onLine(const QByteArray &line)
{
    if (!m_greeted) {
        m_greeted = true;
        noteCapabilities(line);
        if (!line.startsWith("* OK") && !line.startsWith("* PREAUTH")) {
            fail(tr("unexpected greeting: %1").arg(QString::fromUtf8(line.left(200))));
            return;
        }
        if (m_target.tls == Target::Tls::StartTls) {
            command("STARTTLS", [this](const Reply &reply) {
                if (!reply.ok()) {
                    fail(tr("STARTTLS refused: %1").arg(QString::fromUtf8(reply.taggedLine)));
                    return;
                }
                m_startingTls = true;
                m_socket->startClientEncryption();
            });
            return;
        }
        m_open = true;
        Q_EMIT ready();
        return;
    }
    if (line.startsWith("+")) {
        for (Pending &p : m_pending) {
            if (!p.literalRest.isEmpty()) {
                m_socket->write(std::exchange(p.literalRest, {}));
                return;
            }
            if (p.onContinuation) {
                std::exchange(p.onContinuation, {})();
                return;
            }
        }
        return;
    }
    if (line.startsWith("* ")) {
        if (line.startsWith("* CAPABILITY") || line.startsWith("* OK [CAPABILITY"))
            noteCapabilities(line);
        if (!m_pending.empty()) {
            Reply &reply = m_pending.front().reply;
            ++reply.untagged;
            if (m_pending.front().keepLines)
                reply.lines.append(line);
        }
        if (m_untagged)
            m_untagged(line);
        if (line.startsWith("* BYE") && m_pending.empty())
            m_open = false;
        return;
    }
    // A tagged reply: commands complete in order on one connection.
    if (m_pending.empty() || !line.startsWith(QByteArray(m_pending.front().tag + ' '))) {
        fail(tr("unexpected line: %1").arg(QString::fromUtf8(line.left(200))));
        return;
    }
    Pending pending = std::move(m_pending.front());
    m_pending.pop_front();
    const QByteArray status = line.mid(pending.tag.size() + 1, 3);
    pending.reply.status = status == "OK " ? Reply::Status::Ok
                           : status == "NO " ? Reply::Status::No
                                             : Reply::Status::Bad;
    pending.reply.taggedLine = line;
    pending.reply.elapsedNs = pending.timer.nsecsElapsed();
    if (line.contains("[CAPABILITY"))
        noteCapabilities(line);
    if (pending.done)
        pending.done(pending.reply);
}

} // namespace loadgen
