#pragma once

#include "LogRing.h"

#include <QString>

#include <memory>

namespace qimapd {

class AdminServer;
class ImapServer;
class LocalMonitor;

// What a running qimapd offers its administrators, in one place for ServerMain: the log ring
// (captured from construction on, so the startup lines are in it), the LocalMonitor over the
// server (which the dashboard reads in the same process) and the admin socket (which `qimapd
// sessions`, `qimapd kick` and a dashboard in another process read). Create it before the
// server, so that it goes after it.
class AdminService
{
public:
    AdminService();
    ~AdminService();
    Q_DISABLE_COPY_MOVE(AdminService)

    // Once the server has its backends: the monitor, and the socket at
    // AdminServer::socketPath(config). False with `error` when the socket cannot be made.
    bool start(ImapServer &server, QString *error);

    LogRing &logRing() { return m_log; }
    // Null before start().
    LocalMonitor *monitor() const { return m_monitor.get(); }
    AdminServer *adminServer() const { return m_admin.get(); }

private:
    LogRing m_log;
    std::unique_ptr<LocalMonitor> m_monitor;
    std::unique_ptr<AdminServer> m_admin;
};

} // namespace qimapd
