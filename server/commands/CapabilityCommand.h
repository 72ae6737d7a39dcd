#pragma once

#include "Command.h"

namespace qimapd {

// CAPABILITY (RFC 3501 §6.1.1).
class CapabilityCommand : public Command
{
protected:
    void execute() override;
};

} // namespace qimapd
