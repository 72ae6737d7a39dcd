#include "UsersPanel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace qimapd::gui {

UsersPanel::UsersPanel(Monitor *monitor, QWidget *parent)
    : QWidget(parent)
    , m_monitor(monitor)
    , m_list(new QListWidget(this))
    , m_name(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_add(new QPushButton(tr("Add user"), this))
    , m_reset(new QPushButton(tr("Set password"), this))
    , m_remove(new QPushButton(tr("Remove user"), this))
    , m_status(new QLabel(this))
{
    m_list->setObjectName(u"userList"_s);
    m_name->setObjectName(u"userName"_s);
    m_password->setObjectName(u"userPassword"_s);
    m_add->setObjectName(u"addUserButton"_s);
    m_reset->setObjectName(u"setPasswordButton"_s);
    m_remove->setObjectName(u"removeUserButton"_s);
    m_status->setObjectName(u"usersStatus"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_name->setPlaceholderText(tr("user name"));
    m_password->setPlaceholderText(tr("new password"));
    m_status->setWordWrap(true);
    auto *refresh = new QPushButton(tr("Reload"), this);

    auto *form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Password:"), m_password);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_reset);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(refresh);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list, 1);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(m_list, &QListWidget::currentTextChanged, this, [this](const QString &name) {
        if (!name.isEmpty())
            m_name->setText(name);
    });
    connect(m_name, &QLineEdit::textChanged, this, &UsersPanel::updateButtons);
    connect(m_password, &QLineEdit::textChanged, this, &UsersPanel::updateButtons);
    connect(m_add, &QPushButton::clicked, this, &UsersPanel::addUser);
    connect(m_reset, &QPushButton::clicked, this, &UsersPanel::resetPassword);
    connect(m_remove, &QPushButton::clicked, this, &UsersPanel::removeUser);
    connect(refresh, &QPushButton::clicked, this, &UsersPanel::reload);
    updateButtons();
}

QString UsersPanel::selectedUser() const
{
    return m_name->text().trimmed();
}

void UsersPanel::updateButtons()
{
    const bool named = !selectedUser().isEmpty();
    const bool withPassword = named && !m_password->text().isEmpty();
    m_add->setEnabled(withPassword);
    m_reset->setEnabled(withPassword);
    m_remove->setEnabled(named);
    if (m_confirmRemove != selectedUser()) {
        m_confirmRemove.clear();
        m_remove->setText(tr("Remove user"));
    }
}

void UsersPanel::reload()
{
    QPointer<UsersPanel> self(this);
    m_monitor->listUsers([self](const QStringList &users, const QString &error) {
        if (!self)
            return;
        if (!error.isEmpty()) {
            self->m_status->setText(tr("Could not list the users: %1").arg(error));
            return;
        }
        const QString current = self->m_list->currentItem() ? self->m_list->currentItem()->text() : QString();
        self->m_list->clear();
        self->m_list->addItems(users);
        const QList<QListWidgetItem *> again = self->m_list->findItems(current, Qt::MatchExactly);
        if (!again.isEmpty())
            self->m_list->setCurrentItem(again.first());
    });
}

void UsersPanel::showResult(const QString &done, const QString &error)
{
    m_status->setText(error.isEmpty() ? done : error);
    if (error.isEmpty())
        reload();
}

void UsersPanel::addUser()
{
    const QString name = selectedUser();
    const QByteArray password = m_password->text().toUtf8();
    m_password->clear(); // not kept in the widget longer than needed
    QPointer<UsersPanel> self(this);
    m_monitor->addUser(name, password, [self, name](const QString &error) {
        if (self)
            self->showResult(tr("Added user %1.").arg(name), error);
    });
}

void UsersPanel::resetPassword()
{
    const QString name = selectedUser();
    const QByteArray password = m_password->text().toUtf8();
    m_password->clear();
    QPointer<UsersPanel> self(this);
    m_monitor->setPassword(name, password, [self, name](const QString &error) {
        if (self)
            self->showResult(tr("Changed the password of %1.").arg(name), error);
    });
}

void UsersPanel::removeUser()
{
    const QString name = selectedUser();
    // A second click confirms: removing a user also deletes their mail.
    if (m_confirmRemove != name) {
        m_confirmRemove = name;
        m_remove->setText(tr("Click again to remove %1 and their mail").arg(name));
        return;
    }
    m_confirmRemove.clear();
    m_remove->setText(tr("Remove user"));
    QPointer<UsersPanel> self(this);
    m_monitor->removeUser(name, [self, name](const QString &error) {
        if (self)
            self->showResult(tr("Removed user %1 and their mail.").arg(name), error);
    });
}

} // namespace qimapd::gui
