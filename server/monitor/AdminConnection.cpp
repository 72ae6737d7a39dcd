#include "AdminConnection.h"
#include "AdminProtocol.h"
#include "AdminServer.h"
#include "Logging.h"
#include "Monitor.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocalSocket>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace qimapd {

namespace {

// A JSON number that is a whole, non-negative session id.
bool readId(const QJsonValue &value, quint64 *id)
{
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    if (number < 0 || number > 9007199254740992.0 || number != double(quint64(number)))
        return false;
    *id = quint64(number);
    return true;
}

} // namespace

AdminConnection::AdminConnection(QLocalSocket *socket, Monitor &monitor, AdminServer &server)
    : m_socket(socket), m_monitor(monitor), m_admin(server)
{
    m_socket->setParent(this);
    connect(m_socket, &QLocalSocket::readyRead, this, &AdminConnection::onReadyRead);
    connect(m_socket, &QLocalSocket::disconnected, this, &AdminConnection::close);
    // Requests that were already there before the signals were connected.
    QMetaObject::invokeMethod(this, &AdminConnection::onReadyRead, Qt::QueuedConnection);
}

void AdminConnection::send(const QJsonObject &object)
{
    if (m_closed)
        return;
    if (m_socket->bytesToWrite() > adminprotocol::MaxPendingOutput) {
        qCWarning(lcAdmin) << "an admin client does not read its events; disconnecting it";
        m_socket->abort();
        close();
        return;
    }
    m_socket->write(adminprotocol::encode(object));
}

void AdminConnection::onReadyRead()
{
    while (!m_closed && m_socket->bytesAvailable() > 0) {
        m_buffer += m_socket->read(adminprotocol::MaxRequestLine);
        qsizetype newline;
        while (!m_closed && (newline = m_buffer.indexOf('\n')) >= 0) {
            const QByteArray line = m_buffer.left(newline);
            m_buffer.remove(0, newline + 1);
            if (std::exchange(m_skippingLine, false))
                continue; // the end of an over-long line, already answered
            handleLine(line);
        }
        if (m_buffer.size() > adminprotocol::MaxRequestLine) {
            // Answer once, then drop everything up to the next newline.
            if (!m_skippingLine)
                send(adminprotocol::error(QJsonValue(), u"line-too-long"_s,
                                          tr("a request line is limited to %1 bytes").arg(adminprotocol::MaxRequestLine)));
            m_skippingLine = true;
            m_buffer.clear();
        }
    }
}

void AdminConnection::handleLine(const QByteArray &line)
{
    if (line.trimmed().isEmpty())
        return;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        send(adminprotocol::error(QJsonValue(), u"parse-error"_s, tr("not JSON: %1").arg(parseError.errorString())));
        return;
    }
    if (!document.isObject()) {
        send(adminprotocol::error(QJsonValue(), u"invalid-request"_s, tr("a request is a JSON object")));
        return;
    }
    const QJsonObject request = document.object();
    const QJsonValue id = request.value(u"id"_s);
    const QJsonValue method = request.value(u"method"_s);
    const QJsonValue params = request.value(u"params"_s);
    if (!method.isString() || !(params.isUndefined() || params.isObject())) {
        send(adminprotocol::error(id, u"invalid-request"_s, tr("a request needs a method (a string) and optional params (an object)")));
        return;
    }
    handleRequest(id, method.toString(), params.toObject());
}

