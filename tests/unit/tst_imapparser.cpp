// The incremental command parser: framing of lines and literals (RFC 3501 §4.3, §9), LITERAL+
// (RFC 7888), and its hard limits (DESIGN.md "Parser"). Every data row is fed whole, one byte at a
// time, split in two at every position and in random chunk sizes, and must give the same events
// each way. Expected events are written from the RFC grammar, not copied from the parser's output.

#include "protocol/ImapParser.h"

#include <QRandomGenerator>
#include <QTest>

#include <functional>

using namespace qimapd;

Q_DECLARE_METATYPE(qimapd::ImapParser::Limits)

namespace {

using Event = ImapParser::Event;
using Limits = ImapParser::Limits;

// Bytes with embedded NULs (a string literal would stop at the first one).
template<size_t N>
QByteArray raw(const char (&text)[N])
{
    return QByteArray(text, qsizetype(N) - 1);
}

// A readable, unambiguous spelling of bytes: printable ASCII as is, \" \\ and \xNN otherwise.
QString show(const QByteArray &value)
{
    QString out = QStringLiteral("\"");
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\')
            out += QLatin1Char('\\') + QLatin1Char(ch);
        else if (c >= 0x20 && c < 0x7f)
            out += QLatin1Char(ch);
        else
            out += QStringLiteral("\\x%1").arg(c, 2, 16, QLatin1Char('0'));
    }
    return out + QLatin1Char('"');
}

// Expected-value builders; the parser's events are rendered the same way.
QString atom(const QByteArray &v) { return QLatin1Char('A') + show(v); }
QString quoted(const QByteArray &v) { return QLatin1Char('Q') + show(v); }
QString literal(const QByteArray &v) { return QLatin1Char('L') + show(v); }
QString list(const QStringList &children)
{
    return QLatin1Char('(') + children.join(QLatin1Char(' ')) + QLatin1Char(')');
}

QString cmd(const QByteArray &tag, const QByteArray &name, const QStringList &args = {})
{
    QString out = QStringLiteral("CMD ") + show(tag) + QLatin1Char(' ') + QString::fromLatin1(name);
    for (const QString &arg : args)
        out += QLatin1Char(' ') + arg;
    return out;
}
QString cont() { return QStringLiteral("CONT"); }
// The message text is the parser's own wording, so only the tag (what the BAD answer uses) is
// checked.
QString err(const QByteArray &tag) { return QStringLiteral("ERR ") + show(tag); }
QString big(const QByteArray &tag, const QByteArray &name, qint64 size)
{
    return QStringLiteral("BIG ") + show(tag) + QLatin1Char(' ') + QString::fromLatin1(name) + QLatin1Char(' ')
        + QString::number(size);
}

QString renderArg(const ImapArg &arg)
{
    switch (arg.type) {
    case ImapArg::Type::Atom:
        return atom(arg.value);
    case ImapArg::Type::Quoted:
        return quoted(arg.value);
    case ImapArg::Type::Literal:
        return literal(arg.value);
    case ImapArg::Type::List: {
        QStringList children;
        for (const ImapArg &child : arg.children)
            children << renderArg(child);
        return list(children);
    }
    }
    return QStringLiteral("?");
}

QString render(const Event &event)
{
    switch (event.type) {
    case Event::NeedMore:
        return QStringLiteral("NEEDMORE");
    case Event::Continuation:
        return cont();
    case Event::Command: {
        QStringList args;
        for (const ImapArg &arg : event.command.args)
            args << renderArg(arg);
        return cmd(event.command.tag, event.command.name, args);
    }
    case Event::Error:
        return err(event.tag);
    case Event::LiteralTooBig:
        return big(event.tag, event.name, event.size);
    }
    return QStringLiteral("?");
}

// Everything next() has to say now, up to NeedMore.
QStringList drain(ImapParser &parser)
{
    QStringList out;
    for (int guard = 0; guard < 10000; ++guard) {
        const Event event = parser.next();
        if (event.type == Event::NeedMore)
            return out;
        out << render(event);
    }
    out << QStringLiteral("NO-NEEDMORE-AFTER-10000-EVENTS");
    return out;
}

struct Run
{
    QStringList events;
    qsizetype buffered = 0;
    bool inCommand = false;
};

// Feeds `input` in pieces of the given sizes (the last piece takes the rest), draining the
// parser after each piece as a session does after each readyRead.
Run feedInChunks(const QByteArray &input, const Limits &limits, const std::function<qsizetype()> &nextSize)
{
    ImapParser parser(limits);
    Run run;
    qsizetype pos = 0;
    while (pos < input.size()) {
        const qsizetype size = qMin(qMax<qsizetype>(1, nextSize()), input.size() - pos);
        parser.feed(QByteArrayView(input).sliced(pos, size));
        pos += size;
        run.events += drain(parser);
    }
    run.buffered = parser.bufferedBytes();
    run.inCommand = parser.inCommand();
    return run;
}

Limits smallLimits()
{
    Limits limits;
    limits.maxLineLength = 32;
    limits.maxLiteral = 10;
    limits.maxAppendLiteral = 40;
    limits.maxCommandLiterals = 15;
    limits.maxDepth = 3;
    limits.maxLiteralCount = 4;
    return limits;
}

} // namespace

