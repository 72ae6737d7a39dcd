#include "LiveMailboxes.h"
#include "CommitGroup.h"
#include "MailboxIndex.h"
#include "MailboxView.h"

namespace qimapd {

StoreResult<std::shared_ptr<MailboxIndex>> LiveMailboxes::open(qint64 account, const MailboxInfo &mailbox)
{
    if (auto existing = find(mailbox.id);
        existing && existing->account() == account && existing->uidValidity() == mailbox.uidValidity)
        return existing;
    StoreResult<MailboxSnapshot> snapshot = m_store.snapshot(account, mailbox.id);
    if (!snapshot)
        return snapshot.status();
    auto index = std::make_shared<MailboxIndex>(account, std::move(*snapshot));
    MailStore *store = &m_store;
    const qint64 id = mailbox.id;
    index->setReleaser([store, account, id](const QList<quint32> &uids) {
        // NotFound: the mailbox was deleted, and its retained messages with it.
        store->releaseExpunged(account, id, uids);
    });
    m_indexes.insert(mailbox.id, index);
    return index;
}

std::shared_ptr<MailboxIndex> LiveMailboxes::find(qint64 mailbox) const
{
    const auto it = m_indexes.constFind(mailbox);
    return it == m_indexes.cend() ? nullptr : it->lock();
}

StoreStatus LiveMailboxes::joinCommit()
{
    return m_commits.begin();
}

void LiveMailboxes::deliver(qint64 account, qint64 mailbox, const AppendResult &result, MailboxView *origin)
{
    const std::shared_ptr<MailboxIndex> index = find(mailbox);
    if (!index || result.uids.isEmpty())
        return;
    MailboxView *recipient = nullptr;
    for (MailboxView *view : index->views()) {
        if (view->isReadOnly())
            continue;
        if (view == origin || !recipient)
            recipient = view;
    }
    if (recipient && m_store.claimRecent(account, mailbox))
        recipient->addRecent(result.uids.first(), result.uids.last() + 1);
    index->applyAppend(result);
}

StoreResult<AppendResult> LiveMailboxes::append(qint64 account, qint64 mailbox,
                                                const QList<AppendRequest> &messages, MailboxView *appender)
{
    if (StoreStatus joined = joinCommit(); !joined)
        return joined;
    StoreResult<AppendResult> result = m_store.append(account, mailbox, messages);
    if (result)
        deliver(account, mailbox, *result, appender);
    return result;
}

StoreResult<QList<quint32>> LiveMailboxes::expunge(qint64 account, qint64 mailbox, const QList<quint32> *onlyUids)
{
    if (StoreStatus joined = joinCommit(); !joined)
        return joined;
    StoreResult<QList<quint32>> result = m_store.expungeDeleted(account, mailbox, onlyUids);
    if (result)
        applyExternalExpunge(account, mailbox, *result);
    return result;
}

StoreResult<StoreFlagsResult> LiveMailboxes::storeFlags(qint64 account, qint64 mailbox, const QList<quint32> &uids,
                                                        FlagUpdate mode, const FlagRequest &flags, MailboxView *origin)
{
    if (StoreStatus joined = joinCommit(); !joined)
        return joined;
    StoreResult<StoreFlagsResult> result = m_store.storeFlags(account, mailbox, uids, mode, flags);
    if (result) {
        if (const std::shared_ptr<MailboxIndex> index = find(mailbox))
            index->applyFlags(*result, origin);
    }
    return result;
}

StoreResult<CopyResult> LiveMailboxes::copy(qint64 account, qint64 from, const QList<quint32> &uids, qint64 to,
                                            MailboxView *origin)
{
    if (StoreStatus joined = joinCommit(); !joined)
        return joined;
    StoreResult<CopyResult> result = m_store.copyMessages(account, from, uids, to);
    if (result) {
        const AppendResult arrived{result->uidValidity, result->destinationUids, result->keywords, result->flags};
        deliver(account, to, arrived, origin);
    }
    return result;
}

void LiveMailboxes::applyExternalExpunge(qint64 account, qint64 mailbox, const QList<quint32> &uids)
{
    // With no session on the mailbox nobody can still list them: the store may forget them now.
    if (const std::shared_ptr<MailboxIndex> index = find(mailbox))
        index->applyExpunge(uids);
    else if (!uids.isEmpty())
        m_store.releaseExpunged(account, mailbox, uids);
}

bool LiveMailboxes::syncExternalChanges()
{
    const qint64 version = m_store.externalChangeVersion();
    if (version == m_externalVersion)
        return false;
    const bool first = m_externalVersion == -2;
    m_externalVersion = version;
    if (first)
        return false;
    bool changed = false;
    for (auto it = m_indexes.begin(); it != m_indexes.end();) {
        const std::shared_ptr<MailboxIndex> index = it->lock();
        if (!index) {
            it = m_indexes.erase(it);
            continue;
        }
        ++it;
        const StoreResult<MailboxSnapshot> snapshot = m_store.snapshot(index->account(), index->mailboxId());
        if (!snapshot)
            continue; // deleted elsewhere: sessions find out on their next store access
        const MailboxIndex::ExternalChanges changes = index->diff(*snapshot);
        if (changes.isEmpty())
            continue;
        changed = true;
        index->applyExpunge(changes.expunged);
        if (!changes.flagsChanged.changed.isEmpty())
            index->applyFlags(changes.flagsChanged, nullptr);
        deliver(index->account(), index->mailboxId(), changes.arrived, nullptr);
    }
    return changed;
}

void LiveMailboxes::refreshNames(qint64 account)
{
    QList<std::shared_ptr<MailboxIndex>> affected;
    for (auto it = m_indexes.begin(); it != m_indexes.end();) {
        std::shared_ptr<MailboxIndex> index = it->lock();
        if (!index) {
            it = m_indexes.erase(it);
            continue;
        }
        if (index->account() == account)
            affected.append(std::move(index));
        ++it;
    }
    if (affected.isEmpty())
        return;
    const StoreResult<QList<MailboxInfo>> all = m_store.mailboxes(account);
    if (!all)
        return;
    for (const MailboxInfo &info : *all) {
        for (const auto &index : std::as_const(affected)) {
            if (info.id == index->mailboxId())
                index->applyRename(info.name);
        }
    }
}

} // namespace qimapd
