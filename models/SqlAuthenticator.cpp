#include "SqlAuthenticator.h"
#include "PasswordHash.h"
#include "UserDatabase.h"

#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>

namespace qimapd {

SqlAuthenticator::SqlAuthenticator(UserDatabase &users, int threads) : m_users(users)
{
    m_pool.setMaxThreadCount(threads);
    // Compute the dummy hash now rather than during the first login of an unknown user.
    passwordhash::dummyHash();
}

SqlAuthenticator::~SqlAuthenticator()
{
    m_pool.waitForDone();
}

void SqlAuthenticator::verifyPassword(const QString &user, const QByteArray &password, Callback done)
{
    QString error;
    const std::optional<QString> canonical = UserDatabase::canonicalName(user, &error);
    std::optional<QByteArray> stored;
    if (canonical) {
        const StoreResult<std::optional<QByteArray>> lookup = m_users.passwordHash(*canonical);
        if (!lookup) {
            QMetaObject::invokeMethod(&m_context, [done] { done({false, {}, true}); }, Qt::QueuedConnection);
            return;
        }
        stored = *lookup;
    }
    const bool known = stored.has_value() && passwordhash::isSupported(*stored);
    const QByteArray hash = known ? *stored : passwordhash::dummyHash();
    const QString name = canonical.value_or(QString());
    QObject *context = &m_context; // outlives every task: the destructor waits for the pool
    QtConcurrent::run(&m_pool, [hash, password, known, name, done, context] {
        const bool ok = passwordhash::verify(password, hash) && known;
        QMetaObject::invokeMethod(context, [ok, name, done] { done({ok, ok ? name : QString(), false}); },
                                  Qt::QueuedConnection);
    });
}

} // namespace qimapd
