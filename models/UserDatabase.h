#pragma once

#include "StoreResult.h"

#include <QByteArray>
#include <QStringList>

#include <optional>

namespace qimapd {

class Database;

// The users table: names and crypt(3) password hashes. Used by the SQL authenticator and by
// `qimapd user ...`, which may run beside a live server (SQLite WAL, busy timeout). User names
// are ASCII and case-insensitive: they are stored and looked up in lower case.
class UserDatabase
{
public:
    explicit UserDatabase(Database &database) : m_database(database) {}

    // The canonical (lower-case) form of a user name, or nullopt with `error` set.
    static std::optional<QString> canonicalName(const QString &name, QString *error);

    StoreStatus addUser(const QString &name, const QByteArray &password);
    StoreStatus setPassword(const QString &name, const QByteArray &password);
    StoreStatus removeUser(const QString &name);
    StoreResult<QStringList> users();
    // The stored hash; nullopt inside the result when there is no such user.
    StoreResult<std::optional<QByteArray>> passwordHash(const QString &name);

private:
    Database &m_database;
};

} // namespace qimapd
