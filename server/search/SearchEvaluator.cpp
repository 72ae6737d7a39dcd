#include "SearchEvaluator.h"

#include "mime/HeaderDecoder.h"
#include "mime/MessagePart.h"
#include "mime/MimeParser.h"

#include <algorithm>
#include <optional>

namespace qimapd {

using Key = SearchQuery::Key;
using Kind = SearchQuery::Key::Kind;
using Need = SearchQuery::Need;
using Match = SearchEvaluator::Match;

// A compiled key. Children of And, Or and Not are m_children[firstChild, firstChild + count).
struct SearchEvaluator::Node
{
    Kind kind = Kind::All;
    bool negated = false;
    quint8 cost = 0; // 0 nothing, 1 flags, 2 date/size, 3 header, 4 whole message
    FlagMask mask = 0;      // Flag; Keyword once resolved (0: not in the mailbox's table)
    quint32 number = 0;     // LARGER, SMALLER
    QDate date;             // date keys
    QByteArray name;        // HEADER field-name, KEYWORD flag-keyword
    QString needle;         // the search string, case-folded
    QList<SequenceSet::Range> ranges; // sequence-set and UID keys, resolved
    quint32 firstChild = 0;
    quint32 childCount = 0;
};

namespace {

quint8 costOf(SearchQuery::Needs needs)
{
    if (needs.testFlag(Need::Message))
        return 4;
    if (needs.testFlag(Need::Header))
        return 3;
    if (needs.testFlag(Need::Info))
        return 2;
    if (needs.testFlag(Need::Flags))
        return 1;
    return 0;
}

Match fromBool(bool b)
{
    return b ? Match::Yes : Match::No;
}

bool inRanges(const QList<SequenceSet::Range> &ranges, quint32 n)
{
    // Ascending and disjoint (SequenceSet::resolve): the candidate is the last range that
    // starts at or below n.
    auto it = std::upper_bound(ranges.cbegin(), ranges.cend(), n,
                               [](quint32 value, const SequenceSet::Range &r) { return value < r.first; });
    if (it == ranges.cbegin())
        return false;
    --it;
    return n <= it->last;
}

QByteArrayView sliceOf(QByteArrayView data, qint64 start, qint64 end)
{
    start = qBound<qint64>(0, start, data.size());
    end = qBound<qint64>(start, end, data.size());
    return data.sliced(start, end - start);
}

// Unicode simple case folding in place, the comparison form of every search string and of
// the text searched (RFC 3501 §6.4.4: "case-insensitive"). The same mapping as
// QString::toCaseFolded(), without its allocation and with a fast path for ASCII, which is
// most of any mail: folding is the largest cost of BODY and TEXT after decoding.
QString caseFolded(QString text)
{
    QChar *p = text.data();
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = p[i].unicode();
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z')
                p[i] = QChar(char16_t(c + ('a' - 'A')));
        } else if (QChar::isHighSurrogate(c) && i + 1 < n && p[i + 1].isLowSurrogate()) {
            const char32_t folded = QChar::toCaseFolded(QChar::surrogateToUcs4(c, p[i + 1].unicode()));
            if (QChar::requiresSurrogates(folded)) { // simple folding keeps the plane
                p[i] = QChar(QChar::highSurrogate(folded));
                p[i + 1] = QChar(QChar::lowSurrogate(folded));
            }
            ++i;
        } else {
            p[i] = QChar(char16_t(QChar::toCaseFolded(char32_t(c))));
        }
    }
    return text;
}

// A header field's value as text: unfolded (RFC 2822 §2.2.3), encoded words decoded
// (RFC 2047), case-folded for comparison.
QString foldedFieldText(QByteArrayView value)
{
    return caseFolded(HeaderDecoder::decodeWords(HeaderDecoder::unfold(value).trimmed()));
}

// A header block as text for TEXT: "name: value" lines, values decoded.
void appendHeaderText(QString &out, QByteArrayView header)
{
    qsizetype pos = 0;
    HeaderDecoder::Field field;
    while (HeaderDecoder::nextField(header, pos, field)) {
        out += QString::fromLatin1(field.name) + u": "
            + HeaderDecoder::decodeWords(HeaderDecoder::unfold(field.value).trimmed()) + u'\n';
    }
}

