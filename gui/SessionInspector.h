#pragma once

#include "monitor/Monitor.h"

#include <QWidget>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QWidget;

namespace qimapd::gui {

// The selected session up close: IMAP state, mailbox, the sequence numbers of the expunges it
// has not yet been told, its recent commands with their results (credentials were redacted by
// the session), and Disconnect. The reason for the BYE is asked for in an inline field, not a
// modal dialog: nothing here may run a nested event loop on the server's loop.
class SessionInspector : public QWidget
{
    Q_OBJECT
public:
    explicit SessionInspector(Monitor *monitor, QWidget *parent = nullptr);

    // nullopt: nothing selected (or the session has gone).
    void setSession(const std::optional<SessionSnapshot> &session);
    std::optional<quint64> sessionId() const;

private:
    void askForReason();
    void sendDisconnect();
    void cancelDisconnect();

    Monitor *m_monitor;
    std::optional<SessionSnapshot> m_session;
    QLabel *m_title;
    QLabel *m_state;
    QLabel *m_mailbox;
    QLabel *m_pending;
    QLabel *m_client;
    QLabel *m_tls;
    QTreeWidget *m_commands;
    QPushButton *m_disconnect;
    QWidget *m_reasonRow;
    QLineEdit *m_reason;
    QPushButton *m_sendBye;
    QLabel *m_status;
};

} // namespace qimapd::gui
