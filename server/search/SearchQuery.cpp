#include "SearchQuery.h"

#include "ImapWire.h"
#include "mime/HeaderDecoder.h"

#include <QStringDecoder>

#include <array>

namespace qimapd {

namespace {

using Key = SearchQuery::Key;
using Kind = SearchQuery::Key::Kind;

// How a key name is followed (RFC 3501 §9 search-key).
enum class Argument : quint8 { None, Astring, HeaderField, Date, Number, FlagKeyword, SequenceSet, Not, Or };

struct KeyName
{
    const char *name;
    Kind kind;
    Argument argument;
    FlagMask flag = 0;
    bool negated = false;
};

constexpr std::array<KeyName, 35> KeyNames{{
    {"ALL", Kind::All, Argument::None},
    {"ANSWERED", Kind::Flag, Argument::None, Flag::Answered},
    {"BCC", Kind::Bcc, Argument::Astring},
    {"BEFORE", Kind::Before, Argument::Date},
    {"BODY", Kind::Body, Argument::Astring},
    {"CC", Kind::Cc, Argument::Astring},
    {"DELETED", Kind::Flag, Argument::None, Flag::Deleted},
    {"DRAFT", Kind::Flag, Argument::None, Flag::Draft},
    {"FLAGGED", Kind::Flag, Argument::None, Flag::Flagged},
    {"FROM", Kind::From, Argument::Astring},
    {"HEADER", Kind::Header, Argument::HeaderField},
    {"KEYWORD", Kind::Keyword, Argument::FlagKeyword},
    {"LARGER", Kind::Larger, Argument::Number},
    {"NEW", Kind::New, Argument::None},
    {"NOT", Kind::Not, Argument::Not},
    {"OLD", Kind::Recent, Argument::None, 0, true},
    {"ON", Kind::On, Argument::Date},
    {"OR", Kind::Or, Argument::Or},
    {"RECENT", Kind::Recent, Argument::None},
    {"SEEN", Kind::Flag, Argument::None, Flag::Seen},
    {"SENTBEFORE", Kind::SentBefore, Argument::Date},
    {"SENTON", Kind::SentOn, Argument::Date},
    {"SENTSINCE", Kind::SentSince, Argument::Date},
    {"SINCE", Kind::Since, Argument::Date},
    {"SMALLER", Kind::Smaller, Argument::Number},
    {"SUBJECT", Kind::Subject, Argument::Astring},
    {"TEXT", Kind::Text, Argument::Astring},
    {"TO", Kind::To, Argument::Astring},
    {"UID", Kind::Uid, Argument::SequenceSet},
    {"UNANSWERED", Kind::Flag, Argument::None, Flag::Answered, true},
    {"UNDELETED", Kind::Flag, Argument::None, Flag::Deleted, true},
    {"UNDRAFT", Kind::Flag, Argument::None, Flag::Draft, true},
    {"UNFLAGGED", Kind::Flag, Argument::None, Flag::Flagged, true},
    {"UNKEYWORD", Kind::Keyword, Argument::FlagKeyword, 0, true},
    {"UNSEEN", Kind::Flag, Argument::None, Flag::Seen, true},
}};

constexpr std::array<const char *, 12> Months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

const KeyName *findKey(const QByteArray &atom)
{
    for (const KeyName &key : KeyNames) {
        if (atom.compare(key.name, Qt::CaseInsensitive) == 0)
            return &key;
    }
    return nullptr;
}

// date-text = date-day "-" date-month "-" date-year; date-day = 1*2DIGIT; date-year = 4DIGIT
// (RFC 3501 §9). Month names compare case-insensitively, as ABNF literals do (RFC 2234 §2.3).
QDate parseDateText(const QByteArray &text)
{
    const QList<QByteArray> parts = text.split('-');
    if (parts.size() != 3)
        return {};
    const QByteArray &dayText = parts.at(0);
    const QByteArray &yearText = parts.at(2);
    if (dayText.isEmpty() || dayText.size() > 2 || yearText.size() != 4)
        return {};
    for (const QByteArray *digits : {&dayText, &yearText}) {
        for (char c : *digits) {
            if (c < '0' || c > '9')
                return {};
        }
    }
    int month = 0;
    for (int i = 0; i < 12; ++i) {
        if (parts.at(1).compare(Months[i], Qt::CaseInsensitive) == 0)
            month = i + 1;
    }
    if (month == 0)
        return {};
    return QDate(yearText.toInt(), month, dayText.toInt()); // invalid for 31-Feb or year 0
}

// A client's token, safe to quote in a response text: short, printable ASCII.
QByteArray printable(const QByteArray &bytes)
{
    QByteArray out;
    for (char c : bytes.first(qMin<qsizetype>(bytes.size(), 40))) {
        const auto u = static_cast<unsigned char>(c);
        out += (u >= 0x20 && u < 0x7f) ? c : '?';
    }
    if (bytes.size() > 40)
        out += "...";
    return out;
}

// astring = 1*ASTRING-CHAR / string (RFC 3501 §9). The parser's atoms are looser (they allow
// list-wildcards, backslashes and bracketed sections), so atoms are checked here.
bool isAstring(const ImapArg &arg)
{
    if (arg.isString())
        return true;
    if (!arg.isAtom() || arg.value.isEmpty())
        return false;
    // 8-bit bytes are accepted in atoms as the parser does (imaplib sends CHARSET strings bare).
    for (char c : arg.value) {
        if (!wire::isAstringChar(c) && static_cast<unsigned char>(c) < 0x80)
            return false;
    }
    return true;
}

class Parser
{
public:
    QByteArray error;
    bool usesSequenceNumbers = false;

