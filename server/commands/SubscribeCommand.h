#pragma once

#include "Command.h"

namespace qimapd {

// SUBSCRIBE (RFC 3501 §6.3.6); UNSUBSCRIBE (§6.3.7) is the same with subscribed = false.
// Subscriptions are names: a subscription may outlive its mailbox.
class SubscribeCommand : public Command
{
public:
    explicit SubscribeCommand(bool subscribe = true) : m_subscribe(subscribe) {}

protected:
    void execute() override;

private:
    bool m_subscribe;
};

class UnsubscribeCommand : public SubscribeCommand
{
public:
    UnsubscribeCommand() : SubscribeCommand(false) {}
};

} // namespace qimapd
