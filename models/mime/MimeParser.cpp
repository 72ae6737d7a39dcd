#include "MimeParser.h"

#include "HeaderDecoder.h"

#include <QHash>

#include <algorithm>
#include <cstring>

namespace qimapd {

namespace {

using Parameter = MessagePart::Parameter;

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool equalsNoCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

QByteArray nonNull(QByteArray value)
{
    if (value.isNull())
        return QByteArray("", 0);
    return value;
}

// ---- RFC 822 lexical pieces shared by the structured fields --------------------------------

// A comment, nested, with quoted pairs (RFC 2822 §3.2.3); `i` is at "(". Returns its text
// without the outer parentheses; an unterminated comment runs to the end.
QByteArray readComment(QByteArrayView s, qsizetype &i)
{
    QByteArray text;
    int depth = 0;
    const qsizetype n = s.size();
    while (i < n) {
        const char c = s.at(i);
        if (c == '\\' && i + 1 < n) {
            text += s.at(i + 1);
            i += 2;
            continue;
        }
        ++i;
        if (c == '(') {
            if (depth++ == 0)
                continue;
        } else if (c == ')') {
            if (--depth == 0)
                break;
        }
        text += c;
    }
    return text;
}

// A quoted string with its quoting removed (RFC 2822 §3.2.5); `i` is at the opening quote.
// An unterminated one runs to the end.
QByteArray readQuoted(QByteArrayView s, qsizetype &i)
{
    QByteArray text("", 0);
    const qsizetype n = s.size();
    ++i;
    while (i < n) {
        const char c = s.at(i);
        if (c == '\\' && i + 1 < n) {
            text += s.at(i + 1);
            i += 2;
            continue;
        }
        ++i;
        if (c == '"')
            break;
        text += c;
    }
    return text;
}

void skipCfws(QByteArrayView s, qsizetype &i)
{
    while (i < s.size()) {
        if (isWhitespace(s.at(i)))
            ++i;
        else if (s.at(i) == '(')
            readComment(s, i);
        else
            break;
    }
}

// A run of characters up to whitespace, a comment, a quote or one of `stops`. Tolerant on
// purpose: RFC 2045 tokens exclude tspecials, but unquoted values such as boundaries with "="
// or "/" in them are common, so only what separates fields stops a token.
QByteArrayView readToken(QByteArrayView s, qsizetype &i, const char *stops)
{
    const qsizetype start = i;
    while (i < s.size()) {
        const char c = s.at(i);
        if (isWhitespace(c) || c == '(' || c == '"' || std::strchr(stops, c))
            break;
        ++i;
    }
    return s.sliced(start, i - start);
}

// RFC 2045 §5.1 parameters: *(";" attribute "=" value). Missing semicolons, attributes
// without values and stray characters are skipped rather than ending the list.
QList<Parameter> parseParameters(QByteArrayView s, qsizetype i)
{
    QList<Parameter> out;
    const qsizetype n = s.size();
    while (i < n) {
        skipCfws(s, i);
        if (i >= n)
            break;
        if (s.at(i) == ';') {
            ++i;
            continue;
        }
        const QByteArrayView attribute = readToken(s, i, ";=");
        if (attribute.isEmpty()) {
            if (s.at(i) == '"')
                readQuoted(s, i);
            else
                ++i;
            continue;
        }
        skipCfws(s, i);
        if (i >= n || s.at(i) != '=')
            continue;
        ++i;
        skipCfws(s, i);
        QByteArray value;
        if (i < n && s.at(i) == '"')
            value = readQuoted(s, i);
        else
            value = nonNull(readToken(s, i, ";").toByteArray());
        out.append({attribute.toByteArray().toLower(), value});
    }
    return out;
}

struct ContentType
{
    QByteArray type;
    QByteArray subtype;
    QList<Parameter> parameters;
};

// RFC 2045 §5.1: type "/" subtype *(";" parameter). nullopt when there is no type/subtype,
// in which case §5.2 says to use the default.
std::optional<ContentType> parseContentType(QByteArrayView s)
{
    qsizetype i = 0;
    skipCfws(s, i);
    const QByteArrayView type = readToken(s, i, "/;=");
    skipCfws(s, i);
    if (type.isEmpty() || i >= s.size() || s.at(i) != '/')
        return std::nullopt;
    ++i;
    skipCfws(s, i);
    const QByteArrayView subtype = readToken(s, i, ";=");
    if (subtype.isEmpty())
        return std::nullopt;
    return ContentType{type.toByteArray().toLower(), subtype.toByteArray().toLower(),
                       parseParameters(s, i)};
}

// RFC 2183: disposition-type *(";" parameter).
void parseDisposition(QByteArrayView s, MessagePart &part)
{
    qsizetype i = 0;
    skipCfws(s, i);
    const QByteArrayView type = readToken(s, i, ";=");
    if (type.isEmpty())
        return;
    part.disposition = type.toByteArray().toLower();
    part.dispositionParameters = parseParameters(s, i);
}

// RFC 3282: Language-List = Language-Tag [CFWS] *("," [CFWS] Language-Tag [CFWS]).
QList<QByteArray> parseLanguages(QByteArrayView s)
{
    QList<QByteArray> out;
    qsizetype i = 0;
    while (i < s.size()) {
        skipCfws(s, i);
        const QByteArrayView tag = readToken(s, i, ",;");
        if (!tag.isEmpty())
            out.append(tag.toByteArray());
        else if (i < s.size())
            ++i;
    }
    return out;
}

QByteArray parseSingleToken(QByteArrayView s)
{
    qsizetype i = 0;
    skipCfws(s, i);
    return readToken(s, i, ";").toByteArray();
}

// ---- Addresses (RFC 2822 §3.4) --------------------------------------------------------------

struct Token
{
    enum Kind { Atom, Quoted, Comment, DomainLiteral, Special };
    Kind kind = Atom;
    char special = 0;
    bool spaceBefore = false;
    QByteArray text;