class tst_ImapParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void nilIsAnAtom();
    void continuationBeforeLiteralData();
    void syncLiteralTooBigAsksForNothing();
    void literalPlusTooBigIsDiscardedAsItArrives_data();
    void literalPlusTooBigIsDiscardedAsItArrives();
    void lineTooLongInLargePieces_data();
    void lineTooLongInLargePieces();
    void inCommandFollowsFraming();
    void nextLine_data();
    void nextLine();
    void nextLineBetweenCommands();
    void nextLineTooLongInLargePieces();
    void resetDropsEverything_data();
    void resetDropsEverything();

private:
    static void addRow(const char *name, const QByteArray &input, const QStringList &expected,
                       const Limits &limits = Limits())
    {
        QTest::newRow(name) << input << expected << limits;
    }
};

void tst_ImapParser::parse_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<Limits>("limits");

    const Limits small = smallLimits();

    // --- commands and names
    addRow("noop", "a NOOP\r\n", {cmd("a", "NOOP")});
    addRow("name-upper-cased", "a noop\r\n", {cmd("a", "NOOP")});
    addRow("one-atom", "a1 SELECT INBOX\r\n", {cmd("a1", "SELECT", {atom("INBOX")})});
    addRow("pipelined", "a NOOP\r\nb SELECT INBOX\r\nc LOGOUT\r\n",
           {cmd("a", "NOOP"), cmd("b", "SELECT", {atom("INBOX")}), cmd("c", "LOGOUT")});
    addRow("uid-fetch", "a UID FETCH 1:* (FLAGS)\r\n",
           {cmd("a", "UID FETCH", {atom("1:*"), list({atom("FLAGS")})})});
    addRow("uid-lower-case", "a uid store 1 +FLAGS (\\Seen)\r\n",
           {cmd("a", "UID STORE", {atom("1"), atom("+FLAGS"), list({atom("\\Seen")})})});
    addRow("uid-alone", "a UID\r\n", {err("a")});
    addRow("uid-double-space", "a UID  FETCH 1 FLAGS\r\n", {err("a")});
    addRow("name-then-paren", "a NO(OP\r\n", {err("a")});

    // --- tags: tag = 1*<any ASTRING-CHAR except "+"> (RFC 3501 §9)
    addRow("tag-odd-but-legal", "a.1:b-c[x]!#$&'_=~}<>,/@^|;?` NOOP\r\n",
           {cmd("a.1:b-c[x]!#$&'_=~}<>,/@^|;?`", "NOOP")});
    addRow("tag-resp-special", "] NOOP\r\n", {cmd("]", "NOOP")});
    addRow("tag-plus", "a+b NOOP\r\n", {err("")});
    addRow("tag-star", "* NOOP\r\n", {err("")});
    addRow("tag-percent", "a%b NOOP\r\n", {err("")});
    addRow("tag-quote", "a\"b NOOP\r\n", {err("")});
    addRow("tag-backslash", "a\\b NOOP\r\n", {err("")});
    addRow("tag-paren", "a(b NOOP\r\n", {err("")});
    addRow("tag-8bit", "a\xe9 NOOP\r\n", {err("")});
    addRow("tag-missing", " NOOP\r\n", {err("")});
    addRow("tag-only", "a\r\n", {err("a")});
    addRow("tag-and-space", "a \r\n", {err("a")});
    addRow("empty-line", "\r\na NOOP\r\n", {err(""), cmd("a", "NOOP")});

    // --- spacing between arguments
    addRow("trailing-space", "a NOOP \r\n", {err("a")});
    addRow("double-space", "a SELECT  INBOX\r\n", {err("a")});
    addRow("space-after-tag-twice", "a  NOOP\r\n", {err("a")});

    // --- atoms with [section]<partial>: spaces, parentheses and quotes inside the brackets
    addRow("section-header-fields", "a FETCH 1 (BODY.PEEK[HEADER.FIELDS (From To)]<0.100> UID)\r\n",
           {cmd("a", "FETCH",
                {atom("1"), list({atom("BODY.PEEK[HEADER.FIELDS (From To)]<0.100>"), atom("UID")})})});
    addRow("section-quoted-in-brackets", "a FETCH 1 BODY[HEADER.FIELDS (\"X-]\" \"Y\\\"(\")]\r\n",
           {cmd("a", "FETCH", {atom("1"), atom("BODY[HEADER.FIELDS (\"X-]\" \"Y\\\"(\")]")})});
    addRow("section-empty", "a FETCH 1:2 BODY[]\r\n", {cmd("a", "FETCH", {atom("1:2"), atom("BODY[]")})});
    addRow("section-mime-partial", "a FETCH 1 (BODY[1.2.MIME]<10.20>)\r\n",
           {cmd("a", "FETCH", {atom("1"), list({atom("BODY[1.2.MIME]<10.20>")})})});
    // "[" is an ATOM-CHAR: without its "]" it is just part of the atom (RFC 3501 §9); whether
    // BODY[HEADER is a valid fetch item is FETCH's business.
    addRow("section-unterminated", "a FETCH 1 BODY[HEADER\r\n", {cmd("a", "FETCH", {atom("1"), atom("BODY[HEADER")})});
    addRow("section-unterminated-in-list", "a FETCH 1 (BODY[TEXT)\r\n",
           {cmd("a", "FETCH", {atom("1"), list({atom("BODY[TEXT")})})});
    addRow("atom-open-bracket", "a SELECT [Gmail\r\n", {cmd("a", "SELECT", {atom("[Gmail")})});
    addRow("atom-open-bracket-password", "a LOGIN joe pa[ss\r\n", {cmd("a", "LOGIN", {atom("joe"), atom("pa[ss")})});
    addRow("atom-unbalanced-brackets", "a X [[a] b\r\n", {cmd("a", "X", {atom("[[a]"), atom("b")})});
    {
        // Unbalanced brackets must not make tokenizing quadratic.
        QByteArray line = "a X [";
        QStringList args{atom("[")};
        for (int i = 0; i < 20000; ++i) {
            line += " [";
            args << atom("[");
        }
        addRow("atom-many-open-brackets", line + "\r\n", {cmd("a", "X", args)});
    }

    // --- quoted strings: quoted-specials are the only escapes (RFC 3501 §9)
    addRow("quoted-escapes", "a LOGIN \"a\\\"b\" \"c\\\\d\"\r\n",
           {cmd("a", "LOGIN", {quoted("a\"b"), quoted("c\\d")})});
    addRow("quoted-spaces-and-parens", "a LOGIN \"a (b) {3}\" x\r\n",
           {cmd("a", "LOGIN", {quoted("a (b) {3}"), atom("x")})});
    addRow("quoted-empty", "a LOGIN \"\" \"\"\r\n", {cmd("a", "LOGIN", {quoted(""), quoted("")})});
    addRow("quoted-invalid-escape", "a LOGIN \"a\\nb\" c\r\n", {err("a")});
    addRow("quoted-escaped-letter", "a LOGIN \"\\a\" c\r\n", {err("a")});
    addRow("quoted-backslash-at-end", "a LOGIN \"abc\\\r\n", {err("a")});
    addRow("quoted-unterminated", "a LOGIN \"abc\r\n", {err("a")});
    // 8-bit is not QUOTED-CHAR in IMAP4rev1, but IMAP4rev2 (RFC 9051 §9) and UTF8=ACCEPT allow
    // UTF-8 there and clients send it (passwords, SEARCH): accepted and kept byte for byte.
    // Python's imaplib sends SEARCH CHARSET UTF-8 strings as bare 8-bit atoms.
    addRow("atom-8bit", "a SEARCH CHARSET UTF-8 SUBJECT caf\xc3\xa9\r\n",
           {cmd("a", "SEARCH", {atom("CHARSET"), atom("UTF-8"), atom("SUBJECT"), atom("caf\xc3\xa9")})});
    addRow("quoted-8bit", "a SEARCH SUBJECT \"Gr\xc3\xbc\xc3\x9f\xe2\x82\xac\"\r\n",
           {cmd("a", "SEARCH", {atom("SUBJECT"), quoted("Gr\xc3\xbc\xc3\x9f\xe2\x82\xac")})});
    addRow("quoted-nul", raw("a LOGIN \"a\0b\" c\r\n"), {err("a")});
    addRow("quoted-cr", "a LOGIN \"a\rb\" c\r\n", {err("a")});
    addRow("quoted-lf-splits-line", "a LOGIN \"a\nb\" c\r\n", {err("a"), err("")});

    // --- NIL and lists
    addRow("nil-forms", "a X NIL nil \"NIL\"\r\n", {cmd("a", "X", {atom("NIL"), atom("nil"), quoted("NIL")})});
    addRow("nested-lists", "a X (a (b (c)) d)\r\n",
           {cmd("a", "X", {list({atom("a"), list({atom("b"), list({atom("c")})}), atom("d")})})});
    addRow("empty-lists", "a X () (())\r\n", {cmd("a", "X", {list({}), list({list({})})})});
    addRow("list-of-strings", "a X (\"a b\" {1+}\r\nc NIL)\r\n",
           {cmd("a", "X", {list({quoted("a b"), literal("c"), atom("NIL")})})});
    addRow("list-unterminated", "a X (a b\r\n", {err("a")});
    addRow("list-extra-close", "a X (a))\r\n", {err("a")});
    addRow("list-space-before-close", "a X (a )\r\n", {err("a")});
    addRow("list-space-after-open", "a X ( a)\r\n", {err("a")});
    addRow("close-without-open", "a X a)\r\n", {err("a")});
    addRow("depth-at-limit", "a X (((x)))\r\n", {cmd("a", "X", {list({list({list({atom("x")})})})})}, small);
    addRow("depth-over-limit", "a X ((((x))))\r\nb NOOP\r\n", {err("a"), cmd("b", "NOOP")}, small);
    {
        QString deepest = atom("x");
        for (int i = 0; i < 16; ++i)
            deepest = list({deepest});
        addRow("depth-default-16", "a X " + QByteArray(16, '(') + "x" + QByteArray(16, ')') + "\r\n",
               {cmd("a", "X", {deepest})});
        addRow("depth-default-17", "a X " + QByteArray(17, '(') + "x" + QByteArray(17, ')') + "\r\n", {err("a")});
        addRow("depth-huge", "a X " + QByteArray(5000, '(') + "\r\nb NOOP\r\n", {err("a"), cmd("b", "NOOP")});
    }

    // --- literals (RFC 3501 §4.3) and LITERAL+ (RFC 7888)
    addRow("sync-literals", "a LOGIN {3}\r\nfoo {3}\r\nbar\r\n",
           {cont(), cont(), cmd("a", "LOGIN", {literal("foo"), literal("bar")})});
    addRow("literal-plus", "a LOGIN {3+}\r\nfoo {3+}\r\nbar\r\n",
           {cmd("a", "LOGIN", {literal("foo"), literal("bar")})});
    addRow("literal-mixed", "a LOGIN {3+}\r\nfoo {3}\r\nbar\r\n",
           {cont(), cmd("a", "LOGIN", {literal("foo"), literal("bar")})});
    addRow("literal-crlf-inside", "a APPEND INBOX {4}\r\na\r\nb\r\n",
           {cont(), cmd("a", "APPEND", {atom("INBOX"), literal("a\r\nb")})});
    addRow("literal-data-looks-like-command", "a X {10}\r\nb LOGOUT\r\n\r\n",
           {cont(), cmd("a", "X", {literal("b LOGOUT\r\n")})});
    addRow("literal-8bit-and-nul", raw("a X {4+}\r\n\xff\0\r}\r\n"), {cmd("a", "X", {literal(raw("\xff\0\r}"))})});
    addRow("literal-in-list", "a X ({3}\r\nabc {0}\r\n)\r\n",
           {cont(), cont(), cmd("a", "X", {list({literal("abc"), literal("")})})});
    addRow("literal-size-zero", "a LOGIN {0}\r\n {0+}\r\n\r\n",
           {cont(), cmd("a", "LOGIN", {literal(""), literal("")})});
    addRow("literal-bare-lf", "a LOGIN {3}\nfoo {3+}\nbar\n",
           {cont(), cmd("a", "LOGIN", {literal("foo"), literal("bar")})});
    addRow("literal-marker-mid-line", "a LOGIN {3} foo\r\nb NOOP\r\n", {err("a"), cmd("b", "NOOP")});
    addRow("literal-marker-bad-digits", "a LOGIN {3x}\r\n", {err("a")});
    addRow("literal-marker-empty", "a LOGIN {}\r\n", {err("a")});
    addRow("literal-marker-plus-only", "a LOGIN {+}\r\n", {err("a")});
    addRow("literal-then-no-space", "a LOGIN {3}\r\nfoox\r\n", {cont(), err("a")});
    addRow("literal-glued-to-atom", "a LOGIN x{3}\r\nfoo\r\n", {cont(), err("a")});

    // --- literal limits
    addRow("literal-at-limit", "a LOGIN {10}\r\n0123456789\r\n", {cont(), cmd("a", "LOGIN", {literal("0123456789")})},
           small);
    addRow("literal-too-big-sync", "a LOGIN {11}\r\nb NOOP\r\n", {big("a", "LOGIN", 11), cmd("b", "NOOP")}, small);
    addRow("literal-too-big-plus", "a LOGIN {11+}\r\n0123456789A\r\nb NOOP\r\n",
           {big("a", "LOGIN", 11), cmd("b", "NOOP")}, small);
    addRow("literal-too-big-plus-data-not-executed", "a X {12+}\r\nc12 LOGOUT\r\n\r\nb NOOP\r\n",
           {big("a", "X", 12), cmd("b", "NOOP")}, small);
    addRow("literal-too-big-plus-more-literals", "a LOGIN {11+}\r\n0123456789A {3+}\r\nabc\r\nb NOOP\r\n",
           {big("a", "LOGIN", 11), cmd("b", "NOOP")}, small);
    addRow("literal-too-big-plus-then-sync", "a LOGIN {11+}\r\n0123456789A {3}\r\nb NOOP\r\n",
           {big("a", "LOGIN", 11), cmd("b", "NOOP")}, small);
    // The refused command already has its answer: a too-long rest of it is not a second one.
    addRow("literal-too-big-plus-then-long-line", "a X {11+}\r\n0123456789A " + QByteArray(300, 'x') + "\r\nb NOOP\r\n",
           {big("a", "X", 11), cmd("b", "NOOP")}, small);
    addRow("literal-too-big-second", "a LOGIN {3}\r\nabc {11}\r\nb NOOP\r\n",
           {cont(), big("a", "LOGIN", 11), cmd("b", "NOOP")}, small);
    addRow("literal-too-big-uid", "a UID SEARCH TEXT {11}\r\nb NOOP\r\n",
           {big("a", "UID SEARCH", 11), cmd("b", "NOOP")}, small);
    addRow("literals-over-command-total", "a LOGIN {8}\r\n12345678 {8}\r\nb NOOP\r\n",
           {cont(), big("a", "LOGIN", 8), cmd("b", "NOOP")}, small);
    addRow("literals-over-count", "a X {1+}\r\na {1+}\r\nb {1+}\r\nc {1+}\r\nd {1+}\r\ne\r\nb NOOP\r\n",
           {big("a", "X", 1), cmd("b", "NOOP")}, small);
    addRow("literals-at-count", "a X {1+}\r\na {1+}\r\nb {1+}\r\nc {1+}\r\nd\r\n",
           {cmd("a", "X", {literal("a"), literal("b"), literal("c"), literal("d")})}, small);
    addRow("append-uses-append-limit", "a APPEND INBOX (\\Seen) {20}\r\n01234567890123456789\r\n",
           {cont(), cmd("a", "APPEND", {atom("INBOX"), list({atom("\\Seen")}), literal("01234567890123456789")})},
           small);
    addRow("append-lower-case", "a append INBOX {20+}\r\n01234567890123456789\r\n",
           {cmd("a", "APPEND", {atom("INBOX"), literal("01234567890123456789")})}, small);
    addRow("append-over-append-limit", "a APPEND INBOX {41}\r\nb NOOP\r\n", {big("a", "APPEND", 41), cmd("b", "NOOP")},
           small);
    addRow("append-plus-over-append-limit",
           "a APPEND INBOX {41+}\r\n" + QByteArray(41, 'm') + "\r\nb NOOP\r\n",
           {big("a", "APPEND", 41), cmd("b", "NOOP")}, small);

    // --- line length (literals excluded)
    const QByteArray atLimit = "a SEARCH " + QByteArray(32 - 9, 'x');
    addRow("line-at-limit", atLimit + "\r\nb NOOP\r\n",
           {cmd("a", "SEARCH", {atom(QByteArray(23, 'x'))}), cmd("b", "NOOP")}, small);
    addRow("line-at-limit-bare-lf", atLimit + "\nb NOOP\n",
           {cmd("a", "SEARCH", {atom(QByteArray(23, 'x'))}), cmd("b", "NOOP")}, small);
    addRow("line-over-limit", atLimit + "x\r\nb NOOP\r\n", {err("a"), cmd("b", "NOOP")}, small);
    addRow("line-far-over-limit", "a SEARCH " + QByteArray(300, 'x') + "\r\nb NOOP\r\n",
           {err("a"), cmd("b", "NOOP")}, small);
    addRow("line-over-limit-bare-lf", "a SEARCH " + QByteArray(300, 'x') + "\nb NOOP\n", {err("a"), cmd("b", "NOOP")},
           small);
    addRow("line-over-limit-after-literal", "a LOGIN {3}\r\nabc " + QByteArray(300, 'x') + "\r\nb NOOP\r\n",
           {cont(), err("a"), cmd("b", "NOOP")}, small);
    addRow("literal-not-counted-in-line", "a LOGIN {10}\r\n0123456789 " + QByteArray(31, 'y') + "\r\n",
           {cont(), cmd("a", "LOGIN", {literal("0123456789"), atom(QByteArray(31, 'y'))})}, small);

    // --- line endings
    addRow("bare-lf", "a NOOP\nb SELECT INBOX\n", {cmd("a", "NOOP"), cmd("b", "SELECT", {atom("INBOX")})});
    addRow("cr-inside-line", "a NOOP\rb NOOP\r\nc NOOP\r\n", {err("a"), cmd("c", "NOOP")});
    addRow("cr-inside-atom", "a SELECT IN\rBOX\r\n", {err("a")});
    addRow("cr-cr-lf", "a NOOP\r\r\n", {err("a")});
}