    // A supported CHARSET (RFC 3501 §6.4.4) the search strings are written in.
    void setCharset(const QByteArray &charset) { m_charset = charset; }

    // 1*search-key up to the end of `args`: the keys of the command or of a list.
    bool parseKeys(const ImapArgs &args, qsizetype pos, Key &and_, int depth)
    {
        and_.kind = Kind::And;
        if (pos >= args.size())
            return fail("Missing search criteria");
        while (pos < args.size()) {
            Key key;
            if (!parseKey(args, pos, key, depth))
                return false;
            and_.children.append(std::move(key));
        }
        return true;
    }

private:
    QByteArray m_charset;

    bool fail(const QByteArray &message)
    {
        if (error.isEmpty())
            error = message;
        return false;
    }

    // No CHARSET means US-ASCII; 8-bit bytes there (or in US-ASCII, or invalid UTF-8) are
    // read as UTF-8 when valid, otherwise as Windows-1252, as clients that send 8-bit text
    // without naming a charset mean.
    QString decode(const QByteArray &bytes) const
    {
        if (m_charset.isEmpty() || m_charset.compare("UTF-8", Qt::CaseInsensitive) == 0
            || m_charset.compare("US-ASCII", Qt::CaseInsensitive) == 0)
            return HeaderDecoder::toUnicode(bytes, {});
        // A fresh decoder per string: stateful charsets (ISO-2022-JP) start in ASCII mode.
        QStringDecoder decoder(m_charset.constData());
        return decoder.decode(bytes);
    }

