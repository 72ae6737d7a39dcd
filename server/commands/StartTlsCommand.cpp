#include "StartTlsCommand.h"
#include "ImapServer.h"
#include "Session.h"

namespace qimapd {

void StartTlsCommand::execute()
{
    if (!expectArgCount(0))
        return;
    if (session().isEncrypted()) {
        bad("TLS is already active");
        return;
    }
    if (!server().tls().isLoaded()) {
        no("TLS is not available");
        return;
    }
    // The handshake starts right after this reply; the session discards anything the client
    // pipelined behind STARTTLS (RFC 3501 §6.2.1, RFC 2595 §3.1).
    session().startTlsAfterReply();
    ok("Begin TLS negotiation now");
}

} // namespace qimapd
