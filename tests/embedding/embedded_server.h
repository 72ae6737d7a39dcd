#pragma once

// The embedding example's classes (see embedded_server.cpp for the walk-through).

#include "Authenticator.h"
#include "Command.h"
#include "ImapServer.h"
#include "MailStore.h"
#include "MemoryStore.h"
#include "ServerConfig.h"
#include "Session.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <memory>

namespace embedded {

// A MailStore of its own: the memory store, plus a welcome message in the INBOX of every
// account that is opened for the first time. Only what differs is overridden; a program can as
// well implement every MailStore call itself (models/MailStore.h), e.g. over its own database.
class WelcomeStore final : public qimapd::MemoryStore
{
public:
    // `welcome` is a whole RFC 5322 message; "%USER%" in it is replaced by the account's name.
    explicit WelcomeStore(QByteArray welcome = defaultWelcome());
    static QByteArray defaultWelcome();

    QString kind() const override;
    qimapd::StoreResult<qint64> openAccount(const QString &user) override;

private:
    QByteArray m_welcome;
    QSet<qint64> m_welcomed; // accounts already looked at
};

// An Authenticator of its own: users from a fixed table. Passwords are compared in constant
// time, and the answer comes later on the event loop, never from inside verifyPassword (the
// contract in models/Authenticator.h). SASL PLAIN comes with the base class.
class TableAuthenticator final : public qimapd::Authenticator
{
public:
    // user name (any case) -> password
    explicit TableAuthenticator(const QHash<QString, QByteArray> &users);

    void verifyPassword(const QString &user, const QByteArray &password, Callback done) override;

private:
    QHash<QString, QByteArray> m_digests; // lower-case name -> SHA-256 of the password
    QObject m_context;                    // pending answers die with the authenticator
};

// The seed's connection_class: a Session of our own, here with its own greeting.
class GreetingSession : public qimapd::Session
{
public:
    using Session::Session;

protected:
    QByteArray greeting() const override;
};

// An extra command (the seed's add_command): XSERVERINFO, valid in every state.
//   C: a XSERVERINFO
//   S: * XSERVERINFO (SESSIONS 2 STORE "welcome" USER "alice")
//   S: a OK XSERVERINFO completed
class ServerInfoCommand : public qimapd::Command
{
protected:
    void execute() override;
};

// The users of the example.
QHash<QString, QByteArray> exampleUsers();

// An ImapServer with all of the above, ready to listen().
std::unique_ptr<qimapd::ImapServer> createServer(qimapd::ServerConfig config,
                                                 const QHash<QString, QByteArray> &users = exampleUsers(),
                                                 QObject *parent = nullptr);

} // namespace embedded
