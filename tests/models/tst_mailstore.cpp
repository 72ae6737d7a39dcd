// The MailStore contract, run over every implementation (global data rows "memory" and
// "sqlite"): the mailbox tree of RFC 3501 §6.3.3-§6.3.7, UIDs and UIDVALIDITY of §2.3.1.1,
// append/status/snapshot, expunge, \Recent (§2.3.2), account isolation, and for SQLite also
// restarts, a process killed right after an append, and schema versions.

#include "Database.h"
#include "MemoryStore.h"
#include "SqliteStore.h"

#include <QLoggingCategory>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace qimapd;

namespace qimapd {
// Readable QCOMPARE failures for error kinds (found by QTest through ADL).
char *toString(StoreError error)
{
    static const char *const names[] = {"None",    "NotFound",  "AlreadyExists", "NotSelectable",
                                        "Invalid", "Forbidden", "Limit",         "Unavailable"};
    return qstrdup(names[int(error)]);
}
} // namespace qimapd

// Fails the test with the store's message when `expr` (a StoreStatus or StoreResult) is an error.
#define QVERIFY_OK(expr)                                                                           \
    do {                                                                                           \
        const auto &result_ = (expr);                                                              \
        QVERIFY2(result_.isOk(), qPrintable(QStringLiteral(#expr) + u": "_s + result_.message())); \
    } while (false)

// Declares `var` = `expr` (a StoreResult) and fails the test unless it holds a value.
#define STORE_OK(var, expr)                                                                        \
    const auto var = (expr);                                                                       \
    QVERIFY2(var.isOk(), qPrintable(QStringLiteral(#expr) + u": "_s + var.message()))

namespace {

// One store under test, with what it needs around it. reopen() is a restart for SQLite (close
// the database, open the same file again); the memory store lives as long as the process, so
// there it is a no-op and the same invariants must hold anyway.
class StoreFixture
{
public:
    explicit StoreFixture(const QString &kind) : m_kind(kind) {}

    bool open()
    {
        if (m_kind == u"memory") {
            m_store = std::make_unique<MemoryStore>();
            return true;
        }
        m_database = std::make_unique<Database>();
        if (const StoreStatus opened = m_database->open(m_dir.path()); !opened) {
            qWarning() << opened.message();
            return false;
        }
        m_store = std::make_unique<SqliteStore>(*m_database);
        return true;
    }

    bool reopen()
    {
        if (!isSqlite())
            return true;
        close();
        return open();
    }

    void close()
    {
        m_store.reset(); // before the database: it holds statements on its connection
        m_database.reset();
    }

    bool isSqlite() const { return m_kind == u"sqlite"; }
    MailStore &store() { return *m_store; }
    Database *database() { return m_database.get(); }
    QString dataDir() const { return m_dir.path(); }

private:
    QString m_kind;
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<MailStore> m_store;
};

AppendRequest message(const QByteArray &body, FlagMask system = 0,
                      const QList<QByteArray> &keywords = {}, const QDateTime &date = {})
{
    return AppendRequest{body, FlagRequest{system, keywords}, date};
}

QByteArray body(int n)
{
    return "From: a@example.org\r\nSubject: message " + QByteArray::number(n) + "\r\n\r\nbody "
        + QByteArray::number(n) + "\r\n";
}

QList<quint32> uidList(const std::vector<quint32> &uids)
{
    return QList<quint32>(uids.begin(), uids.end());
}

} // namespace

class TestMailStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void initTestCase_data();
    void init();
    void cleanup();

    void openAccountCreatesInbox();
    void inboxIsCaseInsensitive();
    void createMakesMissingParents();
    void createExistingFails();
    void createOverNoselectRevivesIt();
    void deleteInboxIsForbidden();
    void deleteMissingIsNotFound();
    void deleteLeafRemovesIt();
    void deleteWithChildrenLeavesNoselect();
    void renameMovesChildren();
    void renameCreatesMissingParents();
    void renameErrors();
    void renameInboxMovesMessages();
    void subscriptionsAreIndependentOfMailboxes();
    void appendStatusSnapshotRoundTrip();
    void appendDefaultsInternalDateToNow();
    void appendToMissingMailboxIsNotFound();
    void keywordLimitStoresNothing();
    void uidsAreNeverReused();
    void uidValidityChangesOnRecreate();
    void stateSurvivesRestart();
    void otherAccountsMailboxIsNotFound();
    void expungeDeleted();
    void expungeFreesBodies();
    void claimRecent();
    void deleteAccountRemovesEverything();
    void appendSurvivesKill();
    void newerSchemaIsRefused();
    void durabilityPragmasAreSet();
    void twoConnectionsShareTheFile();
    void lockedDatabaseIsUnavailable();

private:
    MailStore &store() { return m_fixture->store(); }
    QStringList mailboxNames(qint64 account);
    qint64 bodyRows();

    std::unique_ptr<StoreFixture> m_fixture;
};

void TestMailStore::initTestCase()
{
    // Each SQLite case creates a database; "applied schema step 1" on every one is noise here.
    QLoggingCategory::setFilterRules(u"qimapd.store.info=false"_s);
}

void TestMailStore::initTestCase_data()
{
    QTest::addColumn<QString>("store");
    QTest::newRow("memory") << u"memory"_s;
    QTest::newRow("sqlite") << u"sqlite"_s;
}

void TestMailStore::init()
{
    QFETCH_GLOBAL(QString, store);
    m_fixture = std::make_unique<StoreFixture>(store);
    QVERIFY(m_fixture->open());
}

void TestMailStore::cleanup()
{
    m_fixture.reset();
}

QStringList TestMailStore::mailboxNames(qint64 account)
{
    const auto list = store().mailboxes(account);
    if (!list)
        return {u"error: "_s + list.message()};
    QStringList names;
    for (const MailboxInfo &info : *list)
        names += info.noSelect ? info.name + u" (noselect)"_s : info.name;
    return names;
}

// SQLite only: how many body rows exist (they must be freed with their last message).
qint64 TestMailStore::bodyRows()
{
    QSqlQuery query(m_fixture->database()->db());
    if (!query.exec(u"SELECT count(*) FROM bodies"_s) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

// ---- accounts and the mailbox tree ------------------------------------------------------------

void TestMailStore::openAccountCreatesInbox()
{
    STORE_OK(alice, store().openAccount(u"alice"_s));
    QCOMPARE(mailboxNames(*alice), QStringList{u"INBOX"_s});
    STORE_OK(inbox, store().mailbox(*alice, u"INBOX"_s));
    QVERIFY(!inbox->noSelect);
    QVERIFY(inbox->uidValidity > 0);
    QCOMPARE(inbox->uidNext, 1u);

    STORE_OK(again, store().openAccount(u"alice"_s));
    QCOMPARE(*again, *alice);
    STORE_OK(bob, store().openAccount(u"bob"_s));
    QVERIFY(*bob != *alice);
    STORE_OK(bobInbox, store().mailbox(*bob, u"INBOX"_s));
    QVERIFY(bobInbox->id != inbox->id);
    QVERIFY(bobInbox->uidValidity != inbox->uidValidity);
}

void TestMailStore::inboxIsCaseInsensitive()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    STORE_OK(inbox, store().mailbox(*account, u"inbox"_s));
    QCOMPARE(inbox->name, u"INBOX"_s);
    QCOMPARE(store().createMailbox(*account, u"Inbox"_s).error(), StoreError::AlreadyExists);
    QCOMPARE(store().deleteMailbox(*account, u"iNbOx"_s).error(), StoreError::Forbidden);
    QVERIFY_OK(store().createMailbox(*account, u"inbox/Sub"_s));
    QCOMPARE(mailboxNames(*account), (QStringList{u"INBOX"_s, u"INBOX/Sub"_s}));
    // Other names are case-sensitive (RFC 3501 §5.1).
    QVERIFY_OK(store().createMailbox(*account, u"work"_s));
    QVERIFY_OK(store().createMailbox(*account, u"Work"_s));
}

// RFC 3501 §6.3.3: CREATE foo/bar/zap creates foo and foo/bar.
void TestMailStore::createMakesMissingParents()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QVERIFY_OK(store().createMailbox(*account, u"foo/bar/zap"_s));
    QCOMPARE(mailboxNames(*account),
             (QStringList{u"INBOX"_s, u"foo"_s, u"foo/bar"_s, u"foo/bar/zap"_s}));
    STORE_OK(zap, store().mailbox(*account, u"foo/bar/zap"_s));
    STORE_OK(bar, store().mailbox(*account, u"foo/bar"_s));
    QVERIFY(zap->uidValidity != bar->uidValidity);
    // The parents are ordinary mailboxes.
    STORE_OK(status, store().status(*account, bar->id));
    QCOMPARE(status->messages, 0u);
}

void TestMailStore::createExistingFails()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QVERIFY_OK(store().createMailbox(*account, u"a/b"_s));
    QCOMPARE(store().createMailbox(*account, u"a/b"_s).error(), StoreError::AlreadyExists);
    QCOMPARE(store().createMailbox(*account, u"a"_s).error(), StoreError::AlreadyExists);
    QCOMPARE(store().createMailbox(*account, u"INBOX"_s).error(), StoreError::AlreadyExists);
}

void TestMailStore::createOverNoselectRevivesIt()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QVERIFY_OK(store().createMailbox(*account, u"a/b"_s));
    STORE_OK(before, store().mailbox(*account, u"a"_s));
    QVERIFY_OK(store().append(*account, before->id, {message(body(1), 0, {"Old"})}));
    QVERIFY_OK(store().deleteMailbox(*account, u"a"_s));
    STORE_OK(deleted, store().mailbox(*account, u"a"_s));
    QVERIFY(deleted->noSelect);

    QVERIFY_OK(store().createMailbox(*account, u"a"_s));
    STORE_OK(revived, store().mailbox(*account, u"a"_s));
    QVERIFY(!revived->noSelect);
    QVERIFY(revived->uidValidity > before->uidValidity); // a new incarnation (§6.3.3)
    STORE_OK(snapshot, store().snapshot(*account, revived->id));
    QVERIFY(snapshot->uids.empty());
    QVERIFY(snapshot->keywords.isEmpty());
    QCOMPARE(store().createMailbox(*account, u"a"_s).error(), StoreError::AlreadyExists);
}

void TestMailStore::deleteInboxIsForbidden()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QCOMPARE(store().deleteMailbox(*account, u"INBOX"_s).error(), StoreError::Forbidden);
    QCOMPARE(mailboxNames(*account), QStringList{u"INBOX"_s});
}

void TestMailStore::deleteMissingIsNotFound()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QCOMPARE(store().deleteMailbox(*account, u"nothing"_s).error(), StoreError::NotFound);
}

void TestMailStore::deleteLeafRemovesIt()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QVERIFY_OK(store().createMailbox(*account, u"blurdybloop"_s));
    STORE_OK(mailbox, store().mailbox(*account, u"blurdybloop"_s));
    QVERIFY_OK(store().append(*account, mailbox->id, {message(body(1))}));
    QVERIFY_OK(store().deleteMailbox(*account, u"blurdybloop"_s));
    QCOMPARE(store().mailbox(*account, u"blurdybloop"_s).error(), StoreError::NotFound);
    QCOMPARE(store().status(*account, mailbox->id).error(), StoreError::NotFound);
    QCOMPARE(mailboxNames(*account), QStringList{u"INBOX"_s});
}