void AdminConnection::handleRequest(const QJsonValue &id, const QString &method, const QJsonObject &params)
{
    // Answers to later (user operations) go only to a connection that is still there.
    QPointer<AdminConnection> self(this);
    auto answer = [self, id](const QString &error) {
        if (!self)
            return;
        if (error.isEmpty())
            self->send(adminprotocol::reply(id, QJsonObject()));
        else
            self->send(adminprotocol::error(id, u"failed"_s, error));
    };

    if (method == u"server"_s) {
        send(adminprotocol::reply(id, m_monitor.server().toJson()));
    } else if (method == u"sessions"_s) {
        QJsonArray sessions;
        for (const SessionSnapshot &session : m_monitor.sessions())
            sessions.append(session.toJson());
        send(adminprotocol::reply(id, sessions));
    } else if (method == u"log"_s) {
        QJsonArray entries;
        for (const LogEntry &entry : m_monitor.log())
            entries.append(entry.toJson());
        send(adminprotocol::reply(id, entries));
    } else if (method == u"subscribe"_s) {
        subscribe(id, params);
    } else if (method == u"disconnect"_s) {
        quint64 session = 0;
        if (!readId(params.value(u"session"_s), &session)) {
            send(adminprotocol::error(id, u"invalid-request"_s, tr("disconnect needs a session id (a number)")));
            return;
        }
        const QString reason = params.value(u"reason"_s).toString();
        m_monitor.disconnectSession(session, reason, [self, id](const QString &error) {
            if (!self)
                return;
            if (error.isEmpty())
                self->send(adminprotocol::reply(id, QJsonObject()));
            else
                self->send(adminprotocol::error(id, u"not-found"_s, error));
        });
    } else if (method == u"users.list"_s) {
        m_monitor.listUsers([self, id](const QStringList &users, const QString &error) {
            if (!self)
                return;
            if (error.isEmpty())
                self->send(adminprotocol::reply(id, QJsonArray::fromStringList(users)));
            else
                self->send(adminprotocol::error(id, u"failed"_s, error));
        });
    } else if (method == u"users.add"_s || method == u"users.passwd"_s || method == u"users.remove"_s) {
        const QJsonValue name = params.value(u"name"_s);
        const QJsonValue password = params.value(u"password"_s);
        const bool needsPassword = method != u"users.remove"_s;
        const auto decoded = QByteArray::fromBase64Encoding(password.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!name.isString() || (needsPassword && (!password.isString() || !decoded))) {
            send(adminprotocol::error(id, u"invalid-request"_s,
                                      needsPassword ? tr("%1 needs a name and a base64 password").arg(method)
                                                    : tr("%1 needs a name").arg(method)));
            return;
        }
        if (method == u"users.add"_s)
            m_monitor.addUser(name.toString(), *decoded, answer);
        else if (method == u"users.passwd"_s)
            m_monitor.setPassword(name.toString(), *decoded, answer);
        else
            m_monitor.removeUser(name.toString(), answer);
    } else {
        send(adminprotocol::error(id, u"unknown-method"_s, tr("unknown method \"%1\"").arg(method.left(64))));
    }
}

void AdminConnection::subscribe(const QJsonValue &id, const QJsonObject &params)
{
    const QJsonValue topics = params.value(u"topics"_s);
    QStringList wanted;
    if (topics.isUndefined()) {
        wanted = {adminprotocol::TopicServer, adminprotocol::TopicSessions, adminprotocol::TopicLog};
    } else {
        for (const QJsonValue &topic : topics.toArray())
            wanted.append(topic.toString());
        const QStringList known{adminprotocol::TopicServer, adminprotocol::TopicSessions, adminprotocol::TopicLog};
        if (!topics.isArray() || wanted.isEmpty() || std::any_of(wanted.begin(), wanted.end(), [&](const QString &t) { return !known.contains(t); })) {
            send(adminprotocol::error(id, u"invalid-request"_s, tr("topics is a list of server, sessions and log")));
            return;
        }
    }
    // The current state first, then the reply: when the reply arrives the client is complete.
    if (wanted.contains(adminprotocol::TopicServer) && !m_server) {
        send({{u"event"_s, adminprotocol::TopicServer}, {u"server"_s, m_monitor.server().toJson()}});
        m_server = true;
    }
    if (wanted.contains(adminprotocol::TopicSessions) && !m_sessions) {
        // Before this connection counts as a subscriber: it gets the full list, not the delta
        // the others may get first.
        send(m_admin.fullSessionsEvent());
        m_sessions = true;
    }
    if (wanted.contains(adminprotocol::TopicLog) && !m_log) {
        m_admin.flushLog();
        QJsonArray entries;
        for (const LogEntry &entry : m_monitor.log())
            entries.append(entry.toJson());
        send({{u"event"_s, adminprotocol::TopicLog}, {u"entries"_s, entries}});
        m_log = true;
    }
    send(adminprotocol::reply(id, QJsonObject()));
}

void AdminConnection::close()
{
    if (m_closed)
        return;
    m_closed = true;
    Q_EMIT closed(this);
}

} // namespace qimapd
