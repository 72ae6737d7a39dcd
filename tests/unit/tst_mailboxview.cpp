// A session's view of its selected mailbox over the shared index (DESIGN.md "MailboxView"):
// EXISTS / RECENT for new mail, and EXPUNGE held back while the client may not be told and then
// numbered as RFC 3501 §7.4.1 says (each EXPUNGE renumbers the messages after it). Every
// sequence of responses is replayed on a naive client model — a plain vector of UIDs — and the
// view must agree with it.

#include "mailbox/MailboxIndex.h"
#include "mailbox/MailboxView.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <set>

using namespace qimapd;
using namespace Qt::StringLiterals;

namespace {

std::shared_ptr<MailboxIndex> makeIndex(const std::vector<quint32> &uids, const std::vector<FlagMask> &flags = {},
                                        quint32 uidNext = 0)
{
    MailboxSnapshot snapshot;
    snapshot.info.id = 7;
    snapshot.info.name = u"INBOX"_s;
    snapshot.info.uidValidity = 1234;
    snapshot.info.uidNext = uidNext ? uidNext : (uids.empty() ? 1 : uids.back() + 1);
    snapshot.uids = uids;
    snapshot.flags = flags.empty() ? std::vector<FlagMask>(uids.size(), 0) : flags;
    return std::make_shared<MailboxIndex>(1, std::move(snapshot));
}

std::vector<quint32> range(quint32 from, quint32 to)
{
    std::vector<quint32> out;
    for (quint32 uid = from; uid <= to; ++uid)
        out.push_back(uid);
    return out;
}

// What LiveMailboxes::append does after the store committed: \Recent to one session, then the
// index.
void appendMessages(MailboxIndex &index, const QList<quint32> &uids, MailboxView *recentTo = nullptr,
                    FlagMask flags = 0)
{
    if (recentTo)
        recentTo->addRecent(uids.first(), uids.last() + 1);
    AppendResult result;
    result.uidValidity = index.uidValidity();
    result.uids = uids;
    result.flags = QList<FlagMask>(uids.size(), flags);
    result.keywords = index.keywords();
    index.applyAppend(result);
}

// The client as RFC 3501 describes it: messages by sequence number, changed only by the
// untagged responses it receives.
struct Client
{
    std::vector<quint32> messages; // UIDs, by sequence number
    quint32 highestToldUid = 0;
    std::set<quint32> recentUids;  // which UIDs are \Recent for this session (the test's truth)
    qint64 lastRecent = -1;

    explicit Client(const MailboxIndex &index)
        : messages(index.uids()), highestToldUid(index.uidNext() - 1)
    {
    }

    bool isLive(const MailboxIndex &index, quint32 uid) const { return index.indexOf(uid) >= 0; }

    // Applies the responses in order; returns an empty string or what went wrong.
    QString receive(const QByteArrayList &lines, const MailboxIndex &index)
    {
        for (const QByteArray &line : lines) {
            const QList<QByteArray> words = line.split(' ');
            bool ok = false;
            const qulonglong n = words.value(0).toULongLong(&ok);
            if (words.size() != 2 || !ok)
                return u"malformed response "_s + QString::fromLatin1(line);
            if (words.at(1) == "EXPUNGE") {
                if (n < 1 || n > messages.size())
                    return u"EXPUNGE %1 outside 1..%2"_s.arg(n).arg(messages.size());
                const quint32 uid = messages[n - 1];
                if (isLive(index, uid))
                    return u"EXPUNGE %1 removes UID %2, which still exists"_s.arg(n).arg(uid);
                messages.erase(messages.begin() + qsizetype(n - 1));
            } else if (words.at(1) == "EXISTS") {
                // The new messages are the live ones above everything told so far.
                std::vector<quint32> fresh;
                for (quint32 uid : index.uids()) {
                    if (uid > highestToldUid)
                        fresh.push_back(uid);
                }
                // RFC 3501 §7.3.1: EXISTS never shrinks the mailbox (§7.4.1).
                if (n < messages.size())
                    return u"EXISTS %1 below the %2 messages the client has"_s.arg(n).arg(messages.size());
                if (n - messages.size() != fresh.size())
                    return u"EXISTS %1 with %2 known and %3 new"_s.arg(n).arg(messages.size()).arg(fresh.size());
                messages.insert(messages.end(), fresh.begin(), fresh.end());
                highestToldUid = std::max(highestToldUid, index.uidNext() - 1);
            } else if (words.at(1) == "RECENT") {
                const auto expected = std::count_if(messages.begin(), messages.end(),
                                                    [&](quint32 uid) { return recentUids.count(uid) > 0; });
                if (qint64(n) != expected)
                    return u"RECENT %1, expected %2"_s.arg(n).arg(expected);
                lastRecent = qint64(n);
            } else {
                return u"unexpected response "_s + QString::fromLatin1(line);
            }
        }
        return {};
    }