// RFC 3501 §6.3.4 and its example (A683-A687).
void TestMailStore::deleteWithChildrenLeavesNoselect()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QVERIFY_OK(store().createMailbox(*account, u"foo/bar"_s));
    STORE_OK(foo, store().mailbox(*account, u"foo"_s));
    QVERIFY_OK(store().append(*account, foo->id, {message(body(1)), message(body(2))}));

    QVERIFY_OK(store().deleteMailbox(*account, u"foo"_s));
    QCOMPARE(mailboxNames(*account),
             (QStringList{u"INBOX"_s, u"foo (noselect)"_s, u"foo/bar"_s}));
    STORE_OK(noselect, store().mailbox(*account, u"foo"_s));
    QCOMPARE(noselect->id, foo->id);
    QCOMPARE(noselect->uidNext, 3u); // its UIDs are not given out again
    QCOMPARE(store().status(*account, foo->id).error(), StoreError::NotSelectable);
    QCOMPARE(store().snapshot(*account, foo->id).error(), StoreError::NotSelectable);
    QCOMPARE(store().append(*account, foo->id, {message(body(3))}).error(),
             StoreError::NotSelectable);
    QCOMPARE(store().messageData(*account, foo->id, 1).error(), StoreError::NotFound);

    QCOMPARE(store().deleteMailbox(*account, u"foo"_s).error(), StoreError::Invalid);
    QVERIFY_OK(store().deleteMailbox(*account, u"foo/bar"_s));
    QCOMPARE(mailboxNames(*account), (QStringList{u"INBOX"_s, u"foo (noselect)"_s}));
    QVERIFY_OK(store().deleteMailbox(*account, u"foo"_s));
    QCOMPARE(mailboxNames(*account), QStringList{u"INBOX"_s});
}

