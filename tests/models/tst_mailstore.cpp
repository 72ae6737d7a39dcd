// The MailStore contract, run over every implementation (global data rows "memory" and
// "sqlite"): the mailbox tree of RFC 3501 §6.3.3-§6.3.7, UIDs and UIDVALIDITY of §2.3.1.1,
// append/status/snapshot, expunge, \Recent (§2.3.2), account isolation, and for SQLite also
// restarts, a process killed right after an append, and schema versions.

#include "Database.h"
#include "MemoryStore.h"
#include "SqliteStore.h"
#include "mime/MimeParser.h"

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

char *toString(const FlagChange &change)
{
    return qstrdup(QByteArray("{uid " + QByteArray::number(change.uid) + ", flags 0x"
                              + QByteArray::number(change.flags, 16) + "}")
                       .constData());
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

// Fails the test unless `records` (MessageRecords read with their data) is exactly one
// message, retained or not as `isExpunged` says, whose bytes are `text`.
#define QCOMPARE_ONLY_RECORD(records, isExpunged, text)                                            \
    do {                                                                                           \
        QCOMPARE((records).size(), 1);                                                             \
        QCOMPARE((records).first().expunged, isExpunged);                                          \
        QCOMPARE((records).first().data, text);                                                    \
    } while (false)

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

QList<FlagMask> flagList(const std::vector<FlagMask> &flags)
{
    return QList<FlagMask>(flags.begin(), flags.end());
}

QList<quint32> recordUids(const QList<MessageRecord> &records)
{
    QList<quint32> uids;
    for (const MessageRecord &record : records)
        uids += record.info.uid;
    return uids;
}

FlagRequest flags(FlagMask system, const QList<QByteArray> &keywords = {})
{
    return FlagRequest{system, keywords};
}

// A MIME message with CRLF line ends, and one with bare LF line ends (as some MTAs deliver).
const QByteArray multipartHeader = "From: Alice <alice@example.org>\r\n"
                                   "To: bob@example.org\r\n"
                                   "Subject: parts\r\n"
                                   "MIME-Version: 1.0\r\n"
                                   "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
                                   "\r\n";
const QByteArray multipartMessage = multipartHeader
    + "--b1\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
      "--b1\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
      "\r\nAAEC\r\n--b1--\r\n";
const QByteArray bareLfHeader = "From: lf@example.org\nSubject: bare\n\n";
const QByteArray bareLfMessage = bareLfHeader + "line one\nline two\n";

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
    void expungedMessagesStayReadable();
    void expungedMessagesAreGoneFromTheMailbox();
    void uidExpungeRetainsOnlyThoseExpunged();
    void releaseExpungedFreesThem();
    void releaseKeepsBodiesSharedByCopies();
    void releaseAllExpunged();
    void deleteMailboxDropsRetained();
    void deleteNoselectDropsRetained();
    void deleteAccountDropsRetained();
    void retainedOfOtherAccountIsNotFound();
    void uidsAreNeverReusedAfterRelease();
    void renameInboxRetainsMovedMessages();
    void expungeRollsBackWithItsBatch();
    void claimRecent();
    void deleteAccountRemovesEverything();
    void appendSurvivesKill();
    void newerSchemaIsRefused();
    void durabilityPragmasAreSet();
    void twoConnectionsShareTheFile();
    void lockedDatabaseIsUnavailable();

    void messageRecordsFields_data();
    void messageRecordsFields();
    void messageRecordsSkipMissingUids();
    void messageRecordsOfOtherAccountIsNotFound();
    void uidSetsDenseAndSparse();
    void storeFlagsReplace();
    void storeFlagsAdd();
    void storeFlagsRemove();
    void storeFlagsKeywordLimitChangesNothing();
    void copyTranslatesKeywordsAndKeepsDates();
    void copySharesBodies();
    void copyToSameMailbox();
    void copyOfNothing();
    void copyToNoselectOrMissing();
    void copyKeywordLimitChangesNothing();
    void batchCommitsTogether();
    void batchRollback();
    void batchFailedOperationRollsBackAlone();
    void batchAfterSqliteRolledBack();

private:
    MailStore &store() { return m_fixture->store(); }
    QStringList mailboxNames(qint64 account);
    qint64 bodyRows();
    qint64 inbox(qint64 account);
    // The four messages the STORE cases start from (see storeFlagsReplace).
    void appendStoreFixture(qint64 account, qint64 mailbox);

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

qint64 TestMailStore::inbox(qint64 account)
{
    const auto found = store().mailbox(account, u"INBOX"_s);
    return found ? found->id : -1;
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
    QCOMPARE(store().messageRecords(*bob, secret->id, {uid}, MessageField::Data).error(),
             StoreError::NotFound);
    QCOMPARE(store().storeFlags(*bob, secret->id, {uid}, FlagUpdate::Replace, flags(0)).error(),
             StoreError::NotFound);
    const qint64 bobInbox = inbox(*bob);
    QCOMPARE(store().copyMessages(*bob, secret->id, {uid}, bobInbox).error(), StoreError::NotFound);
    QCOMPARE(store().copyMessages(*bob, bobInbox, {uid}, secret->id).error(), StoreError::NotFound);
    STORE_OK(bobSnapshot, store().snapshot(*bob, bobInbox));
    QVERIFY(bobSnapshot->uids.empty());
    STORE_OK(records, store().messageRecords(*alice, secret->id, {uid}, MessageField::Info));
    QCOMPARE(records->size(), 1);
    QCOMPARE(records->first().info.flags, Flag::Deleted | Flag::Flagged);

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

// Bodies are stored once and freed with the last message row, live or retained, that refers to
// them: EXPUNGE keeps them (the messages are retained), releasing the retained rows frees them.
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
    STORE_OK(expunged, store().expungeDeleted(*account, inbox->id));
    QCOMPARE(*expunged, (QList<quint32>{1, 3}));
    QCOMPARE(bodyRows(), 3);
    QVERIFY_OK(store().releaseExpunged(*account, inbox->id, *expunged));
    QCOMPARE(bodyRows(), 1);

    // An INBOX rename moves rows and keeps the shared bodies (INBOX retains the moved messages
    // for its sessions); removing the mailbox and releasing INBOX's retained rows frees them.
    QVERIFY_OK(store().renameMailbox(*account, u"INBOX"_s, u"old"_s));
    QCOMPARE(bodyRows(), 1);
    QVERIFY_OK(store().deleteMailbox(*account, u"old"_s));
    QCOMPARE(bodyRows(), 1);
    QVERIFY_OK(store().releaseExpunged(*account, inbox->id, {2}));
    QCOMPARE(bodyRows(), 0);
}

// ---- retained expunged messages (RFC 3501 §7.4.1, RFC 2683 §3.4.6) ---------------------------

namespace {
const MessageFields allFields = MessageField::Info | MessageField::Header
    | MessageField::Structure | MessageField::Data;
} // namespace

// Another session not yet told of an EXPUNGE may FETCH the message at its old sequence number and
// must get that message's data: messageRecords() returns retained messages, every field as it was,
// marked expunged, in UID order among the live ones, for every form of UID set.
void TestMailStore::expungedMessagesStayReadable()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    const QDateTime date(QDate(2021, 6, 7), QTime(8, 9, 10), Qt::OffsetFromUTC, -4 * 3600);
    const QList<QByteArray> data{body(1), multipartMessage, bareLfMessage, body(4)};
    STORE_OK(appended, store().append(*account, mailbox,
                                      {message(data.at(0), Flag::Seen),
                                       message(data.at(1), Flag::Deleted | Flag::Flagged,
                                               {"Work"}, date),
                                       message(data.at(2), Flag::Deleted, {}, date),
                                       message(data.at(3))}));
    STORE_OK(expunged, store().expungeDeleted(*account, mailbox));
    QCOMPARE(*expunged, (QList<quint32>{2, 3}));

    STORE_OK(records, store().messageRecords(*account, mailbox, {1, 2, 3, 4}, allFields));
    QCOMPARE(recordUids(*records), (QList<quint32>{1, 2, 3, 4}));
    for (int i = 0; i < 4; ++i) {
        const MessageRecord &record = records->at(i);
        QCOMPARE(record.expunged, i == 1 || i == 2);
        QCOMPARE(record.info.flags, appended->flags.at(i));
        QCOMPARE(record.info.size, data.at(i).size());
        QCOMPARE(record.data, data.at(i));
        const MessageStructure parsed = MimeParser::parse(data.at(i));
        QCOMPARE(record.header, data.at(i).left(parsed.root.bodyStart));
        const auto structure = MessageStructure::deserialize(record.structure);
        QVERIFY(structure.has_value());
        QVERIFY(*structure == parsed);
    }
    QCOMPARE(records->at(1).info.internalDate, date);
    QCOMPARE(records->at(1).info.internalDate.offsetFromUtc(), -4 * 3600);
    QCOMPARE(records->at(1).header, multipartHeader);
    QCOMPARE(records->at(2).header, bareLfHeader);

    // Every shape of UID set the SQLite store sends differently (see uidSetsDenseAndSparse).
    const QList<std::pair<QList<quint32>, QList<quint32>>> cases{
        {{2}, {2}},                                  // one retained UID
        {{2, 3}, {2, 3}},                            // dense, retained only
        {{1, 2, 3, 4, 5}, {1, 2, 3, 4}},             // dense, both kinds
        {{3, 4000000000u}, {3}},                     // sparse
        {{1, 3, 4294967295u}, {1, 3}},               // sparse, both kinds
        {{3, 2, 2, 1}, {1, 2, 3}},                   // out of order, repeated
        {{5, 6}, {}},                                // none
    };
    for (const auto &[asked, expected] : cases) {
        STORE_OK(some, store().messageRecords(*account, mailbox, asked, MessageField::Info));
        QCOMPARE(recordUids(*some), expected);
        for (const MessageRecord &record : *some)
            QCOMPARE(record.expunged, record.info.uid == 2 || record.info.uid == 3);
    }
    // Without any field asked for, too (FETCH UID).
    STORE_OK(uidsOnly, store().messageRecords(*account, mailbox, {2, 4}, {}));
    QCOMPARE(recordUids(*uidsOnly), (QList<quint32>{2, 4}));
    QVERIFY(uidsOnly->at(0).expunged);
    QVERIFY(!uidsOnly->at(1).expunged);
}

