#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QString>

namespace qimapd {

// Recently verified logins, so a client that reconnects does not pay a yescrypt check (tens to
// hundreds of milliseconds of CPU) every time. (Dovecot's auth_cache only saves the passdb
// lookup: it still hashes the password on every login.)
// An entry keeps, per user, the stored hash it was verified against and an HMAC-SHA256 of the
// password under a key made at random for this process, never the password. It matches only
// while the stored hash is unchanged (a new password or a deleted user misses at once) and
// for `ttl` after the check. Only successful checks are remembered. Used on the loop thread.
class LoginCache
{
public:
    explicit LoginCache(qint64 ttlMs = 10 * 60 * 1000, qsizetype capacity = 100000);

    bool isEnabled() const { return m_ttlMs > 0 && m_capacity > 0; }
    bool matches(const QString &user, const QByteArray &storedHash, const QByteArray &password) const;
    void remember(const QString &user, const QByteArray &storedHash, const QByteArray &password);
    void forget(const QString &user) { m_entries.remove(user); }
    qsizetype size() const { return m_entries.size(); }

private:
    struct Entry
    {
        QByteArray storedHash;
        QByteArray digest;
        qint64 verifiedAtMs = 0;
    };
    QByteArray digest(const QByteArray &storedHash, const QByteArray &password) const;
    void dropExpired();

    qint64 m_ttlMs;
    qsizetype m_capacity;
    QByteArray m_key;
    QElapsedTimer m_clock;
    QHash<QString, Entry> m_entries;
};

} // namespace qimapd