void tst_ImapParser::parse()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);
    QFETCH(Limits, limits);

    auto check = [&](const QString &how, const Run &run) {
        if (run.events != expected)
            qWarning().noquote() << "fed" << how;
        QCOMPARE(run.events, expected);
        // Every row ends on a command boundary: nothing may be left over.
        QCOMPARE(run.buffered, qsizetype(0));
        QVERIFY(!run.inCommand);
    };

    check(QStringLiteral("whole"), feedInChunks(input, limits, [&] { return input.size(); }));
    if (QTest::currentTestFailed())
        return;
    check(QStringLiteral("one byte at a time"), feedInChunks(input, limits, [] { return qsizetype(1); }));
    if (QTest::currentTestFailed())
        return;
    if (input.size() <= 2000) {
        for (qsizetype split = 1; split < input.size(); ++split) {
            bool first = true;
            check(QStringLiteral("split at %1").arg(split), feedInChunks(input, limits, [&] {
                      const qsizetype size = first ? split : input.size();
                      first = false;
                      return size;
                  }));
            if (QTest::currentTestFailed())
                return;
        }
    }
    for (quint32 seed = 1; seed <= 20; ++seed) {
        QRandomGenerator random(seed);
        const int maxChunk = 2 + int(seed % 5) * 8;
        check(QStringLiteral("random chunks, seed %1").arg(seed),
              feedInChunks(input, limits, [&] { return qsizetype(random.bounded(1, maxChunk)); }));
        if (QTest::currentTestFailed())
            return;
    }
}