// The retained messages are gone from the mailbox for everything but messageRecords(): STATUS,
// SELECT, the metadata reads, STORE, COPY and a second EXPUNGE never see them, and their UIDs
// are not given out again.
void TestMailStore::expungedMessagesAreGoneFromTheMailbox()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QVERIFY_OK(store().createMailbox(*account, u"Archive"_s));
    STORE_OK(archive, store().mailbox(*account, u"Archive"_s));
    QVERIFY_OK(store().append(*account, mailbox,
                              {message(body(1)), message(body(2), Flag::Deleted, {"Gone"}),
                               message(body(3), Flag::Deleted), message(body(4), Flag::Seen)}));
    STORE_OK(expunged, store().expungeDeleted(*account, mailbox));
    QCOMPARE(*expunged, (QList<quint32>{2, 3}));

    STORE_OK(status, store().status(*account, mailbox));
    QCOMPARE(status->messages, 2u);
    QCOMPARE(status->recent, 2u);
    QCOMPARE(status->unseen, 1u);
    QCOMPARE(status->uidNext, 5u);
    STORE_OK(snapshot, store().snapshot(*account, mailbox));
    QCOMPARE(uidList(snapshot->uids), (QList<quint32>{1, 4}));
    QCOMPARE(snapshot->keywords, QList<QByteArray>{"Gone"});
    STORE_OK(infos, store().messageInfos(*account, mailbox, 1, 4, 10));
    QCOMPARE(infos->size(), 2);
    QCOMPARE(infos->at(0).uid, 1u);
    QCOMPARE(infos->at(1).uid, 4u);
    STORE_OK(chunk, store().messageInfos(*account, mailbox, 2, 3, 10));
    QVERIFY(chunk->isEmpty());
    QCOMPARE(store().messageData(*account, mailbox, 2).error(), StoreError::NotFound);

    // STORE neither changes nor reports them, and their stored flags stay as they were.
    STORE_OK(stored, store().storeFlags(*account, mailbox, {1, 2, 3}, FlagUpdate::Replace,
                                        flags(Flag::Answered)));
    QCOMPARE(stored->changed, (QList<FlagChange>{{1, Flag::Answered}}));
    STORE_OK(retained, store().messageRecords(*account, mailbox, {2, 3}, MessageField::Info));
    QCOMPARE(retained->at(0).info.flags, Flag::Deleted | Flag::keywordBit(0));
    QCOMPARE(retained->at(1).info.flags, FlagMask(Flag::Deleted));

    // COPY skips them like missing UIDs.
    STORE_OK(copied, store().copyMessages(*account, mailbox, {2, 3}, archive->id));
    QVERIFY(copied->sourceUids.isEmpty());
    STORE_OK(some, store().copyMessages(*account, mailbox, {1, 2, 3, 4}, archive->id));
    QCOMPARE(some->sourceUids, (QList<quint32>{1, 4}));
    QCOMPARE(some->destinationUids, (QList<quint32>{1, 2}));
    QCOMPARE(some->keywords, QList<QByteArray>{}); // "Gone" was only on a retained message

    // A second EXPUNGE finds nothing (they still carry \Deleted); UIDs keep counting up.
    STORE_OK(again, store().expungeDeleted(*account, mailbox));
    QVERIFY(again->isEmpty());
    const QList<quint32> only{2, 3};
    STORE_OK(againOnly, store().expungeDeleted(*account, mailbox, &only));
    QVERIFY(againOnly->isEmpty());
    STORE_OK(next, store().append(*account, mailbox, {message(body(5))}));
    QCOMPARE(next->uids, QList<quint32>{5});
    STORE_OK(after, store().snapshot(*account, mailbox));
    QCOMPARE(uidList(after->uids), (QList<quint32>{1, 4, 5}));
}

// UID EXPUNGE (RFC 4315 §2.1) retains exactly what it removed; an expunge later in the mailbox's
// life (lower UIDs after higher ones) keeps the retained messages in UID order.
void TestMailStore::uidExpungeRetainsOnlyThoseExpunged()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QVERIFY_OK(store().append(*account, mailbox,
                              {message(body(1), Flag::Deleted), message(body(2)),
                               message(body(3), Flag::Deleted), message(body(4), Flag::Deleted)}));
    const QList<quint32> only{4, 2};
    STORE_OK(first, store().expungeDeleted(*account, mailbox, &only));
    QCOMPARE(*first, QList<quint32>{4});
    STORE_OK(second, store().expungeDeleted(*account, mailbox));
    QCOMPARE(*second, (QList<quint32>{1, 3}));

    STORE_OK(records, store().messageRecords(*account, mailbox, {1, 2, 3, 4}, MessageField::Data));
    QCOMPARE(recordUids(*records), (QList<quint32>{1, 2, 3, 4}));
    for (const MessageRecord &record : *records) {
        QCOMPARE(record.expunged, record.info.uid != 2);
        QCOMPARE(record.data, body(int(record.info.uid)));
    }
}

// releaseExpunged() drops exactly the UIDs given (others, unknown and live ones untouched), and
// for SQLite their bodies: the body row count goes back down.
void TestMailStore::releaseExpungedFreesThem()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QVERIFY_OK(store().append(*account, mailbox,
                              {message(body(1), Flag::Deleted), message(body(2), Flag::Deleted),
                               message(body(3), Flag::Deleted), message(body(4))}));
    STORE_OK(expunged, store().expungeDeleted(*account, mailbox));
    QCOMPARE(*expunged, (QList<quint32>{1, 2, 3}));
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 4);

    // UID 4 is live, 9 never existed: ignored.
    QVERIFY_OK(store().releaseExpunged(*account, mailbox, {3, 1, 4, 9}));
    STORE_OK(records, store().messageRecords(*account, mailbox, {1, 2, 3, 4}, MessageField::Data));
    QCOMPARE(recordUids(*records), (QList<quint32>{2, 4}));
    QVERIFY(records->at(0).expunged);
    QCOMPARE(records->at(0).data, body(2));
    QVERIFY(!records->at(1).expunged);
    QCOMPARE(records->at(1).data, body(4));
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 2);

    QVERIFY_OK(store().releaseExpunged(*account, mailbox, {}));
    QVERIFY_OK(store().releaseExpunged(*account, mailbox, {1, 2}));
    QVERIFY_OK(store().releaseExpunged(*account, mailbox, {2})); // again: nothing left
    STORE_OK(left, store().messageRecords(*account, mailbox, {1, 2, 3, 4}, MessageField::Info));
    QCOMPARE(recordUids(*left), QList<quint32>{4});
    QVERIFY(!left->first().expunged);
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 1);
    STORE_OK(status, store().status(*account, mailbox));
    QCOMPARE(status->messages, 1u);
    QCOMPARE(status->uidNext, 5u);
    QCOMPARE(store().releaseExpunged(*account, 987654, {1}).error(), StoreError::NotFound);
}

