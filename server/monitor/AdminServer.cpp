#include "AdminServer.h"
#include "AdminConnection.h"
#include "AdminProtocol.h"
#include "LogRing.h"
#include "Logging.h"
#include "ServerConfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>

#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace qimapd {

namespace {

constexpr int LogFlushMs = 250;

// Equal in everything an event would carry apart from the idle time.
bool sameButIdle(SessionSnapshot a, const SessionSnapshot &b)
{
    a.idleMs = b.idleMs;
    return a == b;
}

} // namespace

AdminServer::AdminServer(Monitor &monitor, QObject *parent) : QObject(parent), m_monitor(monitor)
{
    connect(&m_monitor, &Monitor::serverChanged, this, &AdminServer::publishServer);
    connect(&m_monitor, &Monitor::sessionsChanged, this, &AdminServer::publishSessions);
    connect(&m_monitor, &Monitor::logAppended, this, &AdminServer::onLogAppended);
    m_logFlush.setSingleShot(true);
    m_logFlush.setInterval(LogFlushMs);
    connect(&m_logFlush, &QTimer::timeout, this, &AdminServer::flushLog);
}

AdminServer::~AdminServer()
{
    if (m_listener) {
        m_listener->close(); // removes the socket file
        delete m_listener;
    }
}

QString AdminServer::socketPath(const ServerConfig &config)
{
    const QString path = config.adminSocket.isEmpty() ? QDir(config.dataDir).filePath(u"admin.sock"_s) : config.adminSocket;
    return QFileInfo(path).absoluteFilePath();
}

bool AdminServer::prepareDirectory(const ServerConfig &config, QString *error)
{
    const QString dir = QFileInfo(socketPath(config)).absolutePath();
    if (QFileInfo::exists(dir))
        return true;
    if (!QDir().mkpath(dir)) {
        *error = tr("cannot create the directory %1 for the admin socket").arg(dir);
        return false;
    }
    if (config.user.isEmpty() || ::geteuid() != 0)
        return true;
    const passwd *pw = ::getpwnam(config.user.toLocal8Bit().constData());
    if (!pw || ::chown(QFile::encodeName(dir).constData(), pw->pw_uid, pw->pw_gid) != 0) {
        *error = tr("cannot give the directory %1 to user %2").arg(dir, config.user);
        return false;
    }
    return true;
}

bool AdminServer::listen(const QString &path, QString *error)
{
    m_path = path;
    // Someone answers: another server's socket (the data directory lock cannot tell when
    // --admin-socket points elsewhere). Never take it over.
    {
        QLocalSocket probe;
        probe.connectToServer(path);
        if (probe.waitForConnected(500)) {
            *error = tr("admin socket %1 is in use by another running server").arg(path);
            return false;
        }
    }
    QLocalServer::removeServer(path); // a stale file from a server that died
    m_listener = new QLocalServer(this);
    // Created owner-only from the start (Qt binds in a private directory and moves it into
    // place), so there is no moment in which others could connect.
    m_listener->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_listener->listen(path)) {
        *error = tr("cannot create the admin socket %1: %2").arg(path, m_listener->errorString());
        return false;
    }
    const QByteArray native = QFile::encodeName(path);
    mode_t mode = S_IRUSR | S_IWUSR;
    if (const struct group *admins = ::getgrnam(m_groupName.toLocal8Bit().constData())) {
        if (::chown(native.constData(), uid_t(-1), admins->gr_gid) == 0) {
            mode |= S_IRGRP | S_IWGRP;
            m_group = m_groupName;
        } else {
            qCWarning(lcAdmin).noquote() << "cannot give the admin socket to group" << m_groupName << "(not a member?);"
                                         << "it stays owner-only";
        }
    }
    if (::chmod(native.constData(), mode) != 0) {
        *error = tr("cannot set the permissions of the admin socket %1").arg(path);
        return false;
    }
    connect(m_listener, &QLocalServer::newConnection, this, &AdminServer::onNewConnection);
    qCInfo(lcAdmin).noquote() << "admin socket" << path << (m_group.isEmpty() ? u"(owner only)"_s : u"(owner and group "_s + m_group + u')');
    return true;
}

