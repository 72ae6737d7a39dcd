#pragma once

#include "ImapTestClient.h"
#include "TestServer.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QObject>
#include <QString>

#include <map>
#include <memory>
#include <vector>

namespace qimapd::test {

// Shared plumbing of the protocol tests that run every row against a server of each store:
// one in-process server per store for the whole run, logged-in clients reused from row to row
// (a fresh login costs a password hash, and there are hundreds of rows), and brand-new
// accounts for alice and bob before each row (resetAccounts()), so that every row starts from
// an INBOX nobody has touched. The test classes add the IMAP.
class SharedServerHarness
{
protected:
    struct Backend
    {
        std::unique_ptr<TestServer> server;
        std::vector<std::unique_ptr<ImapTestClient>> alice;
        std::unique_ptr<ImapTestClient> bob;
    };

    // Starts the server for `store` if needed and resets the accounts; false (with a warning)
    // when anything fails.
    bool useStore(const QString &store);
    // Every client and server goes.
    void shutdown();

    TestServer &testServer() const { return *m_backend->server; }
    ImapServer &server() const { return m_backend->server->server(); }

    std::unique_ptr<ImapTestClient> connectAndLogin(const QByteArray &user, const QByteArray &password);
    // The i-th client logged in as alice (each a session of its own), connecting it if needed.
    ImapTestClient *alice(size_t i);
    ImapTestClient *bob();

    // Stops the server and starts it again on the same data; the clients go with it.
    bool restartServer();

    // Every live session leaves its mailbox (without expunging) and is pointed at a new, empty
    // account of its user; what a client had not read yet is discarded.
    bool resetAccounts();

    // Runs `command` and returns every response; tags are numbered per run.
    QByteArrayList run(ImapTestClient &client, const QByteArray &command, int timeoutMs = 10000);

    // True when `command` ends in a tagged OK; says what came instead otherwise.
    bool succeeds(ImapTestClient &client, const QByteArray &command);

    // APPEND with a LITERAL+ message (RFC 7888); `options` are the flag list and date, if any.
    // Every response up to the tagged one.
    QByteArrayList append(ImapTestClient &client, const QByteArray &tag, const QByteArray &mailbox,
                          const QByteArray &body, const QByteArray &options = {});

    // The STATUS response line for `mailbox`; when there is none, the tagged reply without its
    // tag ("NO [NONEXISTENT] ...").
    QByteArray status(ImapTestClient &client, const QByteArray &mailbox, const QByteArray &items);

    // The mailbox's UIDVALIDITY by STATUS; 0 when STATUS fails.
    quint32 uidValidity(ImapTestClient &client, const QByteArray &mailbox);

    std::map<QString, Backend> m_backends;
    Backend *m_backend = nullptr;
    int m_tag = 0;
};

// A Qt Test class on a SharedServerHarness: every test function runs once per store
// (initTestCase_data: "memory" and "sqlite"; the stores must behave the same), each row on
// fresh accounts (init). Derive from it, add Q_OBJECT and the test functions.
class PerStoreServerTest : public QObject, protected SharedServerHarness
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanupTestCase();
};

} // namespace qimapd::test
