#pragma once

#include "KeyedTableModel.h"
#include "monitor/Monitor.h"

namespace qimapd::gui {

// Per selected mailbox: which sessions have it selected and how many expunges each of them
// has not yet been told (the seed's concurrent connections on one mailbox; RFC 3501 §7.4.1
// keeps those expunges pending during FETCH, STORE and SEARCH). Mailboxes belong to a user,
// so a row is one user's mailbox.
class MailboxTableModel : public KeyedTableModel
{
    Q_OBJECT
public:
    enum Column { Mailbox, User, Sessions, PendingExpunges, PerSession, ColumnCount };

    explicit MailboxTableModel(QObject *parent = nullptr);

    void setSessions(const QList<SessionSnapshot> &sessions);
};

} // namespace qimapd::gui