// RFC 3501 §6.3.5: RENAME foo zowie renames foo/bar to zowie/bar; mailboxes keep their
// identity (id, UIDVALIDITY, messages).
void TestMailStore::renameMovesChildren()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QVERIFY_OK(store().createMailbox(*account, u"foo/bar"_s));
    QVERIFY_OK(store().createMailbox(*account, u"foo/baz/deep"_s));
    QVERIFY_OK(store().createMailbox(*account, u"foobar"_s)); // not a child of foo
    STORE_OK(bar, store().mailbox(*account, u"foo/bar"_s));
    STORE_OK(appended, store().append(*account, bar->id, {message(body(1), Flag::Seen)}));

    QVERIFY_OK(store().renameMailbox(*account, u"foo"_s, u"zowie"_s));
    QCOMPARE(mailboxNames(*account),
             (QStringList{u"INBOX"_s, u"foobar"_s, u"zowie"_s, u"zowie/bar"_s, u"zowie/baz"_s,
                          u"zowie/baz/deep"_s}));
    STORE_OK(moved, store().mailbox(*account, u"zowie/bar"_s));
    QCOMPARE(moved->id, bar->id);
    QCOMPARE(moved->uidValidity, bar->uidValidity);
    STORE_OK(data, store().messageData(*account, moved->id, appended->uids.first()));
    QCOMPARE(*data, body(1));
    QCOMPARE(store().mailbox(*account, u"foo/bar"_s).error(), StoreError::NotFound);
}

void TestMailStore::renameCreatesMissingParents()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QVERIFY_OK(store().createMailbox(*account, u"foo/bar/zap"_s));
    QVERIFY_OK(store().renameMailbox(*account, u"foo/bar/zap"_s, u"baz/rag/zowie"_s));
    QCOMPARE(mailboxNames(*account),
             (QStringList{u"INBOX"_s, u"baz"_s, u"baz/rag"_s, u"baz/rag/zowie"_s, u"foo"_s,
                          u"foo/bar"_s}));
}

void TestMailStore::renameErrors()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QVERIFY_OK(store().createMailbox(*account, u"a/b"_s));
    QVERIFY_OK(store().createMailbox(*account, u"c"_s));
    QCOMPARE(store().renameMailbox(*account, u"missing"_s, u"x"_s).error(), StoreError::NotFound);
    QCOMPARE(store().renameMailbox(*account, u"c"_s, u"a"_s).error(), StoreError::AlreadyExists);
    QCOMPARE(store().renameMailbox(*account, u"c"_s, u"a/b"_s).error(), StoreError::AlreadyExists);
    QCOMPARE(store().renameMailbox(*account, u"c"_s, u"inbox"_s).error(),
             StoreError::AlreadyExists);
    QCOMPARE(store().renameMailbox(*account, u"a"_s, u"a/x"_s).error(), StoreError::Invalid);
    QCOMPARE(store().renameMailbox(*account, u"a"_s, u"a/b/c"_s).error(), StoreError::Invalid);
    QCOMPARE(mailboxNames(*account), (QStringList{u"INBOX"_s, u"a"_s, u"a/b"_s, u"c"_s}));
}

