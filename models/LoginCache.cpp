#include "LoginCache.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace qimapd {

namespace {

// Compares without stopping at the first difference, so the time taken says nothing about
// how much of a guess was right.
bool equalConstantTime(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

} // namespace

LoginCache::LoginCache(qint64 ttlMs, qsizetype capacity)
    : m_ttlMs(ttlMs)
    , m_capacity(capacity)
    , m_key(32, Qt::Uninitialized)
{
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(m_key.data()), m_key.size() / 4);
    m_clock.start();
}

QByteArray LoginCache::digest(const QByteArray &storedHash, const QByteArray &password) const
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, m_key);
    mac.addData(storedHash);
    mac.addData("\0", 1);
    mac.addData(password);
    return mac.result();
}

bool LoginCache::matches(const QString &user, const QByteArray &storedHash, const QByteArray &password) const
{
    if (!isEnabled())
        return false;
    const auto it = m_entries.constFind(user);
    if (it == m_entries.cend() || it->storedHash != storedHash || m_clock.elapsed() - it->verifiedAtMs >= m_ttlMs)
        return false;
    return equalConstantTime(it->digest, digest(storedHash, password));
}

void LoginCache::remember(const QString &user, const QByteArray &storedHash, const QByteArray &password)
{
    if (!isEnabled())
        return;
    if (m_entries.size() >= m_capacity && !m_entries.contains(user))
        dropExpired();
    if (m_entries.size() >= m_capacity && !m_entries.contains(user))
        return; // full of fresh entries: this user simply pays the full check next time
    m_entries.insert(user, {storedHash, digest(storedHash, password), m_clock.elapsed()});
}

void LoginCache::dropExpired()
{
    const qint64 now = m_clock.elapsed();
    m_entries.removeIf([&](const auto &it) { return now - it.value().verifiedAtMs >= m_ttlMs; });
}

} // namespace qimapd
