#pragma once

#include <QStringList>

namespace qimapd {

// Exit codes: 0 success, 1 runtime failure (store, ports), 2 bad usage or configuration.
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

// The qimapd command line: `qimapd [options]` runs the server until SIGTERM/SIGINT;
// `qimapd user add|passwd|del|list ...` manages users. Needs a QCoreApplication.
int run(const QStringList &arguments);

} // namespace qimapd