    bool is(char c) const { return kind == Special && special == c; }
    bool isWord() const { return kind == Atom || kind == Quoted || kind == DomainLiteral || is('.'); }
};

QList<Token> tokenizeAddresses(QByteArrayView s)
{
    QList<Token> out;
    const qsizetype n = s.size();
    qsizetype i = 0;
    bool space = false;
    while (i < n) {
        const char c = s.at(i);
        Token t;
        t.spaceBefore = space;
        if (isWhitespace(c)) {
            space = true;
            ++i;
            continue;
        }
        if (c == '(') {
            t.kind = Token::Comment;
            t.text = readComment(s, i);
            out.append(t);
            space = true; // a comment separates words like white space does (CFWS)
            continue;
        }
        space = false;
        if (c == '"') {
            t.kind = Token::Quoted;
            t.text = readQuoted(s, i);
        } else if (c == '[') {
            t.kind = Token::DomainLiteral;
            const qsizetype start = i;
            while (i < n && s.at(i) != ']')
                i += (s.at(i) == '\\' && i + 1 < n) ? 2 : 1;
            i = std::min(i + 1, n);
            t.text = s.sliced(start, i - start).toByteArray();
        } else if (std::strchr("<>@,;:.", c) && c != 0) {
            t.kind = Token::Special;
            t.special = c;
            ++i;
        } else {
            const qsizetype start = i;
            while (i < n && !isWhitespace(s.at(i)) && !std::strchr("()<>@,;:\".[", s.at(i)))
                ++i;
            // A lone byte that none of the above takes (NUL) must still be consumed.
            if (i == start)
                ++i;
            t.text = s.sliced(start, i - start).toByteArray();
        }
        out.append(t);
    }
    return out;
}

// A display name: words joined the way they were spaced, quoting removed (RFC 3501 addr-name
// "after removing [RFC-2822] quoting"). Null when there are no words (seed bug 13: NIL, not a
// made-up name).
QByteArray phrase(const QList<const Token *> &words)
{
    QByteArray out;
    for (const Token *t : words) {
        if (!out.isEmpty() && t->spaceBefore)
            out += ' ';
        out += t->is('.') ? QByteArray(".") : t->text;
    }
    return out.isEmpty() ? QByteArray() : out;
}

// local-part and domain: the pieces joined without the (obsolete) spaces between them.
QByteArray joined(const QList<const Token *> &words)
{
    QByteArray out("", 0);
    for (const Token *t : words)
        out += t->is('.') ? QByteArray(".") : t->text;
    return out;
}

class AddressListParser
{
public:
    explicit AddressListParser(QByteArrayView value)
        : m_tokens(tokenizeAddresses(HeaderDecoder::unfold(value)))
    {
    }

