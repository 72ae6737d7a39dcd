#pragma once

#include "Command.h"

namespace qimapd {

// DELETE (RFC 3501 §6.3.4).
class DeleteCommand : public Command
{
protected:
    void execute() override;
};

} // namespace qimapd
