#include "IdleCommand.h"
#include "Session.h"

namespace qimapd {

void IdleCommand::execute()
{
    if (!expectArgCount(0))
        return;
    // Whatever is already pending goes out now; later changes are pushed by the session.
    session().pushMailboxUpdates();
    continuation("idling");
    requestLine();
}

void IdleCommand::lineReceived(const QByteArray &line)
{
    // idle = "IDLE" CRLF "DONE" (RFC 2177 §3); anything else ends it with BAD.
    if (line.compare("DONE", Qt::CaseInsensitive) == 0)
        ok("IDLE terminated");
    else
        bad("Expected DONE to end IDLE");
}

} // namespace qimapd
