#include "TestServer.h"
#include "Database.h"
#include "MemoryStore.h"
#include "SqlAuthenticator.h"
#include "SqliteStore.h"
#include "TestCertificate.h"
#include "UserDatabase.h"

using namespace Qt::StringLiterals;

namespace qimapd::test {

TestServer::TestServer(const QString &store, Tweak tweak) : m_storeKind(store), m_tweak(std::move(tweak)) {}

TestServer::~TestServer()
{
    stop();
}

void TestServer::stop()
{
    m_server.reset();
    m_users.reset();
    m_database.reset();
}

bool TestServer::start()
{
    const TestCertificate &certificate = TestCertificate::instance();
    if (!certificate.isValid()) {
        m_error = certificate.error();
        return false;
    }
    ServerConfig config;
    config.listen = {QHostAddress(QHostAddress::LocalHost)};
    config.port = 0;
    config.sslPort = 0;
    config.sslPortEnabled = true;
    config.certPath = certificate.certPath();
    config.keyPath = certificate.keyPath();
    config.dataDir = m_dir.path();
    config.store = m_storeKind;
    config.loginFailureDelayMs = 20; // keeps failure tests fast; the delay itself is tested apart
    config.maxLoginFailureDelayMs = 100;
    if (m_tweak)
        m_tweak(config);

    m_database = std::make_unique<Database>();
    if (const StoreStatus status = m_database->open(m_dir.path()); !status) {
        m_error = status.message();
        return false;
    }
    m_users = std::make_unique<UserDatabase>(*m_database);
    for (const auto &[user, password] : {std::pair{u"alice"_s, QByteArray("secret")}, std::pair{u"bob"_s, QByteArray("hunter2")}}) {
        const StoreStatus added = m_users->addUser(user, password);
        if (!added && added.error() != StoreError::AlreadyExists) {
            m_error = added.message();
            return false;
        }
    }
    std::unique_ptr<MailStore> store;
    if (m_storeKind == u"sqlite"_s)
        store = std::make_unique<SqliteStore>(*m_database);
    else
        store = std::make_unique<MemoryStore>();
    m_server = std::make_unique<ImapServer>(config, std::move(store), std::make_unique<SqlAuthenticator>(*m_users));
    if (!m_server->listen(&m_error))
        return false;
    return true;
}

bool TestServer::restart()
{
    stop();
    return start();
}

} // namespace qimapd::test