// RFC 3501 §6.3.5: renaming INBOX moves its messages to a new mailbox and leaves INBOX empty;
// its inferior names are unaffected.
void TestMailStore::renameInboxMovesMessages()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QVERIFY_OK(store().createMailbox(*account, u"INBOX/sub"_s));
    STORE_OK(inbox, store().mailbox(*account, u"INBOX"_s));
    const QDateTime date(QDate(2023, 7, 14), QTime(9, 30), Qt::OffsetFromUTC, 2 * 3600);
    STORE_OK(appended, store().append(*account, inbox->id,
                                      {message(body(1), Flag::Seen, {"Alpha"}),
                                       message(body(2), Flag::Deleted),
                                       message(body(3), 0, {"Beta"}, date)}));
    STORE_OK(expunged, store().expungeDeleted(*account, inbox->id));
    QCOMPARE(*expunged, QList<quint32>{2});

    QVERIFY_OK(store().renameMailbox(*account, u"inbox"_s, u"old/mail"_s));
    QCOMPARE(mailboxNames(*account),
             (QStringList{u"INBOX"_s, u"INBOX/sub"_s, u"old"_s, u"old/mail"_s}));

    STORE_OK(inboxAfter, store().mailbox(*account, u"INBOX"_s));
    QCOMPARE(inboxAfter->id, inbox->id);
    QCOMPARE(inboxAfter->uidValidity, inbox->uidValidity);
    QCOMPARE(inboxAfter->uidNext, 4u);
    STORE_OK(inboxStatus, store().status(*account, inbox->id));
    QCOMPARE(inboxStatus->messages, 0u);

    STORE_OK(old, store().mailbox(*account, u"old/mail"_s));
    QVERIFY(old->uidValidity != inbox->uidValidity);
    QCOMPARE(old->uidNext, 3u);
    STORE_OK(snapshot, store().snapshot(*account, old->id));
    QCOMPARE(uidList(snapshot->uids), (QList<quint32>{1, 2}));
    QCOMPARE(snapshot->keywords, (QList<QByteArray>{"Alpha", "Beta"}));
    const QList<FlagMask> flags(snapshot->flags.begin(), snapshot->flags.end());
    QCOMPARE(flags, (QList<FlagMask>{appended->flags.at(0), appended->flags.at(2)}));
    STORE_OK(first, store().messageData(*account, old->id, 1));
    QCOMPARE(*first, body(1));
    STORE_OK(second, store().messageInfos(*account, old->id, 2, 2, 10));
    QCOMPARE(second->size(), 1);
    QCOMPARE(second->first().internalDate, date);
    QCOMPARE(second->first().internalDate.offsetFromUtc(), 2 * 3600);
    STORE_OK(oldStatus, store().status(*account, old->id));
    QCOMPARE(oldStatus->recent, 2u); // new to this mailbox

    STORE_OK(next, store().append(*account, inbox->id, {message(body(4))}));
    QCOMPARE(next->uids, QList<quint32>{4});
}

// RFC 3501 §6.3.6: subscriptions are names; the server must not drop one because the mailbox
// is gone.
void TestMailStore::subscriptionsAreIndependentOfMailboxes()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QVERIFY_OK(store().setSubscribed(*account, u"#news.comp.mail.mime"_s, true));
    QVERIFY_OK(store().createMailbox(*account, u"lists"_s));
    QVERIFY_OK(store().setSubscribed(*account, u"lists"_s, true));
    QVERIFY_OK(store().setSubscribed(*account, u"lists"_s, true));
    QVERIFY_OK(store().setSubscribed(*account, u"inbox"_s, true));
    QVERIFY_OK(store().deleteMailbox(*account, u"lists"_s));
    STORE_OK(names, store().subscriptions(*account));
    QCOMPARE(*names, (QStringList{u"#news.comp.mail.mime"_s, u"INBOX"_s, u"lists"_s}));

    QVERIFY_OK(store().setSubscribed(*account, u"lists"_s, false));
    QVERIFY_OK(store().setSubscribed(*account, u"never-subscribed"_s, false));
    STORE_OK(after, store().subscriptions(*account));
    QCOMPARE(*after, (QStringList{u"#news.comp.mail.mime"_s, u"INBOX"_s}));
    QCOMPARE(mailboxNames(*account), QStringList{u"INBOX"_s});

    STORE_OK(other, store().openAccount(u"bob"_s));
    STORE_OK(bobs, store().subscriptions(*other));
    QVERIFY(bobs->isEmpty());
}

// ---- messages ---------------------------------------------------------------------------------

