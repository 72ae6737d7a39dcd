#include "MemoryStore.h"

#include "StoreRules.h"

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace qimapd {

using namespace StoreRules;

MemoryStore::MemoryStore() = default;
MemoryStore::~MemoryStore() = default;

QString MemoryStore::kind() const
{
    return u"memory"_s;
}

// ---- lookups ----------------------------------------------------------------------------------

MemoryStore::Account *MemoryStore::findAccount(qint64 account)
{
    const auto it = m_accounts.find(account);
    return it == m_accounts.end() ? nullptr : &it->second;
}

MemoryStore::Mailbox *MemoryStore::findMailbox(Account &account, const QString &name)
{
    for (auto &[id, mailbox] : account.mailboxes) {
        if (mailbox.info.name == name)
            return &mailbox;
    }
    return nullptr;
}

// Mailbox ids are unique across accounts, so an id is looked up inside the caller's account
// only: another user's mailbox id gives NotFound.
StoreResult<MemoryStore::Mailbox *> MemoryStore::mailboxById(qint64 account, qint64 mailbox)
{
    Account *owner = findAccount(account);
    if (!owner)
        return accountNotFound();
    const auto it = owner->mailboxes.find(mailbox);
    if (it == owner->mailboxes.end())
        return mailboxIdNotFound(mailbox);
    return &it->second;
}

StoreResult<MemoryStore::Mailbox *> MemoryStore::selectableMailbox(qint64 account, qint64 mailbox)
{
    auto found = mailboxById(account, mailbox);
    if (found && (*found)->info.noSelect)
        return notSelectable((*found)->info.name);
    return found;
}

bool MemoryStore::hasChildren(const Account &account, const QString &name)
{
    return std::any_of(account.mailboxes.begin(), account.mailboxes.end(), [&](const auto &entry) {
        return isDescendant(entry.second.info.name, name);
    });
}

bool MemoryStore::nameOrDescendantExists(const Account &account, const QString &name)
{
    return std::any_of(account.mailboxes.begin(), account.mailboxes.end(), [&](const auto &entry) {
        return entry.second.info.name == name || isDescendant(entry.second.info.name, name);
    });
}

// ---- creation helpers -------------------------------------------------------------------------

StoreResult<quint32> MemoryStore::issueUidValidity()
{
    const auto next = nextUidValidity(m_lastUidValidity);
    if (!next)
        return StoreStatus{StoreError::Limit, u"UIDVALIDITY values are used up"_s};
    m_lastUidValidity = *next;
    return *next;
}

StoreResult<MemoryStore::Mailbox *> MemoryStore::addMailbox(Account &account, const QString &name)
{
    const auto uidValidity = issueUidValidity();
    if (!uidValidity)
        return uidValidity.status();
    const qint64 id = ++m_lastMailboxId;
    Mailbox &mailbox = account.mailboxes[id];
    mailbox.info.id = id;
    mailbox.info.name = name;
    mailbox.info.uidValidity = *uidValidity;
    return &mailbox;
}

// RFC 3501 §6.3.3 / §6.3.5: the superior names a CREATE or RENAME needs are created as ordinary
// mailboxes.
StoreStatus MemoryStore::addMissingAncestors(Account &account, const QString &name)
{
    const auto names = ancestors(name);
    for (const QString &ancestor : names) {
        if (findMailbox(account, ancestor))
            continue;
        if (const auto added = addMailbox(account, ancestor); !added)
            return added.status();
    }
    return StoreStatus::ok();
}

// ---- accounts ---------------------------------------------------------------------------------

StoreResult<qint64> MemoryStore::openAccount(const QString &user)
{
    for (const auto &[id, account] : m_accounts) {
        if (account.name == user)
            return id;
    }
    const qint64 id = ++m_lastAccountId;
    Account &account = m_accounts[id];
    account.name = user;
    if (const auto inbox = addMailbox(account, u"INBOX"_s); !inbox) {
        m_accounts.erase(id);
        return inbox.status();
    }
    return id;
}

StoreStatus MemoryStore::deleteAccount(const QString &user)
{
    const auto it = std::find_if(m_accounts.begin(), m_accounts.end(),
                                 [&](const auto &entry) { return entry.second.name == user; });
    if (it == m_accounts.end())
        return accountNotFound();
    m_accounts.erase(it);
    return StoreStatus::ok();
}

// ---- the mailbox tree -------------------------------------------------------------------------

StoreResult<QList<MailboxInfo>> MemoryStore::mailboxes(qint64 account)
{
    Account *owner = findAccount(account);
    if (!owner)
        return accountNotFound();
    QList<MailboxInfo> result;
    for (const auto &[id, mailbox] : owner->mailboxes)
        result += mailbox.info;
    std::sort(result.begin(), result.end(),
              [](const MailboxInfo &a, const MailboxInfo &b) { return a.name < b.name; });
    return result;
}

StoreResult<MailboxInfo> MemoryStore::mailbox(qint64 account, const QString &name)
{
    Account *owner = findAccount(account);
    if (!owner)
        return accountNotFound();
    const QString canonical = canonicalName(name);
    const Mailbox *found = findMailbox(*owner, canonical);
    if (!found)
        return mailboxNotFound(canonical);
    return found->info;
}

StoreStatus MemoryStore::createMailbox(qint64 account, const QString &name)
{
    Account *owner = findAccount(account);
    if (!owner)
        return accountNotFound();
    const QString canonical = canonicalName(name);
    if (Mailbox *existing = findMailbox(*owner, canonical)) {
        if (!existing->info.noSelect)
            return {StoreError::AlreadyExists, canonical % u" already exists"_s};
        // A \Noselect name becomes a new, selectable incarnation (RFC 3501 §6.3.3: a new
        // UIDVALIDITY, so its UIDs may start again at 1).
        const auto uidValidity = issueUidValidity();
        if (!uidValidity)
            return uidValidity.status();
        existing->info = MailboxInfo{existing->info.id, canonical, false, *uidValidity, 1, 1};
        existing->keywords.clear();
        return StoreStatus::ok();
    }
    if (StoreStatus status = addMissingAncestors(*owner, canonical); !status)
        return status;
    const auto added = addMailbox(*owner, canonical);
    return added ? StoreStatus::ok() : added.status();
}

// RFC 3501 §6.3.4.
StoreStatus MemoryStore::deleteMailbox(qint64 account, const QString &name)
{
    Account *owner = findAccount(account);
    if (!owner)
        return accountNotFound();
    const QString canonical = canonicalName(name);
    if (isInbox(canonical))
        return {StoreError::Forbidden, u"INBOX cannot be deleted"_s};
    Mailbox *mailbox = findMailbox(*owner, canonical);
    if (!mailbox)
        return mailboxNotFound(canonical);
    if (!hasChildren(*owner, canonical)) {
        owner->mailboxes.erase(mailbox->info.id);
        return StoreStatus::ok();
    }
    if (mailbox->info.noSelect)
        return {StoreError::Invalid, canonical % u" is \\Noselect and has inferior names"_s};
    // Keeps uidnext: the name stays, and its UIDs must not come back (§6.3.4).
    mailbox->info.noSelect = true;
    mailbox->messages.clear();
    mailbox->expunged.clear(); // a later CREATE numbers UIDs from 1 again
    return StoreStatus::ok();
}

// RFC 3501 §6.3.5.
StoreStatus MemoryStore::renameMailbox(qint64 account, const QString &from, const QString &to)
{
    Account *owner = findAccount(account);
    if (!owner)
        return accountNotFound();
    const QString source = canonicalName(from);
    const QString target = canonicalName(to);
    Mailbox *mailbox = findMailbox(*owner, source);
    if (!mailbox)
        return mailboxNotFound(source);
    if (nameOrDescendantExists(*owner, target))
        return {StoreError::AlreadyExists, target % u" already exists"_s};
    if (!isInbox(source) && isDescendant(target, source))
        return {StoreError::Invalid, u"cannot rename "_s % source % u" into itself"_s};
    if (StoreStatus status = addMissingAncestors(*owner, target); !status)
        return status;
    if (isInbox(source))
        return moveInboxMessages(*owner, *mailbox, target);
    for (auto &[id, entry] : owner->mailboxes) {
        if (entry.info.name == source || isDescendant(entry.info.name, source))
            entry.info.name = rebased(entry.info.name, source, target);
    }
    return StoreStatus::ok();
}

// Renaming INBOX moves its messages to a new mailbox and leaves INBOX, empty, in place with its
// UIDVALIDITY and UIDNEXT; its children stay where they are (RFC 3501 §6.3.5). The new mailbox
// numbers the messages 1..n in their order; they are recent there. INBOX keeps its keyword
// table: bits stay assigned for the life of a mailbox, so live views never see a bit change name.
StoreStatus MemoryStore::moveInboxMessages(Account &account, Mailbox &inbox, const QString &to)
{
    const auto added = addMailbox(account, to);
    if (!added)
        return added.status();
    Mailbox &target = **added;
    target.keywords = inbox.keywords;
    target.messages = inbox.messages; // the bytes are shared
    // Sessions that have INBOX selected see its messages expunged (the server announces them
    // so): they stay readable there as retained expunged messages, like EXPUNGE's.
    retain(inbox, std::move(inbox.messages));
    inbox.messages.clear();
    for (Message &message : target.messages)
        message.uid = target.info.uidNext++;
    return StoreStatus::ok();
}

// ---- subscriptions (RFC 3501 §6.3.6, §6.3.7) --------------------------------------------------

StoreResult<QStringList> MemoryStore::subscriptions(qint64 account)
{
    Account *owner = findAccount(account);
    if (!owner)
        return accountNotFound();
    QStringList names(owner->subscriptions.cbegin(), owner->subscriptions.cend());
    names.sort();
    return names;
}

StoreStatus MemoryStore::setSubscribed(qint64 account, const QString &name, bool subscribed)
{
    Account *owner = findAccount(account);
    if (!owner)
        return accountNotFound();
    if (subscribed)
        owner->subscriptions.insert(canonicalName(name));
    else
        owner->subscriptions.remove(canonicalName(name));
    return StoreStatus::ok();
}

// ---- one mailbox's messages -------------------------------------------------------------------

StoreResult<MailboxStatus> MemoryStore::status(qint64 account, qint64 mailbox)
{
    const auto found = selectableMailbox(account, mailbox);
    if (!found)
        return found.status();
    const Mailbox &box = **found;
    MailboxStatus result;
    result.messages = quint32(box.messages.size());
    for (const Message &message : box.messages) {
        result.recent += message.uid >= box.info.firstRecentUid ? 1 : 0;
        result.unseen += (message.flags & Flag::Seen) ? 0 : 1;
    }
    result.uidNext = box.info.uidNext;
    result.uidValidity = box.info.uidValidity;
    return result;
}

StoreResult<MailboxSnapshot> MemoryStore::snapshot(qint64 account, qint64 mailbox)
{
    const auto found = selectableMailbox(account, mailbox);
    if (!found)
        return found.status();
    const Mailbox &box = **found;
    MailboxSnapshot result;
    result.info = box.info;
    result.keywords = box.keywords;
    result.uids.reserve(box.messages.size());
    result.flags.reserve(box.messages.size());
    for (const Message &message : box.messages) {
        result.uids.push_back(message.uid);
        result.flags.push_back(message.flags);
    }
    return result;
}

StoreResult<quint32> MemoryStore::claimRecent(qint64 account, qint64 mailbox)
{
    const auto found = selectableMailbox(account, mailbox);
    if (!found)
        return found.status();
    MailboxInfo &info = (*found)->info;
    return std::exchange(info.firstRecentUid, info.uidNext);
}

StoreResult<AppendResult> MemoryStore::append(qint64 account, qint64 mailbox,
                                              const QList<AppendRequest> &messages)
{
    const auto found = selectableMailbox(account, mailbox);
    if (!found)
        return found.status();
    Mailbox &box = **found;
    if (quint64(box.info.uidNext) + quint64(messages.size()) > std::numeric_limits<quint32>::max())
        return StoreStatus{StoreError::Limit, u"this mailbox has used up its UIDs"_s};
    auto assigned = assignKeywords(box.keywords, messages);
    if (!assigned)
        return assigned.status();

    // Nothing can fail from here on: all or none.
    box.keywords = assigned->keywords;
    AppendResult result{box.info.uidValidity, {}, box.keywords, assigned->flags};
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const AppendRequest &request = messages.at(i);
        const quint32 uid = box.info.uidNext++;
        ParsedMessage parsed = parseMessage(request.message);
        box.messages.push_back(Message{uid, assigned->flags.at(i),
                                       normalizedInternalDate(request.internalDate),
                                       request.message, std::move(parsed.header),
                                       std::move(parsed.structure)});
        result.uids += uid;
    }
    return result;
}

