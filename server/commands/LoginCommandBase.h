#pragma once

#include "Command.h"

namespace qimapd {

// What LOGIN and AUTHENTICATE share: checking a password off the event loop, opening the
// account, and answering — at once on success, after a growing delay on failure (the delay is
// a timer, so other sessions never wait for it).
class LoginCommandBase : public Command
{
protected:
    void verifyAndLogin(const QString &user, const QByteArray &password);
    // LOGINDISABLED (RFC 3501 §6.2.3): refuses and returns false when passwords may not be
    // sent on this connection yet.
    bool requirePrivacy();
};

} // namespace qimapd