void TestMailStore::appendStatusSnapshotRoundTrip()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    STORE_OK(inbox, store().mailbox(*account, u"INBOX"_s));
    const QDateTime west(QDate(2024, 2, 29), QTime(23, 59, 58), Qt::OffsetFromUTC, -5 * 3600);
    const QDateTime east(QDate(1999, 12, 31), QTime(1, 2, 3), Qt::OffsetFromUTC, 9 * 3600 + 1800);
    STORE_OK(appended,
             store().append(*account, inbox->id,
                            {message(body(1), Flag::Seen | Flag::Flagged,
                                     {"$Forwarded", "Work"}, west),
                             message(body(2), Flag::Answered, {"work", "Later"}, east)}));

    QCOMPARE(appended->uidValidity, inbox->uidValidity);
    QCOMPARE(appended->uids, (QList<quint32>{1, 2}));
    // Keywords match case-insensitively; the first spelling stays.
    QCOMPARE(appended->keywords, (QList<QByteArray>{"$Forwarded", "Work", "Later"}));
    const FlagMask first = Flag::Seen | Flag::Flagged | Flag::keywordBit(0) | Flag::keywordBit(1);
    const FlagMask second = Flag::Answered | Flag::keywordBit(1) | Flag::keywordBit(2);
    QCOMPARE(appended->flags, (QList<FlagMask>{first, second}));
    QCOMPARE(flagNames(second, appended->keywords), QByteArray("\\Answered Work Later"));

    STORE_OK(status, store().status(*account, inbox->id));
    QCOMPARE(status->messages, 2u);
    QCOMPARE(status->recent, 2u);
    QCOMPARE(status->unseen, 1u);
    QCOMPARE(status->uidNext, 3u);
    QCOMPARE(status->uidValidity, inbox->uidValidity);

    STORE_OK(snapshot, store().snapshot(*account, inbox->id));
    QCOMPARE(snapshot->info.uidNext, 3u);
    QCOMPARE(snapshot->keywords, appended->keywords);
    QCOMPARE(uidList(snapshot->uids), (QList<quint32>{1, 2}));
    QCOMPARE(QList<FlagMask>(snapshot->flags.begin(), snapshot->flags.end()),
             (QList<FlagMask>{first, second}));

    STORE_OK(data, store().messageData(*account, inbox->id, 2));
    QCOMPARE(*data, body(2));
    QCOMPARE(store().messageData(*account, inbox->id, 3).error(), StoreError::NotFound);

    STORE_OK(infos, store().messageInfos(*account, inbox->id, 1, 0xFFFFFFFF, 100));
    QCOMPARE(infos->size(), 2);
    QCOMPARE(infos->at(0).uid, 1u);
    QCOMPARE(infos->at(0).flags, first);
    QCOMPARE(infos->at(0).size, body(1).size());
    QCOMPARE(infos->at(0).internalDate, west);
    QCOMPARE(infos->at(0).internalDate.offsetFromUtc(), -5 * 3600);
    QCOMPARE(infos->at(1).internalDate, east);
    QCOMPARE(infos->at(1).internalDate.offsetFromUtc(), 9 * 3600 + 1800);
    STORE_OK(chunk, store().messageInfos(*account, inbox->id, 2, 0xFFFFFFFF, 1));
    QCOMPARE(chunk->size(), 1);
    QCOMPARE(chunk->first().uid, 2u);
    STORE_OK(nothing, store().messageInfos(*account, inbox->id, 1, 0xFFFFFFFF, 0));
    QVERIFY(nothing->isEmpty());

    // A later append extends the same keyword table.
    STORE_OK(third, store().append(*account, inbox->id, {message(body(3), 0, {"Later", "New"})}));
    QCOMPARE(third->keywords, (QList<QByteArray>{"$Forwarded", "Work", "Later", "New"}));
    QCOMPARE(third->flags, QList<FlagMask>{Flag::keywordBit(2) | Flag::keywordBit(3)});
}

void TestMailStore::appendDefaultsInternalDateToNow()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    STORE_OK(inbox, store().mailbox(*account, u"INBOX"_s));
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    STORE_OK(appended, store().append(*account, inbox->id, {message(body(1))}));
    const QDateTime after = QDateTime::currentDateTimeUtc().addSecs(1);
    STORE_OK(infos, store().messageInfos(*account, inbox->id, 1, 1, 1));
    QCOMPARE(infos->size(), 1);
    QVERIFY(infos->first().internalDate >= before);
    QVERIFY(infos->first().internalDate <= after);
}

void TestMailStore::appendToMissingMailboxIsNotFound()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QCOMPARE(store().append(*account, 987654, {message(body(1))}).error(), StoreError::NotFound);
}

// Flag::MaxKeywords keywords per mailbox; one more refuses the whole append (all or none).
void TestMailStore::keywordLimitStoresNothing()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    STORE_OK(inbox, store().mailbox(*account, u"INBOX"_s));
    QList<QByteArray> many;
    for (int i = 0; i < Flag::MaxKeywords; ++i)
        many += "kw" + QByteArray::number(i);
    STORE_OK(full, store().append(*account, inbox->id, {message(body(1), 0, many)}));
    QCOMPARE(full->keywords.size(), Flag::MaxKeywords);
    QCOMPARE(full->flags.first(), ~FlagMask(0) & ~Flag::SystemMask);

    const auto refused = store().append(*account, inbox->id,
                                        {message(body(2), 0, {"kw0"}),
                                         message(body(3), 0, {"one-too-many"})});
    QCOMPARE(refused.error(), StoreError::Limit);
    STORE_OK(status, store().status(*account, inbox->id));
    QCOMPARE(status->messages, 1u);
    QCOMPARE(status->uidNext, 2u);
    STORE_OK(snapshot, store().snapshot(*account, inbox->id));
    QCOMPARE(snapshot->keywords, many);

    // Existing keywords still work.
    STORE_OK(reuse, store().append(*account, inbox->id, {message(body(4), 0, {"KW58"})}));
    QCOMPARE(reuse->uids, QList<quint32>{2});
    QCOMPARE(reuse->flags.first(), Flag::keywordBit(58));
}

// RFC 3501 §2.3.1.1: UIDNEXT changes when messages are added, "even if those new messages are
// subsequently expunged" - also across a restart.
void TestMailStore::uidsAreNeverReused()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    STORE_OK(inbox, store().mailbox(*account, u"INBOX"_s));
    QVERIFY_OK(store().append(*account, inbox->id,
                              {message(body(1)), message(body(2), Flag::Deleted),
                               message(body(3), Flag::Deleted)}));
    STORE_OK(expunged, store().expungeDeleted(*account, inbox->id));
    QCOMPARE(*expunged, (QList<quint32>{2, 3}));
    STORE_OK(status, store().status(*account, inbox->id));
    QCOMPARE(status->uidNext, 4u);

    QVERIFY(m_fixture->reopen());
    STORE_OK(afterRestart, store().status(*account, inbox->id));
    QCOMPARE(afterRestart->uidNext, 4u);
    STORE_OK(appended, store().append(*account, inbox->id, {message(body(4))}));
    QCOMPARE(appended->uids, QList<quint32>{4});
    STORE_OK(snapshot, store().snapshot(*account, inbox->id));
    QCOMPARE(uidList(snapshot->uids), (QList<quint32>{1, 4}));
}

