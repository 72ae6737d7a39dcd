#include "RemoteMonitor.h"
#include "AdminProtocol.h"
#include "LogRing.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace qimapd {

namespace {

constexpr int MaxRetryDelayMs = 5000;

} // namespace

RemoteMonitor::RemoteMonitor(const QString &socketPath, Topics topics, QObject *parent)
    : Monitor(parent), m_path(socketPath), m_topics(topics)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &RemoteMonitor::start);
    connect(&m_socket, &QLocalSocket::connected, this, &RemoteMonitor::onConnected);
    connect(&m_socket, &QLocalSocket::disconnected, this, &RemoteMonitor::onDisconnected);
    connect(&m_socket, &QLocalSocket::errorOccurred, this, &RemoteMonitor::onError);
    connect(&m_socket, &QLocalSocket::readyRead, this, &RemoteMonitor::onReadyRead);
}

RemoteMonitor::~RemoteMonitor()
{
    // Nobody hears from us any more; no callbacks into a half-destroyed object.
    disconnect(&m_socket, nullptr, this, nullptr);
    m_pending.clear();
}

void RemoteMonitor::start()
{
    if (m_socket.state() != QLocalSocket::UnconnectedState)
        return;
    m_buffer.clear();
    m_subscribed = false;
    m_socket.connectToServer(m_path);
}

void RemoteMonitor::onConnected()
{
    m_retryDelayMs = 1000;
    QJsonArray topics;
    if (m_topics & Server)
        topics.append(adminprotocol::TopicServer);
    if (m_topics & Sessions)
        topics.append(adminprotocol::TopicSessions);
    if (m_topics & Log)
        topics.append(adminprotocol::TopicLog);
    request(u"subscribe"_s, {{u"topics"_s, topics}}, [this](const QJsonValue &, const QString &error) {
        if (!error.isEmpty()) {
            lost(tr("admin socket %1: %2").arg(m_path, error));
            return;
        }
        m_subscribed = true;
        // The state arrived before this reply: everything is here at once.
        setAvailable(true);
        if (m_topics & Server)
            Q_EMIT serverChanged();
        if (m_topics & Sessions)
            Q_EMIT sessionsChanged();
    });
}

void RemoteMonitor::onDisconnected()
{
    lost(tr("the server closed the admin socket %1").arg(m_path));
}

void RemoteMonitor::onError(QLocalSocket::LocalSocketError error)
{
    if (error == QLocalSocket::PeerClosedError)
        return; // disconnected() follows
    QString why;
    switch (error) {
    case QLocalSocket::ServerNotFoundError:
    case QLocalSocket::ConnectionRefusedError:
        why = tr("no server is running on admin socket %1").arg(m_path);
        break;
    case QLocalSocket::SocketAccessError:
        why = tr("no permission to use admin socket %1").arg(m_path);
        break;
    default:
        why = tr("admin socket %1: %2").arg(m_path, m_socket.errorString());
        break;
    }
    if (m_socket.state() != QLocalSocket::UnconnectedState)
        m_socket.abort();
    lost(why);
}

void RemoteMonitor::lost(const QString &error)
{
    if (m_socket.state() != QLocalSocket::UnconnectedState)
        m_socket.abort();
    failPending(error);
    m_subscribed = false;
    setAvailable(false);
    Q_EMIT connectionFailed(error);
    if (m_reconnect && !m_retry.isActive()) {
        m_retry.start(m_retryDelayMs);
        m_retryDelayMs = qMin(m_retryDelayMs * 2, MaxRetryDelayMs);
    }
}

void RemoteMonitor::failPending(const QString &error)
{
    const QHash<qint64, Reply> pending = std::exchange(m_pending, {});
    for (const Reply &reply : pending)
        reply(QJsonValue(), error);
}

void RemoteMonitor::setAvailable(bool available)
{
    if (m_available == available)
        return;
    m_available = available;
    Q_EMIT availableChanged(available);
}

void RemoteMonitor::onReadyRead()
{
    while (m_socket.bytesAvailable() > 0) {
        m_buffer += m_socket.readAll();
        qsizetype start = 0;
        qsizetype newline;
        while ((newline = m_buffer.indexOf('\n', start)) >= 0) {
            const QByteArray line = m_buffer.mid(start, newline - start);
            start = newline + 1;
            handleLine(line);
            if (m_socket.state() != QLocalSocket::ConnectedState)
                return;
        }
        m_buffer.remove(0, start);
        if (m_buffer.size() > adminprotocol::MaxServerLine) {
            lost(tr("admin socket %1: the server sent an over-long line").arg(m_path));
            return;
        }
    }
}

