#pragma once

#include "Command.h"

namespace qimapd {

// What LIST and LSUB share: "reference SP list-mailbox" (RFC 3501 §6.3.8).
class ListingCommand : public Command
{
protected:
    // The reference and the pattern joined into one pattern over mailbox names; BAD when the
    // arguments are malformed.
    bool takePattern(QString *pattern);
};

} // namespace qimapd
