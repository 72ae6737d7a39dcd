#pragma once

#include "MailStore.h"

#include <QSqlQuery>
#include <QVariant>

#include <unordered_map>

namespace qimapd {

class Database;

// The default MailStore: SQLite through Qt Sql (schema: resources/schema/001-initial.sql).
//
// It does not own the Database: the server shares one Database between the store and the
// authenticator. The Database must be open when the store is constructed and must outlive it
// (the store keeps prepared statements on its connection; destroy the store before
// Database::close()).
//
// Every statement is prepared once and cached; every read is forward-only; every statement is
// scoped by account: a mailbox id is only ever used after it was found in the caller's account
// within the same transaction, so one user cannot reach another's mailbox (NotFound). SQL errors
// become StoreError::Unavailable with the driver's text; each mutation is one transaction, so a
// failure leaves the committed state as it was.
class SqliteStore final : public MailStore
{
public:
    explicit SqliteStore(Database &database);
    ~SqliteStore() override;
    Q_DISABLE_COPY_MOVE(SqliteStore)

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

    // Group commit on Database's nestable transactions: the batch is the outermost transaction
    // (BEGIN IMMEDIATE), each mutation inside it a savepoint that a failure rolls back alone.
    // The batch's changes are durable (and visible to other connections) after commitBatch().
    StoreStatus beginBatch() override;
    StoreStatus commitBatch() override;
    void rollbackBatch() override;
    qint64 externalChangeVersion() override;
    QString changeSignalFile() const override;

private:
    // Statement helpers (SqliteStore.cpp). select() leaves the rows to the caller, who calls
    // finish(); change() and insert() finish the statement themselves.
    StoreResult<QSqlQuery *> prepared(const QString &sql);
    StoreResult<QSqlQuery *> execute(const QString &sql, const QVariantList &values);
    template<typename... Values>
    StoreResult<QSqlQuery *> select(const QString &sql, const Values &...values);
    template<typename... Values>
    StoreResult<qint64> change(const QString &sql, const Values &...values);
    template<typename... Values>
    StoreResult<qint64> insert(const QString &sql, const Values &...values);

    // Lookups, always within the caller's account.
    StoreResult<qint64> findAccount(const QString &user);
    StoreStatus requireAccount(qint64 account);
    StoreResult<MailboxInfo> findMailbox(qint64 account, const QString &name);
    StoreResult<MailboxInfo> mailboxById(qint64 account, qint64 mailbox);
    StoreResult<MailboxInfo> selectableMailbox(qint64 account, qint64 mailbox);
    StoreResult<bool> hasChildren(qint64 account, const QString &name);
    StoreResult<bool> nameOrDescendantExists(qint64 account, const QString &name);
    StoreResult<QList<QByteArray>> keywordTable(qint64 mailbox);

    // Mutations, inside the caller's transaction.
    StoreResult<quint32> issueUidValidity();
    StoreResult<qint64> insertMailbox(qint64 account, const QString &name);
    StoreStatus insertMissingAncestors(qint64 account, const QString &name);
    StoreStatus reviveMailbox(const MailboxInfo &mailbox);
    StoreStatus moveInboxMessages(qint64 account, qint64 inbox, const QString &to);
    StoreStatus renameSubtree(qint64 account, const QString &from, const QString &to);
    StoreStatus insertKeywords(qint64 mailbox, const QList<QByteArray> &keywords, qsizetype from);
    StoreResult<quint32> insertMessage(qint64 mailbox, quint32 uid, FlagMask flags,
                                       const AppendRequest &request, const QByteArray &header,
                                       const QByteArray &structure);

    // FETCH's and SEARCH's reads (messageRecords, messageInfos): one statement that checks the
    // mailbox's account and reads the messages matching `condition` (on x.uid, with its values)
    // with the columns `fields` need, ascending, at most `limit` (no limit when negative), and
    // with Retained::Included also the retained expunged ones (the limit is then not supported).
    enum class Retained { Excluded, Included };
    StoreResult<QList<MessageRecord>> readRecords(qint64 account, qint64 mailbox,
                                                  const QString &condition,
                                                  const QVariantList &conditionValues,
                                                  MessageFields fields, qint64 limit = -1,
                                                  Retained retained = Retained::Excluded);

    // SELECT's hot path: uids and flags of every message.
    StoreStatus readUidsAndFlags(qint64 mailbox, MailboxSnapshot &snapshot);

    Database &m_database;
    // By SQL text. Node-based: a statement being iterated stays valid while others are added.
    std::unordered_map<QString, QSqlQuery> m_statements;
    int m_batchDepth = 0;
};

} // namespace qimapd
