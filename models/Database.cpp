#include "Database.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QMap>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <atomic>

using namespace Qt::StringLiterals;

// The schema files live in the qimapd_resources object library, which reaches executables
// through the static qimapd_models archive: without a reference to its initializer the linker
// would drop it and ":/qimapd/schema" would be empty. (Q_INIT_RESOURCE must be used outside any
// namespace.)
static void initSchemaResources()
{
    Q_INIT_RESOURCE(qimapd_resources);
}

namespace qimapd {

namespace {

Q_LOGGING_CATEGORY(lcDatabase, "qimapd.store")

const auto schemaDirectory = u":/qimapd/schema"_s;

std::atomic<int> s_connectionCounter{0};

StoreStatus unavailable(const QString &what, const QSqlError &error)
{
    return {StoreError::Unavailable, what % u": "_s % error.text()};
}

// Migration steps by version: "NNN-anything.sql" is step NNN.
QMap<int, QString> migrationFiles()
{
    static const QRegularExpression pattern(u"^(\\d+)-.+\\.sql$"_s);
    QMap<int, QString> files;
    const QDir dir(schemaDirectory);
    const auto names = dir.entryList(QDir::Files, QDir::Name);
    for (const QString &name : names) {
        const auto match = pattern.match(name);
        if (match.hasMatch())
            files.insert(match.captured(1).toInt(), dir.filePath(name));
    }
    return files;
}

// QSqlQuery runs one statement at a time. The schema files end each statement with ';' at the
// end of a line and mark comments with a leading "--" (see 001-initial.sql).
QStringList splitStatements(const QString &script)
{
    QStringList statements;
    QString current;
    const auto lines = script.split(u'\n');
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(u"--"))
            continue;
        current += line % u'\n';
        if (trimmed.endsWith(u';')) {
            statements += current.trimmed();
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty())
        statements += current.trimmed();
    return statements;
}

} // namespace

Database::Database() = default;

Database::~Database()
{
    close();
}

int Database::latestSchemaVersion()
{
    initSchemaResources();
    const auto files = migrationFiles();
    return files.isEmpty() ? 0 : files.lastKey();
}

StoreStatus Database::open(const QString &dataDir)
{
    close();
    initSchemaResources();
    if (!QDir().mkpath(dataDir))
        return {StoreError::Unavailable, u"cannot create the data directory "_s % dataDir};

    m_path = QDir(dataDir).absoluteFilePath(fileName());
    m_connectionName = u"qimapd-db-"_s % QString::number(++s_connectionCounter);
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    if (!m_db.isValid()) {
        close();
        return {StoreError::Unavailable, u"Qt's SQLite driver (QSQLITE) is not available"_s};
    }
    m_db.setDatabaseName(m_path);
    if (!m_db.open()) {
        StoreStatus status = unavailable(u"cannot open "_s % m_path, m_db.lastError());
        close();
        return status;
    }

    StoreStatus status = applyPragmas();
    if (status)
        status = migrate();
    if (!status)
        close();
    return status;
}

void Database::close()
{
    if (m_connectionName.isEmpty())
        return;
    if (m_db.isOpen() && m_depth > 0)
        exec(u"ROLLBACK"_s);
    m_depth = 0;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

bool Database::isOpen() const
{
    return m_db.isOpen();
}

int Database::schemaVersion() const
{
    QSqlQuery query(m_db);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return -1;
    return query.value(0).toInt();
}

StoreStatus Database::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql))
        return unavailable(sql, query.lastError());
    return StoreStatus::ok();
}

// DESIGN.md, Storage: WAL so readers never block the writer; synchronous=FULL so an ok from the
// store (and the tagged OK built on it) survives a power cut; foreign keys for the cascades that
// remove a mailbox's or an account's rows; busy_timeout so another process (CLI tools) briefly
// holding the write lock makes us wait instead of fail.
StoreStatus Database::applyPragmas()
{
    for (const auto &pragma : {u"PRAGMA foreign_keys = ON"_s, u"PRAGMA busy_timeout = 5000"_s,
                               u"PRAGMA synchronous = FULL"_s}) {
        if (StoreStatus status = exec(pragma); !status)
            return status;
    }
    QSqlQuery query(m_db);
    if (!query.exec(u"PRAGMA journal_mode = WAL"_s))
        return unavailable(u"PRAGMA journal_mode = WAL"_s, query.lastError());
    if (query.next() && query.value(0).toString() != u"wal")
        qCWarning(lcDatabase) << "SQLite refused WAL mode for" << m_path << "- using"
                              << query.value(0).toString();
    return StoreStatus::ok();
}