    QList<Address> run()
    {
        while (m_i < m_tokens.size()) {
            const Token &t = m_tokens.at(m_i);
            if (t.kind == Token::Comment) {
                ++m_i;
            } else if (t.isWord()) {
                m_words.append(&t);
                ++m_i;
            } else if (t.is('<')) {
                ++m_i;
                angleAddress();
            } else if (t.is('@')) {
                ++m_i;
                addrSpec();
            } else if (t.is(':')) {
                ++m_i;
                if (!m_inGroup) {
                    // RFC 2822 §3.4 group: display-name ":" [mailbox-list] ";"; IMAP marks
                    // its start with the name as mailbox and a NIL host (RFC 3501 §7.4.2).
                    m_out.append({QByteArray(), QByteArray(), nonNull(phrase(m_words)),
                                  QByteArray()});
                    m_inGroup = true;
                }
                m_words.clear();
            } else if (t.is(',')) {
                ++m_i;
                bareWords();
            } else if (t.is(';')) {
                ++m_i;
                bareWords();
                endGroup();
            } else {
                ++m_i; // a stray ">"
            }
        }
        bareWords();
        endGroup();
        return m_out;
    }

private:
    bool atSeparator() const
    {
        return m_i >= m_tokens.size() || m_tokens.at(m_i).is(',') || m_tokens.at(m_i).is(';');
    }

    void endGroup()
    {
        if (m_inGroup)
            m_out.append(Address{});
        m_inGroup = false;
    }

    // Words with no "@" and no "<" (a bare "Doe" from an unquoted "Doe, John <j@x>", or a
    // lone local name): kept as a mailbox with an empty host rather than dropped; the host
    // cannot be NIL, which would make it a group marker.
    void bareWords()
    {
        if (m_words.isEmpty())
            return;
        m_out.append({QByteArray(), QByteArray(), nonNull(phrase(m_words)), QByteArray("", 0)});
        m_words.clear();
    }

    // After an address, skip to the next separator; a comment there becomes the display name
    // when the address has none ("user@example.com (Real Name)").
    void trailer(bool appended)
    {
        while (!atSeparator()) {
            const Token &t = m_tokens.at(m_i++);
            if (appended && t.kind == Token::Comment && m_out.last().name.isNull()) {
                const QByteArray comment = t.text.trimmed();
                if (!comment.isEmpty())
                    m_out.last().name = comment;
            }
        }
    }

    // Tokens up to `stop`, comments left out (the last one is kept in `comment`, if given).
    QList<const Token *> collect(bool (*stop)(const Token &), QByteArray *comment = nullptr)
    {
        QList<const Token *> out;
        while (m_i < m_tokens.size() && !stop(m_tokens.at(m_i))) {
            const Token &t = m_tokens.at(m_i++);
            if (t.kind != Token::Comment)
                out.append(&t);
            else if (comment && !t.text.trimmed().isEmpty())
                *comment = t.text.trimmed();
        }
        return out;
    }

