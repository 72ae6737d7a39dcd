#include "HeaderDecoder.h"

#include <QStringDecoder>

#include <cstring>
#include <map>

namespace qimapd {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isWhitespace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

// The position of the first `c` in [from, to), or `to`; memchr so that long headers and
// bodies are scanned at memory speed.
qsizetype find(QByteArrayView v, char c, qsizetype from, qsizetype to)
{
    if (from >= to)
        return to;
    const void *hit = std::memchr(v.data() + from, c, size_t(to - from));
    return hit ? static_cast<const char *>(hit) - v.data() : to;
}

// A present-but-empty value must stay distinguishable from an absent one (RFC 3501 §7.4.2).
QByteArray nonNull(QByteArray value)
{
    if (value.isNull())
        return QByteArray("", 0);
    return value;
}

// Undeclared or unusable charsets: what 8-bit mail in the wild is, in practice.
QString guessText(QByteArrayView bytes)
{
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = utf8.decode(bytes);
    if (!utf8.hasError())
        return text;
    QStringDecoder cp1252("windows-1252");
    if (cp1252.isValid())
        return cp1252.decode(bytes);
    return QString::fromLatin1(bytes);
}

bool isAsciiCharset(QByteArrayView charset)
{
    return charset.compare("us-ascii", Qt::CaseInsensitive) == 0
        || charset.compare("ascii", Qt::CaseInsensitive) == 0;
}

// RFC 2047 §4.2 "Q": like quoted-printable, with "_" for a space.
QByteArray decodeQ(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == '_') {
            out += ' ';
        } else if (c == '=' && i + 2 < text.size() && hexValue(text.at(i + 1)) >= 0
                   && hexValue(text.at(i + 2)) >= 0) {
            out += char(hexValue(text.at(i + 1)) * 16 + hexValue(text.at(i + 2)));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

// One RFC 2047 §2 encoded word, "=?charset?encoding?encoded-text?=".
struct EncodedWord
{
    QByteArray charset;
    QByteArray bytes;
    qsizetype end = 0; // just past "?="
};

// Parses the word starting at `start` ("=?"). Every scan stops at the next "?" or "=", so a
// failed attempt never reads past the next candidate and the whole decode stays linear.
std::optional<EncodedWord> parseEncodedWord(QByteArrayView s, qsizetype start)
{
    const qsizetype n = s.size();
    qsizetype i = start + 2;
    while (i < n && s.at(i) != '?' && s.at(i) != '=' && !isWhitespace(s.at(i)))
        ++i;
    if (i >= n || s.at(i) != '?' || i == start + 2)
        return std::nullopt;
    QByteArrayView charset = s.sliced(start + 2, i - start - 2);
    // RFC 2231 §5: "charset*language".
    if (const qsizetype star = charset.indexOf('*'); star >= 0)
        charset = charset.first(star);
    if (charset.isEmpty() || i + 2 >= n || s.at(i + 2) != '?')
        return std::nullopt;
    const char encoding = s.at(i + 1);
    const qsizetype textStart = i + 3;
    qsizetype j = textStart;
    while (j < n && s.at(j) != '?' && !isWhitespace(s.at(j)))
        ++j;
    if (j + 1 >= n || s.at(j) != '?' || s.at(j + 1) != '=')
        return std::nullopt;
    const QByteArrayView text = s.sliced(textStart, j - textStart);

    EncodedWord word;
    word.charset = charset.toByteArray();
    word.end = j + 2;
    if (encoding == 'B' || encoding == 'b') {
        auto result = QByteArray::fromBase64Encoding(text.toByteArray(),
                                                     QByteArray::AbortOnBase64DecodingErrors);
        if (result.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
            return std::nullopt;
        word.bytes = std::move(result.decoded);
    } else if (encoding == 'Q' || encoding == 'q') {
        word.bytes = decodeQ(text);
    } else {
        return std::nullopt;
    }
    return word;
}

bool isAllWhitespace(QByteArrayView v)
{
    for (char c : v) {
        if (!isWhitespace(c))
            return false;
    }
    return true;
}

QByteArray percentDecode(QByteArrayView v)
{
    QByteArray out;
    out.reserve(v.size());
    for (qsizetype i = 0; i < v.size(); ++i) {
        if (v.at(i) == '%' && i + 2 < v.size() && hexValue(v.at(i + 1)) >= 0
            && hexValue(v.at(i + 2)) >= 0) {
            out += char(hexValue(v.at(i + 1)) * 16 + hexValue(v.at(i + 2)));
            i += 2;
        } else {
            out += v.at(i);
        }
    }
    return out;
}

// RFC 2231 §4: charset'language'value, where charset and language may be empty. A value
// without the two quotes is taken as percent-encoded text with no charset.
void splitExtendedValue(QByteArrayView v, QByteArray &charset, QByteArrayView &rest)
{
    const qsizetype q1 = v.indexOf('\'');
    const qsizetype q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
    if (q2 < 0) {
        rest = v;
        return;
    }
    charset = v.first(q1).toByteArray();
    rest = v.sliced(q2 + 1);
}

} // namespace

bool HeaderDecoder::nextField(QByteArrayView header, qsizetype &pos, Field &field)
{
    const qsizetype n = header.size();
    if (pos >= n)
        return false;
    const auto lineAt = [&](qsizetype from, qsizetype &contentEnd) {
        const qsizetype nl = find(header, '\n', from, n);
        contentEnd = nl;
        if (contentEnd > from && header.at(contentEnd - 1) == '\r')
            --contentEnd;
        return nl < n ? nl + 1 : n;
    };
    qsizetype contentEnd = 0;
    qsizetype lineEnd = lineAt(pos, contentEnd);
    if (contentEnd == pos && lineEnd > contentEnd)
        return false; // the empty line that ends the header (RFC 2822 §2.1)

    field = Field();
    field.start = pos;
    // A line that starts with a blank here has no field to continue: it is kept, nameless.
    const qsizetype colon = isBlank(header.at(pos)) ? contentEnd
                                                    : find(header, ':', pos, contentEnd);
    qsizetype valueStart = pos;
    if (colon < contentEnd) {
        qsizetype nameEnd = colon;
        while (nameEnd > pos && isBlank(header.at(nameEnd - 1)))
            --nameEnd;
        field.name = header.sliced(pos, nameEnd - pos);
        valueStart = colon + 1;
    }
    qsizetype valueEnd = contentEnd;
    pos = lineEnd;
    // Folded continuation lines (RFC 2822 §2.2.3).
    while (pos < n && isBlank(header.at(pos))) {
        lineEnd = lineAt(pos, contentEnd);
        valueEnd = contentEnd;
        pos = lineEnd;
    }
    field.end = pos;
    field.value = header.sliced(valueStart, valueEnd - valueStart);
    return true;
}

QList<HeaderDecoder::Field> HeaderDecoder::fields(QByteArrayView header)
{
    QList<Field> out;
    qsizetype pos = 0;
    Field field;
    while (nextField(header, pos, field))
        out.append(field);
    return out;
}

QByteArray HeaderDecoder::unfold(QByteArrayView value)
{
    QByteArray out;
    out.reserve(value.size());
    const qsizetype n = value.size();
    qsizetype pos = 0;
    while (pos < n) {
        const qsizetype nl = find(value, '\n', pos, n);
        if (nl == n) {
            out.append(value.sliced(pos));
            break;
        }
        const qsizetype breakStart = nl > pos && value.at(nl - 1) == '\r' ? nl - 1 : nl;
        out.append(value.sliced(pos, breakStart - pos));
        // A line break followed by a blank is folding and goes; a final one goes too; any
        // other (not produced by fields()) is kept.
        if (nl + 1 < n && !isBlank(value.at(nl + 1)))
            out.append(value.sliced(breakStart, nl + 1 - breakStart));
        pos = nl + 1;
    }
    return out;
}

QList<QByteArray> HeaderDecoder::values(QByteArrayView header, QByteArrayView name)
{
    QList<QByteArray> out;
    qsizetype pos = 0;
    Field f;
    while (nextField(header, pos, f)) {
        if (!f.name.isEmpty() && f.name.compare(name, Qt::CaseInsensitive) == 0)
            out.append(nonNull(unfold(f.value).trimmed()));
    }
    return out;
}

QByteArray HeaderDecoder::value(QByteArrayView header, QByteArrayView name)
{
    qsizetype pos = 0;
    Field f;
    while (nextField(header, pos, f)) {
        if (!f.name.isEmpty() && f.name.compare(name, Qt::CaseInsensitive) == 0)
            return nonNull(unfold(f.value).trimmed());
    }
    return {};
}

QString HeaderDecoder::decodeWords(QByteArrayView text)
{
    QString out;
    QByteArray pending; // bytes of adjacent encoded words in pendingCharset, not yet decoded
    QByteArray pendingCharset;
    bool lastWasWord = false;

    const auto flush = [&] {
        if (pendingCharset.isNull())
            return;
        out += toUnicode(pending, pendingCharset);
        pending.clear();
        pendingCharset = QByteArray();
    };

    const qsizetype n = text.size();
    qsizetype plainStart = 0;
    qsizetype pos = 0;
    while (pos + 1 < n) {
        const qsizetype candidate = text.indexOf("=?", pos);
        if (candidate < 0)
            break;
        auto word = parseEncodedWord(text, candidate);
        if (!word) {
            pos = candidate + 1;
            continue;
        }
        QStringDecoder probe(word->charset.constData());
        if (!probe.isValid() && !isAsciiCharset(word->charset)) {
            pos = candidate + 1; // unknown charset: leave the word as it is
            continue;
        }
        const QByteArrayView gap = text.sliced(plainStart, candidate - plainStart);
        // RFC 2047 §6.2: linear white space between adjacent encoded words is ignored.
        if (!(lastWasWord && isAllWhitespace(gap))) {
            flush();
            out += guessText(gap);
        }
        if (pendingCharset.isNull() || pendingCharset.compare(word->charset, Qt::CaseInsensitive) != 0) {
            flush();
            pendingCharset = word->charset;
        }
        pending += word->bytes;
        lastWasWord = true;
        plainStart = pos = word->end;
    }
    flush();
    out += guessText(text.sliced(plainStart));
    return out;
}

QByteArray HeaderDecoder::decodeQuotedPrintable(QByteArrayView body)
{
    QByteArray out;
    out.reserve(body.size());
    const qsizetype n = body.size();
    qsizetype pos = 0;
    while (pos < n) {
        const qsizetype nl = find(body, '\n', pos, n);
        const qsizetype lineEnd = nl < n ? nl + 1 : n;
        qsizetype contentEnd = nl;
        if (contentEnd > pos && body.at(contentEnd - 1) == '\r')
            --contentEnd;
        // RFC 2045 §6.7 (3): trailing blanks are transport padding and must be deleted.
        qsizetype e = contentEnd;
        while (e > pos && isBlank(body.at(e - 1)))
            --e;
        // Rule (5): "=" at the end of a line is a soft line break.
        const bool soft = e > pos && body.at(e - 1) == '=';
        if (soft)
            --e;
        for (qsizetype i = pos; i < e; ++i) {
            const char c = body.at(i);
            if (c == '=' && i + 2 < e && hexValue(body.at(i + 1)) >= 0
                && hexValue(body.at(i + 2)) >= 0) {
                out += char(hexValue(body.at(i + 1)) * 16 + hexValue(body.at(i + 2)));
                i += 2;
            } else {
                out += c; // a malformed "=" stays, as RFC 2045 §6.7 suggests
            }
        }
        if (!soft && nl < n)
            out.append(body.sliced(contentEnd, lineEnd - contentEnd));
        pos = lineEnd;
    }
    return out;
}

QByteArray HeaderDecoder::decodeBase64(QByteArrayView body)
{
    // Without AbortOnBase64DecodingErrors Qt skips characters outside the alphabet, which is
    // the tolerance RFC 2045 §6.8 asks for ("must be ignored").
    return QByteArray::fromBase64(body.toByteArray());
}

QByteArray HeaderDecoder::decodeTransferEncoding(QByteArrayView body, QByteArrayView encoding)
{
    const QByteArrayView e = encoding.trimmed();
    if (e.compare("quoted-printable", Qt::CaseInsensitive) == 0)
        return decodeQuotedPrintable(body);
    if (e.compare("base64", Qt::CaseInsensitive) == 0)
        return decodeBase64(body);
    return body.toByteArray();
}

QString HeaderDecoder::toUnicode(QByteArrayView bytes, QByteArrayView charset)
{
    const QByteArray name = charset.trimmed().toByteArray();
    // us-ascii is the RFC 2045 default and the most common mislabel of 8-bit text.
    if (name.isEmpty() || isAsciiCharset(name))
        return guessText(bytes);
    QStringDecoder decoder(name.constData());
    if (!decoder.isValid())
        return guessText(bytes);
    return decoder.decode(bytes);
}

QString HeaderDecoder::decodeBody(QByteArrayView body, QByteArrayView encoding,
                                  QByteArrayView charset)
{
    return toUnicode(decodeTransferEncoding(body, encoding), charset);
}

QString HeaderDecoder::parameterValue(const QList<MessagePart::Parameter> &parameters,
                                      QByteArrayView name)
{
    const QByteArray base = name.toByteArray().toLower();
    const QByteArray extended = base + '*';

    // RFC 2231 §4: name*=charset'language'percent-encoded
    for (const auto &p : parameters) {
        if (p.name == extended) {
            QByteArray charset;
            QByteArrayView rest;
            splitExtendedValue(p.value, charset, rest);
            return toUnicode(percentDecode(rest), charset);
        }
    }

    // RFC 2231 §3 and §4.1: name*0, name*1*, … in any order in the header, joined in order.
    std::map<int, const MessagePart::Parameter *> segments;
    for (const auto &p : parameters) {
        if (!p.name.startsWith(extended) || p.name.size() == extended.size())
            continue;
        QByteArrayView suffix = QByteArrayView(p.name).sliced(extended.size());
        if (suffix.endsWith('*'))
            suffix.chop(1);
        bool ok = false;
        const int index = suffix.toByteArray().toInt(&ok);
        if (ok && index >= 0 && !suffix.startsWith('+') && !suffix.startsWith('-'))
            segments.emplace(index, &p); // the first of duplicates wins
    }
    if (!segments.empty() && segments.begin()->first == 0) {
        QByteArray bytes;
        QByteArray charset;
        int expected = 0;
        for (const auto &[index, p] : segments) {
            if (index != expected)
                break; // a gap ends the value
            ++expected;
            const bool isExtended = p->name.endsWith('*');
            QByteArrayView value = p->value;
            if (index == 0 && isExtended)
                splitExtendedValue(p->value, charset, value);
            bytes += isExtended ? percentDecode(value) : value.toByteArray();
        }
        return toUnicode(bytes, charset);
    }

    for (const auto &p : parameters) {
        if (p.name == base)
            return decodeWords(p.value);
    }
    return {};
}

} // namespace qimapd
