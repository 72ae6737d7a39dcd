#pragma once

#include "Command.h"

namespace qimapd {

// STORE and UID STORE (RFC 3501 §6.4.6, §6.4.8): FLAGS, +FLAGS, -FLAGS, each optionally
// .SILENT. The change goes through the live mailbox, so other sessions on the mailbox are told
// of it even when this one asked for silence.
class StoreCommand : public Command
{
public:
    explicit StoreCommand(bool byUid = false) : m_byUid(byUid) {}

protected:
    void execute() override;

private:
    bool m_byUid;
};

class UidStoreCommand : public StoreCommand
{
public:
    UidStoreCommand() : StoreCommand(true) {}
};

} // namespace qimapd
