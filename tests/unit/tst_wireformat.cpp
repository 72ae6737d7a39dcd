// Wire syntax the server writes and reads besides commands: string / astring / nstring /
// mailbox (RFC 3501 §4.3, §4.5, §9), date-time (§9, APPEND and INTERNALDATE) and flag lists
// (§2.3.2, §9 flag-list). Whatever the server writes is also read back with the parser, so a
// client following the grammar gets the original bytes.

#include "ImapWire.h"
#include "protocol/DateTime.h"
#include "protocol/FlagList.h"
#include "protocol/ImapParser.h"

#include <QRandomGenerator>
#include <QTest>

using namespace qimapd;
using namespace Qt::StringLiterals;

namespace {

// The first argument of "t X <wire>", as a client reading the grammar would get it.
std::optional<ImapArg> readBack(const QByteArray &wireText)
{
    ImapParser::Limits limits;
    limits.maxLiteral = 1024 * 1024;
    limits.maxCommandLiterals = 1024 * 1024;
    ImapParser parser(limits);
    parser.feed(QByteArray("t X " + wireText + "\r\n"));
    for (;;) {
        ImapParser::Event event = parser.next();
        if (event.type == ImapParser::Event::Continuation)
            continue;
        if (event.type != ImapParser::Event::Command || event.command.args.size() != 1
            || parser.next().type != ImapParser::Event::NeedMore)
            return std::nullopt;
        return event.command.args.first();
    }
}

// quoted = DQUOTE *QUOTED-CHAR DQUOTE; QUOTED-CHAR = <any TEXT-CHAR except quoted-specials> /
// "\" quoted-specials; TEXT-CHAR = CHAR except CR LF; CHAR = %x01-7F (RFC 3501 §9).
bool isQuotedPerGrammar(const QByteArray &text)
{
    if (text.size() < 2 || !text.startsWith('"') || !text.endsWith('"'))
        return false;
    for (qsizetype i = 1; i < text.size() - 1; ++i) {
        const auto c = static_cast<unsigned char>(text.at(i));
        if (c == 0 || c >= 0x80 || c == '\r' || c == '\n' || c == '"')
            return false;
        if (c == '\\') {
            if (i + 1 >= text.size() - 1 || (text.at(i + 1) != '"' && text.at(i + 1) != '\\'))
                return false;
            ++i;
        }
    }
    return true;
}

QByteArray literalOf(const QByteArray &value)
{
    return '{' + QByteArray::number(value.size()) + "}\r\n" + value;
}

QByteArray randomBytes(QRandomGenerator &random)
{
    static const QByteArray interesting = QByteArrayLiteral("\"\\ ()[]{}%*NILnil\r\n\x01\x7f\xff");
    QByteArray out;
    const int length = random.bounded(0, 12);
    for (int i = 0; i < length; ++i) {
        if (random.bounded(0, 3) == 0)
            out += interesting.at(random.bounded(0, int(interesting.size())));
        else
            out += char(random.bounded(0x21, 0x7f));
    }
    return out;
}

QDateTime at(int y, int mo, int d, int h, int mi, int s, int offset)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::OffsetFromUTC, offset);
}

} // namespace

class tst_WireFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void string_data();
    void string();
    void astring_data();
    void astring();
    void nstring();
    void mailbox_data();
    void mailbox();
    void randomValuesFollowTheGrammar();
    void isAtom();

    void parseDateTime_data();
    void parseDateTime();
    void formatDateTime_data();
    void formatDateTime();
    void dateTimeRoundTrip();

    void flagList_data();
    void flagList();
    void flagListResetsOutput();
};

