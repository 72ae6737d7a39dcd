#pragma once

#include "Command.h"

namespace qimapd {

// UNSELECT (RFC 3691): deselects without expunging.
class UnselectCommand : public Command
{
protected:
    void execute() override;
};

} // namespace qimapd