// A body shared with a COPY that was not expunged stays when the original is released; it goes
// with the last row, live or retained, that refers to it.
void TestMailStore::releaseKeepsBodiesSharedByCopies()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QVERIFY_OK(store().createMailbox(*account, u"Archive"_s));
    STORE_OK(archive, store().mailbox(*account, u"Archive"_s));
    QVERIFY_OK(store().append(*account, mailbox,
                              {message(body(1), Flag::Deleted), message(body(2), Flag::Deleted)}));
    STORE_OK(copied, store().copyMessages(*account, mailbox, {1}, archive->id));
    QCOMPARE(copied->destinationUids, QList<quint32>{1});
    QVERIFY_OK(store().expungeDeleted(*account, mailbox));
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 2);

    QVERIFY_OK(store().releaseExpunged(*account, mailbox, {1, 2}));
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 1); // body 1 is the copy's; body 2 had no other row
    STORE_OK(copy, store().messageRecords(*account, archive->id, {1}, allFields));
    QCOMPARE_ONLY_RECORD(*copy, false, body(1));
    QCOMPARE(copy->first().header, body(1).left(body(1).indexOf("\r\n\r\n") + 4));

    // The other way round: the copy expunged and released while the original is retained.
    QVERIFY_OK(store().append(*account, mailbox, {message(body(3), Flag::Deleted)}));
    QVERIFY_OK(store().copyMessages(*account, mailbox, {3}, archive->id));
    QVERIFY_OK(store().expungeDeleted(*account, mailbox));
    QVERIFY_OK(store().storeFlags(*account, archive->id, {2}, FlagUpdate::Add,
                                  flags(Flag::Deleted)));
    QVERIFY_OK(store().expungeDeleted(*account, archive->id));
    QVERIFY_OK(store().releaseExpunged(*account, archive->id, {2}));
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 2);
    STORE_OK(original, store().messageRecords(*account, mailbox, {3}, MessageField::Data));
    QCOMPARE_ONLY_RECORD(*original, true, body(3));
    QVERIFY_OK(store().releaseExpunged(*account, mailbox, {3}));
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 1);
}

// At start-up no session exists: every retained message of every account goes, nothing else.
void TestMailStore::releaseAllExpunged()
{
    STORE_OK(alice, store().openAccount(u"alice"_s));
    STORE_OK(bob, store().openAccount(u"bob"_s));
    QVERIFY_OK(store().createMailbox(*alice, u"Lists"_s));
    STORE_OK(lists, store().mailbox(*alice, u"Lists"_s));
    const qint64 aliceInbox = inbox(*alice);
    const qint64 bobInbox = inbox(*bob);
    for (const auto &[account, mailbox] : {std::pair{*alice, aliceInbox},
                                           std::pair{*alice, lists->id},
                                           std::pair{*bob, bobInbox}}) {
        QVERIFY_OK(store().append(account, mailbox,
                                  {message(body(1)), message(body(2), Flag::Deleted)}));
        STORE_OK(expunged, store().expungeDeleted(account, mailbox));
        QCOMPARE(*expunged, QList<quint32>{2});
    }
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 6);

    QVERIFY(m_fixture->reopen()); // retained rows outlive a restart until released
    QVERIFY_OK(store().releaseAllExpunged());
    for (const auto &[account, mailbox] : {std::pair{*alice, aliceInbox},
                                           std::pair{*alice, lists->id},
                                           std::pair{*bob, bobInbox}}) {
        STORE_OK(records, store().messageRecords(account, mailbox, {1, 2}, MessageField::Data));
        QCOMPARE(recordUids(*records), QList<quint32>{1});
        QVERIFY(!records->first().expunged);
        QCOMPARE(records->first().data, body(1));
        STORE_OK(status, store().status(account, mailbox));
        QCOMPARE(status->uidNext, 3u);
    }
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 3);
    QVERIFY_OK(store().releaseAllExpunged()); // nothing left: still fine
}

// DELETE of a leaf mailbox drops its retained messages with it (and for SQLite their bodies).
void TestMailStore::deleteMailboxDropsRetained()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QVERIFY_OK(store().createMailbox(*account, u"Old"_s));
    STORE_OK(old, store().mailbox(*account, u"Old"_s));
    QVERIFY_OK(store().append(*account, old->id,
                              {message(body(1)), message(body(2), Flag::Deleted)}));
    QVERIFY_OK(store().expungeDeleted(*account, old->id));
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 2);

    QVERIFY_OK(store().deleteMailbox(*account, u"Old"_s));
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 0);
    QCOMPARE(store().messageRecords(*account, old->id, {1, 2}, MessageField::Data).error(),
             StoreError::NotFound);
    QCOMPARE(store().releaseExpunged(*account, old->id, {2}).error(), StoreError::NotFound);

    // The same name again is a new mailbox: nothing of the old one shows.
    QVERIFY_OK(store().createMailbox(*account, u"Old"_s));
    STORE_OK(fresh, store().mailbox(*account, u"Old"_s));
    QVERIFY_OK(store().append(*account, fresh->id, {message(body(3))}));
    STORE_OK(records, store().messageRecords(*account, fresh->id, {1, 2}, MessageField::Data));
    QCOMPARE(recordUids(*records), QList<quint32>{1});
    QCOMPARE(records->first().data, body(3));
}

// DELETE of a mailbox with children leaves the name \Noselect (RFC 3501 §6.3.4) and removes its
// messages, retained ones included: a later CREATE starts its UIDs at 1 again (a new
// UIDVALIDITY), and none of them may meet an old retained message.
void TestMailStore::deleteNoselectDropsRetained()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QVERIFY_OK(store().createMailbox(*account, u"a/b"_s));
    STORE_OK(parent, store().mailbox(*account, u"a"_s));
    QVERIFY_OK(store().append(*account, parent->id,
                              {message(body(1), Flag::Deleted), message(body(2))}));
    QVERIFY_OK(store().expungeDeleted(*account, parent->id));
    QVERIFY_OK(store().deleteMailbox(*account, u"a"_s));
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 0);
    STORE_OK(noselect, store().messageRecords(*account, parent->id, {1, 2}, MessageField::Data));
    QVERIFY(noselect->isEmpty());

    QVERIFY_OK(store().createMailbox(*account, u"a"_s));
    STORE_OK(revived, store().mailbox(*account, u"a"_s));
    QCOMPARE(revived->id, parent->id);
    STORE_OK(appended, store().append(*account, revived->id,
                                      {message(body(3), Flag::Deleted), message(body(4))}));
    QCOMPARE(appended->uids, (QList<quint32>{1, 2}));
    STORE_OK(expunged, store().expungeDeleted(*account, revived->id));
    QCOMPARE(*expunged, QList<quint32>{1});
    STORE_OK(records, store().messageRecords(*account, revived->id, {1, 2}, MessageField::Data));
    QCOMPARE(recordUids(*records), (QList<quint32>{1, 2}));
    QVERIFY(records->at(0).expunged);
    QCOMPARE(records->at(0).data, body(3));
    QCOMPARE(records->at(1).data, body(4));
}

void TestMailStore::deleteAccountDropsRetained()
{
    STORE_OK(alice, store().openAccount(u"alice"_s));
    STORE_OK(bob, store().openAccount(u"bob"_s));
    const qint64 aliceInbox = inbox(*alice);
    const qint64 bobInbox = inbox(*bob);
    QVERIFY_OK(store().append(*alice, aliceInbox, {message(body(1), Flag::Deleted)}));
    QVERIFY_OK(store().expungeDeleted(*alice, aliceInbox));
    QVERIFY_OK(store().append(*bob, bobInbox, {message(body(2), Flag::Deleted)}));
    QVERIFY_OK(store().expungeDeleted(*bob, bobInbox));
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 2);

    QVERIFY_OK(store().deleteAccount(u"alice"_s));
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 1); // only bob's retained message
    QCOMPARE(store().messageRecords(*alice, aliceInbox, {1}, MessageField::Data).error(),
             StoreError::NotFound);
    STORE_OK(bobs, store().messageRecords(*bob, bobInbox, {1}, MessageField::Data));
    QCOMPARE_ONLY_RECORD(*bobs, true, body(2));
}