    // The view must number messages exactly as this client does.
    QString agreesWith(const MailboxView &view) const
    {
        if (view.exists() != messages.size())
            return u"exists() %1, client has %2"_s.arg(view.exists()).arg(messages.size());
        for (size_t i = 0; i < messages.size(); ++i) {
            if (view.uidAt(quint32(i + 1)) != messages[i])
                return u"uidAt(%1) = %2, client has %3"_s.arg(i + 1).arg(view.uidAt(quint32(i + 1))).arg(messages[i]);
        }
        if (view.uidAt(quint32(messages.size() + 1)) != 0)
            return u"uidAt past the end is not 0"_s;
        if (view.uidAt(0) != 0)
            return u"uidAt(0) is not 0"_s;
        return {};
    }

    std::vector<quint32> liveMessages(const MailboxIndex &index) const
    {
        std::vector<quint32> out;
        for (quint32 uid : messages) {
            if (isLive(index, uid))
                out.push_back(uid);
        }
        return out;
    }
};

#define AGREE(client, view)                                                                                            \
    do {                                                                                                               \
        const QString problem = (client).agreesWith(view);                                                             \
        QVERIFY2(problem.isEmpty(), qPrintable(problem));                                                              \
    } while (false)

#define RECEIVE(client, lines, index)                                                                                  \
    do {                                                                                                               \
        const QByteArrayList received = (lines);                                                                       \
        const QString problem = (client).receive(received, index);                                                     \
        QVERIFY2(problem.isEmpty(), qPrintable(problem + u" in "_s + QString::fromLatin1(received.join(" / "))));     \
    } while (false)

QList<quint32> toList(const std::vector<quint32> &uids)
{
    return QList<quint32>(uids.begin(), uids.end());
}

int countMatching(const QByteArrayList &lines, const char *suffix)
{
    return int(std::count_if(lines.begin(), lines.end(), [&](const QByteArray &l) { return l.endsWith(suffix); }));
}

} // namespace

class tst_MailboxView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stateAfterSelect();
    void appendsGiveExistsAndRecent();
    void expungeWaitsUntilAllowed();
    void existsCountsPendingExpunges();
    void expungeNumberingForScatteredUids_data();
    void expungeNumberingForScatteredUids();
    void randomHistoriesMatchNaiveClient_data();
    void randomHistoriesMatchNaiveClient();
    void firstUnseenSequence();
    void expungedBeforeToldIsNeverAnnounced();
    void expungeOfAbsentUidIsIgnored();
    void twoViewsOnOneIndex();
};