void tst_ImapParser::nilIsAnAtom()
{
    ImapParser parser;
    parser.feed("a X NIL nil \"NIL\" {3+}\r\nNIL\r\n");
    const Event event = parser.next();
    QCOMPARE(event.type, Event::Command);
    const ImapArgs &args = event.command.args;
    QCOMPARE(args.size(), 4);
    QVERIFY(args.at(0).isNil());
    QVERIFY(args.at(1).isNil());
    // A string that spells NIL is a string (RFC 3501 §4.5).
    QVERIFY(!args.at(2).isNil());
    QVERIFY(args.at(2).isString());
    QVERIFY(!args.at(3).isNil());
    QVERIFY(args.at(3).isString());
}

void tst_ImapParser::continuationBeforeLiteralData()
{
    // The client waits for "+" before sending the literal: the parser must ask as soon as the
    // marker line is complete, before any literal byte has arrived (RFC 3501 §7.5).
    ImapParser parser;
    parser.feed("a LOGIN {4}\r");
    QCOMPARE(parser.next().type, Event::NeedMore);
    parser.feed("\n");
    QCOMPARE(parser.next().type, Event::Continuation);
    QCOMPARE(parser.next().type, Event::NeedMore);
    QVERIFY(parser.inCommand());
    parser.feed("us");
    QCOMPARE(parser.next().type, Event::NeedMore);
    parser.feed("er {4}\r\n");
    QCOMPARE(parser.next().type, Event::Continuation);
    QCOMPARE(parser.next().type, Event::NeedMore);
    parser.feed("pass\r\n");
    const Event event = parser.next();
    QCOMPARE(event.type, Event::Command);
    QCOMPARE(render(event), cmd("a", "LOGIN", {literal("user"), literal("pass")}));
    QCOMPARE(parser.next().type, Event::NeedMore);

    // LITERAL+ never asks (RFC 7888 §3).
    parser.feed("b LOGIN {4+}\r\n");
    QCOMPARE(parser.next().type, Event::NeedMore);
    parser.feed("user {4+}\r\npass\r\n");
    QCOMPARE(render(parser.next()), cmd("b", "LOGIN", {literal("user"), literal("pass")}));
}

