#include "ServerMain.h"
#include "AdminCommand.h"
#include "ConfigLoader.h"
#include "ConfigReload.h"
#include "DataDirLock.h"
#include "Database.h"
#include "ImapServer.h"
#include "LogOutput.h"
#include "Logging.h"
#include "MemoryStore.h"
#include "PasswordPrompt.h"
#include "PidFile.h"
#include "Privileges.h"
#include "SignalHandler.h"
#include "SqlAuthenticator.h"
#include "SqliteStore.h"
#include "UserDatabase.h"
#include "mailbox/MailboxName.h"
#include "monitor/AdminServer.h"
#include "monitor/AdminService.h"
#include "monitor/RemoteMonitor.h"
#include "monitor/LocalMonitor.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSslCertificate>
#include <QTimer>

#include <cstdio>
#include <utility>
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

int runServer(const ServerConfig &config, const QStringList &arguments, const Frontend &frontend);
int runCheckConfig(ConfigLoader &loader, const ServerConfig &config);
int runUserCommand(const QStringList &words, const ServerConfig &config);
int runDeliver(const QStringList &words, const ServerConfig &config);
int runDashboard(const QStringList &words, const ServerConfig &config, const Frontend &frontend);

} // namespace

int run(const QStringList &arguments, const Frontend &frontend)
{
    ConfigLoader loader;
    ServerConfig config;
    const ConfigLoader::Outcome outcome = loader.load(arguments, &config);
    if (loader.isCheckConfig() && (outcome == ConfigLoader::Outcome::Ok || outcome == ConfigLoader::Outcome::Error))
        return runCheckConfig(loader, config);
    switch (outcome) {
    case ConfigLoader::Outcome::Ok:
        break;
    case ConfigLoader::Outcome::Help:
        std::fputs(qPrintable(loader.helpText()), stdout);
        return ExitOk;
    case ConfigLoader::Outcome::Version:
        std::printf("qimapd %s\n", QIMAPD_VERSION);
        return ExitOk;
    case ConfigLoader::Outcome::Error:
        return fail(loader.errorText(), ExitUsage);
    }
    const QStringList words = loader.positionalArguments();
    if (const QString misplaced = AdminCommand::misplacedOption(loader, words); !misplaced.isEmpty())
        return fail(misplaced, ExitUsage);
    if (words.isEmpty())
        return runServer(config, arguments, frontend);
    if (words.first() == u"user"_s)
        return runUserCommand(words, config);
    if (words.first() == u"deliver"_s)
        return runDeliver(words, config);
    if (AdminCommand::handles(words.first()))
        return AdminCommand::run(words, loader, config);
    if (words.first() == u"dashboard"_s)
        return runDashboard(words, config, frontend);
    return fail(tr("unknown command \"%1\" (try --help)").arg(words.first()), ExitUsage);
}

