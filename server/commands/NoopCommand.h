#pragma once

#include "Command.h"

namespace qimapd {

// NOOP (RFC 3501 §6.1.2): does nothing; pending mailbox updates follow it.
class NoopCommand : public Command
{
protected:
    void execute() override;
};

} // namespace qimapd
