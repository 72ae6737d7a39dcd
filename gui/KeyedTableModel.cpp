#include "KeyedTableModel.h"

#include <QHash>
#include <QSet>

namespace qimapd::gui {

KeyedTableModel::KeyedTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int KeyedTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int KeyedTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_headers.size());
}

QVariant KeyedTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return row.display.value(index.column());
    case SortRole:
        return row.sort.isEmpty() ? row.display.value(index.column()) : row.sort.value(index.column());
    case KeyRole:
        return row.key;
    case Qt::ToolTipRole:
        return row.toolTip.value(index.column());
    default:
        return {};
    }
}

QVariant KeyedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < m_headers.size())
        return m_headers.at(section);
    return QAbstractTableModel::headerData(section, orientation, role);
}

int KeyedTableModel::rowOfKey(const QString &key) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).key == key)
            return i;
    }
    return -1;
}

QString KeyedTableModel::keyOfRow(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).key : QString();
}

void KeyedTableModel::setHeaders(const QStringList &headers)
{
    beginResetModel();
    m_headers = headers;
    endResetModel();
}

void KeyedTableModel::setRows(const QList<Row> &rows)
{
    QHash<QString, qsizetype> incoming;
    incoming.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i)
        incoming.insert(rows.at(i).key, i);

    // 1. Rows whose key is gone, removed from the end so earlier indexes stay valid; adjacent
    //    rows go in one removal.
    for (int end = int(m_rows.size()) - 1; end >= 0;) {
        if (incoming.contains(m_rows.at(end).key)) {
            --end;
            continue;
        }
        int first = end;
        while (first > 0 && !incoming.contains(m_rows.at(first - 1).key))
            --first;
        beginRemoveRows({}, first, end);
        m_rows.remove(first, end - first + 1);
        endRemoveRows();
        ++m_updates;
        end = first - 1;
    }

    // 2. Rows that stayed: updated in place, one dataChanged over the changed span.
    QSet<QString> present;
    int firstChanged = -1;
    int lastChanged = -1;
    for (int i = 0; i < m_rows.size(); ++i) {
        Row &current = m_rows[i];
        present.insert(current.key);
        const Row &next = rows.at(incoming.value(current.key));
        if (current == next)
            continue;
        current = next;
        if (firstChanged < 0)
            firstChanged = i;
        lastChanged = i;
    }
    if (firstChanged >= 0 && !m_headers.isEmpty()) {
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, int(m_headers.size()) - 1));
        ++m_updates;
    }

    // 3. New rows, appended in their incoming order in one insertion.
    QList<Row> added;
    for (const Row &row : rows) {
        if (!present.contains(row.key))
            added.append(row);
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
        ++m_updates;
    }
}

} // namespace qimapd::gui
