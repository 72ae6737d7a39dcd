#include "ServerMain.h"
#include "ConfigLoader.h"
#include "DataDirLock.h"
#include "Database.h"
#include "ImapServer.h"
#include "Logging.h"
#include "MemoryStore.h"
#include "PasswordPrompt.h"
#include "Privileges.h"
#include "SignalHandler.h"
#include "SqlAuthenticator.h"
#include "SqliteStore.h"
#include "UserDatabase.h"
#include "mailbox/MailboxName.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTimer>

#include <cstdio>
#include <sys/resource.h>

using namespace Qt::StringLiterals;

namespace qimapd {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("qimapd", text);
}

int fail(const QString &message, int code)
{
    std::fprintf(stderr, "qimapd: %s\n", qPrintable(message));
    return code;
}

// Shared by the server and the user commands: parse, or print help/version/error.
std::optional<int> loadConfig(ConfigLoader &loader, const QStringList &arguments, ServerConfig *config)
{
    switch (loader.load(arguments, config)) {
    case ConfigLoader::Outcome::Ok:
        return std::nullopt;
    case ConfigLoader::Outcome::Help:
        std::fputs(qPrintable(loader.helpText()), stdout);
        return ExitOk;
    case ConfigLoader::Outcome::Version:
        std::printf("qimapd %s\n", QIMAPD_VERSION);
        return ExitOk;
    case ConfigLoader::Outcome::Error:
        break;
    }
    return fail(loader.errorText(), ExitUsage);
}

bool ensureDataDir(const QString &dataDir, QString *error)
{
    if (QDir().mkpath(dataDir))
        return true;
    *error = tr("cannot create data directory %1").arg(dataDir);
    return false;
}

// One descriptor per connection: the usual soft limit of 1,024 would refuse connections long
// before max_connections (DESIGN.md: 10,000 at once), so take the whole hard limit, and say
// when even that is below max_connections.
void raiseDescriptorLimit(const ServerConfig &config)
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    if (limit.rlim_max != RLIM_INFINITY && limit.rlim_max < rlim_t(config.maxConnections))
        qCWarning(lcServer) << "the file descriptor limit" << qulonglong(limit.rlim_max) << "is below max_connections"
                            << config.maxConnections << "- connections beyond it will fail";
}

int runServer(const ServerConfig &config);
int runUserCommand(const QStringList &words, const ServerConfig &config);
int runDeliver(const QStringList &words, const ServerConfig &config);

} // namespace

int run(const QStringList &arguments)
{
    ConfigLoader loader;
    ServerConfig config;
    if (const std::optional<int> exit = loadConfig(loader, arguments, &config))
        return *exit;
    const QStringList words = loader.positionalArguments();
    if (words.isEmpty())
        return runServer(config);
    if (words.first() == u"user"_s)
        return runUserCommand(words, config);
    if (words.first() == u"deliver"_s)
        return runDeliver(words, config);
    return fail(tr("unknown command \"%1\" (try --help)").arg(words.first()), ExitUsage);
}

