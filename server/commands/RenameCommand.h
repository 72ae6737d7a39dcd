#pragma once

#include "Command.h"

namespace qimapd {

// RENAME (RFC 3501 §6.3.5).
class RenameCommand : public Command
{
protected:
    void execute() override;
};

} // namespace qimapd
