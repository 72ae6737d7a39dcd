#pragma once

#include "Command.h"

namespace qimapd {

// EXPUNGE (RFC 3501 §6.4.3) and UID EXPUNGE (RFC 4315 §2.1). The EXPUNGE responses are not
// written here: the live mailbox records the removal in every view, and the session sends this
// client's once the command allows it (the registry's flags), numbered in one pass.
class ExpungeCommand : public Command
{
public:
    explicit ExpungeCommand(bool byUid = false) : m_byUid(byUid) {}

protected:
    void execute() override;

private:
    bool m_byUid;
};

class UidExpungeCommand : public ExpungeCommand
{
public:
    UidExpungeCommand() : ExpungeCommand(true) {}
};

} // namespace qimapd
