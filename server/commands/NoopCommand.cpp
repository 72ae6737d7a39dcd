#include "NoopCommand.h"

namespace qimapd {

void NoopCommand::execute()
{
    if (!expectArgCount(0))
        return;
    ok("NOOP completed");
}

} // namespace qimapd
