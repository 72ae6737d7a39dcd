#include "LargeMailboxScenario.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace loadgen {

void LargeMailboxScenario::start()
{
    m_target = qint64(m_options.number(u"messages"_s, 100000));
    m_roundsLeft = int(m_options.number(u"rounds"_s, 10));
    openSession(1, [this](ImapConnection *main) {
        if (!main) {
            finish();
            return;
        }
        m_main = main;
        m_sessions.append(main);
        openSession(1, [this](ImapConnection *status) {
            if (!status) {
                finish();
                return;
            }
            m_status = status;
            m_sessions.append(status);
            ensureMailbox();
        });
    });
}

void LargeMailboxScenario::fail(const QString &what, const Reply &reply)
{
    m_report.countError(what + u": "_s + QString::fromUtf8(reply.taggedLine.left(200)));
    finish();
}

void LargeMailboxScenario::ensureMailbox()
{
    const QByteArray box = mailbox(u"bench-large"_s);
    m_main->command("STATUS " + box + " (MESSAGES)", [this, box](const Reply &reply) {
        m_report.countCommand();
        if (reply.ok()) {
            static const QRegularExpression messages(u"MESSAGES (\\d+)"_s);
            const QRegularExpressionMatch match = messages.match(QString::fromUtf8(reply.lines.value(0)));
            fill(match.hasMatch() ? match.captured(1).toLongLong() : 0);
            return;
        }
        m_main->command("CREATE " + box, [this](const Reply &created) {
            if (!record(u"CREATE"_s, created))
                return fail(u"CREATE"_s, created);
            fill(0);
        });
    }, true);
}

void LargeMailboxScenario::fill(qint64 have)
{
    m_toSend = m_target - have;
    if (m_toSend <= 0) {
        m_report.addNote(tr("the mailbox already held %1 messages; not filled again").arg(have));
        round();
        return;
    }
    m_report.addNote(tr("filling %1 messages (the mailbox held %2)").arg(m_toSend).arg(have));
    m_fillTimer.start();
    const int fillers = std::clamp(m_options.clients, 1, 8);
    openSessions(fillers, fillers, [](ImapConnection *, int, std::function<void()> ready) { ready(); }, [this] {
        for (ImapConnection *connection : std::as_const(m_sessions))
            if (connection && connection != m_main && connection != m_status)
                appendMore(connection);
        if (m_unanswered == 0)
            fail(u"fill"_s, Reply{});
    }, true);
}

// Keeps --window APPENDs in flight (over all fill sessions): the server may commit them in
// groups.
void LargeMailboxScenario::appendMore(ImapConnection *connection)
{
    const qint64 window = std::max<qint64>(1, qint64(m_options.number(u"window"_s, 256)) / std::clamp(m_options.clients, 1, 8));
    const qint64 size = qint64(m_options.number(u"message-size"_s, 1500));
    const QByteArray box = mailbox(u"bench-large"_s);
    while (m_toSend > 0 && m_inFlight[connection] < window) {
        --m_toSend;
        ++m_inFlight[connection];
        ++m_unanswered;
        const bool seen = m_random() % 3 == 0;
        connection->append(box, seen ? "\\Seen" : "", message(size), [this, connection](const Reply &reply) {
            --m_inFlight[connection];
            --m_unanswered;
            if (!record(u"APPEND (fill)"_s, reply))
                return fail(u"APPEND"_s, reply);
            ++m_appended;
            if (m_toSend > 0)
                appendMore(connection);
            else if (m_unanswered == 0)
                filled();
        });
    }
}

void LargeMailboxScenario::filled()
{
    const double seconds = double(m_fillTimer.nsecsElapsed()) / 1e9;
    m_report.setFigure(u"fill APPEND messages/s"_s, double(m_appended) / seconds, u"1/s"_s, true);
    for (ImapConnection *connection : std::as_const(m_sessions))
        if (connection && connection != m_main && connection != m_status)
            connection->close();
    round();
}

void LargeMailboxScenario::round()
{
    if (m_roundsLeft-- <= 0) {
        for (const char *name : {"SELECT", "UID FETCH 1:* (UID FLAGS)", "UID SEARCH UNSEEN", "FETCH n BODY[]", "STATUS"}) {
            const LatencyStats &stats = m_report.latency(QString::fromLatin1(name));
            m_report.setFigure(QString::fromLatin1(name) + u" p50"_s, stats.percentile(0.5), u"ms"_s, false);
        }
        finish();
        return;
    }
    const QByteArray box = mailbox(u"bench-large"_s);
    m_main->command("SELECT " + box, [this, box](const Reply &reply) {
        if (!record(u"SELECT"_s, reply))
            return fail(u"SELECT"_s, reply);
        // The first SELECT may load what later ones find cached (qimapd's shared index).
        if (m_report.latency(u"SELECT"_s).count() == 1)
            m_report.setFigure(u"SELECT first"_s, double(reply.elapsedNs) / 1e6, u"ms"_s, false);
        m_main->command("UID FETCH 1:* (UID FLAGS)", [this, box](const Reply &reply) {
            if (!record(u"UID FETCH 1:* (UID FLAGS)"_s, reply))
                return fail(u"UID FETCH"_s, reply);
            if (reply.untagged < m_target)
                m_report.countError(tr("UID FETCH 1:* returned %1 responses for %2 messages")
                                        .arg(reply.untagged).arg(m_target));
            m_main->command("UID SEARCH UNSEEN", [this, box](const Reply &reply) {
                if (!record(u"UID SEARCH UNSEEN"_s, reply))
                    return fail(u"UID SEARCH"_s, reply);
                randomBodies(10, [this, box] {
                    m_status->command("STATUS " + box + " (MESSAGES UNSEEN UIDNEXT)", [this](const Reply &reply) {
                        if (!record(u"STATUS"_s, reply))
                            return fail(u"STATUS"_s, reply);
                        round();
                    });
                });
            });
        });
    });
}

// BODY.PEEK[] rather than BODY[]: the same bytes, without setting \Seen, so every round
// searches the same UNSEEN set.
void LargeMailboxScenario::randomBodies(int left, std::function<void()> then)
{
    if (left == 0) {
        then();
        return;
    }
    const qint64 n = qint64(m_random() % quint64(m_target)) + 1;
    m_main->command("FETCH " + QByteArray::number(n) + " BODY.PEEK[]", [this, left, then](const Reply &reply) {
        if (!record(u"FETCH n BODY[]"_s, reply))
            return fail(u"FETCH BODY[]"_s, reply);
        randomBodies(left - 1, then);
    });
}

} // namespace loadgen
