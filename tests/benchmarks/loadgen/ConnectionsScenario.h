#pragma once

#include "ProcessMemory.h"
#include "Scenario.h"

namespace loadgen {

// --connections authenticated idle connections (default 10,000), spread over --users users,
// opened --opening at a time; holds them --hold seconds, then reports how long opening took
// and, with --server-pid, the server's memory growth per connection (RSS and PSS of the
// process and its children, from /proc). Our own descriptor limit is raised in main().
class ConnectionsScenario : public Scenario
{
    Q_OBJECT
public:
    using Scenario::Scenario;
    void start() override;

private:
    void measure();

    ProcessMemory m_before;
    double m_openSeconds = 0;
};

} // namespace loadgen
