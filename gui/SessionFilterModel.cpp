#include "SessionFilterModel.h"
#include "SessionTableModel.h"

namespace qimapd::gui {

SessionFilterModel::SessionFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(KeyedTableModel::SortRole);
    // Rows changed by a refresh move to their sorted place without a full re-sort by hand.
    setDynamicSortFilter(true);
}

void SessionFilterModel::setUserFilter(const QString &text)
{
    m_user = text.trimmed();
    invalidateFilter();
}

void SessionFilterModel::setMailboxFilter(const QString &text)
{
    m_mailbox = text.trimmed();
    invalidateFilter();
}

void SessionFilterModel::setAddressFilter(const QString &text)
{
    m_address = text.trimmed();
    invalidateFilter();
}

bool SessionFilterModel::columnContains(int sourceRow, int column, const QString &text) const
{
    if (text.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, column);
    return index.data(KeyedTableModel::SortRole).toString().contains(text, Qt::CaseInsensitive);
}

bool SessionFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    return columnContains(sourceRow, SessionTableModel::User, m_user)
        && columnContains(sourceRow, SessionTableModel::Mailbox, m_mailbox)
        && columnContains(sourceRow, SessionTableModel::Peer, m_address);
}

} // namespace qimapd::gui
