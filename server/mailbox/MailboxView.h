#pragma once

#include "MessageFlags.h"

#include <QByteArrayList>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace qimapd {

class MailboxIndex;
class SequenceSet;

// The messages a command names, as this client numbers them: ascending sequence numbers and
// the UID of each.
struct MessageTargets
{
    std::vector<quint32> sequences;
    std::vector<quint32> uids;
};

// One session's view of its selected mailbox: the shared index plus what this client has not
// been told yet (DESIGN.md "MailboxView"). The client knows every live message with a UID below
// m_knownUidLimit, plus the messages expunged elsewhere that it has not been told about, which
// keep their sequence numbers until an EXPUNGE response may be sent (RFC 3501 §7.4.1). The
// view costs memory in proportion to those pending changes, not to the mailbox size.
class MailboxView
{
public:
    MailboxView(std::shared_ptr<MailboxIndex> index, bool readOnly);
    ~MailboxView();
    MailboxView(const MailboxView &) = delete;
    MailboxView &operator=(const MailboxView &) = delete;

    MailboxIndex &index() const { return *m_index; }
    const std::shared_ptr<MailboxIndex> &sharedIndex() const { return m_index; }
    bool isReadOnly() const { return m_readOnly; }

    // Messages as the client counts them (the last EXISTS it was sent, adjusted by EXPUNGEs).
    quint32 exists() const { return m_knownExists; }
    quint32 recentCount() const;
    bool isRecent(quint32 uid) const;
    // Sequence number of the first message without \Seen, or 0 (SELECT's [UNSEEN n]).
    quint32 firstUnseenSequence() const;
    quint32 pendingExpungeCount() const { return quint32(m_pendingExpunged.size()); }
    const std::vector<quint32> &pendingExpunges() const { return m_pendingExpunged; }
    bool holdsExpunged(quint32 uid) const
    {
        return std::binary_search(m_pendingExpunged.begin(), m_pendingExpunged.end(), uid);
    }

    // Sequence number <-> UID in this client's numbering (1-based; 0 when out of range).
    quint32 uidAt(quint32 sequence) const;
    // The sequence number of a UID the client knows (live or pending expunge), or 0.
    quint32 sequenceOf(quint32 uid) const;
    // The flags of a live message, or nullopt (gone from the store).
    std::optional<FlagMask> flagsOf(quint32 uid) const;

    // The messages named by a sequence set (byUid: a UID set), in this client's numbering.
    // Sequence numbers beyond what the client knows are an error (RFC 3501 §9: a number
    // larger than the number of messages gets BAD); UIDs that do not exist are ignored
    // (§6.4.8), and "*" is the last message the client knows.
    std::optional<MessageTargets> resolve(const SequenceSet &set, bool byUid, QByteArray *error) const;

    // Messages from `fromUid` (inclusive) to `toUid` (exclusive) are \Recent in this session.
    void addRecent(quint32 fromUid, quint32 toUid);

    // Marks the current state of the index as told (after SELECT's own responses).
    void markAllKnown();
    // The untagged responses this client may be sent now, in order: EXPUNGEs (only when
    // `allowExpunge`), EXISTS and RECENT for new messages, then FETCH (UID FLAGS) for flags
    // changed by others.
    QByteArrayList takeUpdates(bool allowExpunge);
    bool hasUpdates() const;

    // Called by the index after it changed.
    void messagesAppended();
    void messagesExpunged(const QList<quint32> &uids);
    void flagsChanged(const QList<quint32> &uids);

    // Called when this view has something new to tell (IDLE pushes it at once).
    void setChangeHandler(std::function<void()> handler) { m_changed = std::move(handler); }

private:
    bool isKnownLive(quint32 uid) const;

    std::shared_ptr<MailboxIndex> m_index;
    bool m_readOnly;
    quint32 m_knownUidLimit = 1;
    quint32 m_knownExists = 0;
    std::vector<quint32> m_pendingExpunged;                 // ascending UIDs
    std::vector<std::pair<quint32, quint32>> m_recentRanges; // [from, to)
    quint32 m_reportedRecent = 0;
    std::vector<quint32> m_flagChanges;                     // UIDs, unsorted, may repeat
    std::function<void()> m_changed;
};

} // namespace qimapd
