#pragma once

#include "Command.h"

namespace qimapd {

// CHECK (RFC 3501 §6.4.1): every change is already durable when its command answers OK.
class CheckCommand : public Command
{
protected:
    void execute() override;
};

} // namespace qimapd
