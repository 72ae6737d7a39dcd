#pragma once

#include "Command.h"
#include "fetch/FetchRequest.h"

#include <QElapsedTimer>

#include <vector>

namespace qimapd {

class MailboxView;

// FETCH and UID FETCH (RFC 3501 §6.4.5, §6.4.8). Messages are read from the store in chunks
// (one query per chunk, only the fields the items need) and the command yields to the event
// loop between slices, and waits whenever the client's output backs up: a huge FETCH neither
// freezes other clients nor buffers without bound.
class FetchCommand : public Command
{
public:
    explicit FetchCommand(bool byUid = false) : m_byUid(byUid) {}

protected:
    void execute() override;
    Slice work() override;
    void finished() override;

private:
    bool loadChunk();
    void sendLoaded();
    QByteArray formatMessage(quint32 sequence, quint32 uid, const MessageRecord *record, bool flagsChanged) const;
    QByteArray sectionData(const FetchItem &item, const MessageRecord &record) const;

    bool m_byUid;
    FetchRequest m_request;
    MailboxView *m_view = nullptr;
    std::vector<quint32> m_sequences; // targets, ascending
    std::vector<quint32> m_uids;
    size_t m_next = 0;     // the next target to answer
    size_t m_chunkEnd = 0; // targets [m_next, m_chunkEnd) are loaded
    QList<MessageRecord> m_records; // the loaded chunk's store data, ascending UIDs
    qsizetype m_recordIndex = 0;
    QList<quint32> m_seenNow;       // loaded UIDs whose \Seen this FETCH set, ascending
    bool m_skippedExpunged = false; // a target was expunged by another session meanwhile
    // The last formatted flag list (formatMessage's cache).
    mutable FlagMask m_namesMask = ~FlagMask(0);
    mutable qsizetype m_namesKeywordCount = -1;
    mutable QByteArray m_names;
};

class UidFetchCommand : public FetchCommand
{
public:
    UidFetchCommand() : FetchCommand(true) {}
};

} // namespace qimapd
