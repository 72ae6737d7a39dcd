#pragma once

#include "MailStore.h"

#include <QHash>

#include <memory>

namespace qimapd {

class CommitGroup;
class MailboxIndex;
class MailboxView;

// The live state of the mailboxes that sessions of this process have selected: one shared
// MailboxIndex per mailbox, loaded on first SELECT and dropped with its last view. Every change
// to messages made through this process goes through here, so the store is written first and
// the selected sessions' views learn of it straight after (commands cannot forget to tell them).
class LiveMailboxes
{
public:
    // Every change joins `commits`, the group commit of this loop iteration.
    LiveMailboxes(MailStore &store, CommitGroup &commits) : m_store(store), m_commits(commits) {}

    // The shared index of a mailbox, loading it when no session has it open — or when the one
    // loaded belongs to an earlier incarnation (DELETE of a parent, then CREATE: same id, new
    // UIDVALIDITY); sessions still holding that one keep it, emptied by the DELETE.
    StoreResult<std::shared_ptr<MailboxIndex>> open(qint64 account, const MailboxInfo &mailbox);
    std::shared_ptr<MailboxIndex> find(qint64 mailbox) const;

    // APPEND (and later COPY): stores, updates the index, and gives \Recent to exactly one
    // read-write session that has the mailbox selected — `appender` when it is one of them
    // (RFC 3501 §2.3.2).
    StoreResult<AppendResult> append(qint64 account, qint64 mailbox, const QList<AppendRequest> &messages,
                                     MailboxView *appender);
    StoreResult<QList<quint32>> expunge(qint64 account, qint64 mailbox, const QList<quint32> *onlyUids = nullptr);
    // STORE and the implicit \Seen of FETCH: every view but `origin` is told.
    StoreResult<StoreFlagsResult> storeFlags(qint64 account, qint64 mailbox, const QList<quint32> &uids,
                                             FlagUpdate mode, const FlagRequest &flags, MailboxView *origin);
    // COPY: the copies arrive in `to` like appended messages (\Recent for one session there).
    StoreResult<CopyResult> copy(qint64 account, qint64 from, const QList<quint32> &uids, qint64 to,
                                 MailboxView *origin);

    // Messages that left a mailbox by other means than EXPUNGE (RENAME INBOX moves them all).
    void applyExternalExpunge(qint64 account, qint64 mailbox, const QList<quint32> &uids);

    // Brings every loaded index up to date with changes other processes committed (qimapd
    // deliver): cheap when nothing changed (one PRAGMA), a snapshot per open mailbox otherwise.
    // Returns true when something changed.
    bool syncExternalChanges();

    // After RENAME: loaded indexes of the account learn their new names.
    void refreshNames(qint64 account);

    MailStore &store() const { return m_store; }

private:
    StoreStatus joinCommit();
    // New messages in `mailbox`: \Recent to one read-write view (the origin's if it is one),
    // then every view learns of them.
    void deliver(qint64 account, qint64 mailbox, const AppendResult &result, MailboxView *origin);

    MailStore &m_store;
    CommitGroup &m_commits;
    QHash<qint64, std::weak_ptr<MailboxIndex>> m_indexes;
    qint64 m_externalVersion = -2;
};

} // namespace qimapd
