#pragma once

#include "ListingCommand.h"

namespace qimapd {

// LSUB (RFC 3501 §6.3.9): the subscribed names that match; a parent of a subscribed name that
// matches "%" where the name does not is listed as \Noselect.
class LsubCommand : public ListingCommand
{
protected:
    void execute() override;
};

} // namespace qimapd
