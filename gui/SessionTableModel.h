#pragma once

#include "KeyedTableModel.h"
#include "monitor/Monitor.h"

#include <QHash>

#include <optional>

namespace qimapd::gui {

// The live connections, one row per session (issue 5: "a live table of connections"), kept
// up to date by refresh() — called by the dashboard when the monitor says the sessions changed.
class SessionTableModel : public KeyedTableModel
{
    Q_OBJECT
public:
    enum Column {
        Id, Peer, Tls, User, State, Mailbox, PendingExpunges, Idle, Commands, BytesIn, BytesOut, Client,
        ColumnCount
    };

    explicit SessionTableModel(QObject *parent = nullptr);

    void setSessions(const QList<SessionSnapshot> &sessions);
    std::optional<SessionSnapshot> session(quint64 id) const;

    static QString formatBytes(quint64 bytes);
    static QString formatDuration(qint64 ms);

private:
    QHash<quint64, SessionSnapshot> m_sessions;
};

} // namespace qimapd::gui
