#pragma once

#include "ListingCommand.h"

namespace qimapd {

// LIST (RFC 3501 §6.3.8) with the CHILDREN attributes (RFC 3348).
class ListCommand : public ListingCommand
{
protected:
    void execute() override;
};

} // namespace qimapd