// DESIGN.md, Security: retained messages are scoped by account like the live ones.
void TestMailStore::retainedOfOtherAccountIsNotFound()
{
    STORE_OK(alice, store().openAccount(u"alice"_s));
    STORE_OK(bob, store().openAccount(u"bob"_s));
    const qint64 aliceInbox = inbox(*alice);
    QVERIFY_OK(store().append(*alice, aliceInbox, {message(body(1), Flag::Deleted)}));
    QVERIFY_OK(store().expungeDeleted(*alice, aliceInbox));

    QCOMPARE(store().messageRecords(*bob, aliceInbox, {1}, allFields).error(),
             StoreError::NotFound);
    QCOMPARE(store().messageRecords(*bob, aliceInbox, {1}, {}).error(), StoreError::NotFound);
    QCOMPARE(store().releaseExpunged(*bob, aliceInbox, {1}).error(), StoreError::NotFound);
    QCOMPARE(store().releaseExpunged(424242, aliceInbox, {1}).error(), StoreError::NotFound);
    STORE_OK(own, store().messageRecords(*alice, aliceInbox, {1}, MessageField::Data));
    QCOMPARE_ONLY_RECORD(*own, true, body(1));
}

// RFC 3501 §2.3.1.1: releasing retained messages never makes their UIDs available again, not
// across a restart either.
void TestMailStore::uidsAreNeverReusedAfterRelease()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QVERIFY_OK(store().append(*account, mailbox,
                              {message(body(1)), message(body(2), Flag::Deleted),
                               message(body(3), Flag::Deleted)}));
    STORE_OK(expunged, store().expungeDeleted(*account, mailbox));
    QCOMPARE(*expunged, (QList<quint32>{2, 3}));
    QVERIFY_OK(store().releaseExpunged(*account, mailbox, {3}));

    QVERIFY(m_fixture->reopen());
    STORE_OK(stillRetained, store().messageRecords(*account, mailbox, {2, 3}, MessageField::Data));
    QCOMPARE(recordUids(*stillRetained), QList<quint32>{2});
    QVERIFY_OK(store().releaseAllExpunged());
    QVERIFY(m_fixture->reopen());
    STORE_OK(status, store().status(*account, mailbox));
    QCOMPARE(status->uidNext, 4u);
    STORE_OK(appended, store().append(*account, mailbox, {message(body(4))}));
    QCOMPARE(appended->uids, QList<quint32>{4});
    STORE_OK(records, store().messageRecords(*account, mailbox, {1, 2, 3, 4}, MessageField::Data));
    QCOMPARE(recordUids(*records), (QList<quint32>{1, 4}));
    QCOMPARE(records->at(1).data, body(4));
}

// RFC 3501 §6.3.5: RENAME INBOX moves its messages away, and the server announces them to the
// sessions on INBOX as expunged: until released they stay readable there, at their INBOX UIDs.
void TestMailStore::renameInboxRetainsMovedMessages()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QVERIFY_OK(store().append(*account, mailbox,
                              {message(body(1), Flag::Deleted), message(body(2), Flag::Seen),
                               message(body(3))}));
    QVERIFY_OK(store().expungeDeleted(*account, mailbox));
    QVERIFY_OK(store().renameMailbox(*account, u"INBOX"_s, u"Old"_s));

    STORE_OK(retained, store().messageRecords(*account, mailbox, {1, 2, 3}, allFields));
    QCOMPARE(recordUids(*retained), (QList<quint32>{1, 2, 3}));
    for (const MessageRecord &record : *retained) {
        QVERIFY(record.expunged);
        QCOMPARE(record.data, body(int(record.info.uid)));
    }
    QCOMPARE(retained->at(1).info.flags, FlagMask(Flag::Seen));
    STORE_OK(status, store().status(*account, mailbox));
    QCOMPARE(status->messages, 0u);
    STORE_OK(old, store().mailbox(*account, u"Old"_s));
    STORE_OK(moved, store().messageRecords(*account, old->id, {1, 2}, MessageField::Data));
    QCOMPARE(recordUids(*moved), (QList<quint32>{1, 2}));
    QVERIFY(!moved->at(0).expunged);
    QCOMPARE(moved->at(0).data, body(2));

    QVERIFY_OK(store().releaseExpunged(*account, mailbox, {1, 2, 3}));
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 2); // the moved messages' bodies
    STORE_OK(none, store().messageRecords(*account, mailbox, {1, 2, 3}, MessageField::Info));
    QVERIFY(none->isEmpty());
}

// EXPUNGE's move to the retained rows is one transaction with the removal: a rolled-back batch
// leaves the messages live and nothing retained.
void TestMailStore::expungeRollsBackWithItsBatch()
{
    if (!m_fixture->isSqlite())
        QSKIP("the memory store has no transactions: rollbackBatch() is a no-op");
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QVERIFY_OK(store().append(*account, mailbox, {message(body(1), Flag::Deleted)}));
    QVERIFY_OK(store().beginBatch());
    STORE_OK(expunged, store().expungeDeleted(*account, mailbox));
    QCOMPARE(*expunged, QList<quint32>{1});
    store().rollbackBatch();

    STORE_OK(records, store().messageRecords(*account, mailbox, {1}, MessageField::Data));
    QCOMPARE(recordUids(*records), QList<quint32>{1});
    QVERIFY(!records->first().expunged);
    STORE_OK(snapshot, store().snapshot(*account, mailbox));
    QCOMPARE(uidList(snapshot->uids), QList<quint32>{1});
    QCOMPARE(bodyRows(), 1);
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

// ---- FETCH's reads (messageRecords) -----------------------------------------------------------

void TestMailStore::messageRecordsFields_data()
{
    QTest::addColumn<int>("fields");
    const QList<std::pair<MessageField, const char *>> names{{MessageField::Info, "info"},
                                                             {MessageField::Header, "header"},
                                                             {MessageField::Structure, "structure"},
                                                             {MessageField::Data, "data"}};
    for (int bits = 0; bits < 16; ++bits) {
        QByteArray name;
        for (const auto &[field, text] : names) {
            if (bits & int(field))
                name += (name.isEmpty() ? "" : "+") + QByteArray(text);
        }
        QTest::newRow(name.isEmpty() ? "uid only" : name.constData()) << bits;
    }
}

// Each field is filled exactly when asked for; header is the header block with its blank line,
// structure is what MimeParser::parse() makes of the data (computed at APPEND, read back).
void TestMailStore::messageRecordsFields()
{
    QFETCH(int, fields);
    const MessageFields asked = MessageFields::fromInt(fields);
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    const QDateTime date(QDate(2024, 3, 1), QTime(8, 0), Qt::OffsetFromUTC, -3 * 3600);
    const QList<QByteArray> data{multipartMessage, bareLfMessage, body(3)};
    const QList<QByteArray> headers{multipartHeader, bareLfHeader,
                                    "From: a@example.org\r\nSubject: message 3\r\n\r\n"};
    STORE_OK(appended, store().append(*account, mailbox,
                                      {message(data.at(0), Flag::Seen, {"Work"}, date),
                                       message(data.at(1), Flag::Draft, {}, date),
                                       message(data.at(2), 0, {}, date)}));

    STORE_OK(records, store().messageRecords(*account, mailbox, {1, 2, 3}, asked));
    QCOMPARE(recordUids(*records), (QList<quint32>{1, 2, 3}));
    for (int i = 0; i < 3; ++i) {
        const MessageRecord &record = records->at(i);
        if (asked.testFlag(MessageField::Info)) {
            QCOMPARE(record.info.flags, appended->flags.at(i));
            QCOMPARE(record.info.internalDate, date);
            QCOMPARE(record.info.internalDate.offsetFromUtc(), -3 * 3600);
            QCOMPARE(record.info.size, data.at(i).size());
        } else {
            QCOMPARE(record.info.flags, FlagMask(0));
            QVERIFY(!record.info.internalDate.isValid());
            QCOMPARE(record.info.size, 0);
        }
        QCOMPARE(record.header,
                 asked.testFlag(MessageField::Header) ? headers.at(i) : QByteArray());
        QCOMPARE(record.data, asked.testFlag(MessageField::Data) ? data.at(i) : QByteArray());
        if (asked.testFlag(MessageField::Structure)) {
            const auto structure = MessageStructure::deserialize(record.structure);
            QVERIFY(structure.has_value());
            const MessageStructure parsed = MimeParser::parse(data.at(i));
            QVERIFY(*structure == parsed);
            QCOMPARE(parsed.root.bodyStart, headers.at(i).size());
        } else {
            QVERIFY(record.structure.isEmpty());
        }
    }
    // The header ends with the blank line, in the message's own line ends.
    if (asked.testFlag(MessageField::Header)) {
        QVERIFY(records->at(0).header.endsWith("\r\n\r\n"));
        QVERIFY(records->at(1).header.endsWith("\n\n"));
        QVERIFY(!records->at(1).header.contains('\r'));
    }
    if (asked.testFlag(MessageField::Structure)) {
        const auto multipart = MessageStructure::deserialize(records->at(0).structure);
        QVERIFY(multipart.has_value());
        QCOMPARE(multipart->root.children.size(), 2);
        QCOMPARE(multipart->envelope.subject, QByteArray("parts"));
    }
}

void TestMailStore::messageRecordsSkipMissingUids()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QVERIFY_OK(store().append(*account, mailbox,
                              {message(body(1)), message(body(2)),
                               message(body(3), Flag::Deleted), message(body(4)),
                               message(body(5))}));
    QVERIFY_OK(store().expungeDeleted(*account, mailbox));
    // Retained (see expungedMessagesStayReadable) until released; released, it is missing.
    STORE_OK(retained, store().messageRecords(*account, mailbox, {3}, MessageField::Info));
    QCOMPARE(recordUids(*retained), QList<quint32>{3});
    QVERIFY(retained->first().expunged);
    QVERIFY_OK(store().releaseExpunged(*account, mailbox, {3}));

    STORE_OK(some, store().messageRecords(*account, mailbox, {2, 3, 5, 6, 4000000000u},
                                          MessageField::Info | MessageField::Data));
    QCOMPARE(recordUids(*some), (QList<quint32>{2, 5}));
    QCOMPARE(some->at(0).data, body(2));
    QCOMPARE(some->at(1).data, body(5));
    QCOMPARE(some->at(1).info.size, body(5).size());

    STORE_OK(none, store().messageRecords(*account, mailbox, {3, 9}, MessageField::Info));
    QVERIFY(none->isEmpty());
    STORE_OK(empty, store().messageRecords(*account, mailbox, {}, MessageField::Data));
    QVERIFY(empty->isEmpty());

    // The same reads as messageInfos(), which shares the code.
    STORE_OK(all, store().messageRecords(*account, mailbox, {1, 2, 3, 4, 5}, MessageField::Info));
    STORE_OK(infos, store().messageInfos(*account, mailbox, 1, 5, 10));
    QCOMPARE(recordUids(*all), (QList<quint32>{1, 2, 4, 5}));
    QCOMPARE(infos->size(), all->size());
    for (qsizetype i = 0; i < infos->size(); ++i) {
        QCOMPARE(infos->at(i).uid, all->at(i).info.uid);
        QCOMPARE(infos->at(i).flags, all->at(i).info.flags);
        QCOMPARE(infos->at(i).internalDate, all->at(i).info.internalDate);
        QCOMPARE(infos->at(i).size, all->at(i).info.size);
    }
}