void tst_ImapParser::syncLiteralTooBigAsksForNothing()
{
    // Refused before the client is asked for it: no "+", and since a correct client then sends
    // nothing more of the command, the next line is a new command.
    ImapParser parser;
    parser.feed("a APPEND INBOX {1073741824}\r\n");
    const Event event = parser.next();
    QCOMPARE(event.type, Event::LiteralTooBig);
    QCOMPARE(event.tag, QByteArray("a"));
    QCOMPARE(event.name, QByteArray("APPEND"));
    QCOMPARE(event.size, qint64(1073741824));
    QCOMPARE(parser.next().type, Event::NeedMore);
    QVERIFY(!parser.inCommand());
    parser.feed("b NOOP\r\n");
    QCOMPARE(render(parser.next()), cmd("b", "NOOP"));
}

void tst_ImapParser::literalPlusTooBigIsDiscardedAsItArrives_data()
{
    QTest::addColumn<QByteArray>("marker");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<qint64>("maxAppend");
    QTest::addColumn<int>("chunk");

    QTest::newRow("search-1mb-4k") << QByteArray("a SEARCH TEXT ") << QByteArray("SEARCH") << qint64(64 * 1024) << 4096;
    QTest::newRow("search-1mb-odd-chunks") << QByteArray("a SEARCH TEXT ") << QByteArray("SEARCH") << qint64(64 * 1024)
                                           << 4093;
    QTest::newRow("append-over-append-limit") << QByteArray("a APPEND INBOX ") << QByteArray("APPEND")
                                              << qint64(256 * 1024) << 4096;
}

