#pragma once

#include "ImapArg.h"

namespace qimapd::grammar {

struct Result
{
    bool ok = false;
    ImapCommand command; // the tag is filled in as soon as it was read, even on error
    QByteArray error;
};

// tag = 1*<any ASTRING-CHAR except "+"> (RFC 3501 §9)
bool isValidTag(const QByteArray &tag);

// Tokenizes a framed command: `lines[i]` is followed by `literals[i]` when there is one (the
// line then ends with its "{n}" marker). Small free functions over a cursor; no I/O.
Result parseCommand(const QList<QByteArray> &lines, const QList<QByteArray> &literals, int maxDepth);

} // namespace qimapd::grammar
