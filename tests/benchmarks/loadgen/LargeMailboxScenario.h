#pragma once

#include "Scenario.h"

#include <QHash>

namespace loadgen {

// A mailbox of --messages messages (default 100,000; filled once with pipelined LITERAL+
// APPENDs over --clients sessions, at most 8, so a server that groups commits can; a third
// of them \Seen; a later run finds it full and skips the fill), then for
// --rounds rounds: SELECT, UID FETCH 1:* (UID FLAGS), UID SEARCH UNSEEN, ten random
// FETCH n BODY.PEEK[] and STATUS from a second session; latency percentiles of each
// (DESIGN.md budgets: SELECT <= 50 ms, UID FETCH 1:* <= 150 ms).
class LargeMailboxScenario : public Scenario
{
    Q_OBJECT
public:
    using Scenario::Scenario;
    void start() override;

private:
    void ensureMailbox();
    void fill(qint64 have);
    void appendMore(ImapConnection *connection);
    void filled();
    void round();
    void randomBodies(int left, std::function<void()> then);
    void fail(const QString &what, const Reply &reply);

    ImapConnection *m_main = nullptr;
    ImapConnection *m_status = nullptr;
    qint64 m_target = 0;
    qint64 m_toSend = 0;
    QHash<ImapConnection *, qint64> m_inFlight;
    qint64 m_unanswered = 0;
    qint64 m_appended = 0;
    QElapsedTimer m_fillTimer;
    int m_roundsLeft = 0;
};

} // namespace loadgen