// RFC 3501 §2.3.1.1 (note 3), §6.3.4: a mailbox deleted and created again under the same name
// gets a new, larger UIDVALIDITY - also across a restart.
void TestMailStore::uidValidityChangesOnRecreate()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QList<quint32> seen;
    for (int round = 0; round < 3; ++round) {
        QVERIFY_OK(store().createMailbox(*account, u"Drafts"_s));
        STORE_OK(drafts, store().mailbox(*account, u"Drafts"_s));
        if (!seen.isEmpty())
            QVERIFY2(drafts->uidValidity > seen.last(),
                     qPrintable(QString::number(drafts->uidValidity)));
        seen += drafts->uidValidity;
        QCOMPARE(drafts->uidNext, 1u);
        QVERIFY_OK(store().deleteMailbox(*account, u"Drafts"_s));
        QVERIFY(m_fixture->reopen());
    }
}

void TestMailStore::stateSurvivesRestart()
{
    if (!m_fixture->isSqlite())
        QSKIP("the memory store lives as long as the process");
    STORE_OK(account, store().openAccount(u"alice"_s));
    QVERIFY_OK(store().createMailbox(*account, u"Archive/2024"_s));
    QVERIFY_OK(store().setSubscribed(*account, u"Archive/2024"_s, true));
    STORE_OK(archive, store().mailbox(*account, u"Archive/2024"_s));
    const QDateTime date(QDate(2024, 1, 2), QTime(3, 4, 5), Qt::OffsetFromUTC, -7 * 3600);
    STORE_OK(appended, store().append(*account, archive->id,
                                      {message(body(1), Flag::Seen, {"Done"}, date),
                                       message(body(2), Flag::Draft)}));
    STORE_OK(claimed, store().claimRecent(*account, archive->id));
    const auto mailboxesBefore = mailboxNames(*account);
    STORE_OK(snapshotBefore, store().snapshot(*account, archive->id));

    QVERIFY(m_fixture->reopen());

    STORE_OK(accountAgain, store().openAccount(u"alice"_s));
    QCOMPARE(*accountAgain, *account);
    QCOMPARE(mailboxNames(*account), mailboxesBefore);
    STORE_OK(subscriptions, store().subscriptions(*account));
    QCOMPARE(*subscriptions, QStringList{u"Archive/2024"_s});
    STORE_OK(snapshot, store().snapshot(*account, archive->id));
    QCOMPARE(snapshot->info.uidValidity, snapshotBefore->info.uidValidity);
    QCOMPARE(snapshot->info.uidNext, 3u);
    QCOMPARE(snapshot->info.firstRecentUid, 3u);
    QCOMPARE(snapshot->keywords, QList<QByteArray>{"Done"});
    QCOMPARE(uidList(snapshot->uids), appended->uids);
    QCOMPARE(QList<FlagMask>(snapshot->flags.begin(), snapshot->flags.end()), appended->flags);
    STORE_OK(status, store().status(*account, archive->id));
    QCOMPARE(status->recent, 0u);
    STORE_OK(data, store().messageData(*account, archive->id, 1));
    QCOMPARE(*data, body(1));
    STORE_OK(infos, store().messageInfos(*account, archive->id, 1, 1, 1));
    QCOMPARE(infos->first().internalDate, date);
    QCOMPARE(infos->first().internalDate.offsetFromUtc(), -7 * 3600);
    QCOMPARE(m_fixture->database()->schemaVersion(), Database::latestSchemaVersion());
}

// DESIGN.md, Security: a user sees only their own mailboxes; every call is scoped by account.
void TestMailStore::otherAccountsMailboxIsNotFound()
{
    STORE_OK(alice, store().openAccount(u"alice"_s));
    STORE_OK(bob, store().openAccount(u"bob"_s));
    QVERIFY_OK(store().createMailbox(*alice, u"secret"_s));
    STORE_OK(secret, store().mailbox(*alice, u"secret"_s));
    STORE_OK(appended, store().append(*alice, secret->id,
                                      {message(body(1), Flag::Deleted | Flag::Flagged)}));
    const quint32 uid = appended->uids.first();

    QCOMPARE(store().mailbox(*bob, u"secret"_s).error(), StoreError::NotFound);
    QCOMPARE(store().status(*bob, secret->id).error(), StoreError::NotFound);
    QCOMPARE(store().snapshot(*bob, secret->id).error(), StoreError::NotFound);
    QCOMPARE(store().claimRecent(*bob, secret->id).error(), StoreError::NotFound);
    QCOMPARE(store().messageData(*bob, secret->id, uid).error(), StoreError::NotFound);
    QCOMPARE(store().messageInfos(*bob, secret->id, 1, uid, 10).error(), StoreError::NotFound);
    QCOMPARE(store().append(*bob, secret->id, {message(body(2))}).error(), StoreError::NotFound);
    QCOMPARE(store().expungeDeleted(*bob, secret->id).error(), StoreError::NotFound);
    QCOMPARE(store().deleteMailbox(*bob, u"secret"_s).error(), StoreError::NotFound);
    QCOMPARE(store().renameMailbox(*bob, u"secret"_s, u"mine"_s).error(), StoreError::NotFound);

    STORE_OK(status, store().status(*alice, secret->id));
    QCOMPARE(status->messages, 1u);
    QCOMPARE(status->recent, 1u);
    QCOMPARE(mailboxNames(*bob), QStringList{u"INBOX"_s});
    QCOMPARE(store().mailboxes(424242).error(), StoreError::NotFound);
}