    // angle-addr = "<" [obs-route] addr-spec ">" (RFC 2822 §3.4, §4.4); `m_i` is past "<".
    void angleAddress()
    {
        const QByteArray name = phrase(m_words);
        m_words.clear();
        QByteArray adl;
        if (m_i < m_tokens.size() && m_tokens.at(m_i).is('@')) {
            // obs-route "@a,@b:" — only if its ":" comes before the ">".
            qsizetype j = m_i;
            while (j < m_tokens.size() && !m_tokens.at(j).is(':') && !m_tokens.at(j).is('>'))
                ++j;
            if (j < m_tokens.size() && m_tokens.at(j).is(':')) {
                for (qsizetype k = m_i; k < j; ++k) {
                    const Token &t = m_tokens.at(k);
                    if (t.kind != Token::Comment)
                        adl += t.kind == Token::Special ? QByteArray(1, t.special) : t.text;
                }
                m_i = j + 1;
            }
        }
        const auto local = collect([](const Token &t) {
            return t.is('@') || t.is('>') || t.is(',') || t.is(';') || t.is('<');
        });
        QByteArray host;
        bool haveHost = false;
        if (m_i < m_tokens.size() && m_tokens.at(m_i).is('@')) {
            ++m_i;
            host = joined(collect([](const Token &t) {
                return t.is('>') || t.is(',') || t.is(';') || t.is('<');
            }));
            haveHost = true;
        }
        if (m_i < m_tokens.size() && m_tokens.at(m_i).is('>'))
            ++m_i;
        // "<>" with no name carries nothing worth an address structure.
        if (local.isEmpty() && !haveHost && name.isNull() && adl.isNull()) {
            trailer(false);
            return;
        }
        m_out.append({name, adl.isEmpty() ? QByteArray() : adl, joined(local),
                      haveHost ? nonNull(host) : QByteArray("", 0)});
        trailer(true);
    }

    // addr-spec = local-part "@" domain, without angle brackets; `m_i` is past "@".
    void addrSpec()
    {
        const QByteArray local = joined(m_words);
        m_words.clear();
        // The comment after the domain is the classic "user@host (Real Name)" display name.
        QByteArray comment;
        const QByteArray host = joined(collect(
            [](const Token &t) {
                return t.is(',') || t.is(';') || t.is('<') || t.is('>') || t.is('@')
                    || t.is(':');
            },
            &comment));
        m_out.append({comment, QByteArray(), local, host});
        trailer(true);
    }

    QList<Token> m_tokens;
    qsizetype m_i = 0;
    QList<const Token *> m_words;
    QList<Address> m_out;
    bool m_inGroup = false;
};

// ---- Envelope (RFC 3501 §7.4.2) -------------------------------------------------------------

struct EnvelopeBuilder
{
    Envelope envelope;
    bool haveFrom = false, haveSender = false, haveReplyTo = false, haveTo = false,
         haveCc = false, haveBcc = false;

    static QByteArray text(QByteArrayView value)
    {
        return nonNull(HeaderDecoder::unfold(value).trimmed());
    }

    void addresses(QList<Address> &list, bool &have, QByteArrayView value)
    {
        if (have)
            return;
        have = true;
        list = MimeParser::parseAddresses(value);
    }

    // Takes the first occurrence of each envelope field; later duplicates are ignored.
    void take(QByteArrayView name, QByteArrayView value)
    {
        if (equalsNoCase(name, "date")) {
            if (envelope.date.isNull())
                envelope.date = text(value);
        } else if (equalsNoCase(name, "subject")) {
            if (envelope.subject.isNull())
                envelope.subject = text(value);
        } else if (equalsNoCase(name, "from")) {
            addresses(envelope.from, haveFrom, value);
        } else if (equalsNoCase(name, "sender")) {
            addresses(envelope.sender, haveSender, value);
        } else if (equalsNoCase(name, "reply-to")) {
            addresses(envelope.replyTo, haveReplyTo, value);
        } else if (equalsNoCase(name, "to")) {
            addresses(envelope.to, haveTo, value);
        } else if (equalsNoCase(name, "cc")) {
            addresses(envelope.cc, haveCc, value);
        } else if (equalsNoCase(name, "bcc")) {
            addresses(envelope.bcc, haveBcc, value);
        } else if (equalsNoCase(name, "in-reply-to")) {
            if (envelope.inReplyTo.isNull())
                envelope.inReplyTo = text(value);
        } else if (equalsNoCase(name, "message-id")) {
            if (envelope.messageId.isNull())
                envelope.messageId = text(value);
        }
    }