void TestMailStore::messageRecordsOfOtherAccountIsNotFound()
{
    STORE_OK(alice, store().openAccount(u"alice"_s));
    STORE_OK(bob, store().openAccount(u"bob"_s));
    const qint64 aliceInbox = inbox(*alice);
    QVERIFY_OK(store().append(*alice, aliceInbox, {message(body(1))}));
    const auto all = MessageField::Info | MessageField::Header | MessageField::Structure
        | MessageField::Data;
    QCOMPARE(store().messageRecords(*bob, aliceInbox, {1}, all).error(), StoreError::NotFound);
    QCOMPARE(store().messageRecords(*bob, aliceInbox, {}, MessageField::Info).error(),
             StoreError::NotFound);
    QCOMPARE(store().messageRecords(*alice, 987654, {1}, all).error(), StoreError::NotFound);
    STORE_OK(own, store().messageRecords(*alice, aliceInbox, {1}, all));
    QCOMPARE(own->size(), 1);
}

// The SQLite store sends a dense UID set as a range minus its gaps and a sparse one as a list
// (one statement either way); both must select exactly the UIDs asked for, in every operation.
void TestMailStore::uidSetsDenseAndSparse()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QList<AppendRequest> requests;
    for (int n = 1; n <= 20; ++n)
        requests += message(body(n), n % 5 == 0 ? Flag::Deleted : FlagMask(0));
    QVERIFY_OK(store().append(*account, mailbox, requests));
    STORE_OK(expunged, store().expungeDeleted(*account, mailbox)); // 5, 10, 15, 20 are gone
    QVERIFY_OK(store().releaseExpunged(*account, mailbox, *expunged));
    QVERIFY_OK(store().createMailbox(*account, u"Copies"_s));
    STORE_OK(copies, store().mailbox(*account, u"Copies"_s));

    const QList<std::pair<QList<quint32>, QList<quint32>>> cases{
        {{3}, {3}},                                               // one UID
        {{2, 3, 4, 5, 6, 7}, {2, 3, 4, 6, 7}},                    // a run with an expunged UID
        {{1, 2, 4, 6, 8, 9}, {1, 2, 4, 6, 8, 9}},                 // dense with gaps
        {{1, 9, 19, 20, 21}, {1, 9, 19}},                         // sparse
        {{18, 19, 4294967295u}, {18, 19}},                        // sparse over the whole space
        {{4294967294u, 4294967295u}, {}},                         // dense, at the very top
        {{4, 2, 2, 3}, {2, 3, 4}},                                // out of order, repeated
    };
    quint32 nextCopy = 1;
    for (const auto &[asked, existing] : cases) {
        const QByteArray label = "asked " + QByteArray::number(asked.size()) + " from "
            + QByteArray::number(asked.first());
        STORE_OK(records, store().messageRecords(*account, mailbox, asked, MessageField::Info));
        QVERIFY2(recordUids(*records) == existing, label.constData());

        STORE_OK(stored, store().storeFlags(*account, mailbox, asked, FlagUpdate::Add,
                                            flags(Flag::Flagged)));
        QList<quint32> changed;
        for (const FlagChange &change : stored->changed)
            changed += change.uid;
        QVERIFY2(changed == existing, label.constData());
        STORE_OK(cleared, store().storeFlags(*account, mailbox, asked, FlagUpdate::Remove,
                                             flags(Flag::Flagged)));
        QCOMPARE(cleared->changed.size(), existing.size());

        STORE_OK(copied, store().copyMessages(*account, mailbox, asked, copies->id));
        QVERIFY2(copied->sourceUids == existing, label.constData());
        QList<quint32> expectedCopies;
        for (qsizetype i = 0; i < existing.size(); ++i)
            expectedCopies += nextCopy++;
        QCOMPARE(copied->destinationUids, expectedCopies);
    }
    STORE_OK(snapshot, store().snapshot(*account, mailbox));
    for (const FlagMask mask : snapshot->flags)
        QCOMPARE(mask, FlagMask(0));
    STORE_OK(copyStatus, store().status(*account, copies->id));
    QCOMPARE(copyStatus->messages, nextCopy - 1);
}

// ---- STORE (RFC 3501 §6.4.6) ------------------------------------------------------------------

// uid 1: \Seen Work; 2: \Flagged; 3: \Seen Later; 4: \Seen \Answered Later. Keywords: Work, Later.
void TestMailStore::appendStoreFixture(qint64 account, qint64 mailbox)
{
    const auto appended =
        store().append(account, mailbox,
                       {message(body(1), Flag::Seen, {"Work"}), message(body(2), Flag::Flagged),
                        message(body(3), Flag::Seen, {"Later"}),
                        message(body(4), Flag::Seen | Flag::Answered, {"Later"})});
    QVERIFY_OK(appended);
    QCOMPARE(appended->keywords, (QList<QByteArray>{"Work", "Later"}));
}

// FLAGS: the new set replaces everything (\Recent is not stored, so nothing survives).
void TestMailStore::storeFlagsReplace()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    appendStoreFixture(*account, mailbox);
    if (QTest::currentTestFailed())
        return;
    const FlagMask later = Flag::keywordBit(1), fresh = Flag::keywordBit(2);

    STORE_OK(first, store().storeFlags(*account, mailbox, {1, 2, 3, 4, 9}, FlagUpdate::Replace,
                                       flags(Flag::Seen, {"later"})));
    QCOMPARE(first->keywords, (QList<QByteArray>{"Work", "Later"}));
    QCOMPARE(first->changed, (QList<FlagChange>{{1, Flag::Seen | later},
                                                {2, Flag::Seen | later},
                                                {4, Flag::Seen | later}}));

    STORE_OK(second, store().storeFlags(*account, mailbox, {2}, FlagUpdate::Replace,
                                        flags(Flag::Draft | Flag::Deleted, {"New"})));
    QCOMPARE(second->keywords, (QList<QByteArray>{"Work", "Later", "New"}));
    QCOMPARE(second->changed, (QList<FlagChange>{{2, Flag::Draft | Flag::Deleted | fresh}}));

    STORE_OK(third, store().storeFlags(*account, mailbox, {3, 4}, FlagUpdate::Replace, flags(0)));
    QCOMPARE(third->changed, (QList<FlagChange>{{3, 0}, {4, 0}}));
    STORE_OK(again, store().storeFlags(*account, mailbox, {3, 4}, FlagUpdate::Replace, flags(0)));
    QVERIFY(again->changed.isEmpty());

    STORE_OK(snapshot, store().snapshot(*account, mailbox));
    QCOMPARE(snapshot->keywords, (QList<QByteArray>{"Work", "Later", "New"}));
    QCOMPARE(flagList(snapshot->flags),
             (QList<FlagMask>{Flag::Seen | later, Flag::Draft | Flag::Deleted | fresh, 0, 0}));
}

