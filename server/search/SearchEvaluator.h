#pragma once

#include "MessageFlags.h"
#include "search/SearchQuery.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>
#include <QList>

#include <vector>

namespace qimapd {

struct MessageStructure;

// Decides whether messages match a SearchQuery (RFC 3501 §6.4.4). One evaluator serves one
// run of one query over many messages, possibly in time-sliced chunks: it compiles the query
// once (sequence sets resolved, search strings case-folded, cheap keys ordered before
// expensive ones) and keeps nothing per message between calls.
//
// Evaluation is three-valued so the command can fetch in stages: give it what is at hand
// (flags, then internal date and size, then the header, then the whole message) and it
// answers Yes, No, or Unknown when the answer depends on data not given. "UNSEEN BODY x"
// thus decodes the bodies of unseen messages only. With everything query.needs() asks for,
// the answer is never Unknown.
class SearchEvaluator
{
public:
    enum class Match : quint8 { No, Yes, Unknown };

    // One message, as the command has it. `available` says which groups of members are filled
    // in (SearchQuery::Need); sequence and uid always are.
    struct Message
    {
        quint32 sequence = 0; // in the client's view
        quint32 uid = 0;

        // Need::Flags
        FlagMask flags = 0;
        // The mailbox's keyword table (keywords[i] is bit Flag::FirstKeywordBit + i); null
        // when it has none. It may grow between calls: KEYWORD names are resolved again then.
        const QList<QByteArray> *keywords = nullptr;
        bool recent = false; // \Recent in this session (RFC 3501 §2.3.2)

        // Need::Info
        QDateTime internalDate; // with the offset it was appended with
        qint64 size = 0;        // RFC822.SIZE

        // Need::Header: the header block (up to and including the blank line).
        QByteArrayView header;
        // Need::Message: the whole message and its structure (parsed here when null). The
        // header is then taken from the message and `header` is not read.
        QByteArrayView data;
        const MessageStructure *structure = nullptr;

        SearchQuery::Needs available = SearchQuery::Need::Flags | SearchQuery::Need::Info;
    };

    // `largestSequence` is what "*" means in a sequence-set key (the EXISTS the client was
    // told), `largestUid` what it means in a UID key (the largest UID in the mailbox); 0 for an
    // empty mailbox, where "*" matches nothing (RFC 3501 §9 seq-number, SequenceSet::resolve).
    // `query` must be valid; the evaluator copies what it needs from it, so it may then go away.
    SearchEvaluator(const SearchQuery &query, quint32 largestSequence, quint32 largestUid);
    ~SearchEvaluator();
    SearchEvaluator(const SearchEvaluator &) = delete;
    SearchEvaluator &operator=(const SearchEvaluator &) = delete;

    // What the query reads (the query's needs()).
    SearchQuery::Needs needs() const { return m_needs; }

    // Yes or No when `message` carries enough data to decide, otherwise Unknown.
    Match evaluate(const Message &message);
    // evaluate() == Yes: for a message with everything needs() asks for.
    bool matches(const Message &message) { return evaluate(message) == Match::Yes; }

    // The date an RFC 2822 Date: header value names, as written in the message's own zone
    // (RFC 2822 §3.3, with the obsolete forms of §4.3 and asctime()'s); invalid when none can
    // be read. What SENTBEFORE, SENTON and SENTSINCE compare.
    static QDate sentDate(QByteArrayView dateValue);

private:
    struct Node;
    class Context;

    Match eval(quint32 index, Context &context);
    quint32 compile(const SearchQuery::Key &key);
    void resolveKeywords(const QList<QByteArray> *keywords);

    std::vector<Node> m_nodes;
    std::vector<quint32> m_children; // child node indices; a node's are contiguous
    std::vector<quint32> m_keywordNodes;
    quint32 m_root = 0;
    SearchQuery::Needs m_needs;
    quint32 m_largestSequence = 0;
    quint32 m_largestUid = 0;
    // The keyword table the keyword nodes were resolved against (it only grows).
    const QByteArray *m_keywordsData = nullptr;
    qsizetype m_keywordsSize = -1;
    bool m_keywordsResolved = false;
};

} // namespace qimapd
