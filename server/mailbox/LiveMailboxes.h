#pragma once

#include "MailStore.h"

#include <QHash>

#include <memory>

namespace qimapd {

class MailboxIndex;
class MailboxView;

// The live state of the mailboxes that sessions of this process have selected: one shared
// MailboxIndex per mailbox, loaded on first SELECT and dropped with its last view. Every change
// to messages made through this process goes through here, so the store is written first and
// the selected sessions' views learn of it straight after (commands cannot forget to tell them).
class LiveMailboxes
{
public:
    explicit LiveMailboxes(MailStore &store) : m_store(store) {}

    // The shared index of a mailbox, loading it when no session has it open.
    StoreResult<std::shared_ptr<MailboxIndex>> open(qint64 account, qint64 mailbox);
    std::shared_ptr<MailboxIndex> find(qint64 mailbox) const;

    // APPEND (and later COPY): stores, updates the index, and gives \Recent to exactly one
    // read-write session that has the mailbox selected — `appender` when it is one of them
    // (RFC 3501 §2.3.2).
    StoreResult<AppendResult> append(qint64 account, qint64 mailbox, const QList<AppendRequest> &messages,
                                     MailboxView *appender);
    StoreResult<QList<quint32>> expunge(qint64 account, qint64 mailbox, const QList<quint32> *onlyUids = nullptr);

    // Messages that left a mailbox by other means than EXPUNGE (RENAME INBOX moves them all).
    void applyExternalExpunge(qint64 mailbox, const QList<quint32> &uids);

    // After RENAME: loaded indexes of the account learn their new names.
    void refreshNames(qint64 account);

    MailStore &store() const { return m_store; }

private:
    MailStore &m_store;
    QHash<qint64, std::weak_ptr<MailboxIndex>> m_indexes;
};

} // namespace qimapd