    Envelope finish()
    {
        // "If the Sender or Reply-To lines are absent in the [RFC-2822] header, or are present
        // but empty, the server sets the corresponding member of the envelope to be the same
        // value as the from member" (RFC 3501 §7.4.2).
        if (envelope.sender.isEmpty())
            envelope.sender = envelope.from;
        if (envelope.replyTo.isEmpty())
            envelope.replyTo = envelope.from;
        return std::move(envelope);
    }
};

// ---- The structure parser -------------------------------------------------------------------

void makeDefaultText(MessagePart &part)
{
    // RFC 2045 §5.2: "Content-type: text/plain; charset=us-ascii" is the default. The value
    // is spelt as in RFC 3501's examples, ("CHARSET" "US-ASCII"); charsets are case-insensitive.
    part.type = QByteArrayLiteral("text");
    part.subtype = QByteArrayLiteral("plain");
    part.parameters = {{QByteArrayLiteral("charset"), QByteArrayLiteral("US-ASCII")}};
}

void makeOpaque(MessagePart &part)
{
    part.type = QByteArrayLiteral("application");
    part.subtype = QByteArrayLiteral("octet-stream");
    part.parameters.clear();
}

// RFC 2045 §6.4 and RFC 2046 §5.2.1: a message/rfc822 body may only be 7bit, 8bit or binary;
// anything else is encoded text we do not open.
bool isIdentityEncoding(const QByteArray &encoding)
{
    return encoding == "7bit" || encoding == "8bit" || encoding == "binary";
}

class StructureParser
{
public:
    explicit StructureParser(const QByteArray &message)
        : m_data(message.constData()), m_size(message.size())
    {
    }

    MessageStructure run()
    {
        pushFrame(0, 0, true, false);
        qint64 pos = 0;
        while (pos < m_size) {
            if (m_stack.last().state != State::Header && m_boundaries.isEmpty()) {
                // No boundary is awaited, so only the end of the message ends this part:
                // count the remaining lines and stop.
                m_line += std::count(m_data + pos, m_data + m_size, '\n');
                pos = m_size;
                break;
            }
            const char *nl
                = static_cast<const char *>(std::memchr(m_data + pos, '\n', size_t(m_size - pos)));
            const qint64 lineEnd = nl ? nl - m_data + 1 : m_size;
            qint64 contentEnd = nl ? nl - m_data : m_size;
            if (nl && contentEnd > pos && m_data[contentEnd - 1] == '\r')
                --contentEnd;

            bool delimiter = false;
            if (!m_boundaries.isEmpty() && contentEnd - pos >= 2 && m_data[pos] == '-'
                && m_data[pos + 1] == '-')
                delimiter = boundaryLine(pos, contentEnd, lineEnd);
            if (!delimiter && nl && contentEnd == pos
                && m_stack.last().state == State::Header) {
                // The empty line that ends a header (RFC 2822 §2.1); it belongs to the header.
                Frame &f = m_stack.last();
                f.part.bodyStart = lineEnd;
                f.bodyStartLine = m_line + 1;
                if (finishHeader(f, false))
                    pushFrame(lineEnd, f.depth + 1, true, false);
            }
            m_prevContentEnd = contentEnd;
            pos = lineEnd;
            if (nl)
                ++m_line;
        }
        while (!m_stack.isEmpty())
            closeTop(m_size, m_line);
        return std::move(m_result);
    }

private:
    enum class State {
        Header,    // reading the part's header
        Leaf,      // a body nobody looks into
        Multipart, // preamble, body parts, epilogue (RFC 2046 §5.1.1)
        Message,   // message/rfc822: the encapsulated message is the frame above
    };

