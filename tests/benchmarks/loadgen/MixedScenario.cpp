#include "MixedScenario.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace loadgen {

void MixedScenario::start()
{
    const QString mix = m_options.text(u"mix"_s, u"fetch=30,body=15,store=20,expunge=5,append=15,select=5"_s);
    for (const QString &part : mix.split(u',', Qt::SkipEmptyParts)) {
        const QString name = part.section(u'=', 0, 0).trimmed();
        const int weight = part.section(u'=', 1, 1).toInt();
        if (weight > 0) {
            m_weights.append({name, weight});
            m_totalWeight += weight;
        }
    }
    if (m_totalWeight == 0)
        m_weights = {{u"fetch"_s, 1}}, m_totalWeight = 1;

    QTimer::singleShot(int(m_options.durationSeconds * 1000), this, [this] {
        m_stopping = true;
        // Whatever has not answered a few seconds after the end is abandoned.
        QTimer::singleShot(10000, this, [this] { finish(); });
    });
    m_running = m_options.clients;
    for (int i = 0; i < m_options.clients; ++i) {
        m_clients.push_back(std::make_unique<Client>());
        m_clients.back()->index = i;
        startSession(m_clients.back().get());
    }
}

void MixedScenario::stopped(Client *client)
{
    if (client->connection) {
        client->connection->close();
        client->connection->deleteLater();
        client->connection = nullptr;
    }
    if (--m_running == 0) {
        const double seconds = double(m_clock.nsecsElapsed()) / 1e9;
        m_report.setFigure(u"mixed commands/s"_s, double(m_report.commands()) / seconds, u"1/s"_s, true);
        m_report.setFigure(u"mixed sessions/s"_s, double(m_sessionsDone) / seconds, u"1/s"_s, true);
        finish();
    }
}

void MixedScenario::startSession(Client *client)
{
    if (m_stopping) {
        stopped(client);
        return;
    }
    openSession(userFor(client->index), [this, client](ImapConnection *connection) {
        if (!connection) { // counted; try again (unless the run is over)
            QTimer::singleShot(100, this, [this, client] { startSession(client); });
            return;
        }
        client->connection = connection;
        client->left = int(m_options.number(u"commands"_s, 20));
        // Keep this session's message count as the server tells it (RFC 3501 §7.3.1, §7.4.1).
        connection->setUntaggedListener([client](const QByteArray &line) {
            if (line.endsWith(" EXISTS"))
                client->exists = line.mid(2, line.size() - 9).toLongLong();
            else if (line.endsWith(" EXPUNGE"))
                --client->exists;
        });
        connection->command("SELECT " + mailbox(u"INBOX"_s), [this, client](const Reply &reply) {
            record(u"SELECT"_s, reply);
            if (!reply.ok()) {
                stopped(client);
                return;
            }
            next(client);
        });
    });
}

void MixedScenario::next(Client *client)
{
    ImapConnection *connection = client->connection;
    if (m_stopping) {
        stopped(client);
        return;
    }
    if (client->left-- <= 0) {
        connection->command("LOGOUT", [this, client](const Reply &reply) {
            record(u"LOGOUT"_s, reply);
            ++m_sessionsDone;
            client->connection->deleteLater();
            client->connection = nullptr;
            startSession(client);
        });
        return;
    }
    int pick = int(m_random() % quint32(m_totalWeight));
    QString kind;
    for (const auto &[name, weight] : std::as_const(m_weights)) {
        if ((pick -= weight) < 0) {
            kind = name;
            break;
        }
    }
    if (client->exists == 0 && kind != u"select"_s)
        kind = u"append"_s; // nothing to fetch, store or expunge yet
    auto then = [this, client, kind](const Reply &reply) {
        if (reply.status == Reply::Status::Failed) { // counted by openSession's failed()
            m_report.countCommand();
            client->connection->deleteLater();
            client->connection = nullptr;
            startSession(client);
            return;
        }
        record(kind, reply);
        next(client);
    };
    const qint64 n = qint64(m_random() % quint64(std::max<qint64>(client->exists, 1))) + 1;
    if (kind == u"fetch"_s) {
        const qint64 last = std::min(client->exists, n + 9);
        connection->command("FETCH " + QByteArray::number(n) + ':' + QByteArray::number(last) + " (UID FLAGS)", then);
    } else if (kind == u"body"_s) {
        connection->command("FETCH " + QByteArray::number(n) + " BODY.PEEK[]", then);
    } else if (kind == u"store"_s) {
        static const char *const changes[] = {"+FLAGS.SILENT (\\Seen)", "-FLAGS.SILENT (\\Seen)",
                                              "+FLAGS.SILENT (\\Deleted)"};
        connection->command("STORE " + QByteArray::number(n) + ' ' + changes[m_random() % 3], then);
    } else if (kind == u"expunge"_s) {
        connection->command("EXPUNGE", then);
    } else if (kind == u"select"_s) {
        connection->command("SELECT " + mailbox(u"INBOX"_s), then);
    } else {
        connection->append(mailbox(u"INBOX"_s), {}, message(qint64(m_options.number(u"message-size"_s, 2000))), then);
    }
}

} // namespace loadgen
