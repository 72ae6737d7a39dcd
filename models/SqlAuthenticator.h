#pragma once

#include "Authenticator.h"
#include "LoginCache.h"

#include <QObject>
#include <QThreadPool>

namespace qimapd {

class UserDatabase;

// The default authenticator: users and crypt(3) hashes in the database. The hash lookup is a
// short indexed query on the event loop; the hash computation itself (~16 ms for yescrypt)
// runs in a small thread pool and the answer comes back on the loop. Unknown users are checked
// against a dummy hash, so the time taken does not tell which users exist. A login that
// succeeded recently with the same password and stored hash is answered from a LoginCache
// without the hash computation (`cacheTtlMs` 0 turns that off).
class SqlAuthenticator : public Authenticator
{
public:
    explicit SqlAuthenticator(UserDatabase &users, int threads = 2, qint64 cacheTtlMs = 10 * 60 * 1000);
    ~SqlAuthenticator() override;

    void verifyPassword(const QString &user, const QByteArray &password, Callback done) override;

private:
    UserDatabase &m_users;
    QThreadPool m_pool;
    LoginCache m_cache;
    QObject m_context; // lives on the loop thread; results are delivered through it
};

} // namespace qimapd