    struct Frame
    {
        MessagePart part;
        Envelope envelope; // for the root and encapsulated messages
        State state = State::Header;
        int depth = 0;
        bool isMessage = false; // an RFC 2822 message header: parse the envelope too
        bool inDigest = false;  // default type message/rfc822 (RFC 2046 §5.1.5)
        bool boundaryActive = false;
        QByteArray boundary;
        qint64 bodyStartLine = 0; // line index at bodyStart
    };

    void pushFrame(qint64 headerStart, int depth, bool isMessage, bool inDigest)
    {
        ++m_parts;
        Frame f;
        f.part.headerStart = headerStart;
        f.part.bodyStart = headerStart;
        f.part.bodyEnd = headerStart;
        f.depth = depth;
        f.isMessage = isMessage;
        f.inDigest = inDigest;
        m_stack.append(std::move(f));
    }

    // Reads the header [headerStart, bodyStart) and decides how to read the body. `forced`:
    // the part ends here, without a body. Returns true when an encapsulated message starts at
    // bodyStart (the caller pushes its frame).
    bool finishHeader(Frame &f, bool forced)
    {
        applyHeader(f, QByteArrayView(m_data + f.part.headerStart,
                                      f.part.bodyStart - f.part.headerStart));
        MessagePart &part = f.part;
        bool encapsulated = false;
        f.state = State::Leaf;
        if (part.isMultipart()) {
            QByteArray boundary = part.parameter("boundary");
            // RFC 2046 §5.1.1: a boundary never ends in a blank, and delimiter lines are
            // compared without their trailing blanks.
            while (!boundary.isEmpty() && isBlank(boundary.back()))
                boundary.chop(1);
            if (f.depth >= MimeParser::MaxDepth) {
                makeOpaque(part);
            } else if (boundary.isEmpty()) {
                // RFC 2046 §5.1.1 makes the boundary mandatory; without one there are no body
                // parts to find, so the body is read as the text it is.
                makeDefaultText(part);
            } else {
                f.state = State::Multipart;
                if (!forced) {
                    f.boundary = boundary;
                    f.boundaryActive = true;
                    ++m_boundaries[QByteArrayView(f.boundary)];
                }
            }
        } else if (part.isMessageRfc822()) {
            if (f.depth >= MimeParser::MaxDepth || m_parts >= MimeParser::MaxParts
                || !isIdentityEncoding(part.encoding)) {
                // RFC 3501 §9 body-type-basic: "MESSAGE subtype MUST NOT be RFC822", so a
                // message we do not open cannot keep its type.
                makeOpaque(part);
            } else {
                f.state = State::Message;
                encapsulated = !forced;
            }
        }
        return encapsulated;
    }

