// imap-loadgen: a load generator for any IMAP server (issue 7). Many asynchronous clients in
// one thread; prints a table and writes JSON. A program, not a test: it has no thresholds.
//
//   imap-loadgen --scenario mixed --host 127.0.0.1 --port 993 --tls tls --ca cert.pem
//                --user-pattern user%d --password secret --users 10 --clients 10 --duration 10

#include "LoadOptions.h"
#include "Report.h"
#include "Scenario.h"

#include <QCoreApplication>

#include <cstdio>
#include <sys/resource.h>

using namespace loadgen;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QString error;
    bool help = false;
    const std::optional<LoadOptions> options = LoadOptions::parse(app.arguments(), &error, &help);
    if (help) {
        std::fputs(qPrintable(LoadOptions::helpText()), stdout);
        return 0;
    }
    if (!options) {
        std::fprintf(stderr, "imap-loadgen: %s\n", qPrintable(error));
        return 2;
    }

    // One descriptor per connection: thousands of them need more than the usual soft limit
    // of 1,024 (the hard limit here is 20,000).
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }

    Report report(*options);
    Scenario *scenario = Scenario::create(*options, report);
    QObject::connect(scenario, &Scenario::finished, &app, &QCoreApplication::quit, Qt::QueuedConnection);
    scenario->start();
    app.exec();

    report.print();
    if (!options->jsonPath.isEmpty() && !report.writeJson(options->jsonPath, &error)) {
        std::fprintf(stderr, "imap-loadgen: %s\n", qPrintable(error));
        return 1;
    }
    delete scenario;
    return 0;
}
