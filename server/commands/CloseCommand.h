#pragma once

#include "Command.h"

namespace qimapd {

// CLOSE (RFC 3501 §6.4.2): expunges \\Deleted messages silently (read-write only), deselects.
class CloseCommand : public Command
{
protected:
    void execute() override;
};

} // namespace qimapd