StoreResult<int> Database::readUserVersion()
{
    QSqlQuery query(m_db);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return unavailable(u"PRAGMA user_version"_s, query.lastError());
    return query.value(0).toInt();
}

StoreStatus Database::migrate()
{
    const auto files = migrationFiles();
    const int latest = files.isEmpty() ? 0 : files.lastKey();
    if (files.size() != latest)
        return {StoreError::Unavailable, u"the schema migrations compiled in are not numbered 1.."_s
                                             % QString::number(latest) % u" without gaps"_s};

    const auto current = readUserVersion();
    if (!current)
        return current.status();
    if (*current > latest)
        return {StoreError::Unavailable,
                m_path % u" has schema version "_s % QString::number(*current)
                    % u", newer than this qimapd knows ("_s % QString::number(latest)
                    % u"); refusing to use it: run a newer qimapd"_s};

    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        if (it.key() <= *current)
            continue;
        if (StoreStatus status = applyMigration(it.key(), it.value()); !status)
            return status;
    }
    return StoreStatus::ok();
}

// One step in one transaction. The version is re-read under the write lock: another process
// opening the same file at the same moment may have applied this step already.
StoreStatus Database::applyMigration(int version, const QString &resourcePath)
{
    QFile file(resourcePath);
    if (!file.open(QIODevice::ReadOnly))
        return {StoreError::Unavailable, u"cannot read the schema file "_s % resourcePath};
    const QStringList statements = splitStatements(QString::fromUtf8(file.readAll()));

    if (StoreStatus status = begin(Access::Write); !status)
        return status;
    const auto current = readUserVersion();
    if (!current || *current >= version) {
        rollback();
        return current ? StoreStatus::ok() : current.status();
    }
    for (const QString &statement : statements) {
        if (StoreStatus status = exec(statement); !status) {
            rollback();
            return {StoreError::Unavailable,
                    u"schema step "_s % QString::number(version) % u" failed: "_s
                        % status.message()};
        }
    }
    // PRAGMA cannot take a bound parameter; the version is our own integer.
    const StoreStatus versioned = exec(u"PRAGMA user_version = "_s % QString::number(version));
    if (!versioned) {
        rollback();
        return versioned;
    }
    if (StoreStatus status = commit(); !status)
        return status;
    qCInfo(lcDatabase) << "applied schema step" << version << "to" << m_path;
    return StoreStatus::ok();
}

StoreStatus Database::begin(Access access)
{
    StoreStatus status;
    if (m_depth == 0)
        status = exec(access == Access::Write ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s);
    else if (outerTransactionLost())
        return {StoreError::Unavailable,
                u"the enclosing transaction was rolled back by SQLite after an error"_s};
    else
        status = exec(u"SAVEPOINT s"_s % QString::number(m_depth));
    if (status)
        ++m_depth;
    return status;
}

StoreStatus Database::commit()
{
    if (m_depth == 0)
        return {StoreError::Unavailable, u"commit without a transaction"_s};
    --m_depth;
    if (m_depth > 0)
        return exec(u"RELEASE s"_s % QString::number(m_depth));
    StoreStatus status = exec(u"COMMIT"_s);
    if (!status)
        exec(u"ROLLBACK"_s); // a failed COMMIT may leave the transaction open
    return status;
}

void Database::rollback()
{
    if (m_depth == 0)
        return;
    --m_depth;
    if (m_depth == 0) {
        exec(u"ROLLBACK"_s);
        return;
    }
    const QString name = u"s"_s % QString::number(m_depth);
    exec(u"ROLLBACK TO "_s % name);
    exec(u"RELEASE "_s % name);
}

// Some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM...) make SQLite roll back the whole
// transaction by itself. A SAVEPOINT issued after that would quietly start a new transaction of
// its own, and the next RELEASE would commit it: inside a batch, later mutations would become
// durable while the earlier ones are gone. BEGIN fails inside a transaction and succeeds only
// outside one, so it tells which case we are in (SQL has no other way to ask).
bool Database::outerTransactionLost()
{
    QSqlQuery probe(m_db);
    if (!probe.exec(u"BEGIN"_s))
        return false;
    probe.finish();
    exec(u"ROLLBACK"_s);
    return true;
}

StoreStatus Database::checkpoint()
{
    return exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s);
}

} // namespace qimapd