void tst_ImapParser::literalPlusTooBigIsDiscardedAsItArrives()
{
    QFETCH(QByteArray, marker);
    QFETCH(QByteArray, name);
    QFETCH(qint64, maxAppend);
    QFETCH(int, chunk);

    Limits limits;
    limits.maxAppendLiteral = maxAppend;
    ImapParser parser(limits);
    const qint64 size = 1024 * 1024;
    parser.feed(QByteArray(marker + "{" + QByteArray::number(size) + "+}\r\n"));
    // Refused at once (RFC 7888 §4: the server may answer before reading the literal).
    const Event event = parser.next();
    QCOMPARE(event.type, Event::LiteralTooBig);
    QCOMPARE(event.tag, QByteArray("a"));
    QCOMPARE(event.name, name);
    QCOMPARE(event.size, size);
    QCOMPARE(parser.next().type, Event::NeedMore);

    // The client sends the literal anyway; it is swallowed without being kept.
    const QByteArray piece(chunk, 'z');
    qint64 sent = 0;
    while (sent + chunk < size) {
        parser.feed(piece);
        sent += chunk;
        QCOMPARE(parser.next().type, Event::NeedMore);
        QCOMPARE(parser.bufferedBytes(), qsizetype(0));
        QVERIFY(parser.inCommand());
    }
    // The last piece ends the literal, the command line, and carries the next command.
    parser.feed(QByteArray(QByteArray(size - sent, 'z') + "\r\nb SELECT INBOX\r\n"));
    QCOMPARE(render(parser.next()), cmd("b", "SELECT", {atom("INBOX")}));
    QCOMPARE(parser.next().type, Event::NeedMore);
    QCOMPARE(parser.bufferedBytes(), qsizetype(0));
    QVERIFY(!parser.inCommand());
}