// RFC 3501 §6.4.3 (EXPUNGE) and RFC 4315 §2.1 (UID EXPUNGE: only the listed UIDs).
void TestMailStore::expungeDeleted()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    STORE_OK(inbox, store().mailbox(*account, u"INBOX"_s));
    QVERIFY_OK(store().append(*account, inbox->id,
                              {message(body(1)), message(body(2), Flag::Deleted),
                               message(body(3), Flag::Deleted | Flag::Seen), message(body(4)),
                               message(body(5), Flag::Deleted)}));

    const QList<quint32> only{5, 4, 3};
    STORE_OK(some, store().expungeDeleted(*account, inbox->id, &only));
    QCOMPARE(*some, (QList<quint32>{3, 5}));
    STORE_OK(snapshot, store().snapshot(*account, inbox->id));
    QCOMPARE(uidList(snapshot->uids), (QList<quint32>{1, 2, 4}));
    QCOMPARE(store().messageData(*account, inbox->id, 3).error(), StoreError::NotFound);

    STORE_OK(rest, store().expungeDeleted(*account, inbox->id));
    QCOMPARE(*rest, QList<quint32>{2});
    STORE_OK(none, store().expungeDeleted(*account, inbox->id));
    QVERIFY(none->isEmpty());
    STORE_OK(after, store().snapshot(*account, inbox->id));
    QCOMPARE(uidList(after->uids), (QList<quint32>{1, 4}));
    STORE_OK(data, store().messageData(*account, inbox->id, 4));
    QCOMPARE(*data, body(4));
}

// Bodies are stored once and freed with the last message row that refers to them.
void TestMailStore::expungeFreesBodies()
{
    if (!m_fixture->isSqlite())
        QSKIP("body rows are a SQLite detail");
    STORE_OK(account, store().openAccount(u"alice"_s));
    STORE_OK(inbox, store().mailbox(*account, u"INBOX"_s));
    QVERIFY_OK(store().append(*account, inbox->id,
                              {message(body(1), Flag::Deleted), message(body(2)),
                               message(body(3), Flag::Deleted)}));
    QCOMPARE(bodyRows(), 3);
    QVERIFY_OK(store().expungeDeleted(*account, inbox->id));
    QCOMPARE(bodyRows(), 1);

    // An INBOX rename moves rows and keeps the shared bodies; removing the mailbox frees them.
    QVERIFY_OK(store().renameMailbox(*account, u"INBOX"_s, u"old"_s));
    QCOMPARE(bodyRows(), 1);
    QVERIFY_OK(store().deleteMailbox(*account, u"old"_s));
    QCOMPARE(bodyRows(), 0);
}

// RFC 3501 §2.3.2: \Recent goes to one session; claimRecent hands the recent range over once.
void TestMailStore::claimRecent()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    STORE_OK(inbox, store().mailbox(*account, u"INBOX"_s));
    QVERIFY_OK(store().append(*account, inbox->id, {message(body(1)), message(body(2))}));

    STORE_OK(first, store().claimRecent(*account, inbox->id));
    QCOMPARE(*first, 1u); // uids 1 and 2 are this session's recent messages
    STORE_OK(status, store().status(*account, inbox->id));
    QCOMPARE(status->recent, 0u);

    QVERIFY_OK(store().append(*account, inbox->id, {message(body(3))}));
    STORE_OK(again, store().status(*account, inbox->id));
    QCOMPARE(again->recent, 1u);
    STORE_OK(second, store().claimRecent(*account, inbox->id));
    QCOMPARE(*second, 3u);
    STORE_OK(third, store().claimRecent(*account, inbox->id));
    QCOMPARE(*third, 4u); // nothing new
    STORE_OK(snapshot, store().snapshot(*account, inbox->id));
    QCOMPARE(snapshot->info.firstRecentUid, 4u);
}

void TestMailStore::deleteAccountRemovesEverything()
{
    STORE_OK(alice, store().openAccount(u"alice"_s));
    STORE_OK(bob, store().openAccount(u"bob"_s));
    QVERIFY_OK(store().createMailbox(*alice, u"a/b"_s));
    QVERIFY_OK(store().setSubscribed(*alice, u"a"_s, true));
    STORE_OK(inbox, store().mailbox(*alice, u"INBOX"_s));
    QVERIFY_OK(store().append(*alice, inbox->id, {message(body(1), 0, {"K"}), message(body(2))}));
    STORE_OK(bobInbox, store().mailbox(*bob, u"INBOX"_s));
    QVERIFY_OK(store().append(*bob, bobInbox->id, {message(body(3))}));

    QVERIFY_OK(store().deleteAccount(u"alice"_s));
    QCOMPARE(store().deleteAccount(u"alice"_s).error(), StoreError::NotFound);
    QCOMPARE(store().status(*alice, inbox->id).error(), StoreError::NotFound);
    QCOMPARE(store().mailboxes(*alice).error(), StoreError::NotFound);
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 1); // only bob's

    STORE_OK(fresh, store().openAccount(u"alice"_s));
    QVERIFY(*fresh != *alice);
    QCOMPARE(mailboxNames(*fresh), QStringList{u"INBOX"_s});
    STORE_OK(subscriptions, store().subscriptions(*fresh));
    QVERIFY(subscriptions->isEmpty());
    STORE_OK(bobStatus, store().status(*bob, bobInbox->id));
    QCOMPARE(bobStatus->messages, 1u);
}

