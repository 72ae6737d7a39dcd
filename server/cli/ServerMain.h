#pragma once

#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>

namespace qimapd {

// Exit codes: 0 success, 1 runtime failure (store, ports), 2 bad usage or configuration.
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

class Monitor;

// What the qimapd executable plugs in when it runs with a GUI. The server library knows no
// Widgets (DESIGN.md: gui → server → models); main.cpp passes the dashboard in through this.
struct Frontend
{
    // Opens the dashboard on `monitor` and returns it (the caller keeps it alive). `stop` is
    // set for the server's own window: closing it may stop the server gracefully (as SIGTERM).
    using OpenDashboard = std::function<std::unique_ptr<QObject>(Monitor *monitor, std::function<void()> stop)>;
    OpenDashboard openDashboard; // empty: headless (--no-gui)
};

// The qimapd command line: `qimapd [options]` runs the server until SIGTERM/SIGINT (with the
// dashboard when `frontend` has one); `qimapd user add|passwd|del|list ...` manages users.
// Needs a QCoreApplication (a QApplication when `frontend` opens a dashboard).
int run(const QStringList &arguments, const Frontend &frontend = {});

} // namespace qimapd
