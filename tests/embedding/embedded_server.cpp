// Embedding qimapd: an IMAP server inside your own program
// ========================================================
//
// qimapd is also a library. The `qimapd_server` CMake target holds the whole server (listeners,
// sessions, parser, commands, TLS); a program links it and brings its own parts, as with the
// Perl seed's model_class, auth_class and connection_class options:
//
//     target_link_libraries(my_program PRIVATE qimapd_server)
//
// This example shows the four places where a program plugs in:
//
//   1. the MailStore (models/MailStore.h): where mail lives. WelcomeStore is the memory store
//      plus a welcome message in every new account's INBOX;
//   2. the Authenticator (models/Authenticator.h): who may log in. TableAuthenticator checks a
//      fixed table, in constant time, answering asynchronously as the interface demands;
//   3. the session factory (ImapServer::setSessionFactory): the Session object made for each
//      connection. GreetingSession overrides greeting();
//   4. extra commands (ImapServer::addCommand): XSERVERINFO, a Command subclass with a row in
//      the server's command table (valid states, flags).
//
// The server runs on the calling thread's Qt event loop; everything it does is non-blocking.
// Build and run (the executable is embedded_main.cpp):
//
//     cmake --build build --target embedded_server
//     build/tests/bin/embedded_server --cert certs/server-cert.pem --key certs/server-key.pem
//
// then log in as alice/wonderland or bob/builder (over TLS: LOGIN is refused in the clear), and
// find the welcome message in INBOX. tests/embedding/tst_embedding.cpp checks all of this over
// real sockets.

#include "embedded_server.h"

#include "ImapWire.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QMetaObject>

using namespace Qt::StringLiterals;
using namespace qimapd;

namespace embedded {

// ---- 1. the store ------------------------------------------------------------------------------

WelcomeStore::WelcomeStore(QByteArray welcome) : m_welcome(std::move(welcome)) {}

QByteArray WelcomeStore::defaultWelcome()
{
    return "From: Embedded qimapd <postmaster@localhost>\r\n"
           "To: %USER%@localhost\r\n"
           "Subject: Welcome to your new mailbox\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=us-ascii\r\n"
           "\r\n"
           "Hello %USER%,\r\n"
           "\r\n"
           "this message was put here by the embedding program's own MailStore.\r\n";
}

QString WelcomeStore::kind() const
{
    return u"welcome"_s;
}

StoreResult<qint64> WelcomeStore::openAccount(const QString &user)
{
    StoreResult<qint64> account = MemoryStore::openAccount(user);
    if (!account || m_welcomed.contains(*account))
        return account;
    const StoreResult<MailboxInfo> inbox = mailbox(*account, u"INBOX"_s);
    if (!inbox)
        return inbox.status();
    // A new account is one whose INBOX never had a message (its next UID is still 1).
    if (inbox->uidNext == 1) {
        AppendRequest welcome;
        welcome.message = QByteArray(m_welcome).replace("%USER%", user.toUtf8());
        welcome.internalDate = QDateTime::currentDateTime();
        if (const StoreResult<AppendResult> appended = append(*account, inbox->id, {welcome}); !appended)
            return appended.status();
    }
    // (A deleted account that is opened again gets a new id: a new account, welcomed again.)
    m_welcomed.insert(*account);
    return account;
}

// ---- 2. the authenticator ----------------------------------------------------------------------

namespace {
QByteArray digest(const QByteArray &password)
{
    return QCryptographicHash::hash(password, QCryptographicHash::Sha256);
}

// Equal-length digests compared without an early exit: the time taken does not depend on how
// many leading bytes match.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}
} // namespace

TableAuthenticator::TableAuthenticator(const QHash<QString, QByteArray> &users)
{
    for (auto it = users.cbegin(); it != users.cend(); ++it)
        m_digests.insert(it.key().toLower(), digest(it.value()));
}

void TableAuthenticator::verifyPassword(const QString &user, const QByteArray &password, Callback done)
{
    const QString name = user.toLower();
    const auto it = m_digests.constFind(name);
    const bool known = it != m_digests.cend();
    // Unknown users are compared too, against a digest nobody has, so that the time taken does
    // not tell which users exist.
    static const QByteArray nobody = digest(QByteArrayLiteral("\0no such user\0"));
    const bool match = constantTimeEquals(known ? *it : nobody, digest(password)) && known;

    AuthResult result;
    result.ok = match;
    result.user = match ? name : QString();
    // models/Authenticator.h: `done` is called exactly once, later, on the event loop.
    QMetaObject::invokeMethod(
        &m_context, [done = std::move(done), result] { done(result); }, Qt::QueuedConnection);
}

// ---- 3. the session ----------------------------------------------------------------------------

QByteArray GreetingSession::greeting() const
{
    // RFC 3501 §7.1.1: the greeting may carry the capabilities, which saves clients a round trip.
    return "* OK [CAPABILITY " + server()->capability(*this) + "] Embedded qimapd says hello\r\n";
}

// ---- 4. the extra command ----------------------------------------------------------------------

void ServerInfoCommand::execute()
{
    if (!expectArgCount(0))
        return;
    const QByteArray user = session().user().isEmpty() ? QByteArrayLiteral("NIL")
                                                       : wire::string(session().user().toUtf8());
    untagged("XSERVERINFO (SESSIONS " + QByteArray::number(server().sessions().size()) + " STORE "
             + wire::string(store().kind().toUtf8()) + " USER " + user + ')');
    ok("XSERVERINFO completed");
}

// ---- putting it together -----------------------------------------------------------------------

QHash<QString, QByteArray> exampleUsers()
{
    return {{u"alice"_s, QByteArrayLiteral("wonderland")}, {u"bob"_s, QByteArrayLiteral("builder")}};
}

std::unique_ptr<ImapServer> createServer(ServerConfig config, const QHash<QString, QByteArray> &users,
                                         QObject *parent)
{
    auto server = std::make_unique<ImapServer>(std::move(config), std::make_unique<WelcomeStore>(),
                                               std::make_unique<TableAuthenticator>(users), parent);
    server->setSessionFactory([](ImapServer *owner, QSslSocket *socket, quint64 id, bool implicitTls) -> Session * {
        return new GreetingSession(owner, socket, id, implicitTls);
    });
    server->addCommand("XSERVERINFO", factoryFor<ServerInfoCommand>(), States::Any);
    return server;
}

} // namespace embedded
