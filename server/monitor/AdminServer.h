#pragma once

#include "Monitor.h"

#include <QJsonArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <map>

class QLocalServer;

namespace qimapd {

class AdminConnection;
struct ServerConfig;

// The admin socket (issue 5): a QLocalServer through which `qimapd sessions`, `qimapd kick`
// and a dashboard in another process (RemoteMonitor) read a running server's Monitor. The
// protocol is in AdminProtocol.h.
//
// Access is the socket file's: 0600, owner only; if a group named qimapd-admin exists, the
// socket belongs to it and is 0660, so its members are administrators too. A socket file left
// by a dead server is removed at start (the data directory lock already guarantees that no
// other server uses it; a live answer on it is still refused, for --admin-socket paths
// outside the data directory).
//
// Events are coalesced: they follow the Monitor's own coalesced signals, and a session is
// sent again only when it changed in more than its idle time.
class AdminServer : public QObject
{
    Q_OBJECT
public:
    explicit AdminServer(Monitor &monitor, QObject *parent = nullptr);
    ~AdminServer() override;

    static QString defaultGroup() { return QStringLiteral("qimapd-admin"); }
    // The group whose members may use the socket too (default qimapd-admin); before listen().
    void setGroupName(const QString &group) { m_groupName = group; }
    // `--admin-socket PATH`, or admin.sock in the data directory; always absolute (QLocalServer
    // would put a relative name under /tmp).
    static QString socketPath(const ServerConfig &config);
    // Before a privilege drop (still root): makes the socket's directory when it is missing
    // (/run/qimapd outside systemd) and gives it to the configured user, who creates the
    // socket later. Nothing to do when it exists.
    static bool prepareDirectory(const ServerConfig &config, QString *error);

    // Removes a stale socket file and listens; false with `error` naming the path.
    bool listen(const QString &path, QString *error);
    QString path() const { return m_path; }
    // The socket's group when qimapd-admin was applied, else empty.
    QString group() const { return m_group; }

    qsizetype connectionCount() const { return m_connections.size(); }

    // For a new subscriber: the sessions as the subscribers know them, after bringing them
    // up to date.
    QJsonObject fullSessionsEvent();
    // Sends the log lines gathered for the next event now (before a new subscriber gets the
    // whole log, so that nobody gets a line twice).
    void flushLog();

private:
    void onNewConnection();
    void onConnectionClosed(AdminConnection *connection);
    void publishServer();
    void publishSessions();
    void onLogAppended(const LogEntry &entry);
    bool anyoneWants(bool (AdminConnection::*wants)() const) const;

    Monitor &m_monitor;
    QLocalServer *m_listener = nullptr;
    QString m_path;
    QString m_groupName = defaultGroup();
    QString m_group;
    QList<AdminConnection *> m_connections;
    // The sessions as every sessions subscriber was last told; valid while there is one.
    std::map<quint64, SessionSnapshot> m_published;
    bool m_publishedValid = false;
    QJsonArray m_pendingLog;
    QTimer m_logFlush;
};

} // namespace qimapd