void AdminServer::onNewConnection()
{
    while (QLocalSocket *socket = m_listener->nextPendingConnection()) {
        if (m_connections.size() >= adminprotocol::MaxConnections) {
            qCWarning(lcAdmin) << "too many admin connections, refusing one";
            socket->write(adminprotocol::encode(adminprotocol::error(QJsonValue(), u"failed"_s, tr("too many admin connections"))));
            socket->disconnectFromServer();
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            continue;
        }
        auto *connection = new AdminConnection(socket, m_monitor, *this);
        connection->setParent(this);
        m_connections.append(connection);
        connect(connection, &AdminConnection::closed, this, &AdminServer::onConnectionClosed);
    }
}

void AdminServer::onConnectionClosed(AdminConnection *connection)
{
    m_connections.removeOne(connection);
    connection->deleteLater();
    if (!anyoneWants(&AdminConnection::wantsSessions)) {
        m_published.clear();
        m_publishedValid = false;
    }
}

bool AdminServer::anyoneWants(bool (AdminConnection::*wants)() const) const
{
    for (const AdminConnection *connection : m_connections) {
        if ((connection->*wants)())
            return true;
    }
    return false;
}

void AdminServer::publishServer()
{
    if (!anyoneWants(&AdminConnection::wantsServer))
        return;
    const QJsonObject event{{u"event"_s, adminprotocol::TopicServer}, {u"server"_s, m_monitor.server().toJson()}};
    for (AdminConnection *connection : std::as_const(m_connections)) {
        if (connection->wantsServer())
            connection->send(event);
    }
}

void AdminServer::publishSessions()
{
    if (!anyoneWants(&AdminConnection::wantsSessions) || !m_publishedValid)
        return;
    QJsonArray changed;
    QJsonArray removed;
    QJsonObject idle;
    std::map<quint64, SessionSnapshot> current;
    for (SessionSnapshot &session : m_monitor.sessions()) {
        const auto before = m_published.find(session.id);
        if (before == m_published.end() || !sameButIdle(before->second, session))
            changed.append(session.toJson());
        idle.insert(QString::number(session.id), double(session.idleMs));
        current.emplace(session.id, std::move(session));
    }
    for (const auto &[id, session] : m_published) {
        if (!current.contains(id))
            removed.append(double(id));
    }
    m_published = std::move(current);
    const QJsonObject event{{u"event"_s, adminprotocol::TopicSessions}, {u"full"_s, false}, {u"changed"_s, changed},
                            {u"removed"_s, removed}, {u"idle"_s, idle}};
    for (AdminConnection *connection : std::as_const(m_connections)) {
        if (connection->wantsSessions())
            connection->send(event);
    }
}

QJsonObject AdminServer::fullSessionsEvent()
{
    // Existing subscribers first get what changed since they were told, so that from now on
    // everyone holds the same state and the next delta fits them all.
    publishSessions();
    if (!m_publishedValid) {
        m_published.clear();
        for (SessionSnapshot &session : m_monitor.sessions())
            m_published.emplace(session.id, std::move(session));
        m_publishedValid = true;
    }
    QJsonArray all;
    QJsonObject idle;
    for (const auto &[id, session] : m_published) {
        all.append(session.toJson());
        idle.insert(QString::number(id), double(session.idleMs));
    }
    return {{u"event"_s, adminprotocol::TopicSessions}, {u"full"_s, true}, {u"changed"_s, all},
            {u"removed"_s, QJsonArray()}, {u"idle"_s, idle}};
}

void AdminServer::onLogAppended(const LogEntry &entry)
{
    if (!anyoneWants(&AdminConnection::wantsLog))
        return;
    m_pendingLog.append(entry.toJson());
    if (m_pendingLog.size() > LogRing::DefaultCapacity) // bounded like the ring itself
        m_pendingLog.removeFirst();
    if (!m_logFlush.isActive())
        m_logFlush.start();
}

void AdminServer::flushLog()
{
    if (m_pendingLog.isEmpty())
        return;
    const QJsonObject event{{u"event"_s, adminprotocol::TopicLog}, {u"entries"_s, std::exchange(m_pendingLog, {})}};
    for (AdminConnection *connection : std::as_const(m_connections)) {
        if (connection->wantsLog())
            connection->send(event);
    }
}

} // namespace qimapd
