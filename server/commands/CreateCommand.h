#pragma once

#include "Command.h"

namespace qimapd {

// CREATE (RFC 3501 §6.3.3).
class CreateCommand : public Command
{
protected:
    void execute() override;
};

} // namespace qimapd
