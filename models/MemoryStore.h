#pragma once

#include "MailStore.h"

#include <QSet>

#include <map>
#include <vector>

namespace qimapd {

// The reference MailStore: everything in memory, for the life of the process. It defines the
// semantics the SQLite store must match (tests/models/tst_mailstore.cpp runs the same cases on
// both) and is the test double for the protocol tests.
//
// Message bytes are QByteArrays, implicitly shared: copying a message row shares its body, as
// the SQLite store shares body rows.
class MemoryStore : public MailStore
{
public:
    MemoryStore();
    ~MemoryStore() override;

    QString kind() const override;

    StoreResult<qint64> openAccount(const QString &user) override;
    StoreStatus deleteAccount(const QString &user) override;

    StoreResult<QList<MailboxInfo>> mailboxes(qint64 account) override;
    StoreResult<MailboxInfo> mailbox(qint64 account, const QString &name) override;
    StoreStatus createMailbox(qint64 account, const QString &name) override;
    StoreStatus deleteMailbox(qint64 account, const QString &name) override;
    StoreStatus renameMailbox(qint64 account, const QString &from, const QString &to) override;

    StoreResult<QStringList> subscriptions(qint64 account) override;
    StoreStatus setSubscribed(qint64 account, const QString &name, bool subscribed) override;

    StoreResult<MailboxStatus> status(qint64 account, qint64 mailbox) override;
    StoreResult<MailboxSnapshot> snapshot(qint64 account, qint64 mailbox) override;
    StoreResult<quint32> claimRecent(qint64 account, qint64 mailbox) override;

    StoreResult<AppendResult> append(qint64 account, qint64 mailbox,
                                     const QList<AppendRequest> &messages) override;
    StoreResult<QByteArray> messageData(qint64 account, qint64 mailbox, quint32 uid) override;
    StoreResult<QList<MessageInfo>> messageInfos(qint64 account, qint64 mailbox, quint32 firstUid,
                                                 quint32 lastUid, int limit) override;
    StoreResult<QList<MessageRecord>> messageRecords(qint64 account, qint64 mailbox,
                                                     const QList<quint32> &uids,
                                                     MessageFields fields) override;
    StoreResult<StoreFlagsResult> storeFlags(qint64 account, qint64 mailbox,
                                             const QList<quint32> &uids, FlagUpdate mode,
                                             const FlagRequest &flags) override;
    StoreResult<CopyResult> copyMessages(qint64 account, qint64 from, const QList<quint32> &uids,
                                         qint64 to) override;
    StoreResult<QList<quint32>> expungeDeleted(qint64 account, qint64 mailbox,
                                               const QList<quint32> *onlyUids = nullptr) override;
    StoreStatus releaseExpunged(qint64 account, qint64 mailbox,
                                const QList<quint32> &uids) override;
    StoreStatus releaseAllExpunged() override;

    // beginBatch()/commitBatch()/rollbackBatch(): the defaults. Every call here is complete when
    // it returns, so there is nothing to group, and nothing a rollback could take back.

private:
    struct Message
    {
        quint32 uid = 0;
        FlagMask flags = 0;
        QDateTime internalDate;
        QByteArray body;
        QByteArray header;    // computed at APPEND, shared by copies like the body
        QByteArray structure; // serialized MessageStructure, likewise
    };
    struct Mailbox
    {
        MailboxInfo info;
        QList<QByteArray> keywords;
        std::vector<Message> messages; // ascending uid
        // Expunged but retained for sessions not told yet (MailStore::expungeDeleted()),
        // ascending uid; their UIDs are never in `messages`.
        std::vector<Message> expunged;
    };
    struct Account
    {
        QString name;
        std::map<qint64, Mailbox> mailboxes; // by id
        QSet<QString> subscriptions;
    };

    Account *findAccount(qint64 account);
    Mailbox *findMailbox(Account &account, const QString &name);
    StoreResult<Mailbox *> mailboxById(qint64 account, qint64 mailbox);
    StoreResult<Mailbox *> selectableMailbox(qint64 account, qint64 mailbox);
    static bool hasChildren(const Account &account, const QString &name);
    // The messages of `messages` (ascending uid) with the UIDs in `uids` (any order, duplicates
    // allowed; missing ones skipped), ascending.
    static std::vector<Message *> messagesWithUids(std::vector<Message> &messages,
                                                   const QList<quint32> &uids);
    // Moves `removed` (ascending uid) into the mailbox's retained expunged messages.
    static void retain(Mailbox &mailbox, std::vector<Message> removed);
    static MessageRecord record(const Message &message, MessageFields fields);
    static bool nameOrDescendantExists(const Account &account, const QString &name);

    StoreResult<quint32> issueUidValidity();
    StoreResult<Mailbox *> addMailbox(Account &account, const QString &name);
    StoreStatus addMissingAncestors(Account &account, const QString &name);
    StoreStatus moveInboxMessages(Account &account, Mailbox &inbox, const QString &to);

    std::map<qint64, Account> m_accounts; // by id; ids are never reused
    qint64 m_lastAccountId = 0;
    qint64 m_lastMailboxId = 0;
    quint32 m_lastUidValidity = 0;
};

} // namespace qimapd
