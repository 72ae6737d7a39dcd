#include "SqlAuthenticator.h"
#include "PasswordHash.h"
#include "UserDatabase.h"

#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>

namespace qimapd {

SqlAuthenticator::SqlAuthenticator(UserDatabase &users, int threads, qint64 cacheTtlMs)
    : m_users(users)
    , m_cache(cacheTtlMs)
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
    if (known && m_cache.matches(name, hash, password)) {
        QMetaObject::invokeMethod(&m_context, [name, done] { done({true, name, false}); }, Qt::QueuedConnection);
        return;
    }
    QObject *context = &m_context; // outlives every task: the destructor waits for the pool
    LoginCache *cache = &m_cache;  // touched only on the loop thread, in the queued call
    QtConcurrent::run(&m_pool, [hash, password, known, name, done, context, cache] {
        const bool ok = passwordhash::verify(password, hash) && known;
        QMetaObject::invokeMethod(context, [ok, name, done, cache, hash, password] {
            if (ok)
                cache->remember(name, hash, password);
            done({ok, ok ? name : QString(), false});
        }, Qt::QueuedConnection);
    });
}

} // namespace qimapd
