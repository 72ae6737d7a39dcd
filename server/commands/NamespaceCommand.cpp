#include "NamespaceCommand.h"

namespace qimapd {

void NamespaceCommand::execute()
{
    if (!expectArgCount(0))
        return;
    // Personal namespace only: no other users' or shared mailboxes are visible (RFC 2342 §5).
    untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
    ok("NAMESPACE completed");
}

} // namespace qimapd
