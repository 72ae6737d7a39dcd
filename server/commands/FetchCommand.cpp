#include "FetchCommand.h"
#include "ImapServer.h"
#include "ImapWire.h"
#include "MailStore.h"
#include "SequenceSet.h"
#include "Session.h"
#include "mailbox/LiveMailboxes.h"
#include "mailbox/MailboxIndex.h"
#include "mailbox/MailboxView.h"
#include "mime/MessagePart.h"
#include "protocol/DateTime.h"

#include <QTimer>

namespace qimapd {

namespace {
// Messages per store query, and the time one slice may hold the event loop.
constexpr size_t MetadataChunk = 500;
constexpr size_t BodyChunk = 32;
constexpr qint64 BodyChunkBytes = 4 * 1024 * 1024;
} // namespace

void FetchCommand::execute()
{
    // fetch = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att / "(" ... ")")
    if (!expectArgCount(2))
        return;
    QByteArray error;
    std::optional<FetchRequest> request = FetchRequest::parse(args().at(1), &error);
    if (!request) {
        bad(error);
        return;
    }
    m_request = std::move(*request);
    // RFC 3501 §6.4.8: UID FETCH responses always carry the UID.
    if (m_byUid)
        m_request.addUid();
    // A read-only mailbox never changes, not even \Seen (RFC 3501 §6.3.2; seed bug 18).
    m_view = session().selectedMailbox();
    if (m_view->isReadOnly())
        m_request.setsSeen = false;

    std::optional<MessageTargets> targets = takeMessages(0, m_byUid);
    if (!targets)
        return;
    m_sequences = std::move(targets->sequences);
    m_uids = std::move(targets->uids);
    runInSlices();
}

Command::Slice FetchCommand::work()
{
    if (m_next == m_uids.size())
        return Slice::Done;
    if (m_next == m_chunkEnd && !loadChunk())
        return Slice::Answered; // NO
    sendLoaded();
    return m_next == m_uids.size() ? Slice::Done : Slice::More;
}

void FetchCommand::finished()
{
    m_records.clear();
    // RFC 2180 §4.1.2, RFC 5530 EXPUNGEISSUED: only when even the retained copy of a message
    // another session expunged is gone (released, another process): nothing true is left to
    // say about it, and the client learns why. UID FETCH is followed by the EXPUNGEs.
    if (m_skippedExpunged && !m_byUid) {
        no("Some of the requested messages no longer exist", "EXPUNGEISSUED");
        return;
    }
    // The session holds the tagged reply until an implicit \Seen is committed.
    ok(m_byUid ? "UID FETCH completed" : "FETCH completed");
}

bool FetchCommand::loadChunk()
{
    const bool needsData = m_request.fields.testFlag(MessageField::Data);
    const size_t limit = needsData ? BodyChunk : MetadataChunk;
    QList<quint32> chunk(m_uids.begin() + qsizetype(m_next),
                         m_uids.begin() + qsizetype(std::min(m_uids.size(), m_next + limit)));
    const qint64 account = session().account();
    const qint64 mailbox = m_view->index().mailboxId();

    if (needsData && chunk.size() > 1) {
        // Bodies are read, and held until sent, about BodyChunkBytes at a time (at least one
        // message): the sizes first, from the cheap metadata.
        const StoreResult<QList<MessageRecord>> sizes = store().messageRecords(account, mailbox, chunk, MessageField::Info);
        if (!sizes) {
            noFromStore(sizes.status());
            return false;
        }
        qint64 bytes = 0;
        qsizetype keep = 0;
        for (const MessageRecord &record : *sizes) {
            bytes += record.info.size;
            if (keep > 0 && bytes > BodyChunkBytes)
                break;
            ++keep;
        }
        if (keep > 0 && keep < sizes->size()) {
            const quint32 lastUid = sizes->at(keep - 1).info.uid;
            while (chunk.size() > 1 && chunk.last() > lastUid)
                chunk.removeLast();
        }
    }

    // The implicit \Seen first, so the FLAGS this response carries are the new ones; only for
    // what is about to be sent.
    m_seenNow.clear();
    if (m_request.setsSeen) {
        QList<quint32> unseen;
        for (quint32 uid : std::as_const(chunk)) {
            const std::optional<FlagMask> flags = m_view->flagsOf(uid);
            if (flags && !(*flags & Flag::Seen))
                unseen.append(uid);
        }
        if (!unseen.isEmpty()) {
            const StoreResult<StoreFlagsResult> stored = server().mailboxes().storeFlags(
                account, mailbox, unseen, FlagUpdate::Add, FlagRequest{Flag::Seen, {}}, m_view);
            if (!stored) {
                noFromStore(stored.status());
                return false;
            }
            for (const FlagChange &change : stored->changed)
                m_seenNow.append(change.uid);
            std::sort(m_seenNow.begin(), m_seenNow.end());
        }
    }

    m_records.clear();
    m_recordIndex = 0;
    // A message expunged by another session that this client has not been told of yet is still
    // answered, from the store's retained copy (RFC 3501 §7.4.1): its flags come from there.
    MessageFields fields = m_request.fields;
    for (quint32 uid : std::as_const(chunk)) {
        if (!m_view->flagsOf(uid)) {
            fields |= MessageField::Info;
            break;
        }
    }
    if (fields) {
        StoreResult<QList<MessageRecord>> read = store().messageRecords(account, mailbox, chunk, fields);
        if (!read) {
            noFromStore(read.status());
            return false;
        }
        m_records = std::move(*read);
    }
    m_chunkEnd = m_next + size_t(chunk.size());
    return true;
}

void FetchCommand::sendLoaded()
{
    const CorkedOutput corked(session());
    while (m_next < m_chunkEnd) {
        const quint32 uid = m_uids[m_next];
        const quint32 sequence = m_sequences[m_next];
        ++m_next;
        const MessageRecord *record = nullptr;
        while (m_recordIndex < m_records.size() && m_records.at(m_recordIndex).info.uid < uid)
            ++m_recordIndex;
        if (m_recordIndex < m_records.size() && m_records.at(m_recordIndex).info.uid == uid)
            record = &m_records.at(m_recordIndex);
        // Expunged elsewhere and not yet announced: answered from the retained copy; only if
        // even that is gone (released, another process) is nothing true left to say.
        const bool gone = !m_view->flagsOf(uid);
        if ((gone && !(record && record->expunged)) || (m_request.fields && !record)) {
            m_skippedExpunged = true;
            continue;
        }
        untagged(formatMessage(sequence, uid, record, std::binary_search(m_seenNow.cbegin(), m_seenNow.cend(), uid)));
        if (record && m_request.fields.testFlag(MessageField::Data))
            m_records[m_recordIndex].data = QByteArray(); // sent: no need to hold it
        if (session().isOutputBacklogged())
            return;
    }
}

QByteArray FetchCommand::formatMessage(quint32 sequence, quint32 uid, const MessageRecord *record,
                                       bool flagsChanged) const
{
    using Kind = FetchItem::Kind;
    std::optional<MessageStructure> structure;
    if (record && m_request.fields.testFlag(MessageField::Structure))
        structure = MessageStructure::deserialize(record->structure);

    QByteArray out = QByteArray::number(sequence) + " FETCH (";
    bool first = true;
    auto add = [&](const QByteArray &item) {
        if (!first)
            out += ' ';
        out += item;
        first = false;
    };
    auto flags = [&]() -> QByteArray {
        // Most messages share a handful of flag combinations: format each once.
        const FlagMask mask = m_view->flagsOf(uid).value_or(record ? record->info.flags : 0);
        const QList<QByteArray> &keywords = m_view->index().keywords();
        if (mask != m_namesMask || keywords.size() != m_namesKeywordCount) {
            m_namesMask = mask;
            m_namesKeywordCount = keywords.size();
            m_names = flagNames(mask, keywords);
        }
        QByteArray names = m_names;
        if (m_view->isRecent(uid))
            names += names.isEmpty() ? "\\Recent" : " \\Recent";
        return "FLAGS (" + names + ')';
    };
    for (const FetchItem &item : m_request.items) {
        switch (item.kind) {
        case Kind::Flags:
            add(flags());
            break;
        case Kind::Uid:
            add("UID " + QByteArray::number(uid));
            break;
        case Kind::InternalDate:
            add("INTERNALDATE \"" + formatImapDateTime(record->info.internalDate) + '"');
            break;
        case Kind::Rfc822Size:
            // Exactly the length of BODY[]: the bytes as stored (RFC 3501 §2.3.4).
            add("RFC822.SIZE " + QByteArray::number(record->info.size));
            break;
        case Kind::Envelope:
            add("ENVELOPE " + (structure ? fetchformat::envelope(structure->envelope) : QByteArray("NIL")));
            break;
        case Kind::Body:
        case Kind::BodyStructure:
            add((item.kind == Kind::Body ? "BODY " : "BODYSTRUCTURE ")
                + (structure ? fetchformat::bodyStructure(structure->root, item.kind == Kind::BodyStructure)
                             : QByteArray("NIL")));
            break;
        case Kind::Section:
            add(item.label + ' ' + sectionData(item, *record));
            break;
        }
    }
    // RFC 3501 §6.4.5: when the fetch set \Seen, the new flags SHOULD be in the response.
    if (flagsChanged && !m_request.wantsFlags)
        add(flags());
    out += ')';
    return out;
}

QByteArray FetchCommand::sectionData(const FetchItem &item, const MessageRecord &record) const
{
    using Text = fetchformat::Section::Text;
    std::optional<QByteArray> bytes;
    const fetchformat::Section &section = item.section;
    if (section.part.isEmpty() && section.text == Text::Header) {
        bytes = record.header;
    } else if (section.part.isEmpty() && (section.text == Text::HeaderFields || section.text == Text::HeaderFieldsNot)) {
        bytes = fetchformat::headerSubset(record.header, section.fields, section.text == Text::HeaderFieldsNot);
    } else if (section.part.isEmpty() && section.text == Text::Body) {
        bytes = record.data;
    } else if (const std::optional<MessageStructure> structure = MessageStructure::deserialize(record.structure)) {
        bytes = fetchformat::sectionBytes(record.data, structure->root, section);
    }
    // A part the message does not have (RFC 3501 gives no answer; NIL says "no such data").
    if (!bytes)
        return QByteArrayLiteral("NIL");
    if (item.partial) {
        const qint64 start = std::min<qint64>(item.partialStart, bytes->size());
        *bytes = bytes->mid(start, item.partialLength);
    }
    // Bodies always go out as literals: binary-safe and never re-quoted.
    return '{' + QByteArray::number(bytes->size()) + "}\r\n" + *bytes;
}

} // namespace qimapd