void tst_WireFormat::string_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("plain") << QByteArray("foo") << QByteArray("\"foo\"");
    QTest::newRow("empty") << QByteArray("") << QByteArray("\"\"");
    QTest::newRow("space-and-parens") << QByteArray("a (b) {3}") << QByteArray("\"a (b) {3}\"");
    QTest::newRow("quote") << QByteArray("a\"b") << QByteArray("\"a\\\"b\"");
    QTest::newRow("backslash") << QByteArray("a\\b") << QByteArray("\"a\\\\b\"");
    QTest::newRow("only-specials") << QByteArray("\\\"") << QByteArray("\"\\\\\\\"\"");
    QTest::newRow("nil-text") << QByteArray("NIL") << QByteArray("\"NIL\"");
    // Bytes a quoted string cannot carry: 8-bit, CR, LF, NUL (RFC 3501 §4.3, §9).
    QTest::newRow("8bit") << QByteArray("Gr\xc3\xbc\xc3\x9f") << literalOf("Gr\xc3\xbc\xc3\x9f");
    QTest::newRow("cr") << QByteArray("a\rb") << literalOf("a\rb");
    QTest::newRow("lf") << QByteArray("a\nb") << literalOf("a\nb");
    QTest::newRow("crlf") << QByteArray("line\r\n") << literalOf("line\r\n");
    QTest::newRow("nul") << QByteArray("a\0b", 3) << literalOf(QByteArray("a\0b", 3));
    QTest::newRow("long") << QByteArray(100000, 'x') << literalOf(QByteArray(100000, 'x'));
}

void tst_WireFormat::string()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);
    const QByteArray out = wire::string(value);
    QCOMPARE(out, expected);
    const std::optional<ImapArg> back = readBack(out);
    QVERIFY(back);
    QVERIFY(back->isString());
    QCOMPARE(back->value, value);
}

void tst_WireFormat::astring_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected");

    // astring = 1*ASTRING-CHAR / string; ASTRING-CHAR = ATOM-CHAR / resp-specials (RFC 3501 §9)
    QTest::newRow("atom") << QByteArray("INBOX") << QByteArray("INBOX");
    QTest::newRow("atom-punctuation") << QByteArray("a.b-c_d/e&-~") << QByteArray("a.b-c_d/e&-~");
    QTest::newRow("resp-special") << QByteArray("a]b") << QByteArray("a]b");
    QTest::newRow("open-bracket") << QByteArray("a[b") << QByteArray("a[b");
    QTest::newRow("space") << QByteArray("a b") << QByteArray("\"a b\"");
    QTest::newRow("paren") << QByteArray("a(b") << QByteArray("\"a(b\"");
    QTest::newRow("close-paren") << QByteArray("a)") << QByteArray("\"a)\"");
    QTest::newRow("brace") << QByteArray("a{b") << QByteArray("\"a{b\"");
    QTest::newRow("percent") << QByteArray("a%") << QByteArray("\"a%\"");
    QTest::newRow("star") << QByteArray("*") << QByteArray("\"*\"");
    QTest::newRow("quote") << QByteArray("a\"b") << QByteArray("\"a\\\"b\"");
    QTest::newRow("backslash") << QByteArray("\\Seen") << QByteArray("\"\\\\Seen\"");
    // An atom spelt NIL is read as nil where a string is expected: quote it.
    QTest::newRow("nil") << QByteArray("NIL") << QByteArray("\"NIL\"");
    QTest::newRow("nil-lower") << QByteArray("nil") << QByteArray("\"nil\"");
    QTest::newRow("nil-mixed") << QByteArray("Nil") << QByteArray("\"Nil\"");
    QTest::newRow("nil-prefix") << QByteArray("NILS") << QByteArray("NILS");
    QTest::newRow("empty") << QByteArray("") << QByteArray("\"\"");
    QTest::newRow("8bit") << QByteArray("\xe9t\xe9") << literalOf("\xe9t\xe9");
    QTest::newRow("crlf") << QByteArray("a\r\n") << literalOf("a\r\n");
}

void tst_WireFormat::astring()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);
    const QByteArray out = wire::astring(value);
    QCOMPARE(out, expected);
    const std::optional<ImapArg> back = readBack(out);
    QVERIFY(back);
    QVERIFY(back->isAstring());
    QVERIFY(!back->isNil());
    QCOMPARE(back->value, value);
}

void tst_WireFormat::nstring()
{
    // nstring = string / nil (RFC 3501 §9): a null value is NIL, an empty one is "".
    QCOMPARE(wire::nstring(QByteArray()), QByteArray("NIL"));
    QCOMPARE(wire::nstring(QByteArray("")), QByteArray("\"\""));
    QCOMPARE(wire::nstring(QByteArray("NIL")), QByteArray("\"NIL\""));
    QCOMPARE(wire::nstring(QByteArray("x\"")), QByteArray("\"x\\\"\""));
    QCOMPARE(wire::nstring(QByteArray("\xff")), literalOf("\xff"));
    const std::optional<ImapArg> nil = readBack(wire::nstring(QByteArray()));
    QVERIFY(nil && nil->isNil());
    const std::optional<ImapArg> empty = readBack(wire::nstring(QByteArray("")));
    QVERIFY(empty && empty->isString() && empty->value.isEmpty());
}