void tst_MailboxView::stateAfterSelect()
{
    auto index = makeIndex({1, 2, 5, 7, 9}, {Flag::Seen, Flag::Seen, 0, 0, Flag::Seen}, 12);
    MailboxView view(index, true);
    QVERIFY(view.isReadOnly());
    QCOMPARE(index->views().size(), qsizetype(1));
    view.addRecent(7, 12); // firstRecentUid was 7
    view.markAllKnown();

    QCOMPARE(view.exists(), 5u);
    QCOMPARE(view.recentCount(), 2u);
    QVERIFY(view.isRecent(7));
    QVERIFY(view.isRecent(9));
    QVERIFY(!view.isRecent(5));
    QCOMPARE(view.uidAt(0), 0u);
    QCOMPARE(view.uidAt(1), 1u);
    QCOMPARE(view.uidAt(3), 5u);
    QCOMPARE(view.uidAt(5), 9u);
    QCOMPARE(view.uidAt(6), 0u);
    QCOMPARE(view.pendingExpungeCount(), 0u);
    QVERIFY(!view.hasUpdates());
    QCOMPARE(view.takeUpdates(true), QByteArrayList());
    QCOMPARE(view.takeUpdates(false), QByteArrayList());
}

void tst_MailboxView::appendsGiveExistsAndRecent()
{
    auto index = makeIndex({1, 2, 5, 7, 9}, {}, 12);
    MailboxView view(index, false);
    view.addRecent(7, 12);
    view.markAllKnown();

    appendMessages(*index, {12}, &view);
    QVERIFY(view.hasUpdates());
    // Not told yet: the client still has five messages.
    QCOMPARE(view.exists(), 5u);
    QCOMPARE(view.uidAt(6), 0u);
    QCOMPARE(view.takeUpdates(false), (QByteArrayList{"6 EXISTS", "3 RECENT"}));
    QCOMPARE(view.exists(), 6u);
    QCOMPARE(view.uidAt(6), 12u);
    QVERIFY(!view.hasUpdates());
    QCOMPARE(view.takeUpdates(true), QByteArrayList());

    // \Recent went to another session: the size changed, so RECENT is repeated unchanged
    // (RFC 3501 §7.3.2).
    appendMessages(*index, {13, 14});
    QCOMPARE(view.takeUpdates(true), (QByteArrayList{"8 EXISTS", "3 RECENT"}));
    QCOMPARE(view.uidAt(7), 13u);
    QCOMPARE(view.uidAt(8), 14u);
    QCOMPARE(view.recentCount(), 3u);
    QVERIFY(!view.isRecent(13));
}

void tst_MailboxView::expungeWaitsUntilAllowed()
{
    auto index = makeIndex(range(1, 10));
    MailboxView view(index, false);
    view.markAllKnown();
    Client client(*index);

    index->applyExpunge({3, 7}); // by another session
    QCOMPARE(index->count(), qsizetype(8));
    // During FETCH, STORE, SEARCH the numbers do not move (RFC 3501 §7.4.1).
    QCOMPARE(view.exists(), 10u);
    QCOMPARE(view.pendingExpungeCount(), 2u);
    QCOMPARE(view.uidAt(3), 3u);
    QCOMPARE(view.uidAt(7), 7u);
    QCOMPARE(view.uidAt(10), 10u);
    AGREE(client, view);
    QVERIFY(view.hasUpdates());
    QCOMPARE(view.takeUpdates(false), QByteArrayList());
    AGREE(client, view);

    const QByteArrayList lines = view.takeUpdates(true);
    QCOMPARE(lines.size(), qsizetype(2));
    QCOMPARE(countMatching(lines, " EXPUNGE"), 2);
    RECEIVE(client, lines, *index);
    QCOMPARE(toList(client.messages), (QList<quint32>{1, 2, 4, 5, 6, 8, 9, 10}));
    AGREE(client, view);
    QCOMPARE(view.pendingExpungeCount(), 0u);
    QVERIFY(!view.hasUpdates());
}