void RemoteMonitor::handleLine(const QByteArray &line)
{
    const QJsonObject object = QJsonDocument::fromJson(line).object();
    if (object.contains(u"event"_s)) {
        handleEvent(object);
        return;
    }
    const QJsonValue id = object.value(u"id"_s);
    if (!id.isDouble())
        return; // an error about something we did not send (nothing we send is unnumbered)
    const Reply reply = m_pending.take(qint64(id.toDouble()));
    if (!reply)
        return;
    if (object.contains(u"error"_s))
        reply(QJsonValue(), object.value(u"error"_s).toObject().value(u"message"_s).toString());
    else
        reply(object.value(u"result"_s), QString());
}

void RemoteMonitor::handleEvent(const QJsonObject &event)
{
    const QString kind = event.value(u"event"_s).toString();
    if (kind == adminprotocol::TopicServer) {
        m_server = ServerSnapshot::fromJson(event.value(u"server"_s).toObject());
        if (m_subscribed)
            Q_EMIT serverChanged();
    } else if (kind == adminprotocol::TopicSessions) {
        applySessions(event);
        if (m_subscribed)
            Q_EMIT sessionsChanged();
    } else if (kind == adminprotocol::TopicLog) {
        const QJsonArray entries = event.value(u"entries"_s).toArray();
        if (!m_subscribed) // the whole ring, as it was when we subscribed
            m_log.clear();
        for (const QJsonValue &value : entries) {
            const LogEntry entry = LogEntry::fromJson(value.toObject());
            m_log.append(entry);
            if (m_subscribed)
                Q_EMIT logAppended(entry);
        }
        if (m_log.size() > LogRing::DefaultCapacity)
            m_log.remove(0, m_log.size() - LogRing::DefaultCapacity);
    }
}

void RemoteMonitor::applySessions(const QJsonObject &event)
{
    if (event.value(u"full"_s).toBool())
        m_sessions.clear();
    for (const QJsonValue &value : event.value(u"changed"_s).toArray()) {
        SessionSnapshot session = SessionSnapshot::fromJson(value.toObject());
        const quint64 id = session.id;
        m_sessions.insert_or_assign(id, std::move(session));
    }
    for (const QJsonValue &id : event.value(u"removed"_s).toArray())
        m_sessions.erase(quint64(id.toDouble()));
    const QJsonObject idle = event.value(u"idle"_s).toObject();
    for (auto &[id, session] : m_sessions) {
        const QJsonValue ms = idle.value(QString::number(id));
        if (ms.isDouble())
            session.idleMs = qint64(ms.toDouble());
    }
    m_sessionListStale = true;
}

QList<SessionSnapshot> RemoteMonitor::sessions() const
{
    if (m_sessionListStale) {
        m_sessionList.clear();
        m_sessionList.reserve(qsizetype(m_sessions.size()));
        for (const auto &[id, session] : m_sessions)
            m_sessionList.append(session);
        m_sessionListStale = false;
    }
    return m_sessionList;
}

void RemoteMonitor::request(const QString &method, const QJsonObject &params, Reply reply)
{
    if (m_socket.state() != QLocalSocket::ConnectedState) {
        const QString error = tr("not connected to the server (admin socket %1)").arg(m_path);
        QMetaObject::invokeMethod(this, [reply, error] { reply(QJsonValue(), error); }, Qt::QueuedConnection);
        return;
    }
    const qint64 id = m_nextId++;
    m_pending.insert(id, std::move(reply));
    QJsonObject object{{u"id"_s, double(id)}, {u"method"_s, method}};
    if (!params.isEmpty())
        object.insert(u"params"_s, params);
    m_socket.write(adminprotocol::encode(object));
}

void RemoteMonitor::disconnectSession(quint64 id, const QString &reason, Done done)
{
    request(u"disconnect"_s, {{u"session"_s, double(id)}, {u"reason"_s, reason}},
            [done](const QJsonValue &, const QString &error) { done(error); });
}

void RemoteMonitor::listUsers(UsersDone done)
{
    request(u"users.list"_s, {}, [done](const QJsonValue &result, const QString &error) {
        QStringList users;
        for (const QJsonValue &user : result.toArray())
            users.append(user.toString());
        done(users, error);
    });
}

void RemoteMonitor::addUser(const QString &name, const QByteArray &password, Done done)
{
    request(u"users.add"_s, {{u"name"_s, name}, {u"password"_s, QString::fromLatin1(password.toBase64())}},
            [done](const QJsonValue &, const QString &error) { done(error); });
}

void RemoteMonitor::setPassword(const QString &name, const QByteArray &password, Done done)
{
    request(u"users.passwd"_s, {{u"name"_s, name}, {u"password"_s, QString::fromLatin1(password.toBase64())}},
            [done](const QJsonValue &, const QString &error) { done(error); });
}

void RemoteMonitor::removeUser(const QString &name, Done done)
{
    request(u"users.remove"_s, {{u"name"_s, name}}, [done](const QJsonValue &, const QString &error) { done(error); });
}

} // namespace qimapd
