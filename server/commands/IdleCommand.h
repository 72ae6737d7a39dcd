#pragma once

#include "Command.h"

namespace qimapd {

// IDLE (RFC 2177): the client waits; changes to the selected mailbox (new messages, flag
// changes, expunges) are pushed to it as soon as they are committed, until it sends DONE.
class IdleCommand : public Command
{
public:
    bool acceptsPushedUpdates() const override { return true; }

protected:
    void execute() override;
    void lineReceived(const QByteArray &line) override;
};

} // namespace qimapd
