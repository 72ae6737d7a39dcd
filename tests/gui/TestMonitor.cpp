#include "TestMonitor.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace qimapd::test {

void TestMonitor::answer(std::function<void()> call)
{
    QTimer::singleShot(0, this, [this, call] {
        call();
        ++callsAnswered;
    });
}

void TestMonitor::disconnectSession(quint64 id, const QString &reason, Done done)
{
    disconnects.append({id, reason});
    answer([this, id, done] {
        const qsizetype before = m_sessions.size();
        m_sessions.removeIf([id](const SessionSnapshot &s) { return s.id == id; });
        if (m_sessions.size() == before) {
            done(u"no session %1"_s.arg(id));
            return;
        }
        Q_EMIT sessionsChanged();
        done({});
    });
}

void TestMonitor::listUsers(UsersDone done)
{
    answer([this, done] { done(users.keys(), {}); });
}

void TestMonitor::addUser(const QString &name, const QByteArray &password, Done done)
{
    answer([this, name, password, done] {
        if (users.contains(name))
            return done(u"user %1 exists"_s.arg(name));
        users.insert(name, password);
        done({});
    });
}

void TestMonitor::setPassword(const QString &name, const QByteArray &password, Done done)
{
    answer([this, name, password, done] {
        if (!users.contains(name))
            return done(u"no user %1"_s.arg(name));
        users.insert(name, password);
        done({});
    });
}

void TestMonitor::removeUser(const QString &name, Done done)
{
    answer([this, name, done] { done(users.remove(name) ? QString() : u"no user %1"_s.arg(name)); });
}

void TestMonitor::setAvailable(bool available)
{
    m_available = available;
    Q_EMIT availableChanged(available);
}

void TestMonitor::setServer(const ServerSnapshot &server)
{
    m_server = server;
    Q_EMIT serverChanged();
}

void TestMonitor::setSessions(const QList<SessionSnapshot> &sessions)
{
    m_sessions = sessions;
    Q_EMIT sessionsChanged();
}

void TestMonitor::appendLog(const LogEntry &entry)
{
    m_log.append(entry);
    Q_EMIT logAppended(entry);
}

} // namespace qimapd::test
