#pragma once

#include "Scenario.h"

namespace loadgen {

// BODY[] throughput for large messages: --mailbox (default bench-stream) is given --messages
// messages (4) of --message-size bytes (4,000,000) once, then --clients sessions of user 1
// fetch BODY.PEEK[] of random ones back to back for --duration seconds. MB/s counts literal
// bytes received (1 MB = 10^6 bytes).
class FetchStreamScenario : public Scenario
{
    Q_OBJECT
public:
    using Scenario::Scenario;
    void start() override;

private:
    void prepare(ImapConnection *connection);
    void stream();
    void fetchNext(ImapConnection *connection);
    void stopped();

    qint64 m_messages = 0;
    qint64 m_bytes = 0;
    qint64 m_start = 0;
    int m_running = 0;
    bool m_stopping = false;
};

} // namespace loadgen