// +FLAGS: only messages that lacked one of the flags change; a keyword new to the mailbox joins
// the table only when some message gets it.
void TestMailStore::storeFlagsAdd()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    appendStoreFixture(*account, mailbox);
    if (QTest::currentTestFailed())
        return;
    const FlagMask work = Flag::keywordBit(0), later = Flag::keywordBit(1),
                   extra = Flag::keywordBit(2);

    STORE_OK(seen, store().storeFlags(*account, mailbox, {1, 2, 3, 4}, FlagUpdate::Add,
                                      flags(Flag::Seen)));
    QCOMPARE(seen->changed, (QList<FlagChange>{{2, Flag::Flagged | Flag::Seen}}));
    QCOMPARE(seen->keywords, (QList<QByteArray>{"Work", "Later"}));

    STORE_OK(more, store().storeFlags(*account, mailbox, {1, 3}, FlagUpdate::Add,
                                      flags(Flag::Deleted, {"work", "Extra"})));
    QCOMPARE(more->keywords, (QList<QByteArray>{"Work", "Later", "Extra"}));
    QCOMPARE(more->changed,
             (QList<FlagChange>{{1, Flag::Seen | Flag::Deleted | work | extra},
                                {3, Flag::Seen | Flag::Deleted | work | later | extra}}));

    // Nothing to change: no message 42, so "Ghost" is not added.
    STORE_OK(ghost, store().storeFlags(*account, mailbox, {42}, FlagUpdate::Add,
                                       flags(Flag::Seen, {"Ghost"})));
    QVERIFY(ghost->changed.isEmpty());
    QCOMPARE(ghost->keywords, (QList<QByteArray>{"Work", "Later", "Extra"}));

    STORE_OK(snapshot, store().snapshot(*account, mailbox));
    QCOMPARE(snapshot->keywords, (QList<QByteArray>{"Work", "Later", "Extra"}));
    QCOMPARE(flagList(snapshot->flags),
             (QList<FlagMask>{Flag::Seen | Flag::Deleted | work | extra,
                              Flag::Flagged | Flag::Seen,
                              Flag::Seen | Flag::Deleted | work | later | extra,
                              Flag::Seen | Flag::Answered | later}));
    STORE_OK(status, store().status(*account, mailbox));
    QCOMPARE(status->unseen, 0u);
}

// -FLAGS: keywords the mailbox does not know are ignored, never added.
void TestMailStore::storeFlagsRemove()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    appendStoreFixture(*account, mailbox);
    if (QTest::currentTestFailed())
        return;
    const FlagMask work = Flag::keywordBit(0);

    STORE_OK(removed, store().storeFlags(*account, mailbox, {1, 2, 3, 4}, FlagUpdate::Remove,
                                         flags(Flag::Seen, {"LATER", "Unknown"})));
    QCOMPARE(removed->keywords, (QList<QByteArray>{"Work", "Later"}));
    QCOMPARE(removed->changed,
             (QList<FlagChange>{{1, work}, {3, 0}, {4, Flag::Answered}}));
    STORE_OK(again, store().storeFlags(*account, mailbox, {1, 2, 3, 4}, FlagUpdate::Remove,
                                       flags(Flag::Seen, {"LATER", "Unknown"})));
    QVERIFY(again->changed.isEmpty());

    STORE_OK(snapshot, store().snapshot(*account, mailbox));
    QCOMPARE(snapshot->keywords, (QList<QByteArray>{"Work", "Later"}));
    QCOMPARE(flagList(snapshot->flags),
             (QList<FlagMask>{work, Flag::Flagged, 0, Flag::Answered}));
    STORE_OK(status, store().status(*account, mailbox));
    QCOMPARE(status->unseen, 4u);
}

// A keyword that does not fit (Flag::MaxKeywords) refuses the whole STORE: nothing changes.
void TestMailStore::storeFlagsKeywordLimitChangesNothing()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QList<QByteArray> many;
    for (int i = 0; i < Flag::MaxKeywords; ++i)
        many += "kw" + QByteArray::number(i);
    QVERIFY_OK(store().append(*account, mailbox, {message(body(1), 0, many), message(body(2))}));
    STORE_OK(before, store().snapshot(*account, mailbox));

    QCOMPARE(store().storeFlags(*account, mailbox, {1, 2}, FlagUpdate::Add,
                                flags(Flag::Seen, {"one-too-many"})).error(),
             StoreError::Limit);
    QCOMPARE(store().storeFlags(*account, mailbox, {1, 2}, FlagUpdate::Replace,
                                flags(Flag::Seen, {"kw1", "one-too-many"})).error(),
             StoreError::Limit);
    STORE_OK(after, store().snapshot(*account, mailbox));
    QCOMPARE(after->keywords, many);
    QCOMPARE(flagList(after->flags), flagList(before->flags));

    STORE_OK(removed, store().storeFlags(*account, mailbox, {1}, FlagUpdate::Remove,
                                         flags(0, {"one-too-many", "KW0"})));
    QCOMPARE(removed->changed,
             (QList<FlagChange>{{1, ~FlagMask(0) & ~Flag::SystemMask & ~Flag::keywordBit(0)}}));
    STORE_OK(known, store().storeFlags(*account, mailbox, {2}, FlagUpdate::Add,
                                       flags(0, {"kw58"})));
    QCOMPARE(known->changed, (QList<FlagChange>{{2, Flag::keywordBit(58)}}));
}

// ---- COPY (RFC 3501 §6.4.7, RFC 4315 §3) ------------------------------------------------------

// Each mailbox numbers its own keywords: the copies' bits are renumbered by name, keywords the
// destination lacks are added (only those the copies use), internal dates and bytes are kept.
void TestMailStore::copyTranslatesKeywordsAndKeepsDates()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    QVERIFY_OK(store().createMailbox(*account, u"Src"_s));
    QVERIFY_OK(store().createMailbox(*account, u"Dst"_s));
    STORE_OK(src, store().mailbox(*account, u"Src"_s));
    STORE_OK(dst, store().mailbox(*account, u"Dst"_s));
    const QDateTime west(QDate(2024, 2, 29), QTime(23, 59, 58), Qt::OffsetFromUTC, -5 * 3600);
    const QDateTime east(QDate(1999, 12, 31), QTime(1, 2, 3), Qt::OffsetFromUTC, 9 * 3600 + 1800);
    STORE_OK(sources, store().append(*account, src->id,
                                     {message(body(1), Flag::Seen, {"Alpha", "Gamma"}, west),
                                      message(body(2), Flag::Flagged, {"Beta"}, east),
                                      message(body(3), Flag::Answered, {}, west),
                                      message(body(4), 0, {"Unused"}, east)}));
    QCOMPARE(sources->keywords, (QList<QByteArray>{"Alpha", "Gamma", "Beta", "Unused"}));
    QVERIFY_OK(store().append(*account, dst->id, {message(body(9), 0, {"beta", "Other"})}));

    STORE_OK(copied, store().copyMessages(*account, src->id, {1, 2, 3, 7}, dst->id));
    QCOMPARE(copied->uidValidity, dst->uidValidity);
    QCOMPARE(copied->sourceUids, (QList<quint32>{1, 2, 3}));
    QCOMPARE(copied->destinationUids, (QList<quint32>{2, 3, 4}));
    QCOMPARE(copied->keywords, (QList<QByteArray>{"beta", "Other", "Alpha", "Gamma"}));
    const FlagMask beta = Flag::keywordBit(0), alpha = Flag::keywordBit(2),
                   gamma = Flag::keywordBit(3);
    const QList<FlagMask> expected{Flag::Seen | alpha | gamma, Flag::Flagged | beta,
                                   Flag::Answered};
    QCOMPARE(copied->flags, expected);

    STORE_OK(snapshot, store().snapshot(*account, dst->id));
    QCOMPARE(snapshot->info.uidNext, 5u);
    QCOMPARE(snapshot->keywords, copied->keywords);
    QCOMPARE(uidList(snapshot->uids), (QList<quint32>{1, 2, 3, 4}));
    QCOMPARE(flagList(snapshot->flags),
             (QList<FlagMask>{beta | Flag::keywordBit(1), expected.at(0), expected.at(1),
                              expected.at(2)}));
    STORE_OK(records, store().messageRecords(*account, dst->id, {2, 3, 4},
                                             MessageField::Info | MessageField::Header
                                                 | MessageField::Structure | MessageField::Data));
    const QList<QDateTime> dates{west, east, west};
    for (int i = 0; i < 3; ++i) {
        const MessageRecord &record = records->at(i);
        QCOMPARE(record.info.internalDate, dates.at(i));
        QCOMPARE(record.info.internalDate.offsetFromUtc(), dates.at(i).offsetFromUtc());
        QCOMPARE(record.info.size, body(i + 1).size());
        QCOMPARE(record.data, body(i + 1));
        QCOMPARE(record.header, body(i + 1).left(body(i + 1).indexOf("\r\n\r\n") + 4));
        const auto structure = MessageStructure::deserialize(record.structure);
        QVERIFY(structure.has_value());
        QVERIFY(*structure == MimeParser::parse(body(i + 1)));
    }
    STORE_OK(status, store().status(*account, dst->id));
    QCOMPARE(status->recent, 4u); // copies are new to the destination

    // The source is untouched.
    STORE_OK(source, store().snapshot(*account, src->id));
    QCOMPARE(source->keywords, sources->keywords);
    QCOMPARE(flagList(source->flags), sources->flags);
    QCOMPARE(source->info.uidNext, 5u);
}