void tst_WireFormat::mailbox_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("inbox") << u"INBOX"_s << QByteArray("INBOX");
    QTest::newRow("inbox-child") << u"INBOX/Sent"_s << QByteArray("INBOX/Sent");
    QTest::newRow("utf7") << u"~peter/mail/&U,BTFw-/&ZeVnLIqe-"_s << QByteArray("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
    QTest::newRow("space") << u"Sent Items"_s << QByteArray("\"Sent Items\"");
    QTest::newRow("wildcard-chars") << u"50% off"_s << QByteArray("\"50% off\"");
    QTest::newRow("quote-and-backslash") << u"a\"b\\c"_s << QByteArray("\"a\\\"b\\\\c\"");
    QTest::newRow("named-nil") << u"Nil"_s << QByteArray("\"Nil\"");
    QTest::newRow("bracket") << u"[Gmail]/All"_s << QByteArray("[Gmail]/All");
}

void tst_WireFormat::mailbox()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, expected);
    QCOMPARE(wire::mailbox(name), expected);
    const std::optional<ImapArg> back = readBack(expected);
    QVERIFY(back && back->isAstring() && !back->isNil());
    QCOMPARE(back->value, name.toLatin1());
}

void tst_WireFormat::randomValuesFollowTheGrammar()
{
    QRandomGenerator random(9051);
    for (int i = 0; i < 20000; ++i) {
        const QByteArray value = randomBytes(random);

        const QByteArray s = wire::string(value);
        QVERIFY2(isQuotedPerGrammar(s) || s == literalOf(value), s.toPercentEncoding().constData());
        std::optional<ImapArg> back = readBack(s);
        QVERIFY(back && back->isString());
        QCOMPARE(back->value, value);

        const QByteArray a = wire::astring(value);
        if (a != s) {
            // The atom form: only ASTRING-CHARs, never NIL.
            QCOMPARE(a, value);
            for (char c : a)
                QVERIFY2(wire::isAstringChar(c), a.constData());
            QVERIFY(a.compare("NIL", Qt::CaseInsensitive) != 0);
        }
        back = readBack(a);
        QVERIFY(back && back->isAstring() && !back->isNil());
        QCOMPARE(back->value, value);
    }
}

void tst_WireFormat::isAtom()
{
    QVERIFY(wire::isAtom("INBOX"));
    QVERIFY(wire::isAtom("$Forwarded"));
    QVERIFY(wire::isAtom("a[b"));
    QVERIFY(!wire::isAtom(""));
    QVERIFY(!wire::isAtom("a]b"));
    QVERIFY(!wire::isAtom("a b"));
    QVERIFY(!wire::isAtom("\\Seen"));
    QVERIFY(!wire::isAtom("a%"));
    QVERIFY(!wire::isAtom("a*"));
    QVERIFY(!wire::isAtom("a\"b"));
    QVERIFY(!wire::isAtom("a{b"));
    QVERIFY(!wire::isAtom("a(b"));
    QVERIFY(!wire::isAtom("a\x7f"));
    QVERIFY(!wire::isAtom("a\x01"));
    QVERIFY(!wire::isAtom("\xe9"));
}

