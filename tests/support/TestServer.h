#pragma once

#include "ImapServer.h"
#include "ServerConfig.h"

#include <QString>
#include <QTemporaryDir>

#include <functional>
#include <memory>

namespace qimapd {
class Database;
class UserDatabase;
}

namespace qimapd::test {

// A real qimapd server in this process: listening on 127.0.0.1, port 0 (cleartext + STARTTLS)
// and port 0 (implicit TLS), with the test certificate, a store of the given kind ("memory" or
// "sqlite") in a temporary data directory, and users alice/secret and bob/hunter2 in the SQL
// user database. Tests drive it with ImapTestClient, whose waits spin this thread's event loop.
class TestServer
{
public:
    using Tweak = std::function<void(ServerConfig &)>;

    explicit TestServer(const QString &store = QStringLiteral("memory"), Tweak tweak = {});
    ~TestServer();

    // False with error() set when anything fails (certificate, database, listening).
    bool start();
    // Stops and starts again on the same data directory (persistence tests).
    bool restart();
    void stop();

    ImapServer &server() const { return *m_server; }
    quint16 port() const { return m_server->port(); }
    quint16 sslPort() const { return m_server->sslPort(); }
    QString dataDir() const { return m_dir.path(); }
    UserDatabase &users() const { return *m_users; }
    const QString &error() const { return m_error; }

private:
    QString m_storeKind;
    Tweak m_tweak;
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<UserDatabase> m_users;
    std::unique_ptr<ImapServer> m_server;
    QString m_error;
};

} // namespace qimapd::test
