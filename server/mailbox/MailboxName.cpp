#include "MailboxName.h"

#include <QList>

#include <vector>

using namespace Qt::StringLiterals;

namespace qimapd::mailboxname {

namespace {

const QString Inbox = u"INBOX"_s;

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == ',') // modified BASE64 uses "," for "/"
        return 63;
    return -1;
}

const char base64Chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

// Decodes one modified BASE64 run into UTF-16 code units. False when the run is not a whole
// number of code units, has non-zero padding bits, or is empty.
bool decodeRun(QByteArrayView run, QList<char16_t> *units)
{
    if (run.isEmpty())
        return false;
    quint32 bits = 0;
    int bitCount = 0;
    QByteArray bytes;
    for (char c : run) {
        const int value = base64Value(c);
        if (value < 0)
            return false;
        bits = (bits << 6) | quint32(value);
        bitCount += 6;
        if (bitCount >= 8) {
            bitCount -= 8;
            bytes.append(char((bits >> bitCount) & 0xff));
        }
    }
    // Leftover bits must be fewer than 6 and zero; bytes must pair up into UTF-16 units.
    if (bitCount >= 6 || (bits & ((1u << bitCount) - 1)) != 0 || bytes.size() % 2 != 0)
        return false;
    for (qsizetype i = 0; i < bytes.size(); i += 2)
        units->append(char16_t((quint8(bytes.at(i)) << 8) | quint8(bytes.at(i + 1))));
    return true;
}

bool validUtf16(const QList<char16_t> &units)
{
    for (qsizetype i = 0; i < units.size(); ++i) {
        const char16_t u = units.at(i);
        if (QChar::isHighSurrogate(u)) {
            if (i + 1 >= units.size() || !QChar::isLowSurrogate(units.at(i + 1)))
                return false;
            ++i;
        } else if (QChar::isLowSurrogate(u)) {
            return false;
        } else if (u >= 0x20 && u <= 0x7e) {
            return false; // printable ASCII must represent itself
        }
    }
    return true;
}

// Parses a modified UTF-7 name; nullopt when malformed.
std::optional<QString> parseModifiedUtf7(const QByteArray &name)
{
    QString out;
    bool previousWasRun = false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char c = name.at(i);
        const auto uc = static_cast<unsigned char>(c);
        if (uc < 0x20 || uc > 0x7e)
            return std::nullopt;
        if (c != '&') {
            out += QLatin1Char(c);
            previousWasRun = false;
            continue;
        }
        const qsizetype end = name.indexOf('-', i + 1);
        if (end < 0)
            return std::nullopt; // a name must end in US-ASCII
        if (end == i + 1) {
            out += u'&';
            previousWasRun = false;
            i = end;
            continue;
        }
        if (previousWasRun)
            return std::nullopt; // "-&" inside BASE64 is a superfluous shift
        QList<char16_t> units;
        if (!decodeRun(QByteArrayView(name).sliced(i + 1, end - i - 1), &units) || !validUtf16(units))
            return std::nullopt;
        out += QString(reinterpret_cast<const QChar *>(units.constData()), units.size());
        previousWasRun = true;
        i = end;
    }
    return out;
}

} // namespace

bool isInbox(const QString &name)
{
    return name.compare(Inbox, Qt::CaseInsensitive) == 0;
}

bool isValidModifiedUtf7(const QByteArray &name)
{
    return parseModifiedUtf7(name).has_value();
}

QString decodeModifiedUtf7(const QByteArray &name)
{
    return parseModifiedUtf7(name).value_or(QString::fromLatin1(name));
}

