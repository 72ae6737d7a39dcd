#include "SharedServerHarness.h"

#include "ImapServer.h"
#include "MailStore.h"
#include "Session.h"

#include <QHash>
#include <QTest>

namespace qimapd::test {

bool SharedServerHarness::useStore(const QString &store)
{
    Backend &backend = m_backends[store];
    if (!backend.server) {
        backend.server = std::make_unique<TestServer>(store);
        if (!backend.server->start()) {
            qWarning("cannot start the %s server: %s", qPrintable(store), qPrintable(backend.server->error()));
            backend.server.reset();
            return false;
        }
    }
    m_backend = &backend;
    return resetAccounts();
}

void SharedServerHarness::shutdown()
{
    for (auto &[store, backend] : m_backends) {
        backend.alice.clear();
        backend.bob.reset();
        backend.server.reset();
    }
    m_backend = nullptr;
}

std::unique_ptr<ImapTestClient> SharedServerHarness::connectAndLogin(const QByteArray &user, const QByteArray &password)
{
    auto client = std::make_unique<ImapTestClient>();
    if (!client->connectTo(m_backend->server->sslPort(), ImapTestClient::Mode::ImplicitTls)
        || !client->login(user, password)) {
        qWarning("cannot log in as %s: %s", user.constData(), qPrintable(client->lastError()));
        return nullptr;
    }
    return client;
}

ImapTestClient *SharedServerHarness::alice(size_t i)
{
    std::vector<std::unique_ptr<ImapTestClient>> &pool = m_backend->alice;
    if (pool.size() <= i)
        pool.resize(i + 1);
    if (!pool[i] || !pool[i]->isConnected())
        pool[i] = connectAndLogin("alice", "secret");
    return pool[i].get();
}

ImapTestClient *SharedServerHarness::bob()
{
    if (!m_backend->bob || !m_backend->bob->isConnected())
        m_backend->bob = connectAndLogin("bob", "hunter2");
    return m_backend->bob.get();
}

bool SharedServerHarness::restartServer()
{
    m_backend->alice.clear();
    m_backend->bob.reset();
    if (!m_backend->server->restart()) {
        qWarning("%s", qPrintable(m_backend->server->error()));
        return false;
    }
    return true;
}

bool SharedServerHarness::resetAccounts()
{
    ImapServer &imap = server();
    for (Session *session : imap.sessions())
        session->deselect();
    const auto drain = [](ImapTestClient *client) {
        return !client || !client->isConnected() || !client->command("sync", "NOOP").isEmpty();
    };
    for (const auto &client : m_backend->alice) {
        if (!drain(client.get()))
            return false;
    }
    if (!drain(m_backend->bob.get()))
        return false;
    QHash<QString, qint64> accounts;
    for (const QString &user : {QStringLiteral("alice"), QStringLiteral("bob")}) {
        imap.store().deleteAccount(user); // NotFound the first time
        const StoreResult<qint64> account = imap.store().openAccount(user);
        if (!account)
            return false;
        accounts.insert(user, *account);
    }
    for (Session *session : imap.sessions()) {
        if (session->state() == SessionState::Authenticated)
            session->setAuthenticated(session->user(), accounts.value(session->user()));
    }
    return true;
}

QByteArrayList SharedServerHarness::run(ImapTestClient &client, const QByteArray &command, int timeoutMs)
{
    const QByteArray tag = "t" + QByteArray::number(++m_tag);
    return client.command(tag, command, timeoutMs);
}

bool SharedServerHarness::succeeds(ImapTestClient &client, const QByteArray &command)
{
    const QByteArray tag = "s" + QByteArray::number(++m_tag);
    const QByteArrayList reply = client.command(tag, command);
    if (!reply.isEmpty() && reply.last().startsWith(QByteArray(tag + " OK")))
        return true;
    qWarning("%s -> %s", command.constData(), reply.join(" | ").constData());
    return false;
}

QByteArrayList SharedServerHarness::append(ImapTestClient &client, const QByteArray &tag, const QByteArray &mailbox,
                                           const QByteArray &body, const QByteArray &options)
{
    client.send(tag + " APPEND " + mailbox + (options.isEmpty() ? QByteArray() : ' ' + options) + " {"
                + QByteArray::number(body.size()) + "+}\r\n" + body + "\r\n");
    return client.readUntilTagged(tag);
}

QByteArray SharedServerHarness::status(ImapTestClient &client, const QByteArray &mailbox, const QByteArray &items)
{
    const QByteArrayList reply = run(client, "STATUS " + mailbox + " (" + items + ')');
    if (reply.size() == 2)
        return reply.first();
    return reply.isEmpty() ? QByteArray("(no reply)") : reply.last().mid(reply.last().indexOf(' ') + 1);
}

quint32 SharedServerHarness::uidValidity(ImapTestClient &client, const QByteArray &mailbox)
{
    const QByteArray line = status(client, mailbox, "UIDVALIDITY");
    const qsizetype at = line.indexOf("(UIDVALIDITY ");
    if (at < 0 || !line.endsWith(')'))
        return 0;
    return line.mid(at + 13, line.size() - at - 14).toUInt();
}

void PerStoreServerTest::initTestCase_data()
{
    QTest::addColumn<QString>("store");
    QTest::newRow("memory") << QStringLiteral("memory");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
}

void PerStoreServerTest::init()
{
    QFETCH_GLOBAL(QString, store);
    QVERIFY(useStore(store));
}

void PerStoreServerTest::cleanupTestCase()
{
    shutdown();
}

} // namespace qimapd::test
