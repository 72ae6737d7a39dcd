#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>
#include <QVariant>

namespace qimapd::gui {

// A table whose rows are identified by a key (a session id, a mailbox). setRows() diffs the
// new rows against the current ones by key: rows that went away are removed, rows that stayed
// are updated in place and new rows are appended. A view's selection, current index and
// scroll position survive a refresh, which a model reset would throw away. Every refresh
// emits at most one dataChanged, whatever the number of changed rows, so a thousand busy
// sessions cost one repaint per refresh tick (issue 5: coalesced updates).
class KeyedTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // The value a proxy sorts by (numbers as numbers, not as their display text).
    static constexpr int SortRole = Qt::UserRole + 1;
    // The row's key, for finding a row again after sorting and filtering.
    static constexpr int KeyRole = Qt::UserRole + 2;

    struct Row
    {
        QString key;
        QVariantList display;
        QVariantList sort; // same length as display; empty: sort by the display value
        QVariantList toolTip; // optional, same length as display
        bool operator==(const Row &) const = default;
    };

    explicit KeyedTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int rowOfKey(const QString &key) const;
    QString keyOfRow(int row) const;

    // How many structural or data-change notifications the model has sent: tests use it to
    // check that updates stay bounded per refresh.
    int updateCount() const { return m_updates; }

protected:
    void setHeaders(const QStringList &headers);
    void setRows(const QList<Row> &rows);

private:
    QStringList m_headers;
    QList<Row> m_rows;
    int m_updates = 0;
};

} // namespace qimapd::gui