void tst_MailboxView::existsCountsPendingExpunges()
{
    auto index = makeIndex(range(1, 5));
    MailboxView view(index, false);
    view.markAllKnown();
    Client client(*index);

    index->applyExpunge({2});
    appendMessages(*index, {6}, &view);
    client.recentUids.insert(6);
    // No EXPUNGE may be sent now, but new mail is announced; the expunged message still counts,
    // since EXISTS cannot make the mailbox smaller (RFC 3501 §7.4.1).
    const QByteArrayList first = view.takeUpdates(false);
    QCOMPARE(first, (QByteArrayList{"6 EXISTS", "1 RECENT"}));
    RECEIVE(client, first, *index);
    AGREE(client, view);
    QCOMPARE(view.uidAt(2), 2u);
    QCOMPARE(view.uidAt(6), 6u);

    const QByteArrayList second = view.takeUpdates(true);
    QCOMPARE(second, (QByteArrayList{"2 EXPUNGE"}));
    RECEIVE(client, second, *index);
    AGREE(client, view);
    QCOMPARE(view.exists(), 5u);
    QCOMPARE(view.uidAt(2), 3u);
}

void tst_MailboxView::expungeNumberingForScatteredUids_data()
{
    QTest::addColumn<int>("seed");
    for (int seed = 1; seed <= 40; ++seed)
        QTest::addRow("seed-%d", seed) << seed;
}

void tst_MailboxView::expungeNumberingForScatteredUids()
{
    QFETCH(int, seed);
    QRandomGenerator random{quint32(seed)};
    std::vector<quint32> uids;
    for (quint32 uid = 1; uid <= 400; ++uid) {
        if (random.bounded(0, 3) != 0)
            uids.push_back(uid);
    }
    auto index = makeIndex(uids, {}, 450);
    MailboxView view(index, false);
    view.markAllKnown();
    Client client(*index);

    // Several expunges by other sessions pile up, scattered, first and last included sometimes.
    QList<quint32> all;
    for (int round = 0; round < 3; ++round) {
        QList<quint32> gone;
        for (quint32 uid : index->uids()) {
            if (random.bounded(0, 4) == 0)
                gone.append(uid);
        }
        all += gone;
        index->applyExpunge(gone);
        AGREE(client, view);
    }
    const QByteArrayList lines = view.takeUpdates(true);
    QCOMPARE(qsizetype(countMatching(lines, " EXPUNGE")), all.size());
    QCOMPARE(lines.size(), all.size());
    RECEIVE(client, lines, *index);
    QCOMPARE(toList(client.messages), toList(index->uids()));
    AGREE(client, view);
}

void tst_MailboxView::randomHistoriesMatchNaiveClient_data()
{
    QTest::addColumn<int>("seed");
    for (int seed = 1; seed <= 30; ++seed)
        QTest::addRow("seed-%d", seed) << seed;
}

