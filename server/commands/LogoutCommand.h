#pragma once

#include "Command.h"

namespace qimapd {

// LOGOUT (RFC 3501 §6.1.3): BYE, then the tagged OK, then the connection closes.
class LogoutCommand : public Command
{
protected:
    void execute() override;
};

} // namespace qimapd