StoreResult<QByteArray> MemoryStore::messageData(qint64 account, qint64 mailbox, quint32 uid)
{
    const auto found = mailboxById(account, mailbox);
    if (!found)
        return found.status();
    const auto &messages = (*found)->messages;
    const auto it = std::lower_bound(messages.begin(), messages.end(), uid,
                                     [](const Message &m, quint32 u) { return m.uid < u; });
    if (it == messages.end() || it->uid != uid)
        return StoreStatus{StoreError::NotFound, u"no message with UID "_s % QString::number(uid)};
    return it->body;
}

std::vector<MemoryStore::Message *>
MemoryStore::messagesWithUids(std::vector<Message> &messages, const QList<quint32> &uids)
{
    QList<quint32> wanted = uids; // shared, unless it has to be sorted
    if (std::adjacent_find(wanted.cbegin(), wanted.cend(), std::greater_equal<quint32>())
        != wanted.cend()) {
        std::sort(wanted.begin(), wanted.end());
        wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
    }
    std::vector<Message *> result;
    result.reserve(std::min<std::size_t>(wanted.size(), messages.size()));
    auto it = messages.begin();
    for (const quint32 uid : std::as_const(wanted)) {
        it = std::lower_bound(it, messages.end(), uid,
                              [](const Message &m, quint32 u) { return m.uid < u; });
        if (it == messages.end())
            break;
        if (it->uid == uid)
            result.push_back(&*it);
    }
    return result;
}