// The text of a body for BODY and TEXT (RFC 3501 §6.4.4): every text part decoded from its
// transfer encoding and charset; encapsulated messages with their header. Parts of other
// media types are left out, as §6.4.4 allows ("terminal content media types other than TEXT
// and MESSAGE"): base64 images would only produce false matches.
void appendBodyText(QString &out, QByteArrayView data, const MessagePart &part)
{
    if (part.isMultipart()) {
        for (const MessagePart &child : part.children)
            appendBodyText(out, data, child);
        return;
    }
    if (part.isMessageRfc822() && part.message) {
        const MessagePart &root = part.message->root;
        appendHeaderText(out, sliceOf(data, root.headerStart, root.bodyStart));
        appendBodyText(out, data, root);
        return;
    }
    if (part.type != "text" && part.type != "message")
        return;
    QString text = HeaderDecoder::decodeBody(sliceOf(data, part.bodyStart, part.bodyEnd),
                                             part.encoding, part.parameter("charset"));
    if (out.isEmpty())
        out = std::move(text); // the common single-part message: no copy
    else
        out += text;
    out += u'\n'; // so that no match spans two parts
}

bool isDigits(QByteArrayView token)
{
    if (token.isEmpty())
        return false;
    for (char c : token) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

bool isAlpha(QByteArrayView token)
{
    if (token.isEmpty())
        return false;
    for (char c : token) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return false;
    }
    return true;
}

// "Jan".."Dec", or a longer English name ("July") by its first three letters: 1..12, or 0.
int monthOf(QByteArrayView token)
{
    static constexpr const char *months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                             "jul", "aug", "sep", "oct", "nov", "dec"};
    if (token.size() < 3 || !isAlpha(token))
        return 0;
    for (int i = 0; i < 12; ++i) {
        if (token.first(3).compare(months[i], Qt::CaseInsensitive) == 0)
            return i + 1;
    }
    return 0;
}

int toInt(QByteArrayView digits)
{
    int n = 0;
    for (char c : digits.first(qMin<qsizetype>(digits.size(), 9)))
        n = n * 10 + (c - '0');
    return n;
}

// RFC 2822 §4.3: a two-digit year below 50 is 20xx, otherwise 19xx; three digits add 1900.
int fullYear(QByteArrayView digits)
{
    const int year = toInt(digits);
    if (digits.size() == 2)
        return year < 50 ? 2000 + year : 1900 + year;
    if (digits.size() == 3)
        return 1900 + year;
    return year;
}

} // namespace

// What one evaluation knows about its message, built lazily: every piece of header and body
// work is done at most once per message, and only when a key needs it.
class SearchEvaluator::Context
{
public:
    explicit Context(const Message &message)
        : m(message)
        , hasFlags(message.available.testFlag(Need::Flags))
        , hasInfo(message.available.testFlag(Need::Info))
        , hasMessage(message.available.testFlag(Need::Message))
        , hasHeader(hasMessage || message.available.testFlag(Need::Header))
    {
    }

    const Message &m;
    const bool hasFlags;
    const bool hasInfo;
    const bool hasMessage;
    const bool hasHeader;

    const MessageStructure &structure()
    {
        if (m.structure)
            return *m.structure;
        if (!m_parsed) {
            m_parsed = MimeParser::parse(
                QByteArray::fromRawData(m.data.data(), m.data.size()));
        }
        return *m_parsed;
    }

    QByteArrayView header()
    {
        if (!hasMessage)
            return m.header;
        const MessagePart &root = structure().root;
        return sliceOf(m.data, root.headerStart, root.bodyStart);
    }

    // RFC 3501 §6.4.4 HEADER (and the BCC, CC, FROM, SUBJECT and TO fields): a message
    // matches when it has the field and the field's text contains the string; an empty string
    // matches every message that has the field. Never a match merely because the field exists
    // (seed bug 1).
    Match fieldContains(QByteArrayView name, const QString &needle)
    {
        if (!hasHeader)
            return Match::Unknown;
        loadFields();
        for (qsizetype i = 0; i < m_fields.size(); ++i) {
            const QByteArrayView fieldName = m_fields.at(i).name;
            if (fieldName.isEmpty() || fieldName.compare(name, Qt::CaseInsensitive) != 0)
                continue;
            if (needle.isEmpty() || fieldText(i).contains(needle))
                return Match::Yes;
        }
        return Match::No;
    }

    const QString &headerText()
    {
        if (!m_headerText) {
            m_headerText.emplace();
            appendHeaderText(*m_headerText, header());
            *m_headerText = caseFolded(std::move(*m_headerText));
        }
        return *m_headerText;
    }

