#include "SearchCommand.h"
#include "ImapServer.h"
#include "MailStore.h"
#include "SequenceSet.h"
#include "Session.h"
#include "mailbox/MailboxIndex.h"
#include "mailbox/MailboxView.h"
#include "mime/MessagePart.h"

#include <QElapsedTimer>
#include <QTimer>

namespace qimapd {

namespace {
constexpr size_t MetadataChunk = 1000;
constexpr size_t MessageChunk = 64;

using Need = SearchQuery::Need;
using Match = SearchEvaluator::Match;

// The largest message sequence number the query names, and whether it says "*" (UID keys
// name UIDs, which need not exist).
void sequenceNumbersIn(const SearchQuery::Key &key, quint32 *largest, bool *star)
{
    if (key.kind == SearchQuery::Key::Kind::SequenceSet) {
        *largest = std::max(*largest, key.set.largestNumber());
        *star = *star || key.set.usesStar();
    }
    for (const SearchQuery::Key &child : key.children)
        sequenceNumbersIn(child, largest, star);
}
} // namespace

SearchCommand::SearchCommand(bool byUid) : m_byUid(byUid) {}
SearchCommand::~SearchCommand() = default;

void SearchCommand::execute()
{
    if (args().isEmpty()) {
        bad("SEARCH needs search criteria");
        return;
    }
    m_query = SearchQuery::parse(args());
    if (!m_query.isValid()) {
        if (m_query.error() == SearchQuery::Error::BadCharset)
            no(m_query.errorText(), SearchQuery::badCharsetCode());
        else
            bad(m_query.errorText());
        return;
    }
    m_view = session().selectedMailbox();
    const quint32 exists = m_view->exists();
    if (m_query.usesSequenceNumbers()) {
        // RFC 3501 §9 seq-number: "The server should respond with a tagged BAD response to a
        // command that uses a message sequence number greater than the number of messages in
        // the selected mailbox. This includes "*" if the selected mailbox is empty."
        quint32 largest = 0;
        bool star = false;
        sequenceNumbersIn(m_query.root(), &largest, &star);
        if (largest > exists || (star && exists == 0)) {
            if (largest > exists)
                bad("Invalid message sequence number " + QByteArray::number(largest) + " (there are "
                    + QByteArray::number(exists) + " messages)");
            else
                bad("Invalid message sequence number * (the mailbox is empty)");
            return;
        }
    }
    m_evaluator = std::make_unique<SearchEvaluator>(m_query, exists, m_view->uidAt(exists));
    if (exists > 0) {
        QByteArray error;
        std::optional<MessageTargets> all = m_view->resolve(SequenceSet::fromRanges({{1, exists}}), false, &error);
        if (all) {
            m_sequences = std::move(all->sequences);
            m_uids = std::move(all->uids);
        }
    }
    runInSlices();
}

Command::Slice SearchCommand::work()
{
    if (m_next == m_uids.size())
        return Slice::Done;
    return searchChunk() ? Slice::More : Slice::Answered;
}

void SearchCommand::finished()
{
    untagged("SEARCH" + m_results);
    ok(m_byUid ? "UID SEARCH completed" : "SEARCH completed");
}

bool SearchCommand::searchChunk()
{
    const SearchQuery::Needs needs = m_evaluator->needs();
    const size_t size = needs.testFlag(Need::Message) ? MessageChunk : MetadataChunk;
    const size_t end = std::min(m_uids.size(), m_next + size);
    const MailboxIndex &index = m_view->index();

    std::vector<SearchEvaluator::Message> messages(end - m_next);
    std::vector<Match> verdicts(messages.size(), Match::Unknown);
    for (size_t i = 0; i < messages.size(); ++i) {
        SearchEvaluator::Message &message = messages[i];
        message.sequence = m_sequences[m_next + i];
        message.uid = m_uids[m_next + i];
        // A message expunged by another session keeps its number until this client is told,
        // but its data is gone: it matches nothing.
        const std::optional<FlagMask> flags = m_view->flagsOf(message.uid);
        if (!flags) {
            verdicts[i] = Match::No;
            continue;
        }
        message.flags = *flags;
        message.keywords = &index.keywords();
        message.recent = m_view->isRecent(message.uid);
        message.available = Need::Flags;
        verdicts[i] = m_evaluator->evaluate(message);
    }

    // Then dearer data, only for the messages still undecided, one store query per stage.
    auto stage = [&](MessageFields fields, SearchQuery::Needs provides) -> bool {
        QList<quint32> undecided;
        for (size_t i = 0; i < messages.size(); ++i) {
            if (verdicts[i] == Match::Unknown)
                undecided.append(messages[i].uid);
        }
        if (undecided.isEmpty())
            return true;
        const StoreResult<QList<MessageRecord>> records =
            store().messageRecords(session().account(), index.mailboxId(), undecided, fields);
        if (!records) {
            noFromStore(records.status());
            return false;
        }
        qsizetype r = 0;
        for (size_t i = 0; i < messages.size(); ++i) {
            if (verdicts[i] != Match::Unknown)
                continue;
            SearchEvaluator::Message &message = messages[i];
            while (r < records->size() && records->at(r).info.uid < message.uid)
                ++r;
            if (r >= records->size() || records->at(r).info.uid != message.uid) {
                verdicts[i] = Match::No;
                continue;
            }
            const MessageRecord &record = records->at(r);
            message.internalDate = record.info.internalDate;
            message.size = record.info.size;
            message.header = record.header;
            message.data = record.data;
            std::optional<MessageStructure> structure;
            if (provides.testFlag(Need::Message))
                structure = MessageStructure::deserialize(record.structure);
            message.structure = structure ? &*structure : nullptr;
            message.available |= provides;
            verdicts[i] = m_evaluator->evaluate(message);
            // The views point into this chunk's records; clear them before they go.
            message.header = {};
            message.data = {};
            message.structure = nullptr;
        }
        return true;
    };
    if (needs.testFlag(Need::Info) || needs.testFlag(Need::Header)) {
        MessageFields fields = MessageField::Info;
        if (needs.testFlag(Need::Header))
            fields |= MessageField::Header;
        if (!stage(fields, Need::Info | Need::Header))
            return false;
    }
    if (needs.testFlag(Need::Message)
        && !stage(MessageField::Info | MessageField::Header | MessageField::Data | MessageField::Structure,
                  Need::Info | Need::Header | Need::Message))
        return false;

    for (size_t i = 0; i < messages.size(); ++i) {
        if (verdicts[i] == Match::Yes)
            m_results += ' ' + QByteArray::number(m_byUid ? messages[i].uid : messages[i].sequence);
    }
    m_next = end;
    return true;
}

} // namespace qimapd