void tst_ImapParser::lineTooLongInLargePieces_data()
{
    QTest::addColumn<int>("piece");
    QTest::addColumn<bool>("bareLf");
    QTest::newRow("pieces-8x-the-limit") << 8192 << false;
    QTest::newRow("pieces-just-over-the-limit") << 1025 << false;
    QTest::newRow("pieces-8x-the-limit-bare-lf") << 8192 << true;
}

void tst_ImapParser::lineTooLongInLargePieces()
{
    QFETCH(int, piece);
    QFETCH(bool, bareLf);
    Limits limits;
    limits.maxLineLength = 1024;
    ImapParser parser(limits);
    parser.feed("tag7 SEARCH TEXT ");
    QCOMPARE(parser.next().type, Event::NeedMore);
    for (int i = 0; i < 20; ++i) {
        parser.feed(QByteArray(piece, 'x'));
        QCOMPARE(parser.next().type, Event::NeedMore);
        // Never more than a line's worth is held.
        QVERIFY2(parser.bufferedBytes() <= limits.maxLineLength + 1,
                 QByteArray::number(parser.bufferedBytes()).constData());
    }
    // The end of the line arrives inside another big piece, followed by the next command.
    const QByteArray eol = bareLf ? QByteArray("\n") : QByteArray("\r\n");
    parser.feed(QByteArray(QByteArray(piece, 'x') + eol + "b NOOP" + eol));
    const Event error = parser.next();
    QCOMPARE(error.type, Event::Error);
    QCOMPARE(error.tag, QByteArray("tag7"));
    QCOMPARE(render(parser.next()), cmd("b", "NOOP"));
    QCOMPARE(parser.next().type, Event::NeedMore);
    QVERIFY(!parser.inCommand());
}

void tst_ImapParser::inCommandFollowsFraming()
{
    ImapParser parser;
    QVERIFY(!parser.inCommand());
    parser.feed("a LOGIN {3}\r\n");
    QCOMPARE(parser.next().type, Event::Continuation);
    QVERIFY(parser.inCommand());
    parser.feed("abc");
    QCOMPARE(parser.next().type, Event::NeedMore);
    QVERIFY(parser.inCommand());
    parser.feed(" x\r\n");
    QCOMPARE(parser.next().type, Event::Command);
    QVERIFY(!parser.inCommand());
}

void tst_ImapParser::nextLine_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("expected");

    auto line = [](const QByteArray &text) -> QString { return QStringLiteral("LINE ") + show(text); };
    const QString tooLong = QStringLiteral("TOOLONG");
    // maxLineLength is 16 in this test.
    QTest::newRow("sasl-response") << QByteArray("dGVzdA==\r\n") << QStringList{line("dGVzdA==")};
    QTest::newRow("cancel") << QByteArray("*\r\n") << QStringList{line("*")};
    QTest::newRow("empty") << QByteArray("\r\n") << QStringList{line("")};
    QTest::newRow("done-bare-lf") << QByteArray("DONE\n") << QStringList{line("DONE")};
    QTest::newRow("two-lines") << QByteArray("abc\r\ndef\r\n") << QStringList{line("abc"), line("def")};
    QTest::newRow("raw-bytes-kept") << raw("{3}\t\xff\0\r\n") << QStringList{line(raw("{3}\t\xff\0"))};
    QTest::newRow("at-limit") << QByteArray(16, 'q') + "\r\n" << QStringList{line(QByteArray(16, 'q'))};
    QTest::newRow("at-limit-bare-lf") << QByteArray(16, 'q') + "\n" << QStringList{line(QByteArray(16, 'q'))};
    QTest::newRow("over-limit") << QByteArray(17, 'q') + "\r\nabc\r\n" << QStringList{tooLong, line("abc")};
    QTest::newRow("far-over-limit") << QByteArray(500, 'q') + "\r\nabc\r\n" << QStringList{tooLong, line("abc")};
}

void tst_ImapParser::nextLine()
{
    QFETCH(QByteArray, input);
    QFETCH(QStringList, expected);

    auto run = [&](const std::function<qsizetype()> &nextSize) {
        Limits limits;
        limits.maxLineLength = 16;
        ImapParser parser(limits);
        QStringList out;
        qsizetype pos = 0;
        while (pos < input.size()) {
            const qsizetype size = qMin(nextSize(), input.size() - pos);
            parser.feed(QByteArrayView(input).sliced(pos, size));
            pos += size;
            for (int guard = 0; guard < 1000; ++guard) {
                const ImapParser::Line line = parser.nextLine();
                if (line.type == ImapParser::Line::NeedMore)
                    break;
                out << (line.type == ImapParser::Line::TooLong ? QStringLiteral("TOOLONG")
                                                               : QStringLiteral("LINE ") + show(line.text));
            }
        }
        out << QStringLiteral("buffered=%1").arg(parser.bufferedBytes());
        return out;
    };
    expected << QStringLiteral("buffered=0");
    QCOMPARE(run([&] { return input.size(); }), expected);
    QCOMPARE(run([] { return qsizetype(1); }), expected);
    for (qsizetype split = 1; split < input.size(); ++split) {
        bool first = true;
        const QStringList got = run([&] {
            const qsizetype size = first ? split : input.size();
            first = false;
            return size;
        });
        if (got != expected)
            qWarning() << "split at" << split;
        QCOMPARE(got, expected);
    }
}