void tst_WireFormat::parseDateTime_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QDateTime>("expected"); // invalid: refused

    const QDateTime refused;
    // date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE;
    // date-day-fixed = (SP DIGIT) / 2DIGIT (RFC 3501 §9).
    QTest::newRow("space-day") << QByteArray(" 1-Jan-2020 00:00:00 +0000") << at(2020, 1, 1, 0, 0, 0, 0);
    QTest::newRow("zero-day") << QByteArray("01-Jan-2020 00:00:00 +0000") << at(2020, 1, 1, 0, 0, 0, 0);
    QTest::newRow("rfc3501-example")
        << QByteArray("17-Jul-1996 02:44:25 -0700") << at(1996, 7, 17, 2, 44, 25, -7 * 3600);
    // ABNF strings are case-insensitive (RFC 5234 §2.3).
    QTest::newRow("month-lower") << QByteArray("17-jul-1996 02:44:25 -0700") << at(1996, 7, 17, 2, 44, 25, -7 * 3600);
    QTest::newRow("month-upper") << QByteArray("17-JUL-1996 02:44:25 -0700") << at(1996, 7, 17, 2, 44, 25, -7 * 3600);
    QTest::newRow("offset-half-hour")
        << QByteArray("31-Dec-1999 23:59:59 +0530") << at(1999, 12, 31, 23, 59, 59, 19800);
    QTest::newRow("offset-negative-minutes") << QByteArray("10-Mar-2021 08:15:00 -0330")
                                             << at(2021, 3, 10, 8, 15, 0, -12600);
    QTest::newRow("offset-max") << QByteArray("10-Mar-2021 08:15:00 +1400") << at(2021, 3, 10, 8, 15, 0, 14 * 3600);
    QTest::newRow("november") << QByteArray("30-Nov-2022 12:00:00 +0100") << at(2022, 11, 30, 12, 0, 0, 3600);
    QTest::newRow("leap-day-2020") << QByteArray("29-Feb-2020 12:00:00 +0000") << at(2020, 2, 29, 12, 0, 0, 0);
    QTest::newRow("leap-day-2000") << QByteArray("29-Feb-2000 12:00:00 +0000") << at(2000, 2, 29, 12, 0, 0, 0);
    QTest::newRow("no-leap-day-1900") << QByteArray("29-Feb-1900 12:00:00 +0000") << refused;
    QTest::newRow("no-leap-day-2021") << QByteArray("29-Feb-2021 12:00:00 +0000") << refused;
    QTest::newRow("feb-30") << QByteArray("30-Feb-2020 12:00:00 +0000") << refused;
    QTest::newRow("apr-31") << QByteArray("31-Apr-2020 12:00:00 +0000") << refused;
    QTest::newRow("day-0") << QByteArray("00-Jan-2020 12:00:00 +0000") << refused;
    QTest::newRow("space-day-0") << QByteArray(" 0-Jan-2020 12:00:00 +0000") << refused;
    QTest::newRow("day-32") << QByteArray("32-Jan-2020 12:00:00 +0000") << refused;
    QTest::newRow("month-unknown") << QByteArray("01-Foo-2020 12:00:00 +0000") << refused;
    QTest::newRow("month-number") << QByteArray("01-01-2020 12:00:00 +0000") << refused;
    QTest::newRow("month-long") << QByteArray("01-January-2020 12:00:00 +0000") << refused;
    QTest::newRow("year-two-digits") << QByteArray("01-Jan-20 12:00:00 +0000") << refused;
    QTest::newRow("hour-24") << QByteArray("01-Jan-2020 24:00:00 +0000") << refused;
    QTest::newRow("minute-60") << QByteArray("01-Jan-2020 23:60:00 +0000") << refused;
    QTest::newRow("zone-no-sign") << QByteArray("01-Jan-2020 12:00:00 0000") << refused;
    QTest::newRow("zone-colon") << QByteArray("01-Jan-2020 12:00:00 +00:00") << refused;
    QTest::newRow("zone-name") << QByteArray("01-Jan-2020 12:00:00 GMT") << refused;
    QTest::newRow("zone-letters") << QByteArray("01-Jan-2020 12:00:00 +0a00") << refused;
    QTest::newRow("zone-minutes-60") << QByteArray("01-Jan-2020 12:00:00 +0060") << refused;
    QTest::newRow("zone-short") << QByteArray("01-Jan-2020 12:00:00 +000") << refused;
    QTest::newRow("zone-missing") << QByteArray("01-Jan-2020 12:00:00") << refused;
    QTest::newRow("seconds-missing") << QByteArray("01-Jan-2020 12:00 +0000") << refused;
    QTest::newRow("trailing-garbage") << QByteArray("01-Jan-2020 12:00:00 +0000x") << refused;
    QTest::newRow("leading-garbage") << QByteArray("x01-Jan-2020 12:00:00 +0000") << refused;
    QTest::newRow("tab-for-space") << QByteArray("\t1-Jan-2020 12:00:00 +0000") << refused;
    QTest::newRow("slashes") << QByteArray("01/Jan/2020 12:00:00 +0000") << refused;
    QTest::newRow("empty") << QByteArray() << refused;
    QTest::newRow("quoted") << QByteArray("\"01-Jan-2020 12:00:00 +0000\"") << refused;
}