MessageRecord MemoryStore::record(const Message &message, MessageFields fields)
{
    MessageRecord result;
    result.info.uid = message.uid;
    if (fields.testFlag(MessageField::Info)) {
        result.info.flags = message.flags;
        result.info.internalDate = message.internalDate;
        result.info.size = message.body.size();
    }
    if (fields.testFlag(MessageField::Header))
        result.header = message.header;
    if (fields.testFlag(MessageField::Structure))
        result.structure = message.structure;
    if (fields.testFlag(MessageField::Data))
        result.data = message.body;
    return result;
}

StoreResult<QList<MessageInfo>> MemoryStore::messageInfos(qint64 account, qint64 mailbox,
                                                          quint32 firstUid, quint32 lastUid,
                                                          int limit)
{
    const auto found = mailboxById(account, mailbox);
    if (!found)
        return found.status();
    const auto &messages = (*found)->messages;
    auto it = std::lower_bound(messages.begin(), messages.end(), firstUid,
                               [](const Message &m, quint32 u) { return m.uid < u; });
    QList<MessageInfo> result;
    for (; it != messages.end() && it->uid <= lastUid && result.size() < limit; ++it)
        result += record(*it, MessageField::Info).info;
    return result;
}

StoreResult<QList<MessageRecord>> MemoryStore::messageRecords(qint64 account, qint64 mailbox,
                                                              const QList<quint32> &uids,
                                                              MessageFields fields)
{
    const auto found = mailboxById(account, mailbox);
    if (!found)
        return found.status();
    // The mailbox's messages and its retained expunged ones (RFC 3501 §7.4.1), merged by UID.
    const std::vector<Message *> live = messagesWithUids((*found)->messages, uids);
    const std::vector<Message *> retained = (*found)->expunged.empty()
        ? std::vector<Message *>()
        : messagesWithUids((*found)->expunged, uids);
    QList<MessageRecord> result;
    result.reserve(qsizetype(live.size() + retained.size()));
    auto next = live.begin();
    auto gone = retained.begin();
    while (next != live.end() || gone != retained.end()) {
        if (gone == retained.end() || (next != live.end() && (*next)->uid < (*gone)->uid)) {
            result += record(**next++, fields);
        } else {
            result += record(**gone++, fields);
            result.last().expunged = true;
        }
    }
    return result;
}

