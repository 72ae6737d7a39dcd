#pragma once

#include "Command.h"

namespace qimapd {

// STATUS (RFC 3501 §6.3.10).
class StatusCommand : public Command
{
protected:
    void execute() override;
};

} // namespace qimapd
