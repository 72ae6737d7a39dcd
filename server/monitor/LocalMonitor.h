#pragma once

#include "Monitor.h"

#include <QHash>
#include <QSet>
#include <QThreadPool>
#include <QTimer>

#include <map>

namespace qimapd {

class ImapServer;
class LogRing;
class Session;

// The Monitor of the server in this process (the dashboard of `qimapd` with a display, and the
// admin socket, which serves exactly these snapshots to `qimapd sessions` and remote
// dashboards).
//
// Cost: it follows the server's and the sessions' signals, and each only marks something
// stale and starts a single-shot timer; sessionsChanged()/serverChanged() come when the timer
// fires, at most 1000/refreshInterval() times a second however busy the server is. Snapshots
// are built lazily when someone asks, and only for the sessions that changed since (the others
// just get their counters and idle time refreshed). So a thousand busy sessions cost a hash
// insert per event when nobody looks, and nothing is formatted for them.
//
// Idle times grow without any event: while something listens to sessionsChanged(), it is
// emitted once a second so that idle columns move.
//
// User operations run on a thread of their own with their own database connection (a
// yescrypt hash costs ~16 ms, a DELETE of a big account more); `done` runs on the loop.
class LocalMonitor : public Monitor
{
    Q_OBJECT
public:
    // `log` may be null (no log capture). Both must outlive the monitor.
    LocalMonitor(ImapServer &server, LogRing *log, QObject *parent = nullptr);
    ~LocalMonitor() override;

    static constexpr int DefaultRefreshIntervalMs = 250; // at most 4 updates a second
    void setRefreshInterval(int ms) { m_refresh.setInterval(ms); }
    int refreshInterval() const { return m_refresh.interval(); }

    bool isAvailable() const override { return true; }
    ServerSnapshot server() const override;
    QList<SessionSnapshot> sessions() const override;
    QList<LogEntry> log() const override;

    void disconnectSession(quint64 id, const QString &reason, Done done) override;
    void listUsers(UsersDone done) override;
    void addUser(const QString &name, const QByteArray &password, Done done) override;
    void setPassword(const QString &name, const QByteArray &password, Done done) override;
    void removeUser(const QString &name, Done done) override;

    // The text a kicked client reads after "* BYE ": one line of printable ASCII (RFC 3501
    // §9, TEXT-CHAR), at most 200 characters; never translated (protocol text).
    static QByteArray byeText(const QString &reason);

    // How many snapshots were built in full so far (tests: the laziness is real).
    quint64 snapshotsBuilt() const { return m_snapshotsBuilt; }

private:
    void watch(Session *session);
    void sessionTouched(Session *session);
    void sessionsMoved();
    void serverTouched();
    void schedule();
    void flush();
    void onIdleTick();
    void onLogAppended();
    SessionSnapshot buildSnapshot(const Session &session) const;
    void refreshSessions() const;
    // Runs `work` off the loop; its result string (empty: success) goes to `done` on the loop.
    void runUserTask(std::function<QString()> work, Done done);

    ImapServer &m_server;
    LogRing *m_log;
    QTimer m_refresh;
    QTimer m_idleTick;
    bool m_sessionsPending = false;
    bool m_serverPending = false;
    quint64 m_logSequence = 0;

    // The caches; built on demand from const accessors.
    mutable std::map<quint64, SessionSnapshot> m_snapshots;
    mutable QList<SessionSnapshot> m_sessionList;
    mutable QSet<quint64> m_dirty;
    mutable bool m_sessionsStale = true;
    mutable ServerSnapshot m_serverSnapshot;
    mutable bool m_serverStale = true;
    mutable quint64 m_snapshotsBuilt = 0;

    QThreadPool m_userPool;
};

} // namespace qimapd