void tst_MailboxView::randomHistoriesMatchNaiveClient()
{
    // Two sessions on one mailbox; other sessions append and expunge; each of the two is told
    // at its own pace, sometimes only what may be said during FETCH/STORE/SEARCH.
    QFETCH(int, seed);
    QRandomGenerator random{quint32(seed)};
    std::vector<quint32> uids;
    for (quint32 uid = 1; uid <= 60; ++uid) {
        if (random.bounded(0, 2) == 0)
            uids.push_back(uid);
    }
    auto index = makeIndex(uids, {}, 61);
    MailboxView a(index, false);
    MailboxView b(index, false);
    a.addRecent(40, 61);
    a.markAllKnown();
    b.markAllKnown();
    Client clientA(*index);
    Client clientB(*index);
    for (quint32 uid = 40; uid < 61; ++uid)
        clientA.recentUids.insert(uid);
    QCOMPARE(a.recentCount(), quint32(std::count_if(uids.begin(), uids.end(), [](quint32 u) { return u >= 40; })));

    for (int step = 0; step < 300; ++step) {
        switch (random.bounded(0, 6)) {
        case 0: { // another session appends; \Recent to one of ours or to nobody here
            const quint32 first = index->uidNext() + quint32(random.bounded(0, 3));
            const int count = random.bounded(1, 4);
            QList<quint32> added;
            for (int i = 0; i < count; ++i)
                added.append(first + quint32(i));
            const int to = random.bounded(0, 3);
            MailboxView *recentTo = to == 0 ? &a : to == 1 ? &b : nullptr;
            Client *recentClient = to == 0 ? &clientA : to == 1 ? &clientB : nullptr;
            if (recentClient) {
                for (quint32 uid : added)
                    recentClient->recentUids.insert(uid);
            }
            appendMessages(*index, added, recentTo);
            break;
        }
        case 1: { // another session expunges a few messages, told or not
            QList<quint32> gone;
            for (quint32 uid : index->uids()) {
                if (random.bounded(0, 8) == 0)
                    gone.append(uid);
            }
            index->applyExpunge(gone);
            break;
        }
        case 2:
            RECEIVE(clientA, a.takeUpdates(false), *index);
            QCOMPARE(toList(clientA.liveMessages(*index)), toList(index->uids()));
            break;
        case 3:
            RECEIVE(clientA, a.takeUpdates(true), *index);
            QCOMPARE(toList(clientA.messages), toList(index->uids()));
            QVERIFY(!a.hasUpdates());
            break;
        case 4:
            RECEIVE(clientB, b.takeUpdates(random.bounded(0, 2) == 0), *index);
            break;
        default: // nothing told: the numbering must not move
            break;
        }
        AGREE(clientA, a);
        AGREE(clientB, b);
        QCOMPARE(a.pendingExpungeCount(), quint32(clientA.messages.size() - clientA.liveMessages(*index).size()));
    }
    RECEIVE(clientA, a.takeUpdates(true), *index);
    RECEIVE(clientB, b.takeUpdates(true), *index);
    QCOMPARE(toList(clientA.messages), toList(index->uids()));
    QCOMPARE(toList(clientB.messages), toList(index->uids()));
    AGREE(clientA, a);
    AGREE(clientB, b);
}

void tst_MailboxView::firstUnseenSequence()
{
    const FlagMask S = Flag::Seen;
    auto index = makeIndex({1, 2, 5, 7, 9}, {S, S, 0, S, 0});
    MailboxView view(index, false);
    view.markAllKnown();
    QCOMPARE(view.firstUnseenSequence(), 3u); // UID 5

    // A pending expunge below it keeps its number; the first unseen one expunged moves the
    // answer to the next unseen message, at its unchanged number.
    index->applyExpunge({2});
    QCOMPARE(view.firstUnseenSequence(), 3u);
    index->applyExpunge({5});
    QCOMPARE(view.firstUnseenSequence(), 5u); // UID 9, still the fifth message for the client
    view.takeUpdates(true);
    QCOMPARE(view.firstUnseenSequence(), 3u); // 1, 7, 9

    auto allSeen = makeIndex({3, 4}, {S, S});
    MailboxView seenView(allSeen, false);
    seenView.markAllKnown();
    QCOMPARE(seenView.firstUnseenSequence(), 0u);
    // A new unseen message is not the client's until it was told of it.
    appendMessages(*allSeen, {5});
    QCOMPARE(seenView.firstUnseenSequence(), 0u);
    seenView.takeUpdates(false);
    QCOMPARE(seenView.firstUnseenSequence(), 3u);
}

void tst_MailboxView::expungedBeforeToldIsNeverAnnounced()
{
    auto index = makeIndex(range(1, 5));
    MailboxView view(index, false);
    view.markAllKnown();
    Client client(*index);

    // Appended and expunged before this client heard of it: nothing to say at all.
    appendMessages(*index, {6}, &view);
    index->applyExpunge({6});
    QCOMPARE(view.takeUpdates(true), QByteArrayList());
    AGREE(client, view);

    // Of two new messages one is gone again: one EXISTS for the other, no EXPUNGE.
    appendMessages(*index, {7, 8}, &view);
    client.recentUids.insert({7, 8});
    index->applyExpunge({7});
    const QByteArrayList lines = view.takeUpdates(true);
    QCOMPARE(lines, (QByteArrayList{"6 EXISTS", "1 RECENT"}));
    RECEIVE(client, lines, *index);
    AGREE(client, view);
    QCOMPARE(view.uidAt(6), 8u);
}

