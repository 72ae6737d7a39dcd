#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace qimapd {

// What an administrator sees of a running server (issue 5): the dashboard, `qimapd sessions`
// and `qimapd kick` all read this one interface. It has two implementations: LocalMonitor,
// in the server's process, and RemoteMonitor, which talks to a running server over its admin
// socket. Everything here is plain data that survives a round trip through JSON, so both
// implementations give the same answers.

// One command a session ran, credentials already redacted by the session.
struct CommandSnapshot
{
    QDateTime startedAt;
    QString text;   // "a1 SELECT INBOX", "a2 LOGIN alice ***"
    QString result; // "OK", "NO", "BAD"; empty while running

    QJsonObject toJson() const;
    static CommandSnapshot fromJson(const QJsonObject &object);
    bool operator==(const CommandSnapshot &) const = default;
};

// One live connection.
struct SessionSnapshot
{
    quint64 id = 0;
    QString peerAddress; // "192.0.2.7"
    quint16 peerPort = 0;
    QString tls;         // "TLSv1.3 TLS_AES_256_GCM_SHA384", or empty for a plain connection
    QString user;        // empty until authenticated
    QString state;       // "not authenticated", "authenticated", "selected", "logout"
    QString mailbox;     // selected mailbox name, empty when none
    bool readOnly = false;
    QList<quint32> pendingExpunges; // sequence numbers this session has not yet been told
    QDateTime connectedAt;
    qint64 idleMs = 0;
    QString currentCommand; // "IDLE", "FETCH"; empty between commands
    quint64 commands = 0;
    quint64 bytesIn = 0;
    quint64 bytesOut = 0;
    QString clientName;    // from ID (RFC 2971), empty when none was sent
    QString clientVersion;
    QList<CommandSnapshot> recentCommands; // oldest first, bounded

    QJsonObject toJson() const;
    static SessionSnapshot fromJson(const QJsonObject &object);
    bool operator==(const SessionSnapshot &) const = default;
};

struct ListenerSnapshot
{
    QString address;
    quint16 port = 0;
    bool implicitTls = false;

    QJsonObject toJson() const;
    static ListenerSnapshot fromJson(const QJsonObject &object);
    bool operator==(const ListenerSnapshot &) const = default;
};

// The server as a whole.
struct ServerSnapshot
{
    QString version;
    qint64 pid = 0;
    QString dataDir;
    QDateTime startedAt;
    QList<ListenerSnapshot> listeners;
    QString certificateSubject;
    QDateTime certificateExpiry;
    quint64 totalConnections = 0; // since start
    quint64 totalCommands = 0;
    quint64 failedLogins = 0;

    QJsonObject toJson() const;
    static ServerSnapshot fromJson(const QJsonObject &object);
    bool operator==(const ServerSnapshot &) const = default;
};

// One line of the server's own log (the qimapd.* categories).
struct LogEntry
{
    QDateTime time;
    QString category; // "qimapd.server"
    QString level;    // "debug", "info", "warning", "critical"
    QString message;

    QJsonObject toJson() const;
    static LogEntry fromJson(const QJsonObject &object);
    bool operator==(const LogEntry &) const = default;
};

class Monitor : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const QString &error)>; // empty error: it worked
    using UsersDone = std::function<void(const QStringList &users, const QString &error)>;

    using QObject::QObject;
    ~Monitor() override = default;

    // False while a remote monitor is not (or no longer) connected.
    virtual bool isAvailable() const = 0;

    // The latest state. Cheap: served from what the monitor already holds.
    virtual ServerSnapshot server() const = 0;
    virtual QList<SessionSnapshot> sessions() const = 0;
    // The most recent log lines, oldest first (a bounded ring buffer).
    virtual QList<LogEntry> log() const = 0;

    // Actions. Each answers once through `done`, later, on the event loop; none blocks.
    // Ends a session with `* BYE reason`.
    virtual void disconnectSession(quint64 id, const QString &reason, Done done) = 0;
    virtual void listUsers(UsersDone done) = 0;
    virtual void addUser(const QString &name, const QByteArray &password, Done done) = 0;
    virtual void setPassword(const QString &name, const QByteArray &password, Done done) = 0;
    virtual void removeUser(const QString &name, Done done) = 0;

Q_SIGNALS:
    // Coalesced: at most a few times a second however busy the server is. After it,
    // sessions() and server() hold the new state.
    void sessionsChanged();
    void serverChanged();
    void logAppended(const qimapd::LogEntry &entry);
    void availableChanged(bool available);
};

} // namespace qimapd
