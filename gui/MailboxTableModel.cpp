#include "MailboxTableModel.h"

#include <QMap>

using namespace Qt::StringLiterals;

namespace qimapd::gui {

MailboxTableModel::MailboxTableModel(QObject *parent)
    : KeyedTableModel(parent)
{
    setHeaders({tr("Mailbox"), tr("User"), tr("Sessions"), tr("Pending expunges"), tr("Sessions and their pending expunges")});
}

void MailboxTableModel::setSessions(const QList<SessionSnapshot> &sessions)
{
    // Ordered by user, then mailbox, then session id, so the rows come out stable.
    QMap<QPair<QString, QString>, QList<const SessionSnapshot *>> byMailbox;
    for (const SessionSnapshot &s : sessions) {
        if (!s.mailbox.isEmpty())
            byMailbox[{s.user, s.mailbox}].append(&s);
    }
    QList<Row> rows;
    for (auto it = byMailbox.cbegin(); it != byMailbox.cend(); ++it) {
        QList<const SessionSnapshot *> selected = it.value();
        std::sort(selected.begin(), selected.end(), [](auto *a, auto *b) { return a->id < b->id; });
        qsizetype pending = 0;
        QStringList parts;
        for (const SessionSnapshot *s : selected) {
            pending += s->pendingExpunges.size();
            QString part = tr("#%1: %n pending", nullptr, int(s->pendingExpunges.size())).arg(s->id);
            if (s->readOnly)
                part += u' ' + tr("(read-only)");
            parts.append(part);
        }
        Row row;
        row.key = it.key().first + u'\n' + it.key().second;
        row.display = {it.key().second, it.key().first, qsizetype(selected.size()), pending, parts.join(u", "_s)};
        rows.append(row);
    }
    setRows(rows);
}

} // namespace qimapd::gui
