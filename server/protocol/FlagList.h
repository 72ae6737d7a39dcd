#pragma once

#include "ImapArg.h"
#include "MessageFlags.h"

namespace qimapd {

// Reads a client's flag list (APPEND, STORE): "(" [flag *(SP flag)] ")" where a flag is a
// system flag "\Seen"... or a keyword atom (RFC 3501 §9 flag-list). \Recent and unknown
// "\Extensions" cannot be stored (§2.3.2). A single flag without parentheses is accepted as
// STORE allows (flag-list / (flag *(SP flag))).
bool parseFlagList(const ImapArg &arg, FlagRequest *flags, QByteArray *error);

} // namespace qimapd