    const QString &bodyText()
    {
        if (!m_bodyText) {
            m_bodyText.emplace();
            appendBodyText(*m_bodyText, m.data, structure().root);
            *m_bodyText = caseFolded(std::move(*m_bodyText));
        }
        return *m_bodyText;
    }

    // The date of the first Date: field; invalid when there is none or it cannot be read.
    QDate sentDate()
    {
        if (!m_sentDate) {
            loadFields();
            m_sentDate.emplace();
            for (const HeaderDecoder::Field &field : std::as_const(m_fields)) {
                if (field.name.compare("Date", Qt::CaseInsensitive) == 0) {
                    *m_sentDate = SearchEvaluator::sentDate(HeaderDecoder::unfold(field.value));
                    break;
                }
            }
        }
        return *m_sentDate;
    }

    QDate internalDate()
    {
        // QDateTime::date() is the date in the internal date's own offset from UTC.
        if (!m_internalDate)
            m_internalDate = m.internalDate.isValid() ? m.internalDate.date() : QDate();
        return *m_internalDate;
    }

private:
    void loadFields()
    {
        if (m_fieldsLoaded)
            return;
        m_fieldsLoaded = true;
        m_fields = HeaderDecoder::fields(header());
        m_fieldTexts.resize(m_fields.size());
    }

    const QString &fieldText(qsizetype i)
    {
        std::optional<QString> &text = m_fieldTexts[size_t(i)];
        if (!text)
            text = foldedFieldText(m_fields.at(i).value);
        return *text;
    }

    std::optional<MessageStructure> m_parsed;
    bool m_fieldsLoaded = false;
    QList<HeaderDecoder::Field> m_fields;
    std::vector<std::optional<QString>> m_fieldTexts;
    std::optional<QString> m_headerText;
    std::optional<QString> m_bodyText;
    std::optional<QDate> m_sentDate;
    std::optional<QDate> m_internalDate;
};

SearchEvaluator::SearchEvaluator(const SearchQuery &query, quint32 largestSequence,
                                 quint32 largestUid)
    : m_needs(query.needs())
    , m_largestSequence(largestSequence)
    , m_largestUid(largestUid)
{
    m_root = compile(query.root());
}

SearchEvaluator::~SearchEvaluator() = default;

quint32 SearchEvaluator::compile(const Key &key)
{
    Node node;
    node.kind = key.kind;
    node.negated = key.negated;
    node.cost = costOf(SearchQuery::needsOf(key));

    switch (key.kind) {
    case Kind::And:
    case Kind::Or: {
        // Nested lists of the same kind are flattened ("OR a OR b c" is one Or of three), and
        // children are evaluated cheapest first so a flag can decide before a body is decoded.
        // And and Or commute, so the order changes the cost, never the result.
        std::vector<quint32> children;
        for (const Key &child : key.children) {
            const quint32 index = compile(child);
            const Node &compiled = m_nodes[index];
            if (compiled.kind == key.kind) {
                for (quint32 i = 0; i < compiled.childCount; ++i)
                    children.push_back(m_children[compiled.firstChild + i]);
            } else {
                children.push_back(index);
            }
        }
        if (children.size() == 1)
            return children.front();
        std::stable_sort(children.begin(), children.end(), [this](quint32 a, quint32 b) {
            return m_nodes[a].cost < m_nodes[b].cost;
        });
        node.firstChild = quint32(m_children.size());
        node.childCount = quint32(children.size());
        m_children.insert(m_children.end(), children.begin(), children.end());
        break;
    }
    case Kind::Not: {
        const quint32 index = compile(key.children.constFirst());
        if (m_nodes[index].kind == Kind::Not) // NOT NOT x is x
            return m_children[m_nodes[index].firstChild];
        node.firstChild = quint32(m_children.size());
        node.childCount = 1;
        m_children.push_back(index);
        break;
    }
    case Kind::Flag:
        node.mask = key.flag;
        break;
    case Kind::Keyword:
        node.name = key.name;
        break;
    case Kind::SequenceSet:
        node.ranges = key.set.resolve(m_largestSequence);
        break;
    case Kind::Uid:
        node.ranges = key.set.resolve(m_largestUid);
        break;
    case Kind::Before:
    case Kind::On:
    case Kind::Since:
    case Kind::SentBefore:
    case Kind::SentOn:
    case Kind::SentSince:
        node.date = key.date;
        break;
    case Kind::Larger:
    case Kind::Smaller:
        node.number = key.number;
        break;
    case Kind::Header:
        node.name = key.name;
        node.needle = caseFolded(key.text);
        break;
    case Kind::Bcc:
    case Kind::Cc:
    case Kind::From:
    case Kind::Subject:
    case Kind::To:
    case Kind::Body:
    case Kind::Text:
        node.needle = caseFolded(key.text);
        break;
    case Kind::All:
    case Kind::Recent:
    case Kind::New:
        break;
    }
    static constexpr const char *fieldNames[] = {"Bcc", "Cc", "From", "Subject", "To"};
    if (key.kind >= Kind::Bcc && key.kind <= Kind::To)
        node.name = fieldNames[int(key.kind) - int(Kind::Bcc)];

    const quint32 index = quint32(m_nodes.size());
    if (node.kind == Kind::Keyword)
        m_keywordNodes.push_back(index);
    m_nodes.push_back(std::move(node));
    return index;
}

