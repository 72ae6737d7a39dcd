#include "ImapWire.h"

namespace qimapd::wire {

namespace {
// Quoted strings longer than this go out as literals: some clients have small line buffers.
constexpr qsizetype MaxQuotedLength = 1024;

bool canQuote(const QByteArray &value)
{
    if (value.size() > MaxQuotedLength)
        return false;
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        // QUOTED-CHAR = <any TEXT-CHAR except quoted-specials> / "\" quoted-specials;
        // TEXT-CHAR excludes CR and LF, CHAR excludes NUL and 8-bit (RFC 3501 §9).
        if (c == 0 || c == '\r' || c == '\n' || c >= 0x80)
            return false;
    }
    return true;
}
} // namespace

bool isAtomChar(char ch)
{
    const auto c = static_cast<unsigned char>(ch);
    // ATOM-CHAR = <any CHAR except atom-specials>;
    // atom-specials = "(" / ")" / "{" / SP / CTL / list-wildcards / quoted-specials / resp-specials
    if (c <= 0x20 || c >= 0x7f)
        return false;
    switch (c) {
    case '(': case ')': case '{': case '%': case '*': case '"': case '\\': case ']':
        return false;
    default:
        return true;
    }
}

bool isAstringChar(char c)
{
    return isAtomChar(c) || c == ']';
}

bool isAtom(const QByteArray &value)
{
    if (value.isEmpty())
        return false;
    for (char c : value) {
        if (!isAtomChar(c))
            return false;
    }
    return true;
}

QByteArray string(const QByteArray &value)
{
    if (canQuote(value)) {
        QByteArray out;
        out.reserve(value.size() + 2);
        out += '"';
        for (char c : value) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        out += '"';
        return out;
    }
    return '{' + QByteArray::number(value.size()) + "}\r\n" + value;
}

QByteArray nstring(const QByteArray &value)
{
    if (value.isNull())
        return QByteArrayLiteral("NIL");
    return string(value);
}

QByteArray astring(const QByteArray &value)
{
    if (value.isEmpty())
        return string(value);
    for (char c : value) {
        if (!isAstringChar(c))
            return string(value);
    }
    // An atom spelt NIL would read as nil where a string is meant.
    if (value.compare("NIL", Qt::CaseInsensitive) == 0)
        return string(value);
    return value;
}

QByteArray mailbox(const QString &name)
{
    return astring(name.toUtf8());
}

} // namespace qimapd::wire
