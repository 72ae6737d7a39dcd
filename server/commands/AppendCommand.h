#pragma once

#include "Command.h"

namespace qimapd {

// APPEND (RFC 3501 §6.3.11) with APPENDUID (RFC 4315 §3).
class AppendCommand : public Command
{
protected:
    void execute() override;
};

} // namespace qimapd