void SearchEvaluator::resolveKeywords(const QList<QByteArray> *keywords)
{
    m_keywordsResolved = true;
    m_keywordsData = keywords ? keywords->constData() : nullptr;
    m_keywordsSize = keywords ? keywords->size() : 0;
    for (quint32 index : m_keywordNodes) {
        Node &node = m_nodes[index];
        node.mask = 0;
        if (!keywords)
            continue;
        // Keywords compare case-insensitively, as the stores assign them (StoreRules).
        const qsizetype n = qMin<qsizetype>(keywords->size(), Flag::MaxKeywords);
        for (qsizetype i = 0; i < n; ++i) {
            if (keywords->at(i).compare(node.name, Qt::CaseInsensitive) == 0) {
                node.mask = Flag::keywordBit(int(i));
                break;
            }
        }
    }
}

SearchEvaluator::Match SearchEvaluator::evaluate(const Message &message)
{
    if (!m_keywordNodes.empty() && message.available.testFlag(Need::Flags)) {
        const QByteArray *data = message.keywords ? message.keywords->constData() : nullptr;
        const qsizetype size = message.keywords ? message.keywords->size() : 0;
        if (!m_keywordsResolved || data != m_keywordsData || size != m_keywordsSize)
            resolveKeywords(message.keywords);
    }
    Context context(message);
    return eval(m_root, context);
}

SearchEvaluator::Match SearchEvaluator::eval(quint32 index, Context &c)
{
    const Node &node = m_nodes[index];
    const Message &m = c.m;

    switch (node.kind) {
    case Kind::All:
        return Match::Yes;
    case Kind::And:
    case Kind::Or: {
        // Three-valued (Kleene) logic: one No decides an And, one Yes decides an Or.
        const Match decisive = node.kind == Kind::And ? Match::No : Match::Yes;
        bool unknown = false;
        for (quint32 i = 0; i < node.childCount; ++i) {
            const Match r = eval(m_children[node.firstChild + i], c);
            if (r == decisive)
                return decisive;
            unknown = unknown || r == Match::Unknown;
        }
        if (unknown)
            return Match::Unknown;
        return node.kind == Kind::And ? Match::Yes : Match::No;
    }
    case Kind::Not: {
        const Match r = eval(m_children[node.firstChild], c);
        return r == Match::Unknown ? r : fromBool(r == Match::No);
    }
    case Kind::Flag:
    case Kind::Keyword:
        if (!c.hasFlags)
            return Match::Unknown;
        return fromBool(((m.flags & node.mask) != 0) != node.negated);
    case Kind::Recent:
        if (!c.hasFlags)
            return Match::Unknown;
        return fromBool(m.recent != node.negated);
    case Kind::New:
        // "(RECENT UNSEEN)"
        if (!c.hasFlags)
            return Match::Unknown;
        return fromBool(m.recent && !(m.flags & Flag::Seen));
    case Kind::SequenceSet:
        return fromBool(inRanges(node.ranges, m.sequence));
    case Kind::Uid:
        return fromBool(inRanges(node.ranges, m.uid));
    case Kind::Before:
    case Kind::On:
    case Kind::Since: {
        // The internal date's day in its own zone, "disregarding time and timezone".
        if (!c.hasInfo)
            return Match::Unknown;
        const QDate date = c.internalDate();
        if (!date.isValid())
            return Match::No;
        if (node.kind == Kind::Before)
            return fromBool(date < node.date);
        if (node.kind == Kind::On)
            return fromBool(date == node.date);
        return fromBool(date >= node.date);
    }
    case Kind::SentBefore:
    case Kind::SentOn:
    case Kind::SentSince: {
        // The Date: header's day as written; no readable Date: header, no match.
        if (!c.hasHeader)
            return Match::Unknown;
        const QDate date = c.sentDate();
        if (!date.isValid())
            return Match::No;
        if (node.kind == Kind::SentBefore)
            return fromBool(date < node.date);
        if (node.kind == Kind::SentOn)
            return fromBool(date == node.date);
        return fromBool(date >= node.date);
    }
    case Kind::Larger:
        if (!c.hasInfo)
            return Match::Unknown;
        return fromBool(m.size > qint64(node.number));
    case Kind::Smaller:
        if (!c.hasInfo)
            return Match::Unknown;
        return fromBool(m.size < qint64(node.number));
    case Kind::Bcc:
    case Kind::Cc:
    case Kind::From:
    case Kind::Subject:
    case Kind::To:
    case Kind::Header:
        return c.fieldContains(node.name, node.needle);
    case Kind::Body:
        if (node.needle.isEmpty())
            return Match::Yes; // every message has a body, if an empty one
        if (!c.hasMessage)
            return Match::Unknown;
        return fromBool(c.bodyText().contains(node.needle));
    case Kind::Text:
        // "in the header or body of the message": the header alone may already decide.
        if (node.needle.isEmpty())
            return Match::Yes;
        if (c.hasHeader && c.headerText().contains(node.needle))
            return Match::Yes;
        if (!c.hasMessage)
            return Match::Unknown;
        return fromBool(c.bodyText().contains(node.needle));
    }
    return Match::No;
}

