#pragma once

#include "LoginCommandBase.h"

namespace qimapd {

// LOGIN (RFC 3501 §6.2.3).
class LoginCommand : public LoginCommandBase
{
protected:
    void execute() override;
};

} // namespace qimapd
