#include "UserDatabase.h"
#include "Database.h"
#include "PasswordHash.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace qimapd {

namespace {
constexpr qsizetype MaxNameLength = 64;
constexpr qsizetype MaxPasswordLength = 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("qimapd::UserDatabase", text); // the context lupdate gives tr() here
}

StoreStatus sqlFailure(const QSqlQuery &query)
{
    return {StoreError::Unavailable, query.lastError().text()};
}

StoreStatus checkPassword(const QByteArray &password)
{
    if (password.isEmpty())
        return {StoreError::Invalid, QCoreApplication::translate("qimapd::UserDatabase", "the password is empty")};
    if (password.size() > MaxPasswordLength || password.contains('\0'))
        return {StoreError::Invalid, QCoreApplication::translate("qimapd::UserDatabase", "the password is too long or contains NUL")};
    return {};
}
} // namespace

std::optional<QString> UserDatabase::canonicalName(const QString &name, QString *error)
{
    const QString lower = name.toLower();
    if (lower.isEmpty() || lower.size() > MaxNameLength) {
        *error = tr("a user name has 1 to 64 characters");
        return std::nullopt;
    }
    for (QChar c : lower) {
        const char16_t u = c.unicode();
        const bool allowed = (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '.' || u == '_' || u == '-'
            || u == '@' || u == '+';
        if (!allowed) {
            *error = tr("a user name may only contain letters a-z, digits and . _ - @ +");
            return std::nullopt;
        }
    }
    return lower;
}

StoreStatus UserDatabase::addUser(const QString &name, const QByteArray &password)
{
    QString error;
    const std::optional<QString> canonical = canonicalName(name, &error);
    if (!canonical)
        return {StoreError::Invalid, error};
    if (StoreStatus status = checkPassword(password); !status)
        return status;
    const QByteArray hashed = passwordhash::hash(password);
    if (hashed.isEmpty())
        return {StoreError::Unavailable, tr("crypt(3) could not hash the password")};
    QSqlQuery query(m_database.db());
    query.prepare(u"INSERT INTO users (name, password_hash, created_at) VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING"_s);
    query.addBindValue(*canonical);
    query.addBindValue(QString::fromLatin1(hashed));
    query.addBindValue(QDateTime::currentSecsSinceEpoch());
    if (!query.exec())
        return sqlFailure(query);
    if (query.numRowsAffected() == 0)
        return {StoreError::AlreadyExists, tr("user %1 already exists").arg(*canonical)};
    return {};
}

StoreStatus UserDatabase::setPassword(const QString &name, const QByteArray &password)
{
    if (StoreStatus status = checkPassword(password); !status)
        return status;
    const QByteArray hashed = passwordhash::hash(password);
    if (hashed.isEmpty())
        return {StoreError::Unavailable, tr("crypt(3) could not hash the password")};
    QSqlQuery query(m_database.db());
    query.prepare(u"UPDATE users SET password_hash = ? WHERE name = ?"_s);
    query.addBindValue(QString::fromLatin1(hashed));
    query.addBindValue(name.toLower());
    if (!query.exec())
        return sqlFailure(query);
    if (query.numRowsAffected() == 0)
        return {StoreError::NotFound, tr("no user %1").arg(name.toLower())};
    return {};
}

StoreStatus UserDatabase::removeUser(const QString &name)
{
    QSqlQuery query(m_database.db());
    query.prepare(u"DELETE FROM users WHERE name = ?"_s);
    query.addBindValue(name.toLower());
    if (!query.exec())
        return sqlFailure(query);
    if (query.numRowsAffected() == 0)
        return {StoreError::NotFound, tr("no user %1").arg(name.toLower())};
    return {};
}

StoreResult<QStringList> UserDatabase::users()
{
    QSqlQuery query(m_database.db());
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT name FROM users ORDER BY name"_s))
        return sqlFailure(query);
    QStringList names;
    while (query.next())
        names.append(query.value(0).toString());
    return names;
}

StoreResult<std::optional<QByteArray>> UserDatabase::passwordHash(const QString &name)
{
    QSqlQuery query(m_database.db());
    query.setForwardOnly(true);
    query.prepare(u"SELECT password_hash FROM users WHERE name = ?"_s);
    query.addBindValue(name.toLower());
    if (!query.exec())
        return sqlFailure(query);
    if (!query.next())
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(query.value(0).toString().toLatin1());
}

} // namespace qimapd
