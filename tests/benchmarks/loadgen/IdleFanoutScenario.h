#pragma once

#include "Scenario.h"

namespace loadgen {

// --sessions sessions (default 1,000) of user 1 SELECT one mailbox and IDLE (RFC 2177); one
// more session of the same user APPENDs a message, then expunges it (UID STORE \Deleted,
// UID EXPUNGE), --rounds times. For each change, the delay from sending the command until
// each idler reads its EXISTS / EXPUNGE; p50 and p99 (DESIGN.md budget: p99 <= 100 ms).
class IdleFanoutScenario : public Scenario
{
    Q_OBJECT
public:
    using Scenario::Scenario;
    void start() override;

private:
    enum class Phase { Setup, Append, Expunge };
    struct Idler
    {
        ImapConnection *connection = nullptr;
        qint64 seenAt = -1; // when this phase's push arrived (m_clock ns), -1 not yet
    };

    void setupIdler(ImapConnection *connection, int index, std::function<void()> ready);
    void nextRound();
    void beginPhase(Phase phase);
    void pushed(Idler *idler, Phase phase);
    void endPhase();
    void expunge();

    std::vector<std::unique_ptr<Idler>> m_idlers;
    ImapConnection *m_changer = nullptr;
    Phase m_phase = Phase::Setup;
    qint64 m_phaseStart = 0;
    int m_phaseSerial = 0;
    int m_seen = 0;
    int m_live = 0;
    int m_roundsLeft = 0;
    qint64 m_missed = 0;
    QByteArray m_uid; // of the message appended this round
    bool m_appendAnswered = false;
    bool m_expungeWaits = false; // every idler saw EXISTS before the APPEND's own OK
};

} // namespace loadgen
