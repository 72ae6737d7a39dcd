#include "FetchFormat.h"

#include "ImapWire.h"
#include "mime/HeaderDecoder.h"

#include <algorithm>
#include <limits>

namespace qimapd::fetchformat {

namespace {

using Parameter = MessagePart::Parameter;

// body-fld-param = "(" string SP string *(SP string SP string) ")" / nil
void appendParameters(QByteArray &out, const QList<Parameter> &parameters)
{
    if (parameters.isEmpty()) {
        out += "NIL";
        return;
    }
    out += '(';
    for (qsizetype i = 0; i < parameters.size(); ++i) {
        if (i > 0)
            out += ' ';
        out += wire::string(parameters.at(i).name.toUpper());
        out += ' ';
        out += wire::string(parameters.at(i).value);
    }
    out += ')';
}

// body-fld-dsp = "(" string SP body-fld-param ")" / nil
void appendDisposition(QByteArray &out, const MessagePart &part)
{
    if (part.disposition.isNull()) {
        out += "NIL";
        return;
    }
    out += '(';
    out += wire::string(part.disposition.toUpper());
    out += ' ';
    appendParameters(out, part.dispositionParameters);
    out += ')';
}

// body-fld-lang = nstring / "(" string *(SP string) ")"; always the list form when present.
void appendLanguage(QByteArray &out, const MessagePart &part)
{
    if (part.language.isEmpty()) {
        out += "NIL";
        return;
    }
    out += '(';
    for (qsizetype i = 0; i < part.language.size(); ++i) {
        if (i > 0)
            out += ' ';
        out += wire::string(part.language.at(i));
    }
    out += ')';
}

// The disposition, language and location that end both body-ext-1part and body-ext-mpart.
void appendExtensionTail(QByteArray &out, const MessagePart &part)
{
    out += ' ';
    appendDisposition(out, part);
    out += ' ';
    appendLanguage(out, part);
    out += ' ';
    out += wire::nstring(part.location);
}

void appendAddressList(QByteArray &out, const QList<Address> &addresses)
{
    if (addresses.isEmpty()) {
        out += "NIL";
        return;
    }
    out += '(';
    for (const Address &a : addresses)
        out += address(a); // 1*address: no separator between them
    out += ')';
}

void appendEnvelope(QByteArray &out, const Envelope &e)
{
    out += '(';
    out += wire::nstring(e.date);
    out += ' ';
    out += wire::nstring(e.subject);
    out += ' ';
    appendAddressList(out, e.from);
    out += ' ';
    appendAddressList(out, e.sender);
    out += ' ';
    appendAddressList(out, e.replyTo);
    out += ' ';
    appendAddressList(out, e.to);
    out += ' ';
    appendAddressList(out, e.cc);
    out += ' ';
    appendAddressList(out, e.bcc);
    out += ' ';
    out += wire::nstring(e.inReplyTo);
    out += ' ';
    out += wire::nstring(e.messageId);
    out += ')';
}

void appendBody(QByteArray &out, const MessagePart &part, bool extensible)
{
    out += '(';
    if (part.isMultipart() && !part.children.isEmpty()) {
        // body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]
        for (const MessagePart &child : part.children)
            appendBody(out, child, extensible);
        out += ' ';
        out += wire::string(part.subtype.toUpper());
        if (extensible) {
            out += ' ';
            appendParameters(out, part.parameters);
            appendExtensionTail(out, part);
        }
        out += ')';
        return;
    }

    // body-fields = body-fld-param SP body-fld-id SP body-fld-desc SP body-fld-enc SP
    //               body-fld-octets
    out += wire::string(part.type.toUpper());
    out += ' ';
    out += wire::string(part.subtype.toUpper());
    out += ' ';
    appendParameters(out, part.parameters);
    out += ' ';
    out += wire::nstring(part.contentId);
    out += ' ';
    out += wire::nstring(part.description);
    out += ' ';
    out += wire::string(part.encoding.isEmpty() ? QByteArrayLiteral("7BIT")
                                                : part.encoding.toUpper());
    out += ' ';
    out += QByteArray::number(part.bodySize());
    if (part.isMessageRfc822()) {
        // body-type-msg: ... SP envelope SP body SP body-fld-lines. The parser always gives a
        // message/rfc822 part its message; an empty one stands in should a stored structure
        // lack it, since the grammar has no form without.
        static const MessageStructure none;
        const MessageStructure &message = part.message ? *part.message : none;
        out += ' ';
        appendEnvelope(out, message.envelope);
        out += ' ';
        appendBody(out, message.root, extensible);
        out += ' ';
        out += QByteArray::number(part.bodyLines);
    } else if (part.isText()) {
        // body-type-text: ... SP body-fld-lines
        out += ' ';
        out += QByteArray::number(part.bodyLines);
    }
    if (extensible) {
        // body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc]]]
        out += ' ';
        out += wire::nstring(part.md5);
        appendExtensionTail(out, part);
    }
    out += ')';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// header-fld-name = astring, without the literal form (see parseSection()).
std::optional<QByteArray> parseAstring(QByteArrayView s, qsizetype &i)
{
    const qsizetype n = s.size();
    if (i < n && s.at(i) == '"') {
        QByteArray out("", 0);
        ++i;
        while (i < n) {
            const char c = s.at(i++);
            if (c == '"')
                return out;
            if (c == '\\') {
                // QUOTED-CHAR allows a backslash only before a quoted-special.
                if (i >= n || (s.at(i) != '"' && s.at(i) != '\\'))
                    return std::nullopt;
                out += s.at(i++);
            } else if (c == '\r' || c == '\n' || c == 0) {
                return std::nullopt;
            } else {
                out += c;
            }
        }
        return std::nullopt;
    }
    const qsizetype start = i;
    while (i < n && wire::isAstringChar(s.at(i)))
        ++i;
    if (i == start)
        return std::nullopt;
    return s.sliced(start, i - start).toByteArray();
}

bool startsWithNoCase(QByteArrayView s, QByteArrayView prefix)
{
    return s.size() >= prefix.size() && s.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) == 0;
}

} // namespace

QByteArray address(const Address &a)
{
    QByteArray out;
    out += '(';
    out += wire::nstring(a.name);
    out += ' ';
    out += wire::nstring(a.adl);
    out += ' ';
    out += wire::nstring(a.mailbox);
    out += ' ';
    out += wire::nstring(a.host);
    out += ')';
    return out;
}

QByteArray addressList(const QList<Address> &addresses)
{
    QByteArray out;
    appendAddressList(out, addresses);
    return out;
}

QByteArray envelope(const Envelope &e)
{
    QByteArray out;
    appendEnvelope(out, e);
    return out;
}

QByteArray bodyStructure(const MessagePart &part, bool extensible)
{
    QByteArray out;
    appendBody(out, part, extensible);
    return out;
}

std::optional<Section> parseSection(QByteArrayView spec)
{
    Section section;
    const qsizetype n = spec.size();
    qsizetype i = 0;
    // section-part = nz-number *("." nz-number)
    while (i < n && isDigit(spec.at(i))) {
        if (spec.at(i) == '0')
            return std::nullopt; // nz-number: no zero, no leading zeros
        qint64 number = 0;
        while (i < n && isDigit(spec.at(i))) {
            number = number * 10 + (spec.at(i++) - '0');
            if (number > std::numeric_limits<int>::max())
                return std::nullopt;
        }
        section.part.append(int(number));
        if (i == n)
            return section;
        if (spec.at(i) != '.' || i + 1 == n)
            return std::nullopt;
        ++i;
    }

    const QByteArrayView rest = spec.sliced(i);
    if (rest.isEmpty())
        return section; // "" is the whole message
    if (rest.compare("HEADER", Qt::CaseInsensitive) == 0) {
        section.text = Section::Text::Header;
    } else if (rest.compare("TEXT", Qt::CaseInsensitive) == 0) {
        section.text = Section::Text::Text;
    } else if (rest.compare("MIME", Qt::CaseInsensitive) == 0) {
        // "The MIME part specifier MUST be prefixed by one or more numeric part specifiers."
        if (section.part.isEmpty())
            return std::nullopt;
        section.text = Section::Text::Mime;
    } else {
        qsizetype j = 0;
        if (startsWithNoCase(rest, "HEADER.FIELDS.NOT (")) {
            section.text = Section::Text::HeaderFieldsNot;
            j = 19;
        } else if (startsWithNoCase(rest, "HEADER.FIELDS (")) {
            section.text = Section::Text::HeaderFields;
            j = 15;
        } else {
            return std::nullopt;
        }
        // header-list = "(" header-fld-name *(SP header-fld-name) ")"
        while (true) {
            auto name = parseAstring(rest, j);
            if (!name)
                return std::nullopt;
            section.fields.append(*name);
            if (j < rest.size() && rest.at(j) == ' ') {
                ++j;
                continue;
            }
            if (j < rest.size() && rest.at(j) == ')' && j + 1 == rest.size())
                break;
            return std::nullopt;
        }
    }
    return section;
}

QByteArray sectionLabel(const Section &section)
{
    QByteArray out;
    for (qsizetype i = 0; i < section.part.size(); ++i) {
        if (i > 0)
            out += '.';
        out += QByteArray::number(section.part.at(i));
    }
    if (section.text == Section::Text::Body)
        return out;
    if (!out.isEmpty())
        out += '.';
    switch (section.text) {
    case Section::Text::Body:
        break;
    case Section::Text::Header:
        out += "HEADER";
        break;
    case Section::Text::Text:
        out += "TEXT";
        break;
    case Section::Text::Mime:
        out += "MIME";
        break;
    case Section::Text::HeaderFields:
    case Section::Text::HeaderFieldsNot:
        out += section.text == Section::Text::HeaderFields ? QByteArrayLiteral("HEADER.FIELDS (")
                                                           : QByteArrayLiteral("HEADER.FIELDS.NOT (");
        for (qsizetype i = 0; i < section.fields.size(); ++i) {
            if (i > 0)
                out += ' ';
            out += wire::astring(section.fields.at(i));
        }
        out += ')';
        break;
    }
    return out;
}

std::optional<ByteRange> sectionRange(const MessagePart &root, const Section &section)
{
    using Text = Section::Text;
    const auto header = [](const MessagePart &p) { return ByteRange{p.headerStart, p.bodyStart}; };
    const auto body = [](const MessagePart &p) { return ByteRange{p.bodyStart, p.bodyEnd}; };

    if (section.part.isEmpty()) {
        switch (section.text) {
        case Text::Body:
            return ByteRange{root.headerStart, root.bodyEnd}; // BODY[]: the entire message
        case Text::Header:
        case Text::HeaderFields:
        case Text::HeaderFieldsNot:
            return header(root);
        case Text::Text:
            return body(root);
        case Text::Mime:
            return std::nullopt;
        }
        return std::nullopt;
    }

    const MessagePart *part = root.partAt(section.part);
    if (!part)
        return std::nullopt;
    switch (section.text) {
    case Text::Body:
        return body(*part);
    case Text::Mime:
        // "The MIME part specifier refers to the [MIME-IMB] header for this part."
        return header(*part);
    case Text::Header:
    case Text::HeaderFields:
    case Text::HeaderFieldsNot:
    case Text::Text:
        // "... provided that the numeric part specifier refers to a part of type
        // MESSAGE/RFC822": these then address the encapsulated message.
        if (!part->isMessageRfc822() || !part->message)
            return std::nullopt;
        return section.text == Text::Text ? body(part->message->root)
                                          : header(part->message->root);
    }
    return std::nullopt;
}

QByteArray headerSubset(QByteArrayView header, const QList<QByteArray> &fields, bool exclude)
{
    const QList<HeaderDecoder::Field> all = HeaderDecoder::fields(header);
    QByteArray out;
    for (const HeaderDecoder::Field &f : all) {
        bool match = false;
        if (!f.name.isEmpty()) {
            for (const QByteArray &name : fields) {
                if (f.name.compare(name, Qt::CaseInsensitive) == 0
                    && f.name.size() == name.size()) {
                    match = true;
                    break;
                }
            }
        }
        if (match != exclude)
            out += header.sliced(f.start, f.end - f.start);
    }
    // What follows the last field is the blank line ending the header (absent only when the
    // message has no blank line at all).
    out += header.sliced(all.isEmpty() ? 0 : all.last().end);
    return out;
}

std::optional<QByteArray> sectionBytes(const QByteArray &message, const MessagePart &root,
                                       const Section &section)
{
    const auto range = sectionRange(root, section);
    if (!range)
        return std::nullopt;
    // Stored offsets are trusted, but never past the bytes at hand.
    const qint64 size = message.size();
    const qint64 start = std::clamp<qint64>(range->start, 0, size);
    const qint64 end = std::clamp<qint64>(range->end, start, size);
    if (section.text == Section::Text::HeaderFields
        || section.text == Section::Text::HeaderFieldsNot) {
        return headerSubset(QByteArrayView(message).sliced(start, end - start), section.fields,
                            section.text == Section::Text::HeaderFieldsNot);
    }
    if (start == 0 && end == size)
        return message; // shared, not copied
    return message.sliced(start, end - start);
}

std::optional<QByteArray> sectionBytes(const QByteArray &message, const MessagePart &root,
                                       QByteArrayView spec)
{
    const auto section = parseSection(spec);
    if (!section)
        return std::nullopt;
    return sectionBytes(message, root, *section);
}

} // namespace qimapd::fetchformat
