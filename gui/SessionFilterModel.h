#pragma once

#include <QSortFilterProxyModel>

namespace qimapd::gui {

// Sorts the session table by the raw values (numbers as numbers) and filters it by user,
// mailbox and peer address: each filter is a case-insensitive substring, all must match.
class SessionFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit SessionFilterModel(QObject *parent = nullptr);

    void setUserFilter(const QString &text);
    void setMailboxFilter(const QString &text);
    void setAddressFilter(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool columnContains(int sourceRow, int column, const QString &text) const;

    QString m_user;
    QString m_mailbox;
    QString m_address;
};

} // namespace qimapd::gui
