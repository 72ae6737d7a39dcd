#include "CheckCommand.h"

namespace qimapd {

void CheckCommand::execute()
{
    if (!expectArgCount(0))
        return;
    ok("CHECK completed");
}

} // namespace qimapd
