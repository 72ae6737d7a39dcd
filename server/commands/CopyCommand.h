#pragma once

#include "Command.h"

namespace qimapd {

// COPY and UID COPY (RFC 3501 §6.4.7, §6.4.8) with COPYUID (RFC 4315 §3). One set-wise store
// call, whatever the number of messages.
class CopyCommand : public Command
{
public:
    explicit CopyCommand(bool byUid = false) : m_byUid(byUid) {}

protected:
    void execute() override;

private:
    bool m_byUid;
};

class UidCopyCommand : public CopyCommand
{
public:
    UidCopyCommand() : CopyCommand(true) {}
};

} // namespace qimapd
