// Helper of tst_mailstore's crash test: appends one message to the INBOX of account "crash" in
// the SQLite store of <dataDir>, prints "APPENDED <uid>" once the append has returned (i.e. is
// committed), then sleeps until the test kills it with SIGKILL.
//
// usage: mailstore_crash_child <dataDir> <message>

#include "Database.h"
#include "SqliteStore.h"

#include <QCoreApplication>
#include <QThread>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace qimapd;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: mailstore_crash_child <dataDir> <message>\n");
        return 2;
    }
    Database database;
    if (const StoreStatus opened = database.open(args.at(1)); !opened) {
        std::fprintf(stderr, "open: %s\n", qPrintable(opened.message()));
        return 1;
    }
    SqliteStore store(database);
    const auto account = store.openAccount(u"crash"_s);
    const auto inbox = account ? store.mailbox(*account, u"INBOX"_s) : account.status();
    if (!inbox) {
        std::fprintf(stderr, "account: %s\n", qPrintable(inbox.message()));
        return 1;
    }
    const AppendRequest request{args.at(2).toUtf8(), FlagRequest{Flag::Flagged, {"$Crash"}}, {}};
    const auto appended = store.append(*account, inbox->id, {request});
    if (!appended) {
        std::fprintf(stderr, "append: %s\n", qPrintable(appended.message()));
        return 1;
    }
    std::printf("APPENDED %u\n", appended->uids.constFirst());
    std::fflush(stdout);
    for (;;)
        QThread::sleep(1);
}
