#pragma once

#include "StoreResult.h"

#include <QSqlDatabase>
#include <QString>

namespace qimapd {

// The SQLite database file of a data directory: `<dataDir>/qimapd.sqlite`.
//
// Each Database has its own uniquely named QSqlDatabase connection, so the server, the CLI tools
// and tests can open several side by side (also on the same file: WAL mode lets readers and one
// writer work at once, busy_timeout makes a second writer wait instead of failing).
//
// open() applies the schema migrations found in the resources (":/qimapd/schema/NNN-name.sql"),
// step by step, each in its own transaction, driven by PRAGMA user_version. A file written by a
// newer qimapd (user_version above what this binary knows) is refused, never touched.
//
// Transactions nest: the outermost begin() is BEGIN IMMEDIATE (take the write lock up front, so a
// writer never fails half-way on a lock upgrade), inner ones are savepoints. That lets the server
// later group several commands' commits into one transaction around store calls that each open
// their own (DESIGN.md, Storage: durability without a flush per command).
//
// Users of db() (SqliteStore, the authenticator) must be destroyed before close(): Qt finalizes
// its own statements on close, but the connection must not be in use.
class Database
{
public:
    enum class Access { Read, Write };

    Database();
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    static QString fileName() { return QStringLiteral("qimapd.sqlite"); }
    // The newest schema version this binary carries.
    static int latestSchemaVersion();

    // Opens (creating the directory and the file as needed) and migrates the schema.
    StoreStatus open(const QString &dataDir);
    void close();
    bool isOpen() const;

    QSqlDatabase db() const { return m_db; }
    QString path() const { return m_path; }
    int schemaVersion() const;

    // Nestable transactions (see above). Read begins a deferred transaction at the outermost
    // level: a consistent view for several statements without taking the write lock.
    StoreStatus begin(Access access = Access::Write);
    StoreStatus commit();
    void rollback();
    int transactionDepth() const { return m_depth; }

    // Moves WAL content into the main file without blocking anyone (PRAGMA wal_checkpoint
    // (PASSIVE)); meant for an idle timer, not for a client's commit.
    StoreStatus checkpoint();

private:
    StoreStatus exec(const QString &sql);
    StoreStatus applyPragmas();
    StoreStatus migrate();
    StoreStatus applyMigration(int version, const QString &resourcePath);
    StoreResult<int> readUserVersion();
    bool outerTransactionLost();

    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_path;
    int m_depth = 0;
};

} // namespace qimapd