    // search-key (RFC 3501 §9) at args[pos]; moves pos past it and its arguments.
    bool parseKey(const ImapArgs &args, qsizetype &pos, Key &key, int depth)
    {
        const ImapArg &arg = args.at(pos++);
        if (arg.isList()) {
            // "(" search-key *(SP search-key) ")"
            if (depth + 1 > SearchQuery::MaxDepth)
                return fail("Search criteria nested too deeply");
            if (arg.children.isEmpty())
                return fail("Empty parenthesized search key list");
            return parseKeys(arg.children, 0, key, depth + 1);
        }
        if (!arg.isAtom())
            return fail("Expected a search key, got a string");

        const KeyName *name = findKey(arg.value);
        if (!name) {
            // A bare sequence-set of message sequence numbers.
            const char first = arg.value.isEmpty() ? '\0' : arg.value.at(0);
            if ((first >= '0' && first <= '9') || first == '*') {
                QByteArray why;
                auto set = SequenceSet::parse(arg.value, &why);
                if (!set)
                    return fail(why + ": " + printable(arg.value));
                key.kind = Kind::SequenceSet;
                key.set = std::move(*set);
                usesSequenceNumbers = true;
                return true;
            }
            return fail("Unknown search key: " + printable(arg.value));
        }

        key.kind = name->kind;
        key.flag = name->flag;
        key.negated = name->negated;
        const QByteArray keyName(name->name);
        const auto next = [&]() -> const ImapArg * {
            if (pos >= args.size()) {
                fail("Missing argument to " + keyName);
                return nullptr;
            }
            return &args.at(pos++);
        };

        switch (name->argument) {
        case Argument::None:
            return true;
        case Argument::Astring: {
            const ImapArg *value = next();
            return value && readAstring(*value, keyName, &key.text);
        }
        case Argument::HeaderField: {
            // "HEADER" SP header-fld-name SP astring; header-fld-name = astring
            const ImapArg *field = next();
            if (!field)
                return false;
            if (!isAstring(*field))
                return fail("Expected a header field name after HEADER");
            if (field->value.isEmpty())
                return fail("Empty header field name in HEADER");
            key.name = field->value;
            const ImapArg *value = next();
            return value && readAstring(*value, keyName, &key.text);
        }
        case Argument::Date: {
            // date = date-text / DQUOTE date-text DQUOTE
            const ImapArg *value = next();
            if (!value)
                return false;
            if (value->type != ImapArg::Type::Atom && value->type != ImapArg::Type::Quoted)
                return fail("Expected a date (d-Mon-yyyy) after " + keyName);
            key.date = parseDateText(value->value);
            if (!key.date.isValid())
                return fail("Invalid date after " + keyName + ": " + printable(value->value)
                            + " (expected d-Mon-yyyy)");
            return true;
        }
        case Argument::Number: {
            // number = 1*DIGIT, unsigned 32-bit
            const ImapArg *value = next();
            if (!value)
                return false;
            bool ok = value->isAtom() && !value->value.isEmpty() && value->value.size() <= 10;
            quint64 n = 0;
            for (char c : value->value) {
                ok = ok && c >= '0' && c <= '9';
                n = n * 10 + quint64(c - '0');
            }
            if (!ok || n > 0xffffffffULL)
                return fail("Expected a 32-bit number after " + keyName + ": " + printable(value->value));
            key.number = quint32(n);
            return true;
        }
        case Argument::FlagKeyword: {
            // flag-keyword = atom. System flags have keys of their own (SEEN, UNSEEN, …).
            const ImapArg *value = next();
            if (!value)
                return false;
            if (!value->isAtom() || !wire::isAtom(value->value))
                return fail("Expected a keyword atom after " + keyName + ": " + printable(value->value));
            key.name = value->value;
            return true;
        }
        case Argument::SequenceSet: {
            const ImapArg *value = next();
            if (!value)
                return false;
            if (!value->isAtom())
                return fail("Expected a sequence set after UID");
            QByteArray why;
            auto set = SequenceSet::parse(value->value, &why);
            if (!set)
                return fail(why + " after UID: " + printable(value->value));
            key.set = std::move(*set);
            return true;
        }
        case Argument::Not:
        case Argument::Or: {
            if (depth + 1 > SearchQuery::MaxDepth)
                return fail("Search criteria nested too deeply");
            const int operands = name->argument == Argument::Or ? 2 : 1;
            for (int i = 0; i < operands; ++i) {
                if (pos >= args.size())
                    return fail("Missing search key after " + keyName);
                Key child;
                if (!parseKey(args, pos, child, depth + 1))
                    return false;
                key.children.append(std::move(child));
            }
            return true;
        }
        }
        return fail("Unknown search key");
    }