    void applyHeader(Frame &f, QByteArrayView header)
    {
        MessagePart &part = f.part;
        EnvelopeBuilder envelope;
        bool haveType = false, haveEncoding = false, haveId = false, haveDescription = false,
             haveMd5 = false, haveDisposition = false, haveLanguage = false,
             haveLocation = false;
        std::optional<ContentType> contentType;
        qsizetype pos = 0;
        HeaderDecoder::Field field;
        while (HeaderDecoder::nextField(header, pos, field)) {
            const QByteArrayView name = field.name;
            if (name.size() > 8 && name.first(8).compare("content-", Qt::CaseInsensitive) == 0) {
                const QByteArrayView what = name.sliced(8);
                // Structured MIME fields: comments and folding are handled by the lexer, which
                // treats CR and LF as white space. The first occurrence of each wins.
                if (equalsNoCase(what, "type")) {
                    if (!haveType)
                        contentType = parseContentType(field.value);
                    haveType = true;
                } else if (equalsNoCase(what, "transfer-encoding")) {
                    if (!haveEncoding) {
                        const QByteArray encoding = parseSingleToken(field.value).toLower();
                        if (!encoding.isEmpty())
                            part.encoding = encoding;
                    }
                    haveEncoding = true;
                } else if (equalsNoCase(what, "id")) {
                    if (!haveId)
                        part.contentId = EnvelopeBuilder::text(field.value);
                    haveId = true;
                } else if (equalsNoCase(what, "description")) {
                    if (!haveDescription)
                        part.description = EnvelopeBuilder::text(field.value);
                    haveDescription = true;
                } else if (equalsNoCase(what, "md5")) {
                    if (!haveMd5)
                        part.md5 = EnvelopeBuilder::text(field.value);
                    haveMd5 = true;
                } else if (equalsNoCase(what, "disposition")) {
                    if (!haveDisposition)
                        parseDisposition(field.value, part);
                    haveDisposition = true;
                } else if (equalsNoCase(what, "language")) {
                    if (!haveLanguage)
                        part.language = parseLanguages(field.value);
                    haveLanguage = true;
                } else if (equalsNoCase(what, "location")) {
                    if (!haveLocation)
                        part.location = EnvelopeBuilder::text(field.value);
                    haveLocation = true;
                }
            } else if (f.isMessage && !name.isEmpty()) {
                envelope.take(name, field.value);
            }
        }
        if (contentType) {
            part.type = std::move(contentType->type);
            part.subtype = std::move(contentType->subtype);
            part.parameters = std::move(contentType->parameters);
        } else if (f.inDigest) {
            // RFC 2046 §5.1.5: in a digest the default is message/rfc822.
            part.type = QByteArrayLiteral("message");
            part.subtype = QByteArrayLiteral("rfc822");
            part.parameters.clear();
        } else {
            // RFC 2045 §5.2: no Content-Type, or a syntactically invalid one.
            makeDefaultText(part);
        }
        if (f.isMessage)
            f.envelope = envelope.finish();
    }

    // A line starting with "--": a boundary delimiter of an open multipart? RFC 2046 §5.1.1
    // allows trailing blanks after it; the close delimiter adds "--". Any open multipart's
    // boundary ends every part inside it (§5.1.2), so a missing close delimiter in a nested
    // multipart costs nothing.
    bool boundaryLine(qint64 lineStart, qint64 contentEnd, qint64 lineEnd)
    {
        QByteArrayView rest(m_data + lineStart + 2, contentEnd - lineStart - 2);
        while (!rest.isEmpty() && isBlank(rest.back()))
            rest.chop(1);
        bool close = false;
        auto it = m_boundaries.constFind(rest);
        if (it == m_boundaries.cend() && rest.endsWith("--")) {
            it = m_boundaries.constFind(rest.chopped(2));
            close = true;
        }
        if (it == m_boundaries.cend())
            return false;
        // Past the part budget a delimiter opens nothing: it stays in the current part's body.
        if (!close && m_parts >= MimeParser::MaxParts)
            return false;
        const QByteArray key = it.key().toByteArray();
        qsizetype k = m_stack.size() - 1;
        while (k >= 0 && !(m_stack.at(k).boundaryActive && m_stack.at(k).boundary == key))
            --k;
        if (k < 0)
            return false;
        // Everything inside that multipart ends where the delimiter's line break starts: the
        // CRLF before "--boundary" belongs to the delimiter (RFC 2046 §5.1.1).
        while (m_stack.size() - 1 > k)
            closeTop(m_prevContentEnd, m_line - 1);
        Frame &f = m_stack[k];
        if (close)
            deactivate(f); // what follows is the epilogue, which is ignored
        else
            pushFrame(lineEnd, f.depth + 1, false, f.part.subtype == "digest");
        return true;
    }

    void deactivate(Frame &f)
    {
        if (!f.boundaryActive)
            return;
        f.boundaryActive = false;
        const auto it = m_boundaries.find(QByteArrayView(f.boundary));
        if (it != m_boundaries.end() && --it.value() <= 0)
            m_boundaries.erase(it);
    }