// RFC 3501 §6.4.6, with StoreRules deciding the bits exactly as for the SQLite store.
StoreResult<StoreFlagsResult> MemoryStore::storeFlags(qint64 account, qint64 mailbox,
                                                      const QList<quint32> &uids, FlagUpdate mode,
                                                      const FlagRequest &flags)
{
    const auto found = selectableMailbox(account, mailbox);
    if (!found)
        return found.status();
    Mailbox &box = **found;
    const auto plan = planFlagStore(box.keywords, mode, flags);
    if (!plan)
        return plan.status();
    StoreFlagsResult result;
    for (Message *message : messagesWithUids(box.messages, uids)) {
        const FlagMask updated = plan->edit.apply(message->flags);
        if (updated == message->flags)
            continue;
        message->flags = updated;
        result.changed += FlagChange{message->uid, updated};
    }
    // New keywords join the table only when some message got them.
    if (!result.changed.isEmpty())
        box.keywords = plan->keywords;
    result.keywords = box.keywords;
    return result;
}

// RFC 3501 §6.4.7, RFC 4315 §3. The copies share the source's (implicitly shared) bytes.
StoreResult<CopyResult> MemoryStore::copyMessages(qint64 account, qint64 from,
                                                  const QList<quint32> &uids, qint64 to)
{
    const auto source = selectableMailbox(account, from);
    if (!source)
        return source.status();
    const auto destination = selectableMailbox(account, to);
    if (!destination)
        return destination.status();
    Mailbox &target = **destination;

    CopyResult result{target.info.uidValidity, {}, {}, target.keywords, {}};
    const std::vector<Message *> originals = messagesWithUids((*source)->messages, uids);
    if (originals.empty())
        return result;
    const qsizetype count = qsizetype(originals.size());
    if (quint64(target.info.uidNext) + quint64(count) > std::numeric_limits<quint32>::max())
        return StoreStatus{StoreError::Limit, u"the destination has used up its UIDs"_s};
    FlagMask used = 0;
    for (const Message *message : originals)
        used |= message->flags;
    const auto translation = translateKeywords((*source)->keywords, used, target.keywords);
    if (!translation)
        return translation.status();

    // Built apart first: with from == to, appending would move the originals.
    std::vector<Message> copies;
    copies.reserve(originals.size());
    for (const Message *message : originals) {
        Message copy = *message;
        copy.uid = target.info.uidNext + quint32(copies.size());
        copy.flags = translation->apply(message->flags);
        result.sourceUids += message->uid;
        result.destinationUids += copy.uid;
        result.flags += copy.flags;
        copies.push_back(std::move(copy));
    }
    target.keywords = translation->keywords;
    target.info.uidNext += quint32(count);
    target.messages.insert(target.messages.end(), std::make_move_iterator(copies.begin()),
                           std::make_move_iterator(copies.end()));
    result.keywords = target.keywords;
    return result;
}

