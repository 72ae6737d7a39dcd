#include "CapabilityCommand.h"
#include "ImapServer.h"
#include "Session.h"

namespace qimapd {

void CapabilityCommand::execute()
{
    if (!expectArgCount(0))
        return;
    untagged("CAPABILITY " + server().capability(session()));
    ok("CAPABILITY completed");
}

} // namespace qimapd
