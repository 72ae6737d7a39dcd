#pragma once

#include "StoreResult.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

namespace qimapd {

class MailStore;

// Group commit (DESIGN.md, Storage): the store writes of every command that runs in one loop
// iteration share one transaction, committed — one disk flush — when the loop comes back, and
// only then do those commands send their tagged OK. So a STORE or an implicit \Seen costs no
// flush of its own, and an OK still means the change survives a crash.
class CommitGroup : public QObject
{
    Q_OBJECT
public:
    explicit CommitGroup(MailStore &store, QObject *parent = nullptr) : QObject(parent), m_store(store) {}
    ~CommitGroup() override;

    // Joins the open batch, opening one (and scheduling its commit) when there is none.
    // Returns false when the store could not start a transaction.
    StoreStatus begin();
    bool isOpen() const { return m_open; }

    // Calls `done` with the outcome of the open batch's commit, on the loop, unless `context`
    // died; with no batch open it calls at once with success.
    void whenCommitted(QObject *context, std::function<void(const StoreStatus &)> done);

    // Commits now (shutdown, tests).
    void flush();

private:
    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void(const StoreStatus &)> done;
    };

    MailStore &m_store;
    bool m_open = false;
    bool m_scheduled = false;
    QList<Waiter> m_waiters;
};

} // namespace qimapd
