#pragma once

#include "monitor/Monitor.h"

#include <QMap>

namespace qimapd::test {

// A Monitor whose state the test sets, for the dashboard's widget and model tests. It records
// the actions the dashboard asks for and answers them on the event loop, later, as the real
// monitors do (never from inside the call).
class TestMonitor : public Monitor
{
    Q_OBJECT
public:
    using Monitor::Monitor;

    bool isAvailable() const override { return m_available; }
    ServerSnapshot server() const override { return m_server; }
    QList<SessionSnapshot> sessions() const override { return m_sessions; }
    QList<LogEntry> log() const override { return m_log; }

    void disconnectSession(quint64 id, const QString &reason, Done done) override;
    void listUsers(UsersDone done) override;
    void addUser(const QString &name, const QByteArray &password, Done done) override;
    void setPassword(const QString &name, const QByteArray &password, Done done) override;
    void removeUser(const QString &name, Done done) override;

    // Test side.
    void setAvailable(bool available);
    void setServer(const ServerSnapshot &server);
    void setSessions(const QList<SessionSnapshot> &sessions); // emits sessionsChanged
    void appendLog(const LogEntry &entry);

    struct Disconnect
    {
        quint64 id;
        QString reason;
    };
    QList<Disconnect> disconnects;
    QMap<QString, QByteArray> users; // name → password
    int callsAnswered = 0;

private:
    void answer(std::function<void()> call);

    bool m_available = true;
    ServerSnapshot m_server;
    QList<SessionSnapshot> m_sessions;
    QList<LogEntry> m_log;
};

} // namespace qimapd::test
