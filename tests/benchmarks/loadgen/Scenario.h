#pragma once

#include "ImapConnection.h"
#include "LoadOptions.h"
#include "Report.h"

#include <QElapsedTimer>
#include <QObject>

#include <functional>
#include <random>

namespace loadgen {

// The base of the six scenarios: the options, the report, a seeded random source, and the
// ways to get logged-in sessions. A scenario runs on the event loop and emits finished() when
// its report is complete; nothing waits or sleeps.
class Scenario : public QObject
{
    Q_OBJECT
public:
    Scenario(const LoadOptions &options, Report &report);
    ~Scenario() override;

    virtual void start() = 0;
    static Scenario *create(const LoadOptions &options, Report &report);

Q_SIGNALS:
    void finished();

protected:
    using SessionReady = std::function<void(ImapConnection *)>;
    using SessionSetup = std::function<void(ImapConnection *, int index, std::function<void()> ready)>;

    // Opens a connection for user `userIndex` (1-based), logs in and calls `ready`; on failure
    // counts an error and calls `ready` with nullptr. "connect+login" latency is recorded.
    void openSession(int userIndex, SessionReady ready);
    // Opens `count` sessions, at most `inFlight` still logging in or setting up at once (a
    // burst of 10,000 connects would overrun the listen backlog), runs `setup` on each and
    // calls `allReady` when every one is set up or has failed.
    // With `sameUser` every session logs in as user 1 (one mailbox watched by all).
    void openSessions(int count, int inFlight, SessionSetup setup, std::function<void()> allReady,
                      bool sameUser = false);
    // Counts the command, records its latency under `name`, counts an error unless OK.
    bool record(const QString &name, const Reply &reply);
    QByteArray message(qint64 size);
    int userFor(int client) const { return client % m_options.target.users + 1; }
    QByteArray mailbox(const QString &fallback) const { return m_options.text(QStringLiteral("mailbox"), fallback).toUtf8(); }
    void finish();

    const LoadOptions &m_options;
    Report &m_report;
    std::mt19937 m_random;
    QElapsedTimer m_clock;
    QList<ImapConnection *> m_sessions;

private:
    void openNext();
    int m_toOpen = 0;
    bool m_sameUser = false;
    int m_started = 0;
    int m_opening = 0;
    int m_opened = 0;
    int m_inFlight = 0;
    SessionSetup m_setup;
    std::function<void()> m_allReady;
    quint64 m_messageSerial = 0;
    bool m_finished = false;
};

} // namespace loadgen
