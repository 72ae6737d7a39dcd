#pragma once

#include "monitor/Monitor.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace qimapd::gui {

// The users of the server: list, add, remove, reset a password — the operations of
// `qimapd user …`, through the monitor's asynchronous calls. Passwords are typed into inline
// fields; removing asks for a second click instead of a modal dialog.
class UsersPanel : public QWidget
{
    Q_OBJECT
public:
    explicit UsersPanel(Monitor *monitor, QWidget *parent = nullptr);

    void reload();

private:
    void addUser();
    void resetPassword();
    void removeUser();
    void updateButtons();
    QString selectedUser() const;
    void showResult(const QString &done, const QString &error);

    Monitor *m_monitor;
    QListWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_password;
    QPushButton *m_add;
    QPushButton *m_reset;
    QPushButton *m_remove;
    QLabel *m_status;
    QString m_confirmRemove; // the user a first click on Remove armed
};

} // namespace qimapd::gui