void MemoryStore::retain(Mailbox &mailbox, std::vector<Message> removed)
{
    auto &retained = mailbox.expunged;
    const auto middle = retained.insert(retained.end(), std::make_move_iterator(removed.begin()),
                                        std::make_move_iterator(removed.end()));
    std::inplace_merge(retained.begin(), middle, retained.end(),
                       [](const Message &a, const Message &b) { return a.uid < b.uid; });
}

// RFC 3501 §6.4.3 (EXPUNGE), RFC 4315 §2.1 (UID EXPUNGE: only the given UIDs). The messages
// move to the retained ones (see MailStore::expungeDeleted()).
StoreResult<QList<quint32>> MemoryStore::expungeDeleted(qint64 account, qint64 mailbox,
                                                        const QList<quint32> *onlyUids)
{
    const auto found = selectableMailbox(account, mailbox);
    if (!found)
        return found.status();
    QSet<quint32> only;
    if (onlyUids)
        only = QSet<quint32>(onlyUids->cbegin(), onlyUids->cend());
    auto expunged = [&](const Message &message) {
        return (message.flags & Flag::Deleted) && (!onlyUids || only.contains(message.uid));
    };

    // In place, in one pass: the kept messages close up, the expunged ones go to `removed`.
    QList<quint32> removedUids;
    std::vector<Message> removed;
    auto &messages = (*found)->messages;
    auto kept = std::find_if(messages.begin(), messages.end(), expunged);
    for (auto it = kept; it != messages.end(); ++it) {
        if (expunged(*it)) {
            removedUids += it->uid;
            removed.push_back(std::move(*it));
        } else {
            *kept++ = std::move(*it);
        }
    }
    messages.erase(kept, messages.end());
    retain(**found, std::move(removed));
    return removedUids;
}

StoreStatus MemoryStore::releaseExpunged(qint64 account, qint64 mailbox,
                                         const QList<quint32> &uids)
{
    const auto found = mailboxById(account, mailbox);
    if (!found)
        return found.status();
    const QSet<quint32> released(uids.cbegin(), uids.cend());
    auto &retained = (*found)->expunged;
    retained.erase(std::remove_if(retained.begin(), retained.end(),
                                  [&](const Message &m) { return released.contains(m.uid); }),
                   retained.end());
    return StoreStatus::ok();
}

StoreStatus MemoryStore::releaseAllExpunged()
{
    for (auto &[accountId, account] : m_accounts) {
        for (auto &[mailboxId, mailbox] : account.mailboxes)
            mailbox.expunged.clear();
    }
    return StoreStatus::ok();
}

} // namespace qimapd
