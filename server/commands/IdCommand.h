#pragma once

#include "Command.h"

namespace qimapd {

// ID (RFC 2971): records the client's identity and tells ours.
class IdCommand : public Command
{
protected:
    void execute() override;
};

} // namespace qimapd
