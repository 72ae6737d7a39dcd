#include "IdleFanoutScenario.h"

#include <QRegularExpression>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace loadgen {

void IdleFanoutScenario::start()
{
    const int sessions = int(m_options.number(u"sessions"_s, 1000));
    m_roundsLeft = int(m_options.number(u"rounds"_s, 10));
    for (int i = 0; i < sessions; ++i)
        m_idlers.push_back(std::make_unique<Idler>());
    openSessions(sessions, int(m_options.number(u"opening"_s, 64)),
                 [this](ImapConnection *connection, int index, std::function<void()> ready) {
                     setupIdler(connection, index, std::move(ready));
                 },
                 [this] {
                     m_report.setFigure(u"idlers set up"_s, m_live, u"sessions"_s, true);
                     m_report.addNote(tr("%1 sessions idling after %2 s")
                                          .arg(m_live)
                                          .arg(double(m_clock.elapsed()) / 1000, 0, 'f', 1));
                     openSession(1, [this](ImapConnection *changer) {
                         if (!changer)
                             return finish();
                         m_changer = changer;
                         m_sessions.append(changer);
                         changer->command("SELECT " + mailbox(u"INBOX"_s), [this](const Reply &reply) {
                             if (!record(u"SELECT"_s, reply))
                                 return finish();
                             nextRound();
                         });
                     });
                 },
                 true);
}

void IdleFanoutScenario::setupIdler(ImapConnection *connection, int index, std::function<void()> ready)
{
    Idler *idler = m_idlers.at(size_t(index)).get();
    idler->connection = connection;
    connection->setUntaggedListener([this, idler](const QByteArray &line) {
        if (m_phase == Phase::Append && line.endsWith(" EXISTS"))
            pushed(idler, Phase::Append);
        else if (m_phase == Phase::Expunge && line.endsWith(" EXPUNGE"))
            pushed(idler, Phase::Expunge);
    });
    connection->command("SELECT " + mailbox(u"INBOX"_s), [this, connection, ready](const Reply &reply) {
        if (!record(u"SELECT"_s, reply))
            return ready();
        connection->idle([this, ready] {
            ++m_live;
            ready();
        }, [this](const Reply &reply) {
            if (reply.status == Reply::Status::Failed)
                --m_live;
        });
    });
}

void IdleFanoutScenario::nextRound()
{
    if (m_roundsLeft-- <= 0) {
        const LatencyStats &exists = m_report.latency(u"APPEND -> EXISTS"_s);
        const LatencyStats &expunge = m_report.latency(u"EXPUNGE -> EXPUNGE"_s);
        m_report.setFigure(u"IDLE APPEND->EXISTS p50"_s, exists.percentile(0.5), u"ms"_s, false);
        m_report.setFigure(u"IDLE APPEND->EXISTS p99"_s, exists.percentile(0.99), u"ms"_s, false);
        m_report.setFigure(u"IDLE EXPUNGE->EXPUNGE p50"_s, expunge.percentile(0.5), u"ms"_s, false);
        m_report.setFigure(u"IDLE EXPUNGE->EXPUNGE p99"_s, expunge.percentile(0.99), u"ms"_s, false);
        m_report.setFigure(u"IDLE pushes missed"_s, double(m_missed), u"pushes"_s, false);
        finish();
        return;
    }
    beginPhase(Phase::Append);
    m_appendAnswered = false;
    m_expungeWaits = false;
    m_changer->append(mailbox(u"INBOX"_s), {}, message(2000), [this](const Reply &reply) {
        if (!record(u"APPEND"_s, reply))
            return finish();
        // RFC 4315 §3: [APPENDUID uidvalidity uid]
        static const QRegularExpression appendUid(u"APPENDUID \\d+ (\\d+)"_s);
        m_uid = appendUid.match(QString::fromUtf8(reply.taggedLine)).captured(1).toLatin1();
        m_appendAnswered = true;
        if (m_expungeWaits)
            expunge();
    });
}

void IdleFanoutScenario::beginPhase(Phase phase)
{
    m_phase = phase;
    m_seen = 0;
    ++m_phaseSerial;
    for (auto &idler : m_idlers)
        idler->seenAt = -1;
    m_phaseStart = m_clock.nsecsElapsed();
    const int serial = m_phaseSerial;
    QTimer::singleShot(int(m_options.number(u"round-timeout"_s, 40) * 1000), this, [this, serial] {
        if (serial == m_phaseSerial && m_phase != Phase::Setup)
            endPhase();
    });
}

void IdleFanoutScenario::pushed(Idler *idler, Phase phase)
{
    if (idler->seenAt >= 0 || phase != m_phase)
        return;
    idler->seenAt = m_clock.nsecsElapsed();
    if (++m_seen >= m_live)
        QTimer::singleShot(0, this, [this, serial = m_phaseSerial] {
            if (serial == m_phaseSerial)
                endPhase();
        });
}

void IdleFanoutScenario::endPhase()
{
    const Phase phase = m_phase;
    m_phase = Phase::Setup;
    LatencyStats &stats = m_report.latency(phase == Phase::Append ? u"APPEND -> EXISTS"_s : u"EXPUNGE -> EXPUNGE"_s);
    for (const auto &idler : m_idlers) {
        if (!idler->connection)
            continue;
        if (idler->seenAt >= 0)
            stats.addNs(idler->seenAt - m_phaseStart);
        else
            ++m_missed;
    }
    ++m_phaseSerial;
    if (phase == Phase::Expunge) {
        QTimer::singleShot(50, this, [this] { nextRound(); });
        return;
    }
    // A server may push EXISTS to the idlers before it answers the APPEND itself.
    if (!m_appendAnswered) {
        m_expungeWaits = true;
        return;
    }
    expunge();
}

void IdleFanoutScenario::expunge()
{
    if (m_uid.isEmpty()) {
        m_report.countError(tr("no APPENDUID in the APPEND reply (UIDPLUS needed)"));
        return finish();
    }
    m_changer->command("UID STORE " + m_uid + " +FLAGS.SILENT (\\Deleted)", [this](const Reply &reply) {
        if (!record(u"UID STORE"_s, reply))
            return finish();
        beginPhase(Phase::Expunge);
        // RFC 4315 §2.1: only this message, whatever else is \Deleted.
        m_changer->command("UID EXPUNGE " + m_uid, [this](const Reply &reply) {
            if (!record(u"UID EXPUNGE"_s, reply))
                finish();
        });
    });
}

} // namespace loadgen