namespace {

int runServer(const ServerConfig &config)
{
    raiseDescriptorLimit(config);
    QString error;
    if (!privilegesExist(config.user, config.group, &error))
        return fail(error, ExitUsage);
    // Declared in this order so that they are destroyed in the reverse one: the server (its
    // sessions, the store and the authenticator use the database) before the database, and the
    // lock on the data directory last.
    DataDirLock lock(config.dataDir);
    Database database;
    UserDatabase users(database);
    ImapServer server(config);
    // The certificate is checked before anything else: without it nobody can log in.
    if (!server.loadTls(&error))
        return fail(error, ExitUsage);

    // Without a privilege drop, take the data directory first, so a second server on the same
    // directory is told who holds it rather than that the port is busy.
    const bool dropping = !config.user.isEmpty() || !config.group.isEmpty();
    if (!dropping && (!ensureDataDir(config.dataDir, &error) || !lock.acquire(&error)))
        return fail(error, ExitFailure);
    if (!server.listen(&error))
        return fail(error, ExitFailure);
    if (!dropPrivileges(config.user, config.group, &error))
        return fail(error, ExitFailure);
    if (dropping && (!ensureDataDir(config.dataDir, &error) || !lock.acquire(&error)))
        return fail(error, ExitFailure);

    if (const StoreStatus status = database.open(config.dataDir); !status)
        return fail(tr("cannot open the database in %1: %2").arg(config.dataDir, status.message()), ExitFailure);
    std::unique_ptr<MailStore> store;
    if (config.store == u"memory"_s)
        store = std::make_unique<MemoryStore>();
    else
        store = std::make_unique<SqliteStore>(database);
    server.setBackends(std::move(store), std::make_unique<SqlAuthenticator>(users));
    qCInfo(lcServer).noquote() << "qimapd" << QIMAPD_VERSION << "serving" << config.store << "store in"
                               << QDir(config.dataDir).absolutePath();

    SignalHandler signals;
    QObject::connect(&signals, &SignalHandler::terminateRequested, &server, [&server](int signal) {
        qCInfo(lcServer) << "signal" << signal << "received, shutting down";
        server.shutdown("Server shutting down");
        // Sessions flush their BYE; then the loop ends.
        QTimer::singleShot(500, QCoreApplication::instance(), &QCoreApplication::quit);
    });
    // SIGHUP: a renewed certificate and key take effect for new connections without a restart.
    QObject::connect(&signals, &SignalHandler::reloadRequested, &server, [&server] {
        QString reloadError;
        if (server.loadTls(&reloadError))
            qCInfo(lcServer).noquote() << "SIGHUP: reloaded TLS certificate" << server.tls().certificate().subjectDisplayName()
                                       << "expiring" << server.tls().certificate().expiryDate().toString(Qt::ISODate);
        else
            qCWarning(lcServer).noquote() << "SIGHUP: keeping the current certificate:" << reloadError;
    });
    const int code = QCoreApplication::exec();
    return code;
}

int runUserCommand(const QStringList &words, const ServerConfig &config)
{
    // words: "user", action, [name]
    const QString action = words.value(1);
    const bool needsName = action == u"add"_s || action == u"passwd"_s || action == u"del"_s;
    if (!needsName && action != u"list"_s)
        return fail(tr("usage: qimapd user add|passwd|del NAME, or qimapd user list"), ExitUsage);
    if (words.size() != (needsName ? 3 : 2))
        return fail(tr("usage: qimapd user %1%2").arg(action, needsName ? u" NAME"_s : QString()), ExitUsage);
    const QString name = words.value(2);

    QString error;
    // A bad name is refused before anyone is asked for a password.
    if (needsName && !UserDatabase::canonicalName(name, &error))
        return fail(error, ExitUsage);
    if (!ensureDataDir(config.dataDir, &error))
        return fail(error, ExitFailure);
    Database database;
    if (const StoreStatus status = database.open(config.dataDir); !status)
        return fail(tr("cannot open the database in %1: %2").arg(config.dataDir, status.message()), ExitFailure);
    UserDatabase users(database);

    auto report = [&](const StoreStatus &status, const QString &done) {
        if (!status)
            return fail(status.message(), status.error() == StoreError::Unavailable ? ExitFailure : ExitUsage);
        std::printf("%s\n", qPrintable(done));
        return int(ExitOk);
    };

    if (action == u"list"_s) {
        const StoreResult<QStringList> names = users.users();
        if (!names)
            return fail(names.message(), ExitFailure);
        for (const QString &user : *names)
            std::printf("%s\n", qPrintable(user));
        return ExitOk;
    }
    if (action == u"del"_s) {
        if (StoreStatus status = users.removeUser(name); !status)
            return report(status, QString());
        // The account's mail goes with the user; nothing else can reach it.
        SqliteStore store(database);
        if (StoreStatus status = store.deleteAccount(name.toLower());
            !status && status.error() != StoreError::NotFound)
            return fail(status.message(), ExitFailure);
        std::printf("%s\n", qPrintable(tr("deleted user %1 and their mail").arg(name.toLower())));
        return ExitOk;
    }

    const std::optional<QByteArray> password = readNewPassword(&error);
    if (!password)
        return fail(error, ExitUsage);
    if (action == u"add"_s)
        return report(users.addUser(name, *password), tr("added user %1").arg(name.toLower()));
    return report(users.setPassword(name, *password), tr("changed the password of %1").arg(name.toLower()));
}

// `qimapd deliver USER [MAILBOX] < message`: what an MTA (Postfix's pipe, a sieve filter) runs
// to put one message into a mailbox. A running server on the same data directory sees it at
// once (it watches the database) or within poll_every. Exit codes follow sysexits(3), which
// MTAs understand: 67 no such user, 65 unacceptable message, 75 try again later.
int runDeliver(const QStringList &words, const ServerConfig &config)
{
    constexpr int ExitNoUser = 67;
    constexpr int ExitDataError = 65;
    constexpr int ExitTempFail = 75;
    if (words.size() < 2 || words.size() > 3)
        return fail(tr("usage: qimapd deliver USER [MAILBOX] < message"), ExitUsage);
    if (config.store != u"sqlite"_s)
        return fail(tr("deliver needs the sqlite store (a memory store lives only inside its server)"), ExitUsage);
    QString error;
    const std::optional<QString> user = UserDatabase::canonicalName(words.at(1), &error);
    if (!user)
        return fail(error, ExitNoUser);
    QString mailboxName = u"INBOX"_s;
    if (words.size() == 3) {
        QByteArray nameError;
        const std::optional<QString> name =
            mailboxname::canonical(mailboxname::encodeModifiedUtf7(words.at(2)), mailboxname::Use::Existing, &nameError);
        if (!name)
            return fail(QString::fromUtf8(nameError), ExitUsage);
        mailboxName = *name;
    }

    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return fail(tr("cannot read the message from standard input"), ExitTempFail);
    const QByteArray message = input.read(config.appendLimit + 1);
    if (message.isEmpty())
        return fail(tr("no message on standard input"), ExitDataError);
    if (message.size() > config.appendLimit)
        return fail(tr("the message is larger than the append limit of %1 bytes").arg(config.appendLimit), ExitDataError);

    if (!ensureDataDir(config.dataDir, &error))
        return fail(error, ExitTempFail);
    Database database;
    if (const StoreStatus status = database.open(config.dataDir); !status)
        return fail(tr("cannot open the database in %1: %2").arg(config.dataDir, status.message()), ExitTempFail);
    UserDatabase users(database);
    const StoreResult<std::optional<QByteArray>> known = users.passwordHash(*user);
    if (!known)
        return fail(known.message(), ExitTempFail);
    if (!known->has_value())
        return fail(tr("no user %1").arg(*user), ExitNoUser);

    SqliteStore store(database);
    const StoreResult<qint64> account = store.openAccount(*user);
    if (!account)
        return fail(account.message(), ExitTempFail);
    StoreResult<MailboxInfo> mailbox = store.mailbox(*account, mailboxName);
    if (!mailbox || mailbox->noSelect) {
        // Mail is never lost to a typo in a filter: it goes to INBOX instead.
        std::fprintf(stderr, "qimapd: %s\n",
                     qPrintable(tr("no mailbox %1 for %2, delivering to INBOX").arg(mailboxName, *user)));
        mailboxName = u"INBOX"_s;
        mailbox = store.mailbox(*account, mailboxName);
        if (!mailbox)
            return fail(mailbox.message(), ExitTempFail);
    }
    const StoreResult<AppendResult> appended = store.append(*account, mailbox->id, {AppendRequest{message, {}, {}}});
    if (!appended)
        return fail(appended.message(), appended.error() == StoreError::Limit ? ExitDataError : ExitTempFail);
    std::printf("%s\n", qPrintable(tr("delivered UID %1 to %2 of %3").arg(appended->uids.first()).arg(mailboxName, *user)));
    return ExitOk;
}

} // namespace

} // namespace qimapd