// DESIGN.md, Storage: an ok from the store means the change survives the process dying.
void TestMailStore::appendSurvivesKill()
{
    if (!m_fixture->isSqlite())
        QSKIP("the memory store does not outlive its process");
    const QByteArray sent = body(42);
    QProcess child;
    child.start(QString::fromUtf8(QIMAPD_CRASH_CHILD),
                {m_fixture->dataDir(), QString::fromUtf8(sent)});
    QVERIFY2(child.waitForStarted(), qPrintable(child.errorString()));
    QByteArray line;
    while (!line.contains('\n') && child.waitForReadyRead(20000))
        line += child.readAllStandardOutput();
    QVERIFY2(line.startsWith("APPENDED "),
             QByteArray(line + child.readAllStandardError()).constData());
    const quint32 uid = line.mid(9).trimmed().toUInt();
    QVERIFY(uid > 0);

    child.kill(); // SIGKILL: no destructors, no close, no checkpoint
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    QVERIFY(m_fixture->reopen());
    STORE_OK(account, store().openAccount(u"crash"_s));
    STORE_OK(inbox, store().mailbox(*account, u"INBOX"_s));
    STORE_OK(data, store().messageData(*account, inbox->id, uid));
    QCOMPARE(*data, sent);
    STORE_OK(snapshot, store().snapshot(*account, inbox->id));
    QCOMPARE(uidList(snapshot->uids), QList<quint32>{uid});
    QCOMPARE(snapshot->keywords, QList<QByteArray>{"$Crash"});
    QCOMPARE(snapshot->flags.front(), Flag::Flagged | Flag::keywordBit(0));
}

// A database written by a newer qimapd is refused, not migrated or damaged.
void TestMailStore::newerSchemaIsRefused()
{
    if (!m_fixture->isSqlite())
        QSKIP("schema versions are a SQLite detail");
    QVERIFY(Database::latestSchemaVersion() >= 1);
    QCOMPARE(m_fixture->database()->schemaVersion(), Database::latestSchemaVersion());
    const int newer = Database::latestSchemaVersion() + 1;
    {
        QSqlQuery query(m_fixture->database()->db());
        QVERIFY(query.exec(u"PRAGMA user_version = "_s + QString::number(newer)));
    }
    m_fixture->close();

    Database database;
    const StoreStatus opened = database.open(m_fixture->dataDir());
    QCOMPARE(opened.error(), StoreError::Unavailable);
    QVERIFY2(opened.message().contains(u"newer"_s), qPrintable(opened.message()));
    QVERIFY(!database.isOpen());
}

// DESIGN.md, Storage: WAL, synchronous=FULL (an ok survives a power cut), foreign keys (the
// cascades), a busy timeout (another process holding the write lock makes us wait).
void TestMailStore::durabilityPragmasAreSet()
{
    if (!m_fixture->isSqlite())
        QSKIP("SQLite settings");
    QSqlQuery query(m_fixture->database()->db());
    auto pragma = [&](const QString &name) {
        return query.exec(u"PRAGMA "_s + name) && query.next() ? query.value(0).toString()
                                                               : u"error"_s;
    };
    QCOMPARE(pragma(u"journal_mode"_s), u"wal"_s);
    QCOMPARE(pragma(u"synchronous"_s), u"2"_s); // FULL
    QCOMPARE(pragma(u"foreign_keys"_s), u"1"_s);
    QCOMPARE(pragma(u"busy_timeout"_s), u"5000"_s);
}

// The server and a CLI tool (or two stores in one test) each have their own connection.
void TestMailStore::twoConnectionsShareTheFile()
{
    if (!m_fixture->isSqlite())
        QSKIP("connections are a SQLite detail");
    STORE_OK(account, store().openAccount(u"alice"_s));
    STORE_OK(inbox, store().mailbox(*account, u"INBOX"_s));

    Database second;
    QVERIFY_OK(second.open(m_fixture->dataDir()));
    QVERIFY(second.db().connectionName() != m_fixture->database()->db().connectionName());
    {
        SqliteStore tool(second);
        STORE_OK(same, tool.openAccount(u"alice"_s));
        QCOMPARE(*same, *account);
        QVERIFY_OK(tool.append(*same, inbox->id, {message(body(1))}));
    }
    second.close();

    STORE_OK(snapshot, store().snapshot(*account, inbox->id));
    QCOMPARE(uidList(snapshot->uids), QList<quint32>{1});
}

// A storage failure is an error the client can retry ([UNAVAILABLE]), never a crash, and it
// leaves nothing half-written: here another connection holds the write lock.
void TestMailStore::lockedDatabaseIsUnavailable()
{
    if (!m_fixture->isSqlite())
        QSKIP("locking is a SQLite detail");
    STORE_OK(account, store().openAccount(u"alice"_s));
    STORE_OK(inbox, store().mailbox(*account, u"INBOX"_s));
    QSqlQuery noWait(m_fixture->database()->db());
    QVERIFY(noWait.exec(u"PRAGMA busy_timeout = 0"_s));

    Database other;
    QVERIFY_OK(other.open(m_fixture->dataDir()));
    QVERIFY_OK(other.begin(Database::Access::Write));
    const auto refused = store().append(*account, inbox->id, {message(body(1))});
    QCOMPARE(refused.error(), StoreError::Unavailable);
    QVERIFY2(refused.message().contains(u"locked"_s), qPrintable(refused.message()));
    QCOMPARE(store().createMailbox(*account, u"x"_s).error(), StoreError::Unavailable);
    other.rollback();

    STORE_OK(appended, store().append(*account, inbox->id, {message(body(1))}));
    QCOMPARE(appended->uids, QList<quint32>{1}); // the refused append used no UID
    QCOMPARE(mailboxNames(*account), QStringList{u"INBOX"_s});
}

QTEST_GUILESS_MAIN(TestMailStore)
#include "tst_mailstore.moc"
