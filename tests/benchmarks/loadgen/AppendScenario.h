#pragma once

#include "Scenario.h"

namespace loadgen {

// Durable APPEND throughput: for --duration seconds one client appends, one message at a
// time (each waits for its tagged OK, which both servers send only once the message is on
// disk), then --clients clients do the same at once. Messages of --message-size bytes go
// to --mailbox (default bench-append, created if missing).
class AppendScenario : public Scenario
{
    Q_OBJECT
public:
    using Scenario::Scenario;
    void start() override;

private:
    void phase(int clients);
    void appendNext(ImapConnection *connection);
    void phaseDone();

    int m_phaseClients = 0;
    int m_running = 0;
    qint64 m_appended = 0;
    qint64 m_bytes = 0;
    qint64 m_phaseStart = 0;
    bool m_stopping = false;
    QString m_latencyName;
};

} // namespace loadgen
