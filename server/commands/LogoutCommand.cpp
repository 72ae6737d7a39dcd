#include "LogoutCommand.h"
#include "Session.h"

namespace qimapd {

void LogoutCommand::execute()
{
    if (!expectArgCount(0))
        return;
    untagged("BYE qimapd logging out");
    session().closeAfterReply();
    ok("LOGOUT completed");
}

} // namespace qimapd