// Bodies are shared, not copied (DESIGN.md, Storage); expunging the original keeps the copy's.
void TestMailStore::copySharesBodies()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QVERIFY_OK(store().createMailbox(*account, u"Archive"_s));
    STORE_OK(archive, store().mailbox(*account, u"Archive"_s));
    QVERIFY_OK(store().append(*account, mailbox, {message(multipartMessage), message(body(2))}));
    const qint64 bodiesBefore = m_fixture->isSqlite() ? bodyRows() : 0;
    QCOMPARE(bodiesBefore, m_fixture->isSqlite() ? 2 : 0);

    STORE_OK(copied, store().copyMessages(*account, mailbox, {1, 2}, archive->id));
    QCOMPARE(copied->destinationUids, (QList<quint32>{1, 2}));
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), bodiesBefore);

    QVERIFY_OK(store().storeFlags(*account, mailbox, {1, 2}, FlagUpdate::Add,
                                  flags(Flag::Deleted)));
    STORE_OK(expunged, store().expungeDeleted(*account, mailbox));
    QCOMPARE(*expunged, (QList<quint32>{1, 2}));
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 2);
    // Released, the originals are gone for good; the copies still hold the bodies.
    QVERIFY_OK(store().releaseExpunged(*account, mailbox, *expunged));
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 2);
    STORE_OK(released, store().messageRecords(*account, mailbox, {1, 2}, MessageField::Info));
    QVERIFY(released->isEmpty());
    STORE_OK(records, store().messageRecords(*account, archive->id, {1, 2},
                                             MessageField::Header | MessageField::Data));
    QCOMPARE(records->size(), 2);
    QCOMPARE(records->at(0).data, multipartMessage);
    QCOMPARE(records->at(0).header, multipartHeader);
    QCOMPARE(records->at(1).data, body(2));

    QVERIFY_OK(store().deleteMailbox(*account, u"Archive"_s));
    if (m_fixture->isSqlite())
        QCOMPARE(bodyRows(), 0);
}

void TestMailStore::copyToSameMailbox()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    const QDateTime date(QDate(2020, 5, 6), QTime(7, 8, 9), Qt::OffsetFromUTC, 3600);
    QVERIFY_OK(store().append(*account, mailbox,
                              {message(body(1), Flag::Seen, {"A"}, date),
                               message(body(2), 0, {"B"})}));
    STORE_OK(inboxInfo, store().mailbox(*account, u"INBOX"_s));

    STORE_OK(copied, store().copyMessages(*account, mailbox, {1, 2}, mailbox));
    QCOMPARE(copied->uidValidity, inboxInfo->uidValidity);
    QCOMPARE(copied->sourceUids, (QList<quint32>{1, 2}));
    QCOMPARE(copied->destinationUids, (QList<quint32>{3, 4}));
    QCOMPARE(copied->keywords, (QList<QByteArray>{"A", "B"}));
    QCOMPARE(copied->flags,
             (QList<FlagMask>{Flag::Seen | Flag::keywordBit(0), Flag::keywordBit(1)}));

    STORE_OK(snapshot, store().snapshot(*account, mailbox));
    QCOMPARE(uidList(snapshot->uids), (QList<quint32>{1, 2, 3, 4}));
    QCOMPARE(snapshot->info.uidNext, 5u);
    QCOMPARE(flagList(snapshot->flags),
             (QList<FlagMask>{Flag::Seen | Flag::keywordBit(0), Flag::keywordBit(1),
                              Flag::Seen | Flag::keywordBit(0), Flag::keywordBit(1)}));
    STORE_OK(records, store().messageRecords(*account, mailbox, {3, 4},
                                             MessageField::Info | MessageField::Data));
    QCOMPARE(records->at(0).data, body(1));
    QCOMPARE(records->at(0).info.internalDate, date);
    QCOMPARE(records->at(0).info.internalDate.offsetFromUtc(), 3600);
    QCOMPARE(records->at(1).data, body(2));
}

// No source UID exists: ok, empty lists, nothing changed (UIDNEXT included).
void TestMailStore::copyOfNothing()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QVERIFY_OK(store().createMailbox(*account, u"Archive"_s));
    STORE_OK(archive, store().mailbox(*account, u"Archive"_s));
    QVERIFY_OK(store().append(*account, archive->id, {message(body(1), 0, {"K"})}));
    QVERIFY_OK(store().append(*account, mailbox, {message(body(2), 0, {"Source"})}));

    for (const QList<quint32> &uids : {QList<quint32>{5, 6}, QList<quint32>{}}) {
        STORE_OK(copied, store().copyMessages(*account, mailbox, uids, archive->id));
        QCOMPARE(copied->uidValidity, archive->uidValidity);
        QVERIFY(copied->sourceUids.isEmpty());
        QVERIFY(copied->destinationUids.isEmpty());
        QVERIFY(copied->flags.isEmpty());
        QCOMPARE(copied->keywords, QList<QByteArray>{"K"});
    }
    STORE_OK(snapshot, store().snapshot(*account, archive->id));
    QCOMPARE(snapshot->info.uidNext, 2u);
    QCOMPARE(uidList(snapshot->uids), QList<quint32>{1});
    QCOMPARE(snapshot->keywords, QList<QByteArray>{"K"});
}

// RFC 3501 §6.4.7: a destination that cannot take messages is an error ([TRYCREATE] for a
// missing one, RFC 3501 §6.4.7 / RFC 5530), and nothing changes.
void TestMailStore::copyToNoselectOrMissing()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QVERIFY_OK(store().append(*account, mailbox, {message(body(1), 0, {"K"})}));
    QVERIFY_OK(store().createMailbox(*account, u"a/b"_s));
    QVERIFY_OK(store().deleteMailbox(*account, u"a"_s));
    STORE_OK(noselect, store().mailbox(*account, u"a"_s));
    QVERIFY(noselect->noSelect);

    QCOMPARE(store().copyMessages(*account, mailbox, {1}, noselect->id).error(),
             StoreError::NotSelectable);
    QCOMPARE(store().copyMessages(*account, mailbox, {1}, 987654).error(), StoreError::NotFound);
    QCOMPARE(store().copyMessages(*account, 987654, {1}, mailbox).error(), StoreError::NotFound);
    STORE_OK(after, store().mailbox(*account, u"a"_s));
    QCOMPARE(after->uidNext, noselect->uidNext);
    STORE_OK(snapshot, store().snapshot(*account, mailbox));
    QCOMPARE(uidList(snapshot->uids), QList<quint32>{1});
    QCOMPARE(snapshot->info.uidNext, 2u);
}

// The destination's keyword table is full: a copy that needs a new keyword is refused whole;
// one whose messages use no keyword the destination lacks still works.
void TestMailStore::copyKeywordLimitChangesNothing()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QVERIFY_OK(store().createMailbox(*account, u"Full"_s));
    STORE_OK(full, store().mailbox(*account, u"Full"_s));
    QList<QByteArray> many;
    for (int i = 0; i < Flag::MaxKeywords; ++i)
        many += "kw" + QByteArray::number(i);
    QVERIFY_OK(store().append(*account, full->id, {message(body(1), 0, many)}));
    QVERIFY_OK(store().append(*account, mailbox,
                              {message(body(2), Flag::Seen, {"Fresh"}),
                               message(body(3), 0, {"KW7"}), message(body(4))}));

    QCOMPARE(store().copyMessages(*account, mailbox, {1, 2, 3}, full->id).error(),
             StoreError::Limit);
    STORE_OK(unchanged, store().snapshot(*account, full->id));
    QCOMPARE(uidList(unchanged->uids), QList<quint32>{1});
    QCOMPARE(unchanged->info.uidNext, 2u);
    QCOMPARE(unchanged->keywords, many);

    STORE_OK(copied, store().copyMessages(*account, mailbox, {2, 3}, full->id));
    QCOMPARE(copied->destinationUids, (QList<quint32>{2, 3}));
    QCOMPARE(copied->flags, (QList<FlagMask>{Flag::keywordBit(7), 0}));
    QCOMPARE(copied->keywords, many);
}