void tst_WireFormat::parseDateTime()
{
    QFETCH(QByteArray, text);
    QFETCH(QDateTime, expected);
    const std::optional<QDateTime> parsed = parseImapDateTime(text);
    if (!expected.isValid()) {
        QVERIFY2(!parsed, qPrintable(parsed ? parsed->toString(Qt::ISODate) : QString()));
        return;
    }
    QVERIFY(parsed);
    QCOMPARE(parsed->toUTC(), expected.toUTC());
    // The client's offset is kept (INTERNALDATE gives it back as given).
    QCOMPARE(parsed->offsetFromUtc(), expected.offsetFromUtc());
    QCOMPARE(parsed->date(), expected.date());
    QCOMPARE(parsed->time(), expected.time());
}

void tst_WireFormat::formatDateTime_data()
{
    QTest::addColumn<QDateTime>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("rfc3501-example")
        << at(1996, 7, 17, 2, 44, 25, -7 * 3600) << QByteArray("17-Jul-1996 02:44:25 -0700");
    QTest::newRow("half-hour") << at(1999, 12, 31, 23, 59, 59, 19800) << QByteArray("31-Dec-1999 23:59:59 +0530");
    QTest::newRow("negative-minutes") << at(2021, 3, 10, 8, 15, 0, -12600) << QByteArray("10-Mar-2021 08:15:00 -0330");
    QTest::newRow("negative-under-an-hour")
        << at(2021, 3, 10, 8, 15, 0, -1800) << QByteArray("10-Mar-2021 08:15:00 -0030");
    QTest::newRow("utc")
        << QDateTime(QDate(2024, 2, 29), QTime(7, 8, 9), Qt::UTC) << QByteArray("29-Feb-2024 07:08:09 +0000");
    QTest::newRow("leap-day") << at(2000, 2, 29, 0, 0, 0, 0) << QByteArray("29-Feb-2000 00:00:00 +0000");
}

