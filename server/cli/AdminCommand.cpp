#include "AdminCommand.h"
#include "ConfigLoader.h"
#include "ServerMain.h"
#include "monitor/AdminServer.h"
#include "monitor/RemoteMonitor.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace qimapd {

namespace {

constexpr int AnswerTimeoutMs = 10000;

int fail(const QString &message, int code)
{
    std::fprintf(stderr, "qimapd: %s\n", qPrintable(message));
    return code;
}

QString idleText(qint64 ms)
{
    const qint64 s = ms / 1000;
    if (s < 60)
        return QString::number(s) + u's';
    if (s < 3600)
        return u"%1m%2s"_s.arg(s / 60).arg(s % 60, 2, 10, QChar(u'0'));
    if (s < 86400)
        return u"%1h%2m"_s.arg(s / 3600).arg(s / 60 % 60, 2, 10, QChar(u'0'));
    return u"%1d%2h"_s.arg(s / 86400).arg(s / 3600 % 24, 2, 10, QChar(u'0'));
}

// Waits (in this CLI process, never in a server) until `done` is true or the time is up.
bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(timeoutMs);
    QTimer poll; // re-checks after every batch of events
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    poll.start(10);
    if (!done())
        loop.exec();
    return done();
}

} // namespace

bool AdminCommand::handles(const QString &command)
{
    return command == u"sessions"_s || command == u"kick"_s;
}

QString AdminCommand::misplacedOption(const ConfigLoader &loader, const QStringList &words)
{
    const QString command = words.value(0);
    if (loader.isSet(u"json"_s) && command != u"sessions"_s)
        return tr("--json belongs to qimapd sessions");
    if (loader.isSet(u"reason"_s) && command != u"kick"_s)
        return tr("--reason belongs to qimapd kick");
    return {};
}

int AdminCommand::run(const QStringList &words, const ConfigLoader &loader, const ServerConfig &config)
{
    const bool isKick = words.value(0) == u"kick"_s;
    quint64 id = 0;
    if (isKick) {
        bool ok = false;
        id = words.value(1).toULongLong(&ok);
        if (words.size() != 2 || !ok || id == 0)
            return fail(tr("usage: qimapd kick ID [--reason TEXT] (ID as listed by qimapd sessions)"), ExitUsage);
    } else if (words.size() != 1) {
        return fail(tr("usage: qimapd sessions [--json]"), ExitUsage);
    }

    // Only what the command needs: kick reads no sessions.
    RemoteMonitor monitor(AdminServer::socketPath(config), isKick ? RemoteMonitor::Server : RemoteMonitor::Server | RemoteMonitor::Sessions);
    monitor.setReconnect(false);
    QString connectError;
    QObject::connect(&monitor, &RemoteMonitor::connectionFailed, &monitor, [&](const QString &error) { connectError = error; });
    monitor.start();
    if (!waitFor([&] { return monitor.isAvailable() || !connectError.isEmpty(); }, AnswerTimeoutMs))
        return fail(tr("no answer from the server on admin socket %1").arg(monitor.socketPath()), ExitFailure);
    if (!monitor.isAvailable())
        return fail(connectError, ExitFailure);
    return isKick ? kick(monitor, id, loader.value(u"reason"_s)) : sessions(monitor, loader.isSet(u"json"_s));
}

int AdminCommand::kick(RemoteMonitor &monitor, quint64 id, const QString &reason)
{
    bool answered = false;
    QString error;
    monitor.disconnectSession(id, reason, [&](const QString &result) {
        error = result;
        answered = true;
    });
    if (!waitFor([&] { return answered; }, AnswerTimeoutMs))
        return fail(tr("no answer from the server on admin socket %1").arg(monitor.socketPath()), ExitFailure);
    if (!error.isEmpty())
        return fail(error, ExitFailure);
    std::printf("%s\n", qPrintable(tr("disconnected session %1").arg(id)));
    return ExitOk;
}

int AdminCommand::sessions(RemoteMonitor &monitor, bool json)
{
    const QList<SessionSnapshot> sessions = monitor.sessions();
    if (json) {
        QJsonArray array;
        for (const SessionSnapshot &session : sessions)
            array.append(session.toJson());
        std::fputs(QJsonDocument(array).toJson(QJsonDocument::Indented).constData(), stdout);
        return ExitOk;
    }

    const QStringList header{tr("ID"), tr("PEER"), tr("TLS"), tr("USER"), tr("STATE"), tr("MAILBOX"), tr("PENDING"),
                             tr("IDLE"), tr("CMDS"), tr("IN"), tr("OUT"), tr("CLIENT")};
    QList<QStringList> rows{header};
    for (const SessionSnapshot &s : sessions) {
        QString state = s.state;
        if (s.state == u"not authenticated"_s)
            state = tr("not authenticated");
        else if (s.state == u"authenticated"_s)
            state = tr("authenticated");
        else if (s.state == u"selected"_s)
            state = tr("selected");
        else if (s.state == u"logout"_s)
            state = tr("logout");
        QString mailbox = s.mailbox.isEmpty() ? u"-"_s : s.mailbox;
        if (s.readOnly)
            mailbox += tr(" (ro)");
        const QString client = QString(s.clientName + u' ' + s.clientVersion).trimmed();
        rows.append({QString::number(s.id), s.peerAddress + u':' + QString::number(s.peerPort),
                     s.tls.isEmpty() ? tr("plain") : s.tls, s.user.isEmpty() ? u"-"_s : s.user, state, mailbox,
                     QString::number(s.pendingExpunges.size()), idleText(s.idleMs), QString::number(s.commands),
                     QString::number(s.bytesIn), QString::number(s.bytesOut), client.isEmpty() ? u"-"_s : client});
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = qMax(widths[i], row.at(i).size());
    }
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype i = 0; i < row.size(); ++i)
            line += i + 1 < row.size() ? row.at(i).leftJustified(widths.at(i) + 2) : row.at(i);
        std::printf("%s\n", qPrintable(line));
    }
    if (sessions.isEmpty())
        std::printf("%s\n", qPrintable(tr("(no sessions)")));
    return ExitOk;
}

} // namespace qimapd
