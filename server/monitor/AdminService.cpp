#include "AdminService.h"
#include "AdminServer.h"
#include "ImapServer.h"
#include "LocalMonitor.h"
#include "Logging.h"

namespace qimapd {

AdminService::AdminService()
{
    installLogCapture(&m_log);
}

AdminService::~AdminService()
{
    m_admin.reset();
    m_monitor.reset();
    installLogCapture(nullptr);
}

bool AdminService::start(ImapServer &server, QString *error)
{
    m_monitor = std::make_unique<LocalMonitor>(server, &m_log);
    m_admin = std::make_unique<AdminServer>(*m_monitor);
    return m_admin->listen(AdminServer::socketPath(server.config()), error);
}

} // namespace qimapd
