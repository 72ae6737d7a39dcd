#include "UnselectCommand.h"
#include "Session.h"

namespace qimapd {

void UnselectCommand::execute()
{
    if (!expectArgCount(0))
        return;
    session().deselect();
    ok("UNSELECT completed");
}

} // namespace qimapd
