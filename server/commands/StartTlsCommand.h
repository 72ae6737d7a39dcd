#pragma once

#include "Command.h"

namespace qimapd {

// STARTTLS (RFC 3501 §6.2.1).
class StartTlsCommand : public Command
{
protected:
    void execute() override;
};

} // namespace qimapd