QDate SearchEvaluator::sentDate(QByteArrayView value)
{
    // date-time = [ day-of-week "," ] date FWS time [CFWS]; date = day month year
    // (RFC 2822 §3.3). Only the date is read: SENT* keys disregard time and timezone, so the
    // day is the one written in the sender's zone. Comments go (CFWS), and the separators of
    // the obsolete and common non-standard forms ("1-Jul-2003", asctime's "Tue Jul  1 10:52:37
    // 2003", ISO "2003-07-01") split tokens like blanks do.
    QList<QByteArrayView> tokens;
    int comment = 0;
    qsizetype start = -1;
    const auto endToken = [&](qsizetype at) {
        if (start >= 0)
            tokens.append(value.sliced(start, at - start));
        start = -1;
    };
    for (qsizetype i = 0; i < value.size() && tokens.size() < 8; ++i) {
        const char ch = value.at(i);
        if (comment > 0) {
            if (ch == '\\')
                ++i;
            else if (ch == '(')
                ++comment;
            else if (ch == ')')
                --comment;
            continue;
        }
        if (ch == '(') {
            endToken(i);
            comment = 1;
        } else if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == ',' || ch == '-'
                   || ch == '.' || ch == '/') {
            endToken(i);
        } else if (start < 0) {
            start = i;
        }
    }
    endToken(value.size());

    qsizetype t = 0;
    // day-of-week (or any word that is not a month)
    if (t < tokens.size() && isAlpha(tokens.at(t)) && monthOf(tokens.at(t)) == 0)
        ++t;
    if (t + 2 >= tokens.size())
        return {};
    const QByteArrayView a = tokens.at(t), b = tokens.at(t + 1), c = tokens.at(t + 2);
    int day = 0, month = 0, year = 0;
    if (isDigits(a) && a.size() <= 2 && monthOf(b) && isDigits(c) && c.size() >= 2 && c.size() <= 4) {
        // day month year (RFC 2822 §3.3, §4.3)
        day = toInt(a);
        month = monthOf(b);
        year = fullYear(c);
    } else if (monthOf(a) && isDigits(b) && b.size() <= 2) {
        // asctime(): month day time year
        day = toInt(b);
        month = monthOf(a);
        for (qsizetype i = t + 2; i < tokens.size(); ++i) {
            if (isDigits(tokens.at(i)) && tokens.at(i).size() == 4) {
                year = toInt(tokens.at(i));
                break;
            }
        }
    } else if (isDigits(a) && a.size() == 4 && isDigits(b) && b.size() <= 2) {
        // ISO 8601 "2003-07-01", the day perhaps followed by "T10:52:37"
        qsizetype digits = 0;
        while (digits < c.size() && digits < 2 && isDigits(c.sliced(digits, 1)))
            ++digits;
        if (digits == 0 || (digits < c.size() && c.at(digits) != 'T' && c.at(digits) != 't'))
            return {};
        year = toInt(a);
        month = toInt(b);
        day = toInt(c.first(digits));
    }
    if (year <= 0)
        return {};
    return QDate(year, month, day); // invalid for 31 Feb and the like
}

} // namespace qimapd
