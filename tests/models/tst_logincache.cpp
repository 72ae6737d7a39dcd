// LoginCache and the SqlAuthenticator that uses it: a recently verified password is accepted
// without the yescrypt check, and nothing else is — not a wrong password, not the old password
// after a change, not a deleted user, not after the entry expired.

#include "Database.h"
#include "LoginCache.h"
#include "SqlAuthenticator.h"
#include "UserDatabase.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace qimapd;
using namespace Qt::StringLiterals;

class tst_LoginCache : public QObject
{
    Q_OBJECT

private:
    // Runs one check through the authenticator and the event loop; the result and its time.
    static std::optional<AuthResult> check(SqlAuthenticator &auth, const QString &user, const QByteArray &password,
                                           qint64 *elapsedMs = nullptr)
    {
        std::optional<AuthResult> result;
        QElapsedTimer timer;
        timer.start();
        auth.verifyPassword(user, password, [&](const AuthResult &r) { result = r; });
        if (result) // the contract: never synchronously
            return AuthResult{false, u"called synchronously"_s, true};
        if (!QTest::qWaitFor([&] { return result.has_value(); }, 20000))
            return std::nullopt;
        if (elapsedMs)
            *elapsedMs = timer.elapsed();
        return result;
    }

private Q_SLOTS:
    void cacheMatchesOnlyWhatWasVerified()
    {
        LoginCache cache;
        cache.remember(u"alice"_s, "$y$stored1", "secret");
        QVERIFY(cache.matches(u"alice"_s, "$y$stored1", "secret"));
        QVERIFY(!cache.matches(u"alice"_s, "$y$stored1", "secreT"));
        QVERIFY(!cache.matches(u"alice"_s, "$y$stored1", "secret "));
        QVERIFY(!cache.matches(u"alice"_s, "$y$stored2", "secret")); // password changed since
        QVERIFY(!cache.matches(u"bob"_s, "$y$stored1", "secret"));
        cache.forget(u"alice"_s);
        QVERIFY(!cache.matches(u"alice"_s, "$y$stored1", "secret"));
    }

    void cacheEntriesExpire()
    {
        LoginCache cache(50);
        cache.remember(u"alice"_s, "$y$stored", "secret");
        QVERIFY(cache.matches(u"alice"_s, "$y$stored", "secret"));
        QTest::qWait(80);
        QVERIFY(!cache.matches(u"alice"_s, "$y$stored", "secret"));
    }

    void cacheIsBounded()
    {
        LoginCache cache(60000, 3);
        for (int i = 0; i < 5; ++i)
            cache.remember(u"user%1"_s.arg(i), "$y$h", "pw");
        QCOMPARE(cache.size(), 3);
        QVERIFY(cache.matches(u"user0"_s, "$y$h", "pw"));
        QVERIFY(!cache.matches(u"user4"_s, "$y$h", "pw"));
        // Once the old entries expire there is room again.
        LoginCache shortLived(30, 2);
        shortLived.remember(u"a"_s, "$y$h", "pw");
        shortLived.remember(u"b"_s, "$y$h", "pw");
        QTest::qWait(50);
        shortLived.remember(u"c"_s, "$y$h", "pw");
        QVERIFY(shortLived.matches(u"c"_s, "$y$h", "pw"));
        QCOMPARE(shortLived.size(), 1);
    }

    void disabledCacheRemembersNothing()
    {
        LoginCache cache(0);
        cache.remember(u"alice"_s, "$y$stored", "secret");
        QVERIFY(!cache.matches(u"alice"_s, "$y$stored", "secret"));
    }

    void authenticatorUsesTheCacheSafely()
    {
        QTemporaryDir dir;
        Database database;
        QVERIFY(database.open(dir.path()));
        UserDatabase users(database);
        QVERIFY(users.addUser(u"alice"_s, "first-password"));
        SqlAuthenticator auth(users);

        qint64 fullMs = 0, cachedMs = 0;
        std::optional<AuthResult> result = check(auth, u"alice"_s, "first-password", &fullMs);
        QVERIFY(result && result->ok);
        QCOMPARE(result->user, u"alice"_s);
        result = check(auth, u"Alice"_s, "first-password", &cachedMs); // canonical name, cached
        QVERIFY(result && result->ok);
        QCOMPARE(result->user, u"alice"_s);
        QVERIFY2(cachedMs <= fullMs, qPrintable(u"cached %1 ms, full %2 ms"_s.arg(cachedMs).arg(fullMs)));

        result = check(auth, u"alice"_s, "wrong-password");
        QVERIFY(result && !result->ok && !result->unavailable);

        // A new password takes effect at once: the cached old one no longer opens the account.
        QVERIFY(users.setPassword(u"alice"_s, "second-password"));
        result = check(auth, u"alice"_s, "first-password");
        QVERIFY(result && !result->ok);
        result = check(auth, u"alice"_s, "second-password");
        QVERIFY(result && result->ok);

        // A deleted user is refused even though their login is still cached.
        QVERIFY(users.removeUser(u"alice"_s));
        result = check(auth, u"alice"_s, "second-password");
        QVERIFY(result && !result->ok);
    }

    void authenticatorWithoutCacheStillWorks()
    {
        QTemporaryDir dir;
        Database database;
        QVERIFY(database.open(dir.path()));
        UserDatabase users(database);
        QVERIFY(users.addUser(u"bob"_s, "pw"));
        SqlAuthenticator auth(users, 2, 0);
        for (int i = 0; i < 2; ++i) {
            const std::optional<AuthResult> result = check(auth, u"bob"_s, "pw");
            QVERIFY(result && result->ok);
        }
    }
};

QTEST_GUILESS_MAIN(tst_LoginCache)
#include "tst_logincache.moc"