    // astring = 1*ASTRING-CHAR / string (RFC 3501 §9), decoded from the CHARSET.
    bool readAstring(const ImapArg &arg, const QByteArray &keyName, QString *text)
    {
        if (isAstring(arg)) {
            *text = decode(arg.value);
            return true;
        }
        if (arg.isList())
            return fail("Expected a string after " + keyName + ", got a list");
        return fail("Invalid atom after " + keyName + ": " + printable(arg.value));
    }
};

bool isSupportedCharset(const QByteArray &charset)
{
    if (charset.compare("UTF-8", Qt::CaseInsensitive) == 0
        || charset.compare("US-ASCII", Qt::CaseInsensitive) == 0)
        return true;
    // Any charset the platform's converters know (ICU in Debian's Qt): windows-1252, KOI8-R,
    // ISO-2022-JP… RFC 3501 §6.4.4 lets servers support more than US-ASCII.
    if (charset.isEmpty() || charset.contains('\0'))
        return false;
    return QStringDecoder(charset.constData()).isValid();
}

} // namespace

SearchQuery SearchQuery::parse(const ImapArgs &args, qsizetype first)
{
    SearchQuery query;
    Parser parser;
    qsizetype pos = qMax<qsizetype>(first, 0);
    bool badCharset = false;

    // [SP "CHARSET" SP astring]: no search key is called CHARSET, so the word decides.
    if (pos < args.size() && args.at(pos).atomIs("CHARSET")) {
        ++pos;
        if (pos >= args.size())
            return query.failed(Error::Syntax, "Missing charset name after CHARSET");
        const ImapArg &name = args.at(pos++);
        if (!isAstring(name))
            return query.failed(Error::Syntax, "Expected a charset name after CHARSET");
        query.m_charset = name.value;
        badCharset = !isSupportedCharset(name.value);
        if (!badCharset)
            parser.setCharset(name.value);
    }

    // A syntax error wins over an unknown charset: the command is malformed either way, and
    // BAD tells the client more than BADCHARSET would.
    if (!parser.parseKeys(args, pos, query.m_root, 0))
        return query.failed(Error::Syntax, parser.error);
    if (badCharset)
        return query.failed(Error::BadCharset, "Unsupported charset " + printable(query.m_charset));

    query.m_needs = needsOf(query.m_root);
    query.m_usesSequenceNumbers = parser.usesSequenceNumbers;
    return query;
}

SearchQuery SearchQuery::failed(Error error, const QByteArray &text)
{
    m_error = error;
    m_errorText = text;
    m_root = Key();
    m_root.kind = Kind::And;
    m_needs = {};
    return *this;
}

QByteArray SearchQuery::badCharsetCode()
{
    return QByteArrayLiteral("BADCHARSET (UTF-8 US-ASCII)");
}

SearchQuery::Needs SearchQuery::needsOf(const Key &key)
{
    switch (key.kind) {
    case Kind::All:
    case Kind::SequenceSet:
    case Kind::Uid:
        return {};
    case Kind::And:
    case Kind::Or:
    case Kind::Not: {
        Needs needs;
        for (const Key &child : key.children)
            needs |= needsOf(child);
        return needs;
    }
    case Kind::Flag:
    case Kind::Keyword:
    case Kind::Recent:
    case Kind::New:
        return Need::Flags;
    case Kind::Before:
    case Kind::On:
    case Kind::Since:
    case Kind::Larger:
    case Kind::Smaller:
        return Need::Info;
    case Kind::SentBefore:
    case Kind::SentOn:
    case Kind::SentSince:
    case Kind::Bcc:
    case Kind::Cc:
    case Kind::From:
    case Kind::Subject:
    case Kind::To:
    case Kind::Header:
        return Need::Header;
    case Kind::Body:
    case Kind::Text:
        return Need::Message;
    }
    return {};
}

} // namespace qimapd
