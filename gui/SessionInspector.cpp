#include "SessionInspector.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qimapd::gui {

SessionInspector::SessionInspector(Monitor *monitor, QWidget *parent)
    : QWidget(parent)
    , m_monitor(monitor)
    , m_title(new QLabel(this))
    , m_state(new QLabel(this))
    , m_mailbox(new QLabel(this))
    , m_pending(new QLabel(this))
    , m_client(new QLabel(this))
    , m_tls(new QLabel(this))
    , m_commands(new QTreeWidget(this))
    , m_disconnect(new QPushButton(tr("Disconnect…"), this))
    , m_reasonRow(new QWidget(this))
    , m_reason(new QLineEdit(m_reasonRow))
    , m_sendBye(new QPushButton(tr("Send BYE"), m_reasonRow))
    , m_status(new QLabel(this))
{
    m_title->setObjectName(u"inspectorTitle"_s);
    m_state->setObjectName(u"inspectorState"_s);
    m_mailbox->setObjectName(u"inspectorMailbox"_s);
    m_pending->setObjectName(u"inspectorPending"_s);
    m_commands->setObjectName(u"inspectorCommands"_s);
    m_disconnect->setObjectName(u"disconnectButton"_s);
    m_reason->setObjectName(u"disconnectReason"_s);
    m_sendBye->setObjectName(u"sendByeButton"_s);
    m_status->setObjectName(u"inspectorStatus"_s);

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_pending->setWordWrap(true);
    m_pending->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_commands->setColumnCount(3);
    m_commands->setHeaderLabels({tr("Time"), tr("Command"), tr("Result")});
    m_commands->setRootIsDecorated(false);
    m_commands->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_commands->header()->setStretchLastSection(false);

    auto *form = new QFormLayout;
    form->addRow(tr("State:"), m_state);
    form->addRow(tr("Mailbox:"), m_mailbox);
    form->addRow(tr("Pending expunges:"), m_pending);
    form->addRow(tr("Client:"), m_client);
    form->addRow(tr("TLS:"), m_tls);

    auto *reasonLayout = new QHBoxLayout(m_reasonRow);
    reasonLayout->setContentsMargins(0, 0, 0, 0);
    auto *cancel = new QPushButton(tr("Cancel"), m_reasonRow);
    reasonLayout->addWidget(new QLabel(tr("Reason:"), m_reasonRow));
    reasonLayout->addWidget(m_reason, 1);
    reasonLayout->addWidget(m_sendBye);
    reasonLayout->addWidget(cancel);
    m_reasonRow->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_disconnect);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Recent commands:"), this));
    layout->addWidget(m_commands, 1);
    layout->addWidget(m_reasonRow);
    layout->addLayout(buttons);

    connect(m_disconnect, &QPushButton::clicked, this, &SessionInspector::askForReason);
    connect(m_sendBye, &QPushButton::clicked, this, &SessionInspector::sendDisconnect);
    connect(m_reason, &QLineEdit::returnPressed, this, &SessionInspector::sendDisconnect);
    connect(cancel, &QPushButton::clicked, this, &SessionInspector::cancelDisconnect);
    setSession(std::nullopt);
}

std::optional<quint64> SessionInspector::sessionId() const
{
    return m_session ? std::optional<quint64>(m_session->id) : std::nullopt;
}

void SessionInspector::setSession(const std::optional<SessionSnapshot> &session)
{
    const bool other = sessionId() != (session ? std::optional<quint64>(session->id) : std::nullopt);
    m_session = session;
    if (other) {
        cancelDisconnect();
        // "Session #5 disconnected." stays up after that session's row has gone.
        if (session)
            m_status->clear();
    }
    m_disconnect->setEnabled(session.has_value());
    if (!session) {
        m_title->setText(tr("No session selected"));
        m_state->clear();
        m_mailbox->clear();
        m_pending->clear();
        m_client->clear();
        m_tls->clear();
        m_commands->clear();
        return;
    }
    const SessionSnapshot &s = *session;
    m_title->setText(tr("Session #%1 from %2:%3").arg(s.id).arg(s.peerAddress).arg(s.peerPort));
    m_state->setText(s.currentCommand.isEmpty() ? s.state : tr("%1, running %2").arg(s.state, s.currentCommand));
    m_mailbox->setText(s.mailbox.isEmpty() ? tr("none")
                                           : (s.readOnly ? tr("%1 (read-only)").arg(s.mailbox) : s.mailbox));
    QStringList numbers;
    for (quint32 number : s.pendingExpunges)
        numbers.append(QString::number(number));
    m_pending->setText(numbers.isEmpty() ? tr("none") : numbers.join(u' '));
    QString client = s.clientName.isEmpty() ? tr("unknown (no ID sent)") : s.clientName;
    if (!s.clientVersion.isEmpty())
        client += u' ' + s.clientVersion;
    m_client->setText(client);
    m_tls->setText(s.tls.isEmpty() ? tr("none (plain connection)") : s.tls);

    // Rebuilt only when the history changed, so a periodic refresh does not reset scrolling.
    QList<QStringList> lines;
    for (const CommandSnapshot &c : s.recentCommands)
        lines.append({c.startedAt.toLocalTime().toString(u"HH:mm:ss"_s), c.text,
                      c.result.isEmpty() ? tr("running") : c.result});
    bool same = m_commands->topLevelItemCount() == lines.size();
    for (int i = 0; same && i < lines.size(); ++i) {
        const QTreeWidgetItem *item = m_commands->topLevelItem(i);
        same = item->text(0) == lines[i][0] && item->text(1) == lines[i][1] && item->text(2) == lines[i][2];
    }
    if (!same) {
        m_commands->clear();
        for (const QStringList &line : lines)
            m_commands->addTopLevelItem(new QTreeWidgetItem(line));
        m_commands->scrollToBottom();
    }
}

void SessionInspector::askForReason()
{
    if (!m_session)
        return;
    if (m_reason->text().isEmpty())
        m_reason->setText(tr("Disconnected by the administrator"));
    m_reasonRow->show();
    m_reason->setFocus();
    m_reason->selectAll();
}

void SessionInspector::cancelDisconnect()
{
    m_reasonRow->hide();
    m_reason->clear();
}

void SessionInspector::sendDisconnect()
{
    if (!m_session)
        return;
    const quint64 id = m_session->id;
    QString reason = m_reason->text().simplified();
    if (reason.isEmpty())
        reason = tr("Disconnected by the administrator");
    m_reasonRow->hide();
    m_reason->clear();
    m_status->setText(tr("Disconnecting #%1…").arg(id));
    // The answer comes later on the loop; this widget may be gone by then.
    QPointer<SessionInspector> self(this);
    m_monitor->disconnectSession(id, reason, [self, id](const QString &error) {
        if (!self)
            return;
        self->m_status->setText(error.isEmpty() ? tr("Session #%1 disconnected.").arg(id)
                                                : tr("Could not disconnect #%1: %2").arg(id).arg(error));
    });
}

} // namespace qimapd::gui
