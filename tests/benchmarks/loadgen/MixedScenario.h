#pragma once

#include "Scenario.h"

namespace loadgen {

// The classic stress mix (imaptest-like): each client logs in, selects, runs --commands
// commands drawn by weight from fetch (flags of a few messages), body (one message's
// BODY.PEEK[]), store (\Seen on/off, \Deleted), expunge and append, then logs out, and starts
// over until --duration ends. Reports commands per second and errors.
class MixedScenario : public Scenario
{
    Q_OBJECT
public:
    using Scenario::Scenario;
    void start() override;

private:
    struct Client
    {
        ImapConnection *connection = nullptr;
        int index = 0;
        int left = 0;      // commands left in this session
        qint64 exists = 0; // messages this session knows of
    };
    void startSession(Client *client);
    void next(Client *client);
    void stopped(Client *client);

    QList<std::pair<QString, int>> m_weights;
    int m_totalWeight = 0;
    std::vector<std::unique_ptr<Client>> m_clients;
    int m_running = 0;
    qint64 m_sessionsDone = 0;
    bool m_stopping = false;
};

} // namespace loadgen