    // Ends the innermost open part at `end` (line index `endLine`) and hands it to its parent.
    void closeTop(qint64 end, qint64 endLine)
    {
        Frame f = m_stack.takeLast();
        MessagePart &part = f.part;
        if (end < part.headerStart) {
            // A delimiter line directly followed by another delimiter ("--a CRLF --b"): the
            // line break between them belongs to the second one (RFC 2046 §5.1.1), so the part
            // the first one opened is empty and sits where its parent's body ends.
            part.headerStart = end;
        }
        if (f.state == State::Header) {
            // No blank line: the header runs to the end and there is no body (RFC 3501
            // §6.4.5: "a message which has no body and no blank line").
            part.bodyStart = std::max(end, part.headerStart);
            part.bodyEnd = part.bodyStart;
            finishHeader(f, true);
        } else if (end >= part.bodyStart) {
            part.bodyEnd = end;
            if (part.bodyEnd > part.bodyStart) {
                // Line breaks inside the body, plus the last line if it has none.
                part.bodyLines = endLine - f.bodyStartLine
                    + (m_data[part.bodyEnd - 1] != '\n' ? 1 : 0);
            }
        } else {
            // The delimiter's own line break (RFC 2046 §5.1.1) was the blank line that seemed
            // to end this header: the part has a header without blank line and no body.
            part.bodyStart = std::max(end, part.headerStart);
            part.bodyEnd = part.bodyStart;
            part.bodyLines = 0;
            if (part.message && part.message->root.headerStart != part.bodyStart)
                part.message.reset(); // it began after the end: an empty one replaces it
        }
        if (f.state == State::Multipart) {
            deactivate(f);
            // RFC 3501 §9 body-type-mpart needs at least one body: a multipart in which no
            // delimiter was found is its own text.
            if (part.children.isEmpty())
                makeDefaultText(part);
        } else if (f.state == State::Message && !part.message) {
            // Ended before the encapsulated message began: an empty one, so that the
            // body-type-msg form still has its envelope and body.
            auto empty = std::make_shared<MessageStructure>();
            empty->root.headerStart = empty->root.bodyStart = empty->root.bodyEnd
                = part.bodyStart;
            makeDefaultText(empty->root);
            part.message = std::move(empty);
        }

        if (m_stack.isEmpty()) {
            m_result.root = std::move(f.part);
            m_result.envelope = std::move(f.envelope);
            return;
        }
        Frame &parent = m_stack.last();
        if (parent.state == State::Message) {
            auto message = std::make_shared<MessageStructure>();
            message->root = std::move(f.part);
            message->envelope = std::move(f.envelope);
            parent.part.message = std::move(message);
        } else {
            parent.part.children.append(std::move(f.part));
        }
    }

    const char *m_data;
    qint64 m_size;
    QList<Frame> m_stack;
    // Active boundaries (a count, since a careless sender may reuse one when nesting); the
    // views point into the frames' boundary arrays, whose storage does not move.
    QHash<QByteArrayView, int> m_boundaries;
    qint64 m_parts = 0;          // parts opened so far, the root included
    qint64 m_line = 0;           // index of the current line: line breaks before it
    qint64 m_prevContentEnd = 0; // where the previous line's line break starts
    MessageStructure m_result;
};

} // namespace

MessageStructure MimeParser::parse(const QByteArray &message)
{
    return StructureParser(message).run();
}

Envelope MimeParser::parseEnvelope(QByteArrayView header)
{
    EnvelopeBuilder builder;
    qsizetype pos = 0;
    HeaderDecoder::Field field;
    while (HeaderDecoder::nextField(header, pos, field)) {
        if (!field.name.isEmpty())
            builder.take(field.name, field.value);
    }
    return builder.finish();
}

QList<Address> MimeParser::parseAddresses(QByteArrayView value)
{
    return AddressListParser(value).run();
}

} // namespace qimapd
