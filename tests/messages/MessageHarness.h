#pragma once

#include "ImapServer.h"
#include "ImapTestClient.h"
#include "MailStore.h"
#include "Session.h"
#include "TestServer.h"

#include <QTest>

#include <map>
#include <memory>
#include <vector>

namespace qimapd::test {

// Shared plumbing of the message-command protocol tests (tests/messages): one in-process
// server per store for the whole run, logged-in clients reused from row to row (a fresh login
// costs a password hash), and brand-new accounts for alice and bob before each row, so that
// every row starts from an INBOX nobody has touched. The test classes add the IMAP.
class MessageHarness
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
    bool useStore(const QString &store)
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

    void shutdown()
    {
        for (auto &[store, backend] : m_backends) {
            backend.alice.clear();
            backend.bob.reset();
            backend.server.reset();
        }
        m_backend = nullptr;
    }

    TestServer &testServer() const { return *m_backend->server; }
    ImapServer &server() const { return m_backend->server->server(); }

    std::unique_ptr<ImapTestClient> connectAndLogin(const QByteArray &user, const QByteArray &password)
    {
        auto client = std::make_unique<ImapTestClient>();
        if (!client->connectTo(m_backend->server->sslPort(), ImapTestClient::Mode::ImplicitTls)
            || !client->login(user, password)) {
            qWarning("cannot log in as %s: %s", user.constData(), qPrintable(client->lastError()));
            return nullptr;
        }
        return client;
    }

    // The i-th client logged in as alice (each a session of its own), connecting it if needed.
    ImapTestClient *alice(size_t i)
    {
        std::vector<std::unique_ptr<ImapTestClient>> &pool = m_backend->alice;
        if (pool.size() <= i)
            pool.resize(i + 1);
        if (!pool[i] || !pool[i]->isConnected())
            pool[i] = connectAndLogin("alice", "secret");
        return pool[i].get();
    }

    ImapTestClient *bob()
    {
        if (!m_backend->bob || !m_backend->bob->isConnected())
            m_backend->bob = connectAndLogin("bob", "hunter2");
        return m_backend->bob.get();
    }

    // Stops the server and starts it again on the same data; the clients go with it.
    bool restartServer()
    {
        m_backend->alice.clear();
        m_backend->bob.reset();
        if (!m_backend->server->restart()) {
            qWarning("%s", qPrintable(m_backend->server->error()));
            return false;
        }
        return true;
    }

    // Every live session leaves its mailbox (without expunging) and is pointed at a new, empty
    // account of its user; what a client had not read yet is discarded.
    bool resetAccounts()
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

    // Runs `command` and returns every response; tags are numbered per run.
    QByteArrayList run(ImapTestClient &client, const QByteArray &command, int timeoutMs = 10000)
    {
        const QByteArray tag = "t" + QByteArray::number(++m_tag);
        return client.command(tag, command, timeoutMs);
    }

    // True when `command` ends in a tagged OK; says what came instead otherwise.
    bool succeeds(ImapTestClient &client, const QByteArray &command)
    {
        const QByteArray tag = "s" + QByteArray::number(++m_tag);
        const QByteArrayList reply = client.command(tag, command);
        if (!reply.isEmpty() && reply.last().startsWith(QByteArray(tag + " OK")))
            return true;
        qWarning("%s -> %s", command.constData(), reply.join(" | ").constData());
        return false;
    }

    // APPEND with a LITERAL+ message (RFC 7888); `options` are the flag list and date, if any.
    QByteArrayList append(ImapTestClient &client, const QByteArray &tag, const QByteArray &mailbox,
                          const QByteArray &body, const QByteArray &options = {})
    {
        client.send(tag + " APPEND " + mailbox + (options.isEmpty() ? QByteArray() : ' ' + options) + " {"
                    + QByteArray::number(body.size()) + "+}\r\n" + body + "\r\n");
        return client.readUntilTagged(tag);
    }

    // APPEND that must succeed; the untagged responses it caused (EXISTS, RECENT when the
    // mailbox is selected) are dropped.
    bool appended(ImapTestClient &client, const QByteArray &mailbox, const QByteArray &body,
                  const QByteArray &options = {})
    {
        const QByteArray tag = "ap" + QByteArray::number(++m_tag);
        const QByteArrayList reply = append(client, tag, mailbox, body, options);
        if (!reply.isEmpty() && reply.last().startsWith(QByteArray(tag + " OK [APPENDUID ")))
            return true;
        qWarning("APPEND %s %s -> %s", mailbox.constData(), options.constData(), reply.join(" | ").constData());
        return false;
    }

    // A small message of its own for each n.
    static QByteArray note(int n)
    {
        return "From: alice@example.org\r\nSubject: note " + QByteArray::number(n) + "\r\n\r\nBody "
            + QByteArray::number(n) + "\r\n";
    }

    // Appends `count` small messages (note(1)...) to `mailbox`.
    bool appendNotes(ImapTestClient &client, const QByteArray &mailbox, int count, const QByteArray &options = {})
    {
        for (int n = 1; n <= count; ++n) {
            if (!appended(client, mailbox, note(n), options))
                return false;
        }
        return true;
    }

    quint32 uidValidity(ImapTestClient &client, const QByteArray &mailbox)
    {
        const QByteArrayList reply = run(client, "STATUS " + mailbox + " (UIDVALIDITY)");
        if (reply.size() != 2)
            return 0;
        const QByteArray &line = reply.first();
        const qsizetype at = line.indexOf("(UIDVALIDITY ");
        if (at < 0 || !line.endsWith(')'))
            return 0;
        return line.mid(at + 13, line.size() - at - 14).toUInt();
    }

    // SELECT (or EXAMINE) that must succeed; the responses are dropped.
    bool selected(ImapTestClient &client, const QByteArray &mailbox, const QByteArray &command = "SELECT")
    {
        return succeeds(client, command + ' ' + mailbox);
    }

    std::map<QString, Backend> m_backends;
    Backend *m_backend = nullptr;
    int m_tag = 0;
};

} // namespace qimapd::test
