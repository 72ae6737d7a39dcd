#pragma once

#include "Command.h"

namespace qimapd {

// SELECT (RFC 3501 §6.3.1); EXAMINE is the same with a read-only view.
class SelectCommand : public Command
{
public:
    explicit SelectCommand(bool readOnly = false) : m_readOnly(readOnly) {}

protected:
    void execute() override;

private:
    bool m_readOnly;
};

// EXAMINE (RFC 3501 §6.3.2): SELECT, read-only; no permanent change, \Recent included.
class ExamineCommand : public SelectCommand
{
public:
    ExamineCommand() : SelectCommand(true) {}
};

} // namespace qimapd