QByteArray encodeModifiedUtf7(const QString &name)
{
    QByteArray out;
    qsizetype i = 0;
    while (i < name.size()) {
        const char16_t c = name.at(i).unicode();
        if (c == u'&') {
            out += "&-";
            ++i;
            continue;
        }
        if (c >= 0x20 && c <= 0x7e) {
            out += char(c);
            ++i;
            continue;
        }
        qsizetype end = i;
        while (end < name.size() && (name.at(end).unicode() < 0x20 || name.at(end).unicode() > 0x7e))
            ++end;
        out += '&';
        quint32 bits = 0;
        int bitCount = 0;
        for (qsizetype k = i; k < end; ++k) {
            bits = (bits << 16) | name.at(k).unicode();
            bitCount += 16;
            while (bitCount >= 6) {
                bitCount -= 6;
                out += base64Chars[(bits >> bitCount) & 0x3f];
            }
        }
        if (bitCount > 0)
            out += base64Chars[(bits << (6 - bitCount)) & 0x3f];
        out += '-';
        i = end;
    }
    return out;
}

std::optional<QString> canonical(const QByteArray &raw, Use use, QByteArray *error)
{
    QByteArray name = raw;
    // RFC 3501 §6.3.3: a trailing separator on CREATE declares intent to create children.
    if (use == Use::New && name.size() > 1 && name.endsWith(Separator))
        name.chop(1);
    if (name.isEmpty()) {
        *error = "Empty mailbox name";
        return std::nullopt;
    }
    if (name.size() > MaxNameLength) {
        *error = "Mailbox name too long";
        return std::nullopt;
    }
    const QList<QByteArray> parts = name.split(Separator);
    if (parts.size() > MaxDepth) {
        *error = "Mailbox hierarchy too deep";
        return std::nullopt;
    }
    for (const QByteArray &part : parts) {
        if (part.isEmpty()) {
            *error = "Empty level in mailbox name";
            return std::nullopt;
        }
        if (part.size() > MaxComponentLength) {
            *error = "Mailbox name level too long";
            return std::nullopt;
        }
    }
    if (use == Use::New && (name.contains('*') || name.contains('%'))) {
        *error = "Wildcards are not allowed in mailbox names";
        return std::nullopt;
    }
    if (!isValidModifiedUtf7(name)) {
        *error = "Mailbox name is not valid modified UTF-7 (RFC 3501 5.1.3)";
        return std::nullopt;
    }
    QString result = QString::fromLatin1(name);
    if (isInbox(QString::fromLatin1(parts.first())))
        result.replace(0, Inbox.size(), Inbox);
    return result;
}

QString parent(const QString &name)
{
    const qsizetype slash = name.lastIndexOf(QLatin1Char(Separator));
    return slash < 0 ? QString() : name.left(slash);
}

bool matches(const QString &name, const QString &pattern)
{
    // The leading INBOX of a name compares case-insensitively.
    const bool inboxPrefix = name.startsWith(Inbox)
        && (name.size() == Inbox.size() || name.at(Inbox.size()) == QLatin1Char(Separator));
    auto same = [&](qsizetype i, QChar p) {
        const QChar c = name.at(i);
        if (inboxPrefix && i < Inbox.size())
            return c.toCaseFolded() == p.toCaseFolded();
        return c == p;
    };
    // Dynamic programming over (name prefix, pattern prefix), two rows: linear memory,
    // O(n*m) time whatever the wildcards (no exponential backtracking).
    const qsizetype n = name.size();
    const qsizetype m = pattern.size();
    std::vector<char> previous(m + 1, 0);
    std::vector<char> current(m + 1, 0);
    previous[0] = 1;
    for (qsizetype j = 1; j <= m; ++j) {
        const QChar p = pattern.at(j - 1);
        previous[j] = previous[j - 1] && (p == u'*' || p == u'%');
    }
    for (qsizetype i = 1; i <= n; ++i) {
        current[0] = 0;
        const bool isSeparator = name.at(i - 1) == QLatin1Char(Separator);
        for (qsizetype j = 1; j <= m; ++j) {
            const QChar p = pattern.at(j - 1);
            if (p == u'*')
                current[j] = current[j - 1] || previous[j];
            else if (p == u'%')
                current[j] = current[j - 1] || (previous[j] && !isSeparator);
            else
                current[j] = previous[j - 1] && same(i - 1, p);
        }
        std::swap(previous, current);
    }
    return previous[m];
}

} // namespace qimapd::mailboxname