void tst_ImapParser::nextLineBetweenCommands()
{
    // AUTHENTICATE: the command, then raw response lines, then ordinary commands again
    // (RFC 3501 §6.2.2). Fed whole and one byte at a time.
    const QByteArray input = "a AUTHENTICATE PLAIN\r\nAGpvZQBzZWNyZXQ=\r\nb NOOP\r\n";
    for (const bool bytewise : {false, true}) {
        ImapParser parser;
        qsizetype pos = 0;
        auto feedUntil = [&](const QByteArray &end) {
            const qsizetype stop = input.indexOf(end, pos) + end.size();
            if (bytewise) {
                while (pos < stop)
                    parser.feed(QByteArrayView(input).sliced(pos++, 1));
            } else {
                parser.feed(QByteArrayView(input).sliced(pos, stop - pos));
                pos = stop;
            }
        };
        feedUntil("PLAIN\r\n");
        QCOMPARE(render(parser.next()), cmd("a", "AUTHENTICATE", {atom("PLAIN")}));
        QCOMPARE(parser.next().type, Event::NeedMore);
        // The response line is not a command: it is read only with nextLine().
        feedUntil("=\r\n");
        ImapParser::Line line = parser.nextLine();
        QCOMPARE(line.type, ImapParser::Line::Complete);
        QCOMPARE(line.text, QByteArray("AGpvZQBzZWNyZXQ="));
        QCOMPARE(parser.nextLine().type, ImapParser::Line::NeedMore);
        feedUntil("NOOP\r\n");
        QCOMPARE(render(parser.next()), cmd("b", "NOOP"));
        QCOMPARE(parser.bufferedBytes(), qsizetype(0));
    }
}

void tst_ImapParser::nextLineTooLongInLargePieces()
{
    Limits limits;
    limits.maxLineLength = 1024;
    ImapParser parser(limits);
    for (int i = 0; i < 10; ++i) {
        parser.feed(QByteArray(8192, 'B'));
        QCOMPARE(parser.nextLine().type, ImapParser::Line::NeedMore);
        QVERIFY(parser.bufferedBytes() <= limits.maxLineLength + 1);
    }
    parser.feed(QByteArray(QByteArray(8192, 'B') + "\r\n*\r\n"));
    QCOMPARE(parser.nextLine().type, ImapParser::Line::TooLong);
    const ImapParser::Line line = parser.nextLine();
    QCOMPARE(line.type, ImapParser::Line::Complete);
    QCOMPARE(line.text, QByteArray("*"));
}

void tst_ImapParser::resetDropsEverything_data()
{
    // What is fed before reset(), the events it must give before the reset, and a limit.
    QTest::addColumn<QByteArray>("before");
    QTest::addColumn<QStringList>("eventsBefore");

    QTest::newRow("pipelined-after-starttls") << QByteArray("a STARTTLS\r\nb LOGIN joe secret\r\n")
                                              << QStringList{cmd("a", "STARTTLS")};
    QTest::newRow("mid-line") << QByteArray("a LOGIN joe") << QStringList{};
    QTest::newRow("mid-literal") << QByteArray("a LOGIN {10}\r\nabc") << QStringList{cont()};
    QTest::newRow("between-literals") << QByteArray("a LOGIN {3+}\r\nabc {5+}\r\n") << QStringList{};
    QTest::newRow("skipping-long-line") << QByteArray("a SEARCH ") + QByteArray(100, 'x') << QStringList{};
    QTest::newRow("discarding-literal-plus") << QByteArray("a X {100+}\r\nzzz") << QStringList{big("a", "X", 100)};
}

void tst_ImapParser::resetDropsEverything()
{
    QFETCH(QByteArray, before);
    QFETCH(QStringList, eventsBefore);

    Limits limits;
    limits.maxLineLength = 32;
    limits.maxLiteral = 50;
    ImapParser parser(limits);
    parser.feed(before);
    // Only the first command is taken before the reset (STARTTLS): the rest must vanish.
    QStringList got;
    const Event first = parser.next();
    if (first.type != Event::NeedMore)
        got << render(first);
    QCOMPARE(got, eventsBefore);

    parser.reset();
    QCOMPARE(parser.bufferedBytes(), qsizetype(0));
    QVERIFY(!parser.inCommand());
    QCOMPARE(parser.next().type, Event::NeedMore);
    QCOMPARE(parser.nextLine().type, ImapParser::Line::NeedMore);

    parser.feed("c NOOP\r\n");
    QCOMPARE(drain(parser), QStringList{cmd("c", "NOOP")});
}

QTEST_GUILESS_MAIN(tst_ImapParser)
#include "tst_imapparser.moc"