// ---- group commit (DESIGN.md, Storage) --------------------------------------------------------

// Two mutations in one batch: both visible after commitBatch(); for SQLite, another connection
// sees neither before the commit (one transaction, one flush) and both after.
void TestMailStore::batchCommitsTogether()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    std::unique_ptr<Database> second;
    std::unique_ptr<SqliteStore> other;
    if (m_fixture->isSqlite()) {
        second = std::make_unique<Database>();
        QVERIFY_OK(second->open(m_fixture->dataDir()));
        other = std::make_unique<SqliteStore>(*second);
    }

    QVERIFY_OK(store().beginBatch());
    STORE_OK(appended, store().append(*account, mailbox, {message(body(1)), message(body(2))}));
    QCOMPARE(appended->uids, (QList<quint32>{1, 2}));
    STORE_OK(stored, store().storeFlags(*account, mailbox, {2}, FlagUpdate::Add,
                                        flags(Flag::Seen)));
    QCOMPARE(stored->changed, (QList<FlagChange>{{2, Flag::Seen}}));
    STORE_OK(inside, store().status(*account, mailbox)); // the batch sees its own changes
    QCOMPARE(inside->messages, 2u);
    if (other) {
        STORE_OK(outside, other->status(*account, mailbox));
        QCOMPARE(outside->messages, 0u);
        QCOMPARE(outside->uidNext, 1u);
    }
    QVERIFY_OK(store().commitBatch());

    STORE_OK(status, store().status(*account, mailbox));
    QCOMPARE(status->messages, 2u);
    QCOMPARE(status->unseen, 1u);
    QCOMPARE(status->uidNext, 3u);
    if (other) {
        STORE_OK(outside, other->status(*account, mailbox));
        QCOMPARE(outside->messages, 2u);
        QCOMPARE(outside->unseen, 1u);
        QCOMPARE(outside->uidNext, 3u);
        other.reset();
        second->close();
    }
    // commitBatch() without a batch is a caller's error for SQLite, a no-op for memory.
    const StoreStatus stray = store().commitBatch();
    QCOMPARE(stray.error(), m_fixture->isSqlite() ? StoreError::Invalid : StoreError::None);
}

void TestMailStore::batchRollback()
{
    if (!m_fixture->isSqlite())
        QSKIP("the memory store has no transactions: rollbackBatch() is a no-op");
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QVERIFY_OK(store().beginBatch());
    QVERIFY_OK(store().append(*account, mailbox, {message(body(1), 0, {"K"})}));
    QVERIFY_OK(store().createMailbox(*account, u"Drafts"_s));
    QVERIFY_OK(store().copyMessages(*account, mailbox, {1}, mailbox));
    store().rollbackBatch();

    STORE_OK(snapshot, store().snapshot(*account, mailbox));
    QVERIFY(snapshot->uids.empty());
    QVERIFY(snapshot->keywords.isEmpty());
    QCOMPARE(snapshot->info.uidNext, 1u);
    QCOMPARE(mailboxNames(*account), QStringList{u"INBOX"_s});
    QCOMPARE(m_fixture->database()->transactionDepth(), 0);

    // Later mutations commit on their own again.
    STORE_OK(appended, store().append(*account, mailbox, {message(body(2))}));
    QCOMPARE(appended->uids, QList<quint32>{1});
    QVERIFY(m_fixture->reopen());
    STORE_OK(after, store().snapshot(*account, mailbox));
    QCOMPARE(uidList(after->uids), QList<quint32>{1});
}

// A failed operation inside a batch undoes only its own savepoint: the batch's other changes
// commit. For SQLite a failure is also injected after the operation has written rows (a trigger
// aborts COPY's final UIDNEXT update), so the rows, the keywords and UIDNEXT must all go back.
void TestMailStore::batchFailedOperationRollsBackAlone()
{
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QVERIFY_OK(store().createMailbox(*account, u"Archive"_s));
    QVERIFY_OK(store().createMailbox(*account, u"a/b"_s));
    QVERIFY_OK(store().deleteMailbox(*account, u"a"_s));
    STORE_OK(archive, store().mailbox(*account, u"Archive"_s));
    STORE_OK(noselect, store().mailbox(*account, u"a"_s));
    QList<QByteArray> many;
    for (int i = 0; i < Flag::MaxKeywords; ++i)
        many += "kw" + QByteArray::number(i);

    QVERIFY_OK(store().beginBatch());
    QVERIFY_OK(store().append(*account, mailbox, {message(body(1), 0, {"Tag"})}));
    QCOMPARE(store().copyMessages(*account, mailbox, {1}, noselect->id).error(),
             StoreError::NotSelectable);
    QCOMPARE(store().append(*account, mailbox, {message(body(2), 0, many)}).error(),
             StoreError::Limit);
    if (m_fixture->isSqlite()) {
        QSqlQuery query(m_fixture->database()->db());
        QVERIFY(query.exec(u"CREATE TEMP TRIGGER fail_uidnext BEFORE UPDATE OF uidnext ON "
                           u"mailboxes WHEN NEW.id = "_s
                           + QString::number(archive->id)
                           + u" BEGIN SELECT RAISE(ABORT, 'injected failure'); END"_s));
        const auto failed = store().copyMessages(*account, mailbox, {1}, archive->id);
        QCOMPARE(failed.error(), StoreError::Unavailable);
        QVERIFY2(failed.message().contains(u"injected failure"_s), qPrintable(failed.message()));
        QVERIFY(query.exec(u"DROP TRIGGER fail_uidnext"_s));
    }
    QVERIFY_OK(store().storeFlags(*account, mailbox, {1}, FlagUpdate::Add, flags(Flag::Seen)));
    QVERIFY_OK(store().commitBatch());
    if (m_fixture->isSqlite())
        QCOMPARE(m_fixture->database()->transactionDepth(), 0);

    QVERIFY(m_fixture->reopen());
    STORE_OK(snapshot, store().snapshot(*account, mailbox));
    QCOMPARE(uidList(snapshot->uids), QList<quint32>{1});
    QCOMPARE(flagList(snapshot->flags), QList<FlagMask>{Flag::Seen | Flag::keywordBit(0)});
    QCOMPARE(snapshot->keywords, QList<QByteArray>{"Tag"});
    QCOMPARE(snapshot->info.uidNext, 2u);
    STORE_OK(archived, store().snapshot(*account, archive->id));
    QVERIFY(archived->uids.empty());
    QVERIFY(archived->keywords.isEmpty());
    QCOMPARE(archived->info.uidNext, 1u);
}

// Some errors (disk full, I/O) make SQLite roll back the whole transaction by itself. The batch
// must then fail as a whole: later mutations must not quietly commit on their own.
void TestMailStore::batchAfterSqliteRolledBack()
{
    if (!m_fixture->isSqlite())
        QSKIP("SQLite's own rollback");
    STORE_OK(account, store().openAccount(u"alice"_s));
    const qint64 mailbox = inbox(*account);
    QVERIFY_OK(store().beginBatch());
    QVERIFY_OK(store().append(*account, mailbox, {message(body(1))}));
    {
        QSqlQuery query(m_fixture->database()->db());
        QVERIFY(query.exec(u"ROLLBACK"_s)); // what SQLite does after SQLITE_FULL
    }
    QCOMPARE(store().append(*account, mailbox, {message(body(2))}).error(),
             StoreError::Unavailable);
    QCOMPARE(store().commitBatch().error(), StoreError::Unavailable);
    QCOMPARE(m_fixture->database()->transactionDepth(), 0);

    STORE_OK(status, store().status(*account, mailbox));
    QCOMPARE(status->messages, 0u);
    QCOMPARE(status->uidNext, 1u);
    STORE_OK(appended, store().append(*account, mailbox, {message(body(3))}));
    QCOMPARE(appended->uids, QList<quint32>{1});
}

QTEST_GUILESS_MAIN(TestMailStore)
#include "tst_mailstore.moc"
