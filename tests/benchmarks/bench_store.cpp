// The SQLite store (and the memory store, for comparison) on a 100,000-message mailbox: how long
// SELECT's snapshot(), STATUS's status() and claimRecent() take, and FETCH's, STORE's and COPY's
// store calls over the whole mailbox: messageRecords(Info) in chunks of 1,000 UIDs (as FETCH 1:*
// reads between yields to the loop), storeFlags(+FLAGS \Seen) on every message (once when every
// message changes, once when none does), copyMessages() of every message into an empty mailbox,
// expungeDeleted() of every message of such a copy and releaseExpunged() of them all (best of 5;
// the setup of each round is not timed). DESIGN.md's budgets: SELECT ≤ 50 ms,
// UID FETCH 1:* (UID FLAGS) ≤ 150 ms.
//
// usage: bench_store [messages] [dataDir]   (default 100000, a temporary directory)

#include "Database.h"
#include "MemoryStore.h"
#include "SqliteStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>
#include <functional>
#include <limits>

using namespace Qt::StringLiterals;
using namespace qimapd;

namespace {

constexpr int rounds = 5;
constexpr int batchSize = 10000;
constexpr int fetchChunk = 1000;

// The best time of `run` over `rounds` rounds; `setup` (not timed) runs before each round.
double bestOfMs(const std::function<bool()> &run, const std::function<bool()> &setup = {})
{
    qint64 best = std::numeric_limits<qint64>::max();
    for (int i = 0; i < rounds; ++i) {
        if (setup && !setup())
            return -1;
        QElapsedTimer timer;
        timer.start();
        if (!run())
            return -1;
        best = std::min(best, timer.nsecsElapsed());
    }
    return best / 1e6;
}

QList<AppendRequest> batch(int first, int count)
{
    QList<AppendRequest> requests;
    requests.reserve(count);
    for (int n = first; n < first + count; ++n) {
        const QByteArray text = "From: bench@example.org\r\nSubject: message "
            + QByteArray::number(n) + "\r\n\r\nHello " + QByteArray::number(n) + "\r\n";
        FlagRequest flags;
        flags.system = (n % 3 ? Flag::Seen : 0) | (n % 17 ? 0 : Flag::Flagged);
        if (n % 10 == 0)
            flags.keywords = {"$Label" + QByteArray::number(n % 40 / 10)};
        requests += AppendRequest{text, flags, {}};
    }
    return requests;
}

bool fill(MailStore &store, qint64 account, qint64 mailbox, int messages)
{
    for (int done = 0; done < messages; done += batchSize) {
        const int count = std::min(batchSize, messages - done);
        const auto appended = store.append(account, mailbox, batch(done, count));
        if (!appended) {
            std::fprintf(stderr, "append: %s\n", qPrintable(appended.message()));
            return false;
        }
    }
    return true;
}

bool failed(const char *what, const StoreStatus &status)
{
    std::fprintf(stderr, "%s: %s\n", what, qPrintable(status.message()));
    return false;
}

void measure(const char *name, MailStore &store, qint64 account, qint64 mailbox)
{
    std::size_t count = 0;
    QList<quint32> uids;
    const double snapshot = bestOfMs([&] {
        const auto result = store.snapshot(account, mailbox);
        count = result ? result->uids.size() : 0;
        if (result)
            uids = QList<quint32>(result->uids.begin(), result->uids.end());
        return result.isOk();
    });
    const double status = bestOfMs([&] { return store.status(account, mailbox).isOk(); });
    const double claim = bestOfMs([&] { return store.claimRecent(account, mailbox).isOk(); });
    std::printf("%-7s snapshot() %8.2f ms  (%zu uids)\n", name, snapshot, count);
    std::printf("%-7s status()   %8.2f ms\n", name, status);
    std::printf("%-7s claimRecent() %5.2f ms\n", name, claim);

    // FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE): chunks of 1,000 UIDs, one call each.
    qsizetype records = 0;
    const double fetch = bestOfMs([&] {
        records = 0;
        for (qsizetype at = 0; at < uids.size(); at += fetchChunk) {
            const auto chunk = store.messageRecords(account, mailbox, uids.mid(at, fetchChunk),
                                                    MessageField::Info);
            if (!chunk)
                return failed("messageRecords", chunk.status());
            records += chunk->size();
        }
        return true;
    });
    std::printf("%-7s messageRecords(Info) %8.2f ms  (%lld records, chunks of %d)\n", name,
                fetch, qlonglong(records), fetchChunk);

    // STORE 1:* +FLAGS (\Seen) where every message changes: \Seen is removed first, untimed.
    qsizetype changed = 0;
    const auto seen = FlagRequest{Flag::Seen, {}};
    const double storeAll = bestOfMs(
        [&] {
            const auto result = store.storeFlags(account, mailbox, uids, FlagUpdate::Add, seen);
            changed = result ? result->changed.size() : 0;
            return result ? true : failed("storeFlags", result.status());
        },
        [&] {
            const auto result = store.storeFlags(account, mailbox, uids, FlagUpdate::Remove, seen);
            return result ? true : failed("storeFlags", result.status());
        });
    std::printf("%-7s storeFlags(+\\Seen) %8.2f ms  (%lld changed)\n", name, storeAll,
                qlonglong(changed));
    const double storeNone = bestOfMs([&] {
        const auto result = store.storeFlags(account, mailbox, uids, FlagUpdate::Add, seen);
        changed = result ? result->changed.size() : 0;
        return result ? true : failed("storeFlags", result.status());
    });
    std::printf("%-7s storeFlags(+\\Seen) %8.2f ms  (%lld changed: all had it)\n", name,
                storeNone, qlonglong(changed));

    // COPY 1:* into an empty mailbox; the previous round's copy is deleted and a fresh mailbox
    // created before each round, untimed.
    const QString copyName = u"Copy"_s;
    qint64 target = 0;
    qsizetype copied = 0;
    const double copy = bestOfMs(
        [&] {
            const auto result = store.copyMessages(account, mailbox, uids, target);
            copied = result ? result->destinationUids.size() : 0;
            return result ? true : failed("copyMessages", result.status());
        },
        [&] {
            if (const StoreStatus removed = store.deleteMailbox(account, copyName);
                !removed && removed.error() != StoreError::NotFound)
                return failed("deleteMailbox", removed);
            if (const StoreStatus created = store.createMailbox(account, copyName); !created)
                return failed("createMailbox", created);
            const auto info = store.mailbox(account, copyName);
            target = info ? info->id : 0;
            return info ? true : failed("mailbox", info.status());
        });
    std::printf("%-7s copyMessages() %8.2f ms  (%lld copies)\n",
                name, copy, qlonglong(copied));

    // EXPUNGE of every message of a copy (all flagged \Deleted, untimed), which retains them
    // for the sessions not told yet, and releaseExpunged() of all of them afterwards.
    const auto deleted = FlagRequest{Flag::Deleted, {}};
    const auto copyAndDelete = [&]() -> bool {
        if (const StoreStatus removed = store.deleteMailbox(account, copyName);
            !removed && removed.error() != StoreError::NotFound)
            return failed("deleteMailbox", removed);
        if (const StoreStatus created = store.createMailbox(account, copyName); !created)
            return failed("createMailbox", created);
        const auto info = store.mailbox(account, copyName);
        if (!info)
            return failed("mailbox", info.status());
        target = info->id;
        const auto result = store.copyMessages(account, mailbox, uids, target);
        if (!result)
            return failed("copyMessages", result.status());
        const auto flagged = store.storeFlags(account, target, result->destinationUids,
                                              FlagUpdate::Add, deleted);
        return flagged ? true : failed("storeFlags", flagged.status());
    };
    QList<quint32> expunged;
    const double expunge = bestOfMs(
        [&] {
            const auto result = store.expungeDeleted(account, target);
            expunged = result ? *result : QList<quint32>();
            return result ? true : failed("expungeDeleted", result.status());
        },
        copyAndDelete);
    std::printf("%-7s expungeDeleted() %8.2f ms  (%lld expunged)\n", name, expunge,
                qlonglong(expunged.size()));
    const double release = bestOfMs(
        [&] {
            const StoreStatus released = store.releaseExpunged(account, target, expunged);
            return released ? true : failed("releaseExpunged", released);
        },
        [&] {
            if (!copyAndDelete())
                return false;
            const auto result = store.expungeDeleted(account, target);
            expunged = result ? *result : QList<quint32>();
            return result ? true : failed("expungeDeleted", result.status());
        });
    std::printf("%-7s releaseExpunged() %8.2f ms  (%lld released)\n", name, release,
                qlonglong(expunged.size()));
    store.deleteMailbox(account, copyName);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int messages = args.size() > 1 ? args.at(1).toInt() : 100000;
    QTemporaryDir temporary;
    const QString dataDir = args.size() > 2 ? args.at(2) : temporary.path();

    Database database;
    if (const StoreStatus opened = database.open(dataDir); !opened) {
        std::fprintf(stderr, "open: %s\n", qPrintable(opened.message()));
        return 1;
    }
    SqliteStore sqlite(database);
    MemoryStore memory;
    std::printf("%d messages, best of %d\n", messages, rounds);
    const QList<MailStore *> stores{&sqlite, &memory};
    for (MailStore *store : stores) {
        const auto account = store->openAccount(u"bench"_s);
        const auto inbox = account ? store->mailbox(*account, u"INBOX"_s) : account.status();
        if (!inbox) {
            std::fprintf(stderr, "account: %s\n", qPrintable(inbox.message()));
            return 1;
        }
        QElapsedTimer timer;
        timer.start();
        if (!fill(*store, *account, inbox->id, messages))
            return 1;
        std::printf("%-7s fill       %8.0f ms\n", qPrintable(store->kind()),
                    timer.nsecsElapsed() / 1e6);
        measure(qPrintable(store->kind()), *store, *account, inbox->id);
    }
    return 0;
}
