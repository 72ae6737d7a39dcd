#include "SessionTableModel.h"

using namespace Qt::StringLiterals;

namespace qimapd::gui {

SessionTableModel::SessionTableModel(QObject *parent)
    : KeyedTableModel(parent)
{
    setHeaders({tr("ID"), tr("Peer"), tr("TLS"), tr("User"), tr("State"), tr("Mailbox"), tr("Pending expunges"),
                tr("Idle"), tr("Commands"), tr("Bytes in"), tr("Bytes out"), tr("Client")});
}

QString SessionTableModel::formatBytes(quint64 bytes)
{
    if (bytes < 1024)
        return tr("%1 B").arg(bytes);
    if (bytes < 1024 * 1024)
        return tr("%1 KiB").arg(double(bytes) / 1024, 0, 'f', 1);
    return tr("%1 MiB").arg(double(bytes) / (1024 * 1024), 0, 'f', 1);
}

QString SessionTableModel::formatDuration(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
}

// IMAP states are protocol terms (RFC 3501 §3); the table shows them in the user's language.
static QString stateText(const QString &state)
{
    if (state == u"not authenticated"_s)
        return SessionTableModel::tr("not authenticated");
    if (state == u"authenticated"_s)
        return SessionTableModel::tr("authenticated");
    if (state == u"selected"_s)
        return SessionTableModel::tr("selected");
    if (state == u"logout"_s)
        return SessionTableModel::tr("logout");
    return state;
}

void SessionTableModel::setSessions(const QList<SessionSnapshot> &sessions)
{
    QList<Row> rows;
    rows.reserve(sessions.size());
    m_sessions.clear();
    for (const SessionSnapshot &s : sessions) {
        m_sessions.insert(s.id, s);
        const QString peer = s.peerAddress + u':' + QString::number(s.peerPort);
        QString mailbox = s.mailbox;
        if (!mailbox.isEmpty() && s.readOnly)
            mailbox = tr("%1 (read-only)").arg(mailbox);
        QString client = s.clientName;
        if (!s.clientVersion.isEmpty())
            client += u' ' + s.clientVersion;
        // The protocol in the table, the cipher too in the tooltip and the inspector.
        const QString tls = s.tls.isEmpty() ? tr("plain") : s.tls.section(u' ', 0, 0);
        Row row;
        row.key = QString::number(s.id);
        row.display = {s.id, peer, tls, s.user, stateText(s.state), mailbox, qsizetype(s.pendingExpunges.size()),
                       formatDuration(s.idleMs), s.commands, formatBytes(s.bytesIn), formatBytes(s.bytesOut), client};
        row.sort = row.display;
        row.sort[Idle] = s.idleMs;
        row.sort[BytesIn] = s.bytesIn;
        row.sort[BytesOut] = s.bytesOut;
        row.sort[Mailbox] = s.mailbox;
        row.toolTip = QVariantList(ColumnCount);
        row.toolTip[Tls] = s.tls.isEmpty() ? tls : s.tls;
        if (!s.currentCommand.isEmpty())
            row.toolTip[State] = tr("running %1").arg(s.currentCommand);
        rows.append(row);
    }
    setRows(rows);
}

std::optional<SessionSnapshot> SessionTableModel::session(quint64 id) const
{
    const auto it = m_sessions.constFind(id);
    if (it == m_sessions.cend())
        return std::nullopt;
    return *it;
}

} // namespace qimapd::gui