void tst_MailboxView::expungeOfAbsentUidIsIgnored()
{
    // An EXPUNGE names a message the client has (RFC 3501 §7.4.1): a UID that is not in the
    // mailbox — never was, or already expunged and announced — must not produce one, or the
    // client would drop a message that still exists.
    auto index = makeIndex({1, 2, 5});
    MailboxView view(index, false);
    view.markAllKnown();
    Client client(*index);

    index->applyExpunge({3});
    QCOMPARE(view.pendingExpungeCount(), 0u);
    QCOMPARE(view.takeUpdates(true), QByteArrayList());
    AGREE(client, view);

    index->applyExpunge({2});
    RECEIVE(client, view.takeUpdates(true), *index);
    AGREE(client, view);
    // The same expunge reported again (two sessions expunging at once, RENAME INBOX after an
    // EXPUNGE) is not a second EXPUNGE.
    index->applyExpunge({2});
    QCOMPARE(view.takeUpdates(true), QByteArrayList());
    AGREE(client, view);
    QCOMPARE(view.uidAt(2), 5u);
}

void tst_MailboxView::twoViewsOnOneIndex()
{
    auto index = makeIndex(range(1, 10));
    auto a = std::make_unique<MailboxView>(index, false);
    auto b = std::make_unique<MailboxView>(index, true);
    a->markAllKnown();
    b->markAllKnown();
    QCOMPARE(index->views().size(), qsizetype(2));
    Client clientA(*index);
    Client clientB(*index);

    int changesA = 0;
    a->setChangeHandler([&] { ++changesA; });
    index->applyExpunge({2, 4});
    QCOMPARE(changesA, 1);

    // A is told at once (say after NOOP), B is in the middle of a FETCH.
    RECEIVE(clientA, a->takeUpdates(true), *index);
    QCOMPARE(b->takeUpdates(false), QByteArrayList());
    AGREE(clientA, *a);
    AGREE(clientB, *b);
    QCOMPARE(a->exists(), 8u);
    QCOMPARE(b->exists(), 10u);
    QCOMPARE(b->uidAt(4), 4u);
    QCOMPARE(a->uidAt(4), 6u);

    appendMessages(*index, {11}, a.get());
    clientA.recentUids.insert(11);
    QCOMPARE(changesA, 2);
    const QByteArrayList toA = a->takeUpdates(false);
    QCOMPARE(toA, (QByteArrayList{"9 EXISTS", "1 RECENT"}));
    RECEIVE(clientA, toA, *index);
    const QByteArrayList toB = b->takeUpdates(false);
    QCOMPARE(toB, (QByteArrayList{"11 EXISTS", "0 RECENT"}));
    RECEIVE(clientB, toB, *index);
    RECEIVE(clientB, b->takeUpdates(true), *index);
    AGREE(clientA, *a);
    AGREE(clientB, *b);
    QCOMPARE(toList(clientB.messages), toList(index->uids()));
    QCOMPARE(b->exists(), 9u);

    // A view opened now starts from the index as it is, with nothing pending.
    MailboxView c(index, false);
    c.markAllKnown();
    QCOMPARE(c.exists(), 9u);
    QCOMPARE(c.pendingExpungeCount(), 0u);
    QCOMPARE(index->views().size(), qsizetype(3));

    b.reset();
    QCOMPARE(index->views().size(), qsizetype(2));
    index->applyExpunge({1});
    RECEIVE(clientA, a->takeUpdates(true), *index);
    AGREE(clientA, *a);
}

QTEST_GUILESS_MAIN(tst_MailboxView)
#include "tst_mailboxview.moc"
