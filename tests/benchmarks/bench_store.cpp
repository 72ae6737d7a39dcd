// The SQLite store on a 100,000-message mailbox: how long SELECT's snapshot(), STATUS's status()
// and claimRecent() take (best of 5). DESIGN.md's budget for SELECT of such a mailbox is 50 ms.
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

double bestOfMs(const std::function<bool()> &run)
{
    qint64 best = std::numeric_limits<qint64>::max();
    for (int i = 0; i < rounds; ++i) {
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

void measure(const char *name, MailStore &store, qint64 account, qint64 mailbox)
{
    std::size_t count = 0;
    const double snapshot = bestOfMs([&] {
        const auto result = store.snapshot(account, mailbox);
        count = result ? result->uids.size() : 0;
        return result.isOk();
    });
    const double status = bestOfMs([&] { return store.status(account, mailbox).isOk(); });
    const double claim = bestOfMs([&] { return store.claimRecent(account, mailbox).isOk(); });
    std::printf("%-7s snapshot() %8.2f ms  (%zu uids)\n", name, snapshot, count);
    std::printf("%-7s status()   %8.2f ms\n", name, status);
    std::printf("%-7s claimRecent() %5.2f ms\n", name, claim);
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
