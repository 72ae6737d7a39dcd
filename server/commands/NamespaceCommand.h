#pragma once

#include "Command.h"

namespace qimapd {

// NAMESPACE (RFC 2342): one personal namespace, no prefix, separator "/".
class NamespaceCommand : public Command
{
protected:
    void execute() override;
};

} // namespace qimapd
