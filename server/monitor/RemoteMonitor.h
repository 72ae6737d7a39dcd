#pragma once

#include "Monitor.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QLocalSocket>
#include <QTimer>

#include <map>

namespace qimapd {

// The Monitor of a server in another process, read through its admin socket (AdminProtocol.h):
// the dashboard attached to a running server (`qimapd dashboard`), and `qimapd sessions` /
// `qimapd kick`. It subscribes to the server's events and holds the same snapshots the
// server's LocalMonitor serves, so both give the same answers.
//
// Unavailable until connected and subscribed; when the server goes away it says so
// (availableChanged(false)), answers pending actions with an error and tries again, every
// second at first and then less often (unless reconnecting is turned off, as the CLI does).
// Nothing here blocks: connecting, reading and every action go through the event loop.
class RemoteMonitor : public Monitor
{
    Q_OBJECT
public:
    enum Topic { Server = 0x1, Sessions = 0x2, Log = 0x4, All = 0x7 };
    Q_DECLARE_FLAGS(Topics, Topic)

    explicit RemoteMonitor(const QString &socketPath, Topics topics = All, QObject *parent = nullptr);
    ~RemoteMonitor() override;

    QString socketPath() const { return m_path; }
    void setReconnect(bool reconnect) { m_reconnect = reconnect; }
    // Starts connecting (again, when reconnecting is off).
    void start();

    bool isAvailable() const override { return m_available; }
    ServerSnapshot server() const override { return m_server; }
    QList<SessionSnapshot> sessions() const override;
    QList<LogEntry> log() const override { return m_log; }

    void disconnectSession(quint64 id, const QString &reason, Done done) override;
    void listUsers(UsersDone done) override;
    void addUser(const QString &name, const QByteArray &password, Done done) override;
    void setPassword(const QString &name, const QByteArray &password, Done done) override;
    void removeUser(const QString &name, Done done) override;

Q_SIGNALS:
    // A connection attempt failed or an established connection broke; `error` is one line
    // that names the socket.
    void connectionFailed(const QString &error);

private:
    using Reply = std::function<void(const QJsonValue &result, const QString &error)>;

    void onConnected();
    void onDisconnected();
    void onError(QLocalSocket::LocalSocketError error);
    void onReadyRead();
    void handleLine(const QByteArray &line);
    void handleEvent(const QJsonObject &event);
    void applySessions(const QJsonObject &event);
    void request(const QString &method, const QJsonObject &params, Reply reply);
    void failPending(const QString &error);
    void lost(const QString &error);
    void setAvailable(bool available);

    QString m_path;
    Topics m_topics;
    QLocalSocket m_socket;
    QTimer m_retry;
    int m_retryDelayMs = 1000;
    bool m_reconnect = true;
    bool m_available = false;
    bool m_subscribed = false;
    QByteArray m_buffer;
    qint64 m_nextId = 1;
    QHash<qint64, Reply> m_pending;

    ServerSnapshot m_server;
    std::map<quint64, SessionSnapshot> m_sessions;
    mutable QList<SessionSnapshot> m_sessionList;
    mutable bool m_sessionListStale = true;
    QList<LogEntry> m_log;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(RemoteMonitor::Topics)

} // namespace qimapd