void tst_WireFormat::formatDateTime()
{
    QFETCH(QDateTime, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(formatImapDateTime(value), expected);
}

void tst_WireFormat::dateTimeRoundTrip()
{
    // A single-digit day is either " 1" or "01" (date-day-fixed); whichever is written must be
    // read back to the same instant with the same offset.
    QRandomGenerator random(2060);
    for (int i = 0; i < 5000; ++i) {
        const QDate date = QDate(1970, 1, 1).addDays(random.bounded(0, 60000));
        const QTime time(random.bounded(0, 24), random.bounded(0, 60), random.bounded(0, 60));
        const int sign = random.bounded(0, 2) ? 1 : -1;
        const int offset = sign * (random.bounded(0, 14) * 3600 + random.bounded(0, 4) * 900);
        const QDateTime value(date, time, Qt::OffsetFromUTC, offset);
        const QByteArray text = formatImapDateTime(value);
        QCOMPARE(text.size(), qsizetype(26));
        if (date.day() < 10)
            QVERIFY2(text.at(0) == ' ' || text.at(0) == '0', text.constData());
        const std::optional<QDateTime> back = parseImapDateTime(text);
        QVERIFY2(back, text.constData());
        QCOMPARE(back->toUTC(), value.toUTC());
        QCOMPARE(back->offsetFromUtc(), offset);
        QCOMPARE(formatImapDateTime(*back), text);
    }
    // Both spellings of a one-digit day are read.
    QCOMPARE(parseImapDateTime(" 5-Jun-2020 01:02:03 +0200")->toUTC(),
             parseImapDateTime("05-Jun-2020 01:02:03 +0200")->toUTC());
}

void tst_WireFormat::flagList_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<quint64>("system");
    QTest::addColumn<QByteArrayList>("keywords");

    const quint64 all = Flag::Seen | Flag::Answered | Flag::Flagged | Flag::Deleted | Flag::Draft;
    QTest::newRow("seen") << QByteArray("(\\Seen)") << true << quint64(Flag::Seen) << QByteArrayList{};
    QTest::newRow("all-system-any-case") << QByteArray("(\\seen \\ANSWERED \\Flagged \\dElEtEd \\DRAFT)") << true << all
                                         << QByteArrayList{};
    QTest::newRow("empty-list") << QByteArray("()") << true << quint64(0) << QByteArrayList{};
    // STORE takes a single flag without parentheses (RFC 3501 §9 store-att-flags).
    QTest::newRow("single-without-list")
        << QByteArray("\\Deleted") << true << quint64(Flag::Deleted) << QByteArrayList{};
    QTest::newRow("single-keyword-without-list")
        << QByteArray("$Junk") << true << quint64(0) << QByteArrayList{"$Junk"};
    QTest::newRow("keywords") << QByteArray("(Junk $Forwarded NonJunk)") << true << quint64(0)
                              << QByteArrayList{"Junk", "$Forwarded", "NonJunk"};
    QTest::newRow("mixed") << QByteArray("(\\Seen Work \\Flagged)") << true << quint64(Flag::Seen | Flag::Flagged)
                           << QByteArrayList{"Work"};
    QTest::newRow("duplicate-system") << QByteArray("(\\Seen \\Seen \\SEEN)") << true << quint64(Flag::Seen)
                                      << QByteArrayList{};
    QTest::newRow("duplicate-keyword") << QByteArray("(Work Home Work)") << true << quint64(0)
                                       << QByteArrayList{"Work", "Home"};
    // \Recent is a session flag that cannot be stored (RFC 3501 §2.3.2).
    QTest::newRow("recent") << QByteArray("(\\Recent)") << false << quint64(0) << QByteArrayList{};
    QTest::newRow("recent-lower") << QByteArray("(\\Seen \\recent)") << false << quint64(0) << QByteArrayList{};
    QTest::newRow("recent-single") << QByteArray("\\Recent") << false << quint64(0) << QByteArrayList{};
    QTest::newRow("unknown-system") << QByteArray("(\\Foo)") << false << quint64(0) << QByteArrayList{};
    QTest::newRow("wildcard-flag") << QByteArray("(\\*)") << false << quint64(0) << QByteArrayList{};
    QTest::newRow("bare-backslash") << QByteArray("(\\)") << false << quint64(0) << QByteArrayList{};
    // flag-keyword = atom: no strings, lists, or atom-specials.
    QTest::newRow("quoted-keyword") << QByteArray("(\"Work\")") << false << quint64(0) << QByteArrayList{};
    QTest::newRow("literal-keyword") << QByteArray("({4+}\r\nWork)") << false << quint64(0) << QByteArrayList{};
    QTest::newRow("nested-list") << QByteArray("((\\Seen))") << false << quint64(0) << QByteArrayList{};
    QTest::newRow("keyword-bracket") << QByteArray("(Wo]rk)") << false << quint64(0) << QByteArrayList{};
    QTest::newRow("keyword-percent") << QByteArray("(Wo%rk)") << false << quint64(0) << QByteArrayList{};
    QTest::newRow("keyword-star") << QByteArray("(Work*)") << false << quint64(0) << QByteArrayList{};
    QTest::newRow("keyword-backslash-inside") << QByteArray("(Wo\\rk)") << false << quint64(0) << QByteArrayList{};
}

void tst_WireFormat::flagList()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, ok);
    QFETCH(quint64, system);
    QFETCH(QByteArrayList, keywords);

    const std::optional<ImapArg> arg = readBack(text);
    QVERIFY(arg);
    FlagRequest flags;
    QByteArray error;
    const bool parsed = parseFlagList(*arg, &flags, &error);
    QCOMPARE(parsed, ok);
    if (!ok) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QCOMPARE(flags.system, FlagMask(system));
    QCOMPARE(flags.keywords, keywords);
}

void tst_WireFormat::flagListResetsOutput()
{
    FlagRequest flags;
    flags.system = Flag::Deleted;
    flags.keywords = {"Old"};
    QByteArray error;
    QVERIFY(parseFlagList(*readBack("(\\Seen)"), &flags, &error));
    QCOMPARE(flags.system, FlagMask(Flag::Seen));
    QVERIFY(flags.keywords.isEmpty());
}

QTEST_GUILESS_MAIN(tst_WireFormat)
#include "tst_wireformat.moc"
