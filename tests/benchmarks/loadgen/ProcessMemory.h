#pragma once

#include <QtGlobal>

namespace loadgen {

// The memory of a server process and all its descendants (Dovecot is a tree of processes;
// qimapd is one), read from /proc: resident set (VmRSS in status) and proportional set (Pss
// in smaps_rollup, which charges shared pages once). Zero when the process cannot be read.
struct ProcessMemory
{
    qint64 rssKiB = 0;
    qint64 pssKiB = 0;
    int processes = 0;

    static ProcessMemory read(qint64 pid);
};

} // namespace loadgen