namespace {

// `qimapd --check-config [--config FILE] [options]`: every problem on its own line, naming the
// key (or option), then exit 2; or "configuration OK" and exit 0. Beyond the values it checks
// what a start would need: the certificate and key, the user and group.
int runCheckConfig(ConfigLoader &loader, const ServerConfig &config)
{
    QStringList problems = loader.errors();
    // Unreadable file or bad command line: nothing more can be checked.
    if (!loader.isComplete())
        return fail(problems.value(0), ExitUsage);
    if (!loader.positionalArguments().isEmpty())
        problems.append(tr("--check-config takes no command (got \"%1\")").arg(loader.positionalArguments().first()));
    if (!QFileInfo(config.certPath).isReadable() || QSslCertificate::fromPath(config.certPath).isEmpty()) {
        problems.append(tr("cert: no readable PEM certificate at %1").arg(config.certPath));
    } else {
        TlsContext tls;
        QString error;
        if (!tls.load(config.certPath, config.keyPath, &error))
            problems.append(u"key: "_s + error);
    }
    QString error;
    if (!config.user.isEmpty() && !privilegesExist(config.user, QString(), &error))
        problems.append(u"user: "_s + error);
    if (!config.group.isEmpty() && !privilegesExist(QString(), config.group, &error))
        problems.append(u"group: "_s + error);
    if (const QFileInfo dir(config.dataDir); dir.exists() && !dir.isDir())
        problems.append(tr("data_dir: %1 is not a directory").arg(config.dataDir));
    for (const QString &problem : std::as_const(problems))
        std::fprintf(stderr, "qimapd: %s\n", qPrintable(problem));
    if (!problems.isEmpty())
        return ExitUsage;
    std::printf("%s\n", qPrintable(tr("configuration OK")));
    return ExitOk;
}

int verbosity(const QString &level)
{
    static const QStringList levels = {u"error"_s, u"warning"_s, u"info"_s, u"debug"_s};
    return int(levels.indexOf(level));
}

// SIGHUP: the configuration re-read with the same command line (which still wins), the
// certificate and key again (renewed certificates without a restart), the log file reopened
// (logrotate). What is safe changes now; the rest is logged as needing a restart. The report
// is logged at the more verbose of the old and the new log level, so that it is seen.
void reload(ImapServer &server, const QStringList &arguments)
{
    // First, so that this reload's report goes to the new file.
    QString reopenError;
    const bool reopened = LogOutput::reopen(&reopenError);
    const QString oldLevel = server.config().logLevel;
    QString ignored;
    ConfigLoader loader;
    ServerConfig fresh;
    const bool loaded = loader.load(arguments, &fresh) == ConfigLoader::Outcome::Ok; // may set the level
    const ConfigReload::Result result = ConfigReload::merge(server.config(), loaded ? fresh : server.config());
    const QString newLevel = result.applied.logLevel;
    ConfigLoader::applyLogLevel(verbosity(newLevel) > verbosity(oldLevel) ? newLevel : oldLevel, &ignored);
    if (!reopened)
        qCWarning(lcServer).noquote() << "SIGHUP:" << reopenError;
    if (!loaded) {
        for (const QString &problem : loader.errors())
            qCWarning(lcServer).noquote() << "SIGHUP: configuration not reloaded:" << problem;
    } else {
        server.setConfig(result.applied);
        for (const QString &change : result.changed)
            qCInfo(lcServer).noquote() << "SIGHUP: changed" << change;
        for (const QString &change : result.needsRestart)
            qCWarning(lcServer).noquote() << "SIGHUP: not changed until a restart:" << change;
        if (result.changed.isEmpty() && result.needsRestart.isEmpty())
            qCInfo(lcServer) << "SIGHUP: configuration unchanged";
    }
    QString error;
    if (server.loadTls(&error))
        qCInfo(lcServer).noquote() << "SIGHUP: reloaded TLS certificate" << server.tls().certificate().subjectDisplayName()
                                   << "expiring" << server.tls().certificate().expiryDate().toString(Qt::ISODate);
    else
        qCWarning(lcServer).noquote() << "SIGHUP: keeping the current certificate:" << error;
    ConfigLoader::applyLogLevel(newLevel, &ignored);
}

// The server's life once the ports are bound and the privileges dropped: returns the event
// loop's exit code. Everything it opens is closed when it returns (the database last).
int serve(const ServerConfig &config, const QStringList &arguments, ImapServer &server, Database &database,
          UserDatabase &users, AdminService &admin, const Frontend &frontend)
{
    if (const StoreStatus status = database.open(config.dataDir); !status)
        return fail(tr("cannot open the database in %1: %2").arg(config.dataDir, status.message()), ExitFailure);
    std::unique_ptr<MailStore> store;
    if (config.store == u"memory"_s)
        store = std::make_unique<MemoryStore>();
    else
        store = std::make_unique<SqliteStore>(database);
    server.setBackends(std::move(store), std::make_unique<SqlAuthenticator>(users));
    QString error;
    if (!admin.start(server, &error))
        return fail(error, ExitFailure);
    qCInfo(lcServer).noquote() << "qimapd" << QIMAPD_VERSION << "serving" << config.store << "store in"
                               << QDir(config.dataDir).absolutePath();

    // Ends the loop. exit(), not quit(): under the GUI, quit() first asks every window to close,
    // and the dashboard's window would answer with its own question.
    const auto endLoop = [] { QCoreApplication::exit(0); };
    // Graceful stop, for SIGTERM/SIGINT and the dashboard's "Stop the server": no new
    // connections, writes in flight committed and answered, BYE to everyone; the loop ends when
    // the last client is gone, or after the grace period for clients that do not read.
    constexpr int ShutdownGraceMs = 3000;
    const auto stop = [&server, endLoop] {
        if (server.isShuttingDown())
            return;
        QTimer::singleShot(ShutdownGraceMs, QCoreApplication::instance(), [endLoop] {
            qCInfo(lcServer) << "clients still connected after the grace period; closing them";
            endLoop();
        });
        server.shutdown("Server shutting down");
    };
    SignalHandler signals;
    // A second signal ends it at once.
    QObject::connect(&signals, &SignalHandler::terminateRequested, &server, [&server, stop, endLoop](int signal) {
        if (server.isShuttingDown()) {
            qCInfo(lcServer) << "signal" << signal << "received again, stopping now";
            endLoop();
            return;
        }
        qCInfo(lcServer) << "signal" << signal << "received, shutting down";
        stop();
    });
    QObject::connect(&server, &ImapServer::allSessionsClosed, QCoreApplication::instance(), endLoop, Qt::QueuedConnection);
    QObject::connect(&signals, &SignalHandler::reloadRequested, &server,
                     [&server, &arguments] { reload(server, arguments); });
    // The dashboard in this process reads the LocalMonitor, on this loop; it goes before the
    // server and the monitor do.
    std::unique_ptr<QObject> dashboard;
    if (frontend.openDashboard)
        dashboard = frontend.openDashboard(admin.monitor(), stop);
    return QCoreApplication::exec();
}

int runServer(const ServerConfig &config, const QStringList &arguments, const Frontend &frontend)
{
    QString error;
    if (!privilegesExist(config.user, config.group, &error))
        return fail(error, ExitUsage);
    if (!LogOutput::install(config, &error))
        return fail(error, ExitFailure);
    raiseDescriptorLimit(config);
    // Declared in this order so that they are destroyed in the reverse one: the pid file and
    // the lock on the data directory last, the database after the server that uses it.
    PidFile pidFile(config.pidFile);
    if (!pidFile.isFree(&error))
        return fail(error, ExitFailure);
    int code = ExitOk;
    {
        DataDirLock lock(config.dataDir);
        Database database;
        UserDatabase users(database);
        AdminService admin; // log capture from here on; the monitor and admin socket once serving
        ImapServer server(config);
        // The certificate is checked before anything else: without it nobody can log in.
        if (!server.loadTls(&error))
            return fail(error, ExitUsage);

        // Without a privilege drop, take the data directory first, so a second server on the
        // same directory is told who holds it rather than that the port is busy.
        const bool dropping = !config.user.isEmpty() || !config.group.isEmpty();
        if (!dropping && (!ensureDataDir(config.dataDir, &error) || !lock.acquire(&error)))
            return fail(error, ExitFailure);
        if (!server.listen(&error))
            return fail(error, ExitFailure);
        // Written while still root (a pid file lives in /run), once the ports are ours.
        if (!pidFile.write(&error))
            return fail(error, ExitFailure);
        if (!AdminServer::prepareDirectory(config, &error))
            return fail(error, ExitFailure);
        // After binding (ports below 1024), before the store is opened: every file in the data
        // directory is created by the configured user. A failed drop ends the run: a server
        // told to run as someone must never serve as root.
        if (!dropPrivileges(config.user, config.group, &error))
            return fail(error, ExitFailure);
        if (dropping && (!ensureDataDir(config.dataDir, &error) || !lock.acquire(&error)))
            return fail(error, ExitFailure);
        code = serve(config, arguments, server, database, users, admin, frontend);
    }
    // The server, its store and the database are closed (SQLite checkpoints its WAL into the
    // database file when its last connection closes).
    if (code == ExitOk)
        qCInfo(lcServer) << "stopped; the database is closed";
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

// `qimapd dashboard`: the same window, attached to a running server through its admin socket.
// It keeps trying while the server is away (the window says "Not connected").
int runDashboard(const QStringList &words, const ServerConfig &config, const Frontend &frontend)
{
    if (words.size() != 1)
        return fail(tr("usage: qimapd dashboard [--data-dir DIR | --admin-socket PATH | --config FILE]"), ExitUsage);
    if (!frontend.openDashboard)
        return fail(tr("this qimapd was built without the dashboard"), ExitUsage);
    RemoteMonitor monitor(AdminServer::socketPath(config));
    monitor.setReconnect(true);
    bool told = false;
    QObject::connect(&monitor, &RemoteMonitor::connectionFailed, &monitor, [&told](const QString &error) {
        if (!std::exchange(told, true)) // once, not at every retry
            std::fprintf(stderr, "qimapd: %s\n", qPrintable(error));
    });
    QObject::connect(&monitor, &Monitor::availableChanged, &monitor, [&told](bool available) {
        if (available)
            told = false;
    });
    monitor.start();
    const std::unique_ptr<QObject> window = frontend.openDashboard(&monitor, {});
    return QCoreApplication::exec();
}

} // namespace

} // namespace qimapd
