// MIME structure computed at APPEND (DESIGN.md, "MIME"): MimeParser, HeaderDecoder and the
// stored form of MessageStructure. Expected offsets, sizes and line counts are worked out by
// hand from RFC 2045/2046/2822 and RFC 3501 §6.4.5 / §7.4.2.

#include "mime/HeaderDecoder.h"
#include "mime/MessagePart.h"
#include "mime/MimeParser.h"

#include <QRandomGenerator>
#include <QTest>

using namespace qimapd;
using namespace Qt::StringLiterals;

namespace {

// Test-local spelling of addresses: (name adl mailbox host), NIL for null, "" around strings.
QByteArray describe(const QByteArray &s)
{
    return s.isNull() ? QByteArrayLiteral("NIL") : '"' + s + '"';
}

QByteArray describe(const QList<Address> &list)
{
    QByteArray out;
    for (const Address &a : list) {
        out += '(' + describe(a.name) + ' ' + describe(a.adl) + ' ' + describe(a.mailbox) + ' '
            + describe(a.host) + ')';
    }
    return out;
}

QByteArray crlf(QByteArray text)
{
    return text.replace("\n", "\r\n");
}

QByteArray slice(const QByteArray &message, qint64 start, qint64 end)
{
    return message.sliced(start, end - start);
}

QByteArray body(const QByteArray &message, const MessagePart &p)
{
    return slice(message, p.bodyStart, p.bodyEnd);
}

QByteArray header(const QByteArray &message, const MessagePart &p)
{
    return slice(message, p.headerStart, p.bodyStart);
}

// Offsets inside the message and inside the parent, children in order, message/rfc822 parts
// with their message, multiparts with at least one child: what FETCH relies on.
void checkInvariants(const MessagePart &p, qint64 lo, qint64 hi, int depth = 0)
{
    QVERIFY(depth <= 2 * MimeParser::MaxDepth + 2);
    QVERIFY2(lo <= p.headerStart && p.headerStart <= p.bodyStart && p.bodyStart <= p.bodyEnd
                 && p.bodyEnd <= hi,
             qPrintable(u"%1 %2 %3 in [%4, %5]"_s.arg(p.headerStart).arg(p.bodyStart)
                            .arg(p.bodyEnd).arg(lo).arg(hi)));
    QVERIFY(p.bodyLines >= 0 && p.bodyLines <= p.bodySize());
    QVERIFY(!p.type.isEmpty() && !p.subtype.isEmpty());
    if (p.isMultipart())
        QVERIFY(!p.children.isEmpty());
    if (p.isMessageRfc822()) {
        QVERIFY(p.message);
        QCOMPARE(p.message->root.headerStart, p.bodyStart);
        QCOMPARE(p.message->root.bodyEnd, p.bodyEnd);
        checkInvariants(p.message->root, p.bodyStart, p.bodyEnd, depth + 1);
    } else {
        QVERIFY(!p.message);
    }
    qint64 previous = p.bodyStart;
    for (const MessagePart &c : p.children) {
        QVERIFY(c.headerStart >= previous);
        checkInvariants(c, p.bodyStart, p.bodyEnd, depth + 1);
        if (QTest::currentTestFailed())
            return;
        previous = c.bodyEnd;
    }
}

// The complex message of RFC 3501 §6.4.5, built for real (also used by tst_fetchformat).
const QByteArray complexMessage = crlf(
    "From: A <a@example.com>\n"
    "Subject: complex\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"outer\"\n"
    "\n"
    "preamble\n"
    "--outer\n"
    "Content-Type: text/plain\n"
    "\n"
    "part one\n"
    "--outer\n"
    "Content-Type: application/octet-stream\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "AAAA\n"
    "--outer\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "From: B <b@example.com>\n"
    "Subject: inner three\n"
    "Content-Type: multipart/mixed; boundary=\"m3\"\n"
    "\n"
    "--m3\n"
    "Content-Type: text/plain\n"
    "\n"
    "three one\n"
    "--m3\n"
    "Content-Type: application/octet-stream\n"
    "\n"
    "three two\n"
    "--m3--\n"
    "\n"
    "--outer\n"
    "Content-Type: multipart/mixed; boundary=\"m4\"\n"
    "\n"
    "--m4\n"
    "Content-Type: image/gif\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "R0lG\n"
    "--m4\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "From: C <c@example.com>\n"
    "Subject: inner four two\n"
    "Content-Type: multipart/mixed; boundary=\"m42\"\n"
    "\n"
    "--m42\n"
    "Content-Type: text/plain\n"
    "\n"
    "four two one\n"
    "--m42\n"
    "Content-Type: multipart/alternative; boundary=\"alt\"\n"
    "\n"
    "--alt\n"
    "Content-Type: text/plain\n"
    "\n"
    "plain version\n"
    "--alt\n"
    "Content-Type: text/richtext\n"
    "\n"
    "rich version\n"
    "--alt--\n"
    "--m42--\n"
    "--m4--\n"
    "--outer--\n"
    "epilogue\n");

} // namespace

class TestMimeParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void simpleMessage();
    void bareLf();
    void bareLfMultipart();
    void complexStructure();
    void partNumbers_data();
    void partNumbers();
    void missingFinalBoundary();
    void missingBoundaryParameter();
    void boundaryNeverFound();
    void transportPaddingAndPrefixBoundaries();
    void delimiterFollowedByDelimiter();
    void digestDefaultsToMessage();
    void encodedMessageRfc822IsOpaque();
    void contentFields();
    void headerQuirks_data();
    void headerQuirks();
    void nestingLimit();
    void garbageNeverCrashes();
    void truncatedMessages();
    void manyParts();
    void partLimit();

    void addresses_data();
    void addresses();
    void envelope();
    void envelopeDefaults();

    void serializeRoundTrip();
    void deserializeRejects();

    void headerFields();
    void unfoldAndValues();
    void decodeWords_data();
    void decodeWords();
    void quotedPrintable_data();
    void quotedPrintable();
    void base64_data();
    void base64();
    void decodeBody();
    void parameterValue_data();
    void parameterValue();
};

void TestMimeParser::simpleMessage()
{
    const QByteArray m = "Subject: Hi\r\n\r\nHello\r\nWorld\r\n";
    const MessageStructure s = MimeParser::parse(m);
    const MessagePart &r = s.root;
    // "Subject: Hi\r\n" is 13 octets, the blank line 2 more; the body is 14 octets, 2 lines.
    QCOMPARE(r.headerStart, 0);
    QCOMPARE(r.bodyStart, 15);
    QCOMPARE(r.bodyEnd, 29);
    QCOMPARE(r.bodySize(), 14);
    QCOMPARE(r.bodyLines, 2);
    // RFC 2045 §5.2: no Content-Type means text/plain; charset=us-ascii, and §6.1 7bit.
    QCOMPARE(r.type, "text");
    QCOMPARE(r.subtype, "plain");
    QCOMPARE(r.parameters.size(), 1);
    QCOMPARE(r.parameters.first().name, "charset");
    QCOMPARE(r.parameters.first().value, "US-ASCII");
    QCOMPARE(r.encoding, "7bit");
    QVERIFY(r.contentId.isNull());
    QVERIFY(r.disposition.isNull());
    QVERIFY(r.children.isEmpty());
    QCOMPARE(s.envelope.subject, "Hi");
    QVERIFY(s.envelope.date.isNull());
    QVERIFY(s.envelope.from.isEmpty());
}

void TestMimeParser::bareLf()
{
    const QByteArray m = "Subject: Hi\n\nHello\nWorld\n";
    const MessageStructure s = MimeParser::parse(m);
    // "Subject: Hi\n" is 12 octets, "\n" 1; body "Hello\nWorld\n" 12 octets in 2 lines.
    QCOMPARE(s.root.bodyStart, 13);
    QCOMPARE(s.root.bodyEnd, 25);
    QCOMPARE(s.root.bodySize(), 12);
    QCOMPARE(s.root.bodyLines, 2);
    QCOMPARE(s.envelope.subject, "Hi");

    // A last line without a line break still counts as a line.
    const MessageStructure t = MimeParser::parse("Subject: Hi\n\nHello\nWorld");
    QCOMPARE(t.root.bodySize(), 11);
    QCOMPARE(t.root.bodyLines, 2);
}

void TestMimeParser::bareLfMultipart()
{
    const QByteArray m = "Content-Type: multipart/mixed; boundary=XX\n" // 43 octets
                         "\n"                                          // body at 44
                         "--XX\n"                                      // part 1 at 49
                         "\n"                                          // its body at 50
                         "one\n"                                       // "one" is 50..53
                         "--XX\n"                                      // part 2 at 59
                         "Content-Type: text/html\n"                   // 24 octets
                         "\n"                                          // its body at 84
                         "<b>2</b>\n"                                  // 84..92
                         "--XX--\n";                                   // ends at 100
    QCOMPARE(m.size(), 100);
    const MessageStructure s = MimeParser::parse(m);
    const MessagePart &r = s.root;
    QCOMPARE(r.type, "multipart");
    QCOMPARE(r.subtype, "mixed");
    QCOMPARE(r.bodyStart, 44);
    QCOMPARE(r.bodyEnd, 100);
    QCOMPARE(r.bodyLines, 8);
    QCOMPARE(r.children.size(), 2);

    const MessagePart &p1 = r.children.at(0);
    QCOMPARE(p1.headerStart, 49);
    QCOMPARE(p1.bodyStart, 50);
    QCOMPARE(p1.bodyEnd, 53);
    QCOMPARE(p1.bodySize(), 3);
    QCOMPARE(p1.bodyLines, 1);
    QCOMPARE(p1.type, "text"); // a part with no header is text/plain too
    QCOMPARE(header(m, p1), "\n");

    const MessagePart &p2 = r.children.at(1);
    QCOMPARE(p2.headerStart, 59);
    QCOMPARE(p2.bodyStart, 84);
    QCOMPARE(p2.bodyEnd, 92);
    QCOMPARE(p2.bodyLines, 1);
    QCOMPARE(p2.subtype, "html");
    QVERIFY(p2.parameters.isEmpty()); // only a missing Content-Type brings the charset default
    QCOMPARE(body(m, p2), "<b>2</b>");
    checkInvariants(r, 0, m.size());
}

void TestMimeParser::complexStructure()
{
    const QByteArray &m = complexMessage;
    const MessageStructure s = MimeParser::parse(m);
    checkInvariants(s.root, 0, m.size());
    const MessagePart &r = s.root;
    QCOMPARE(s.envelope.subject, "complex");
    QCOMPARE(r.type, "multipart");
    QCOMPARE(r.parameter("BOUNDARY"), "outer");
    QCOMPARE(r.children.size(), 4);

    QCOMPARE(body(m, r.children.at(0)), "part one");
    QCOMPARE(r.children.at(0).bodyLines, 1);
    QCOMPARE(r.children.at(1).encoding, "base64");
    QCOMPARE(body(m, r.children.at(1)), "AAAA");

    // 3: message/rfc822. Its body runs to the CRLF before "--outer", which is the delimiter's.
    const MessagePart &p3 = r.children.at(2);
    QVERIFY(p3.isMessageRfc822());
    QVERIFY(p3.message);
    QCOMPARE(p3.bodySize(), 207);
    QCOMPARE(p3.bodyLines, 13);
    QVERIFY(body(m, p3).startsWith("From: B <b@example.com>\r\n"));
    QVERIFY(body(m, p3).endsWith("three two\r\n--m3--\r\n"));
    QCOMPARE(p3.message->envelope.subject, "inner three");
    QCOMPARE(describe(p3.message->envelope.from), R"(("B" NIL "b" "example.com"))");
    QCOMPARE(describe(p3.message->envelope.sender), R"(("B" NIL "b" "example.com"))");
    QCOMPARE(p3.message->root.type, "multipart");
    QCOMPARE(p3.message->root.children.size(), 2);
    QCOMPARE(body(m, p3.message->root.children.at(1)), "three two");
    QCOMPARE(p3.message->root.children.at(1).subtype, "octet-stream");

    // 4: multipart with an image and a message/rfc822 holding a nested alternative.
    const MessagePart &p4 = r.children.at(3);
    QCOMPARE(p4.children.size(), 2);
    QCOMPARE(p4.children.at(0).type, "image");
    const MessagePart &p42 = p4.children.at(1);
    QVERIFY(p42.isMessageRfc822());
    QCOMPARE(p42.bodySize(), 328);
    QCOMPARE(p42.bodyLines, 21); // 20 line breaks, then "--m42--" without one
    QVERIFY(body(m, p42).endsWith("--alt--\r\n--m42--"));
    const MessagePart &alt = p42.message->root.children.at(1);
    QCOMPARE(alt.subtype, "alternative");
    QCOMPARE(body(m, alt.children.at(0)), "plain version");
    QCOMPARE(body(m, alt.children.at(1)), "rich version");
    QCOMPARE(alt.children.at(1).subtype, "richtext");
}

void TestMimeParser::partNumbers_data()
{
    QTest::addColumn<QList<int>>("path");
    QTest::addColumn<QByteArray>("expectedBody"); // empty: no such part

    QTest::newRow("1") << QList<int>{1} << QByteArray("part one");
    QTest::newRow("2") << QList<int>{2} << QByteArray("AAAA");
    QTest::newRow("3.1") << QList<int>{3, 1} << QByteArray("three one");
    QTest::newRow("3.2") << QList<int>{3, 2} << QByteArray("three two");
    QTest::newRow("4.1") << QList<int>{4, 1} << QByteArray("R0lG");
    QTest::newRow("4.2.1") << QList<int>{4, 2, 1} << QByteArray("four two one");
    QTest::newRow("4.2.2.1") << QList<int>{4, 2, 2, 1} << QByteArray("plain version");
    QTest::newRow("4.2.2.2") << QList<int>{4, 2, 2, 2} << QByteArray("rich version");
    QTest::newRow("0") << QList<int>{0} << QByteArray();
    QTest::newRow("5") << QList<int>{5} << QByteArray();
    QTest::newRow("1.1 (text has no parts)") << QList<int>{1, 1} << QByteArray();
    QTest::newRow("3.3") << QList<int>{3, 3} << QByteArray();
    QTest::newRow("4.2.2.3") << QList<int>{4, 2, 2, 3} << QByteArray();
}

void TestMimeParser::partNumbers()
{
    QFETCH(QList<int>, path);
    QFETCH(QByteArray, expectedBody);
    const MessageStructure s = MimeParser::parse(complexMessage);
    const MessagePart *p = s.root.partAt(path);
    if (expectedBody.isEmpty()) {
        QVERIFY(!p);
        return;
    }
    QVERIFY(p);
    QCOMPARE(body(complexMessage, *p), expectedBody);
}

void TestMimeParser::missingFinalBoundary()
{
    const QByteArray m = crlf("Content-Type: multipart/mixed; boundary=b\n"
                              "\n"
                              "--b\n"
                              "\n"
                              "first\n"
                              "--b\n"
                              "Content-Type: text/plain\n"
                              "\n"
                              "second\n"
                              "still second\n");
    const MessageStructure s = MimeParser::parse(m);
    QCOMPARE(s.root.children.size(), 2);
    // Without a close delimiter the last part runs to the end of the message, line break
    // included.
    QCOMPARE(body(m, s.root.children.at(1)), "second\r\nstill second\r\n");
    QCOMPARE(s.root.children.at(1).bodyLines, 2);
    QCOMPARE(s.root.children.at(1).bodyEnd, m.size());
    QCOMPARE(s.root.bodyEnd, m.size());

    // An inner multipart missing its close delimiter is ended by the outer boundary.
    const QByteArray n = crlf("Content-Type: multipart/mixed; boundary=outer\n"
                              "\n"
                              "--outer\n"
                              "Content-Type: multipart/alternative; boundary=inner\n"
                              "\n"
                              "--inner\n"
                              "\n"
                              "a\n"
                              "--outer\n"
                              "\n"
                              "b\n"
                              "--outer--\n");
    const MessageStructure t = MimeParser::parse(n);
    QCOMPARE(t.root.children.size(), 2);
    QCOMPARE(t.root.children.at(0).children.size(), 1);
    QCOMPARE(body(n, t.root.children.at(0).children.at(0)), "a");
    QCOMPARE(body(n, t.root.children.at(1)), "b");
    checkInvariants(t.root, 0, n.size());
}

void TestMimeParser::missingBoundaryParameter()
{
    const QByteArray m = crlf("Content-Type: multipart/mixed\n\n--x\n\ntext\n--x--\n");
    const MessageStructure s = MimeParser::parse(m);
    QCOMPARE(s.root.type, "text");
    QCOMPARE(s.root.subtype, "plain");
    QCOMPARE(s.root.parameter("charset"), "US-ASCII");
    QVERIFY(s.root.children.isEmpty());
    QCOMPARE(body(m, s.root), "--x\r\n\r\ntext\r\n--x--\r\n");
    QCOMPARE(s.root.bodyLines, 4);
}

void TestMimeParser::boundaryNeverFound()
{
    const QByteArray m = crlf("Content-Type: multipart/mixed; boundary=zz\n\nno parts here\n");
    const MessageStructure s = MimeParser::parse(m);
    QCOMPARE(s.root.type, "text");
    QVERIFY(s.root.children.isEmpty());
    QCOMPARE(body(m, s.root), "no parts here\r\n");
    QCOMPARE(s.root.bodyLines, 1);
}

void TestMimeParser::transportPaddingAndPrefixBoundaries()
{
    // RFC 2046 §5.1.1: blanks may follow a delimiter. A line that merely starts with the
    // boundary ("--ab" vs boundary "a") is not a delimiter.
    const QByteArray m = crlf("Content-Type: multipart/mixed; boundary=\"a\"\n"
                              "\n"
                              "--a  \t\n"
                              "\n"
                              "x\n"
                              "--ab\n"
                              "--a--  \n"
                              "epilogue\n");
    const MessageStructure s = MimeParser::parse(m);
    QCOMPARE(s.root.children.size(), 1);
    QCOMPARE(body(m, s.root.children.at(0)), "x\r\n--ab");
    QCOMPARE(s.root.children.at(0).bodyLines, 2);
}

void TestMimeParser::delimiterFollowedByDelimiter()
{
    // "--i CRLF --o--": the line break between the two belongs to the second delimiter, so
    // the part "--i" opens is empty, and it must still lie inside its parent's body.
    const QByteArray m = crlf("Content-Type: multipart/mixed; boundary=o\n"
                              "\n"
                              "--o\n"
                              "Content-Type: multipart/mixed; boundary=i\n"
                              "\n"
                              "--i\n"
                              "\n"
                              "x\n"
                              "--i\n"
                              "--o--\n");
    const MessageStructure s = MimeParser::parse(m);
    checkInvariants(s.root, 0, m.size());
    QCOMPARE(s.root.children.size(), 1);
    const MessagePart &inner = s.root.children.at(0);
    QCOMPARE(inner.bodyEnd, m.indexOf("\r\n--o--"));
    QCOMPARE(inner.children.size(), 2);
    QCOMPARE(body(m, inner.children.at(0)), "x");
    const MessagePart &empty = inner.children.at(1);
    QCOMPARE(empty.headerStart, inner.bodyEnd);
    QCOMPARE(empty.bodyStart, inner.bodyEnd);
    QCOMPARE(empty.bodyEnd, inner.bodyEnd);
}

void TestMimeParser::digestDefaultsToMessage()
{
    const QByteArray m = crlf("Content-Type: multipart/digest; boundary=d\n"
                              "\n"
                              "--d\n"
                              "\n"
                              "Subject: one\n"
                              "\n"
                              "body one\n"
                              "--d\n"
                              "Content-Type: text/plain\n"
                              "\n"
                              "plain\n"
                              "--d--\n");
    const MessageStructure s = MimeParser::parse(m);
    QCOMPARE(s.root.children.size(), 2);
    // RFC 2046 §5.1.5: in a digest, a part without Content-Type is message/rfc822.
    const MessagePart &first = s.root.children.at(0);
    QVERIFY(first.isMessageRfc822());
    QVERIFY(first.parameters.isEmpty());
    QCOMPARE(first.message->envelope.subject, "one");
    QCOMPARE(body(m, first.message->root), "body one");
    QCOMPARE(s.root.children.at(1).type, "text");
}

void TestMimeParser::encodedMessageRfc822IsOpaque()
{
    // RFC 2046 §5.2.1 allows only 7bit/8bit/binary; a base64 message/rfc822 is not opened and,
    // since RFC 3501 §9 forbids MESSAGE/RFC822 in body-type-basic, becomes octet-stream.
    const QByteArray m = crlf("Content-Type: message/rfc822\nContent-Transfer-Encoding: base64\n"
                              "\nU3ViamVjdDogeA0KDQp5DQo=\n");
    const MessageStructure s = MimeParser::parse(m);
    QCOMPARE(s.root.type, "application");
    QCOMPARE(s.root.subtype, "octet-stream");
    QCOMPARE(s.root.encoding, "base64");
    QVERIFY(!s.root.message);

    // An empty message/rfc822 body still gets an (empty) encapsulated message.
    const MessageStructure t = MimeParser::parse("Content-Type: message/rfc822\r\n\r\n");
    QVERIFY(t.root.message);
    QCOMPARE(t.root.message->root.headerStart, t.root.bodyStart);
    QCOMPARE(t.root.message->root.bodySize(), 0);
    QVERIFY(t.root.message->envelope.subject.isNull());
}

void TestMimeParser::contentFields()
{
    const QByteArray m = crlf(
        "Content-Type: Text/HTML (a comment) ; CharSet = \"UTF-8\" ;format=flowed;\n"
        "  name=\"a \\\"b\\\" c.html\"; junk; x=\n"
        "Content-Transfer-Encoding: Quoted-Printable (why not)\n"
        "Content-ID: <id@example.com>\n"
        "Content-Description:  the \"page\"  \n"
        "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\n"
        "Content-Disposition: ATTACHMENT; filename=page.html; size=12\n"
        "Content-Language: en-GB, (comment) de\n"
        "Content-Location: http://example.com/page\n"
        "Content-Type: text/plain\n"
        "\n"
        "body\n");
    const MessagePart r = MimeParser::parse(m).root;
    QCOMPARE(r.type, "text");
    QCOMPARE(r.subtype, "html");
    QCOMPARE(r.parameters.size(), 4);
    QCOMPARE(r.parameters.at(0).name, "charset");
    QCOMPARE(r.parameters.at(0).value, "UTF-8");
    QCOMPARE(r.parameters.at(1).name, "format");
    QCOMPARE(r.parameters.at(1).value, "flowed");
    QCOMPARE(r.parameters.at(2).name, "name");
    QCOMPARE(r.parameters.at(2).value, "a \"b\" c.html");
    QCOMPARE(r.parameters.at(3).name, "x"); // present, empty value
    QCOMPARE(r.parameters.at(3).value, "");
    QCOMPARE(r.encoding, "quoted-printable");
    QCOMPARE(r.contentId, "<id@example.com>");
    QCOMPARE(r.description, "the \"page\"");
    QCOMPARE(r.md5, "Q2hlY2sgSW50ZWdyaXR5IQ==");
    QCOMPARE(r.disposition, "attachment");
    QCOMPARE(r.dispositionParameters.size(), 2);
    QCOMPARE(r.dispositionParameters.at(0).name, "filename");
    QCOMPARE(r.dispositionParameters.at(0).value, "page.html");
    QCOMPARE(r.dispositionParameters.at(1).value, "12");
    QCOMPARE(r.language, (QList<QByteArray>{"en-GB", "de"}));
    QCOMPARE(r.location, "http://example.com/page");

    // Content-Type without a subtype is invalid, hence the RFC 2045 §5.2 default.
    const MessagePart bad = MimeParser::parse("Content-Type: text\r\n\r\nx").root;
    QCOMPARE(bad.subtype, "plain");
    QCOMPARE(bad.parameter("charset"), "US-ASCII");
}

void TestMimeParser::headerQuirks_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<qint64>("bodyStart");
    QTest::addColumn<qint64>("bodyEnd");
    QTest::addColumn<qint64>("lines");
    QTest::addColumn<QByteArray>("subject");

    QTest::newRow("empty message") << QByteArray() << qint64(0) << qint64(0) << qint64(0)
                                   << QByteArray();
    QTest::newRow("only a blank line") << QByteArray("\r\n") << qint64(2) << qint64(2)
                                       << qint64(0) << QByteArray();
    QTest::newRow("blank line first") << QByteArray("\r\nSubject: no\r\n") << qint64(2)
                                      << qint64(15) << qint64(1) << QByteArray();
    // No separator: everything is header, the body is empty (RFC 3501 §6.4.5).
    QTest::newRow("no separator") << QByteArray("Subject: x\r\nFrom: a@b") << qint64(21)
                                  << qint64(21) << qint64(0) << QByteArray("x");
    QTest::newRow("folded subject")
        << QByteArray("Subject: a\r\n  b\r\n\tc\r\n\r\nz") << qint64(23) << qint64(24)
        << qint64(1) << QByteArray("a  b\tc");
    QTest::newRow("line without colon")
        << QByteArray("From nobody Mon Jan 1\r\nSubject: s\r\n\r\nz\r\n") << qint64(37)
        << qint64(40) << qint64(1) << QByteArray("s");
    QTest::newRow("8-bit subject") << QByteArray("Subject: Gr\xc3\xbc\xc3\x9f" "e\n\nx")
                                   << qint64(18) << qint64(19) << qint64(1)
                                   << QByteArray("Gr\xc3\xbc\xc3\x9f" "e");
    QTest::newRow("empty subject") << QByteArray("Subject:\r\n\r\n") << qint64(12)
                                   << qint64(12) << qint64(0) << QByteArray("");
    QTest::newRow("space before colon") << QByteArray("Subject : s\r\n\r\n") << qint64(15)
                                        << qint64(15) << qint64(0) << QByteArray("s");
    QTest::newRow("bare CR is not a line break")
        << QByteArray("Subject: a\rb\r\n\r\nx\ry") << qint64(16) << qint64(19) << qint64(1)
        << QByteArray("a\rb");
}

void TestMimeParser::headerQuirks()
{
    QFETCH(QByteArray, message);
    QFETCH(qint64, bodyStart);
    QFETCH(qint64, bodyEnd);
    QFETCH(qint64, lines);
    QFETCH(QByteArray, subject);
    const MessageStructure s = MimeParser::parse(message);
    QCOMPARE(s.root.headerStart, 0);
    QCOMPARE(s.root.bodyStart, bodyStart);
    QCOMPARE(s.root.bodyEnd, bodyEnd);
    QCOMPARE(s.root.bodyLines, lines);
    QCOMPARE(s.envelope.subject.isNull(), subject.isNull());
    QCOMPARE(s.envelope.subject, subject);
    QCOMPARE(s.root.type, "text");
}

void TestMimeParser::nestingLimit()
{
    // 150 multiparts inside each other, each with its own boundary.
    const int levels = 150;
    QByteArray m;
    for (int i = 0; i < levels; ++i)
        m += "Content-Type: multipart/mixed; boundary=b" + QByteArray::number(i) + "\r\n\r\n--b"
            + QByteArray::number(i) + "\r\n";
    m += "\r\ninnermost\r\n";
    const MessageStructure s = MimeParser::parse(m);
    checkInvariants(s.root, 0, m.size());
    int depth = 0;
    const MessagePart *p = &s.root;
    while (p->isMultipart()) {
        p = &p->children.first();
        ++depth;
    }
    // Parts at depth 0..99 may be containers; the one at depth 100 is opaque.
    QCOMPARE(depth, MimeParser::MaxDepth);
    QCOMPARE(p->type, "application");
    QCOMPARE(p->subtype, "octet-stream");

    // The same with message/rfc822 inside message/rfc822.
    QByteArray n;
    for (int i = 0; i < levels; ++i)
        n += "Subject: level " + QByteArray::number(i) + "\r\nContent-Type: message/rfc822\r\n\r\n";
    n += "Subject: bottom\r\n\r\nbottom\r\n";
    const MessageStructure t = MimeParser::parse(n);
    checkInvariants(t.root, 0, n.size());
    depth = 0;
    p = &t.root;
    while (p->isMessageRfc822()) {
        p = &p->message->root;
        ++depth;
    }
    QCOMPARE(depth, MimeParser::MaxDepth);
    QCOMPARE(p->subtype, "octet-stream");

    // A serialised deep structure reads back.
    QCOMPARE(MessageStructure::deserialize(t.serialize()), t);
}

void TestMimeParser::garbageNeverCrashes()
{
    QRandomGenerator rng(20240601);
    // Pieces that steer the parser into its corners, glued at random.
    const QList<QByteArray> pieces = {
        "Content-Type: multipart/mixed; boundary=b\r\n", "Content-Type: message/rfc822\r\n",
        "Content-Type: multipart/digest; boundary=\"b\"\r\n", "\r\n", "\n", "--b\r\n",
        "--b--\r\n", "--b", "--c\r\n", "Content-Type: multipart/alternative; boundary=c\n",
        "From: \"unterminated <a@b\r\n", "To: g:;\r\n", "To: a:b:c;;,,<<>>@@\r\n", " folded\r\n",
        "no colon line\r\n", "\xff\xfe\x80\r\n", "Subject: =?utf-8?q?x?=\r\n", "(((\r\n",
        "Content-Type: ;;;==\"\r\n", "Content-Disposition: \"\r\n", QByteArray(1, '\0'), "\r",
        "Content-Type: multipart/mixed; boundary=\"\"\r\n", "body text\r\n",
    };
    for (int round = 0; round < 3000; ++round) {
        QByteArray m;
        if (round % 3 == 0) {
            const int size = rng.bounded(400);
            m.resize(size);
            for (int i = 0; i < size; ++i)
                m[i] = char(rng.bounded(256));
        } else {
            const int count = rng.bounded(40);
            for (int i = 0; i < count; ++i)
                m += pieces.at(rng.bounded(pieces.size()));
        }
        const MessageStructure s = MimeParser::parse(m);
        checkInvariants(s.root, 0, m.size());
        if (QTest::currentTestFailed()) {
            qWarning() << "input:" << m.toPercentEncoding();
            return;
        }
        QCOMPARE(MessageStructure::deserialize(s.serialize()), s);
    }
}

void TestMimeParser::truncatedMessages()
{
    for (const QByteArray &m : {complexMessage, QByteArray(complexMessage).replace("\r\n", "\n")}) {
        for (qsizetype n = 0; n <= m.size(); ++n) {
            const QByteArray prefix = m.first(n);
            const MessageStructure s = MimeParser::parse(prefix);
            checkInvariants(s.root, 0, prefix.size());
            if (QTest::currentTestFailed()) {
                qWarning() << "prefix length" << n;
                return;
            }
        }
    }
}

void TestMimeParser::manyParts()
{
    QByteArray m = "Content-Type: multipart/mixed; boundary=p\r\n\r\n";
    for (int i = 0; i < 10000; ++i)
        m += "--p\r\nContent-Type: text/plain\r\n\r\npart " + QByteArray::number(i) + "\r\n";
    m += "--p--\r\n";
    const MessageStructure s = MimeParser::parse(m);
    QCOMPARE(s.root.children.size(), 10000);
    QCOMPARE(body(m, s.root.children.at(9999)), "part 9999");
    QCOMPARE(body(m, *s.root.partAt({5000})), "part 4999");
}

void TestMimeParser::partLimit()
{
    // A message of nothing but delimiters must not become a structure far larger than itself.
    QByteArray m = "Content-Type: multipart/mixed; boundary=b\r\n\r\n";
    for (int i = 0; i < MimeParser::MaxParts + 5000; ++i)
        m += "--b\r\n";
    m += "--b--\r\n";
    const MessageStructure s = MimeParser::parse(m);
    checkInvariants(s.root, 0, m.size());
    QCOMPARE(s.root.children.size(), MimeParser::MaxParts - 1); // the root is a part too
    // The delimiters past the budget stay in the last part (here in its header, which has no
    // blank line), and the close delimiter still ends it.
    const MessagePart &last = s.root.children.last();
    QCOMPARE(last.bodyEnd, m.size() - qsizetype(sizeof("\r\n--b--\r\n") - 1));
    QCOMPARE(last.bodySize(), 0);
    QVERIFY(header(m, last).startsWith("--b\r\n--b\r\n"));
}

void TestMimeParser::addresses_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("addr-spec alone has no name")
        << QByteArray("user@example.com") << QByteArray(R"((NIL NIL "user" "example.com"))");
    QTest::newRow("angle-addr alone has no name")
        << QByteArray("<user@example.com>") << QByteArray(R"((NIL NIL "user" "example.com"))");
    QTest::newRow("name-addr") << QByteArray("Alice Smith <alice@example.com>")
                               << QByteArray(R"(("Alice Smith" NIL "alice" "example.com"))");
    QTest::newRow("quoted name, quoting removed")
        << QByteArray(R"("Smith, \"Al\" \\ Co" <a@b.c>)")
        << QByteArray(R"(("Smith, "Al" \ Co" NIL "a" "b.c"))");
    QTest::newRow("empty quoted name is NIL")
        << QByteArray(R"("" <a@b.c>)") << QByteArray(R"((NIL NIL "a" "b.c"))");
    QTest::newRow("trailing comment as name")
        << QByteArray("bob@example.com (Bob Jones)")
        << QByteArray(R"(("Bob Jones" NIL "bob" "example.com"))");
    QTest::newRow("comment inside phrase dropped")
        << QByteArray("Bob (the builder) Jones <bob@x.org>")
        << QByteArray(R"(("Bob Jones" NIL "bob" "x.org"))");
    QTest::newRow("phrase with dot") << QByteArray("John Q. Public <jqp@x.org>")
                                     << QByteArray(R"(("John Q. Public" NIL "jqp" "x.org"))");
    QTest::newRow("two addresses")
        << QByteArray("a@x.org, B <b@y.org>")
        << QByteArray(R"((NIL NIL "a" "x.org")("B" NIL "b" "y.org"))");
    QTest::newRow("folded list")
        << QByteArray("a@x.org,\r\n\tB\r\n <b@y.org>")
        << QByteArray(R"((NIL NIL "a" "x.org")("B" NIL "b" "y.org"))");
    QTest::newRow("empty group")
        << QByteArray("undisclosed-recipients:;")
        << QByteArray(R"((NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL))");
    QTest::newRow("group with members, then an address")
        << QByteArray(R"(Team: a@x.org, "Bob B" <b@y.org>;, c@z.org)")
        << QByteArray(R"((NIL NIL "Team" NIL)(NIL NIL "a" "x.org")("Bob B" NIL "b" "y.org"))"
                      R"((NIL NIL NIL NIL)(NIL NIL "c" "z.org"))");
    QTest::newRow("unterminated group is closed")
        << QByteArray("Team: a@x.org")
        << QByteArray(R"((NIL NIL "Team" NIL)(NIL NIL "a" "x.org")(NIL NIL NIL NIL))");
    QTest::newRow("source route")
        << QByteArray("Joe <@relay1.org,@relay2.org:joe@example.com>")
        << QByteArray(R"(("Joe" "@relay1.org,@relay2.org" "joe" "example.com"))");
    QTest::newRow("quoted local part")
        << QByteArray(R"("john doe"@example.com)") << QByteArray(R"((NIL NIL "john doe" "example.com"))");
    QTest::newRow("dotted local part with obsolete spaces")
        << QByteArray("john . doe @ example . com")
        << QByteArray(R"((NIL NIL "john.doe" "example.com"))");
    QTest::newRow("domain literal")
        << QByteArray("a@[192.0.2.1]") << QByteArray(R"((NIL NIL "a" "[192.0.2.1]"))");
    QTest::newRow("no host: empty host, not a group marker")
        << QByteArray("John") << QByteArray(R"((NIL NIL "John" ""))");
    QTest::newRow("unquoted comma in name")
        << QByteArray("Doe, John <jd@x.org>")
        << QByteArray(R"((NIL NIL "Doe" "")("John" NIL "jd" "x.org"))");
    QTest::newRow("8-bit name kept as bytes")
        << QByteArray("J\xc3\xb6rg <j@x.de>") << QByteArray("(\"J\xc3\xb6rg\" NIL \"j\" \"x.de\")");
    QTest::newRow("encoded word kept raw")
        << QByteArray("=?utf-8?q?J=C3=B6rg?= <j@x.de>")
        << QByteArray(R"(("=?utf-8?q?J=C3=B6rg?=" NIL "j" "x.de"))");
    QTest::newRow("null sender <> dropped") << QByteArray("<>") << QByteArray();
    QTest::newRow("empty") << QByteArray("") << QByteArray();
    QTest::newRow("only commas") << QByteArray(" , ,") << QByteArray();
}

void TestMimeParser::addresses()
{
    QFETCH(QByteArray, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(describe(MimeParser::parseAddresses(value)), expected);
}

void TestMimeParser::envelope()
{
    const QByteArray header = crlf("Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\n"
                                   "From: Terry Gray <gray@cac.washington.edu>\n"
                                   "Subject: IMAP4rev1 WG mtg\n"
                                   "  summary and minutes\n"
                                   "Subject: ignored duplicate\n"
                                   "To: imap@cac.washington.edu\n"
                                   "cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\n"
                                   "BCC: undisclosed-recipients:;\n"
                                   "In-Reply-To: <a@b>\n"
                                   "Message-Id: <B27397-0100000@cac.washington.edu>\n"
                                   "\n");
    const Envelope e = MimeParser::parseEnvelope(header);
    QCOMPARE(e.date, "Wed, 17 Jul 1996 02:23:25 -0700 (PDT)");
    QCOMPARE(e.subject, "IMAP4rev1 WG mtg  summary and minutes");
    QCOMPARE(describe(e.from), R"(("Terry Gray" NIL "gray" "cac.washington.edu"))");
    QCOMPARE(describe(e.sender), describe(e.from));
    QCOMPARE(describe(e.replyTo), describe(e.from));
    QCOMPARE(describe(e.to), R"((NIL NIL "imap" "cac.washington.edu"))");
    QCOMPARE(describe(e.cc), R"((NIL NIL "minutes" "CNRI.Reston.VA.US"))"
                             R"(("John Klensin" NIL "KLENSIN" "MIT.EDU"))");
    QCOMPARE(describe(e.bcc), R"((NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL))");
    QCOMPARE(e.inReplyTo, "<a@b>");
    QCOMPARE(e.messageId, "<B27397-0100000@cac.washington.edu>");
    // The parser's envelope of a message is the same thing.
    QCOMPARE(MimeParser::parse(header + "body").envelope, e);
}

void TestMimeParser::envelopeDefaults()
{
    // RFC 3501 §7.4.2: absent Date/Subject/In-Reply-To/Message-ID are NIL, present but empty
    // ones empty strings; Sender and Reply-To absent or empty take From's value.
    const Envelope e = MimeParser::parseEnvelope("From: a@b\r\nSender:\r\nSubject:\r\n\r\n");
    QVERIFY(e.date.isNull());
    QVERIFY(!e.subject.isNull());
    QCOMPARE(e.subject, "");
    QCOMPARE(describe(e.sender), R"((NIL NIL "a" "b"))");
    QCOMPARE(describe(e.replyTo), R"((NIL NIL "a" "b"))");
    QVERIFY(e.to.isEmpty());
    QVERIFY(e.inReplyTo.isNull());
    QVERIFY(e.messageId.isNull());

    const Envelope f = MimeParser::parseEnvelope("Sender: s@x\r\nReply-To: r@x\r\n\r\n");
    QVERIFY(f.from.isEmpty());
    QCOMPARE(describe(f.sender), R"((NIL NIL "s" "x"))");
    QCOMPARE(describe(f.replyTo), R"((NIL NIL "r" "x"))");

    const Envelope none = MimeParser::parseEnvelope("");
    QCOMPARE(none, Envelope());
}

void TestMimeParser::serializeRoundTrip()
{
    const MessageStructure s = MimeParser::parse(complexMessage);
    const QByteArray data = s.serialize();
    const auto back = MessageStructure::deserialize(data);
    QVERIFY(back);
    QCOMPARE(*back, s);
    QCOMPARE(back->root.children.at(2).message->envelope.subject, "inner three");

    // NIL and "" survive as themselves.
    MessageStructure t;
    t.envelope.subject = QByteArray("", 0);
    t.envelope.from = {Address{QByteArray(), QByteArray(), QByteArray("x"), QByteArray("", 0)}};
    t.root.description = QByteArray("", 0);
    const auto u = MessageStructure::deserialize(t.serialize());
    QVERIFY(u);
    QVERIFY(!u->envelope.subject.isNull());
    QVERIFY(u->envelope.date.isNull());
    QVERIFY(u->envelope.from.first().name.isNull());
    QVERIFY(!u->envelope.from.first().host.isNull());
    QVERIFY(!u->root.description.isNull());
    QVERIFY(u->root.contentId.isNull());
    QCOMPARE(*u, t);
    QVERIFY(!(*u == MessageStructure()));
}

void TestMimeParser::deserializeRejects()
{
    const QByteArray data = MimeParser::parse(complexMessage).serialize();
    QVERIFY(!MessageStructure::deserialize(QByteArray()));
    QByteArray wrongVersion = data;
    wrongVersion[0] = char(99);
    QVERIFY(!MessageStructure::deserialize(wrongVersion));
    QVERIFY(!MessageStructure::deserialize(data + "x")); // trailing bytes
    for (qsizetype n = 0; n < data.size(); ++n)
        QVERIFY(!MessageStructure::deserialize(data.first(n)));
    QRandomGenerator rng(7);
    for (int round = 0; round < 2000; ++round) {
        QByteArray corrupt = data;
        for (int k = 0; k < 4; ++k)
            corrupt[rng.bounded(corrupt.size())] = char(rng.bounded(256));
        const auto s = MessageStructure::deserialize(corrupt); // must not crash or hang
        if (s)
            QVERIFY(s->root.bodyStart >= s->root.headerStart);
    }
}

void TestMimeParser::headerFields()
{
    const QByteArray h = "Subject: a\r\n b\r\nbroken line\r\nX-Y :z\r\n\r\nFrom: not header\r\n";
    const auto fields = HeaderDecoder::fields(h);
    QCOMPARE(fields.size(), 3);
    QCOMPARE(fields.at(0).name, "Subject");
    QCOMPARE(fields.at(0).value, " a\r\n b");
    QCOMPARE(fields.at(0).start, 0);
    QCOMPARE(fields.at(0).end, 16);
    QVERIFY(fields.at(1).name.isEmpty());
    QCOMPARE(fields.at(1).value, "broken line");
    QCOMPARE(fields.at(1).start, 16);
    QCOMPARE(fields.at(1).end, 29);
    QCOMPARE(fields.at(2).name, "X-Y");
    QCOMPARE(fields.at(2).value, "z");
    QCOMPARE(fields.at(2).end, 37);

    // A continuation with nothing before it is a nameless field; bare LF works the same.
    const auto g = HeaderDecoder::fields(" lead\nA: 1\n");
    QCOMPARE(g.size(), 2);
    QVERIFY(g.at(0).name.isEmpty());
    QCOMPARE(g.at(1).name, "A");
    QCOMPARE(g.at(1).value, " 1");
    QVERIFY(HeaderDecoder::fields("").isEmpty());
    QVERIFY(HeaderDecoder::fields("\r\nA: 1\r\n").isEmpty());
}

void TestMimeParser::unfoldAndValues()
{
    QCOMPARE(HeaderDecoder::unfold(" a\r\n b\n\tc\r\n"), " a b\tc");
    QCOMPARE(HeaderDecoder::unfold("x"), "x");
    const QByteArray h = "To: a\r\nSUBJECT: one\r\n two \r\nsubject:\r\nX: 1\r\n\r\n";
    QCOMPARE(HeaderDecoder::value(h, "Subject"), "one two");
    QCOMPARE(HeaderDecoder::values(h, "subject"), (QList<QByteArray>{"one two", ""}));
    QVERIFY(!HeaderDecoder::values(h, "subject").at(1).isNull());
    QVERIFY(HeaderDecoder::value(h, "Cc").isNull());
    QVERIFY(HeaderDecoder::value(h, "Subj").isNull());
}

void TestMimeParser::decodeWords_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain ascii") << QByteArray("Hello world") << u"Hello world"_s;
    QTest::newRow("UTF-8 B") << QByteArray("=?UTF-8?B?w6nDqMOg?=") << u"éèà"_s;
    QTest::newRow("lower-case b") << QByteArray("=?utf-8?b?aGk=?=") << u"hi"_s;
    QTest::newRow("ISO-8859-1 Q with underscores")
        << QByteArray("=?ISO-8859-1?Q?Caf=E9_cr=E8me?=") << u"Café crème"_s;
    QTest::newRow("lower-case hex in Q") << QByteArray("=?iso-8859-1?q?caf=e9?=") << u"café"_s;
    QTest::newRow("KOI8-R") << QByteArray("=?KOI8-R?B?8NLJ18XU?=") << u"Привет"_s;
    QTest::newRow("ISO-2022-JP") << QByteArray("=?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=")
                                 << u"日本語"_s;
    QTest::newRow("windows-1252") << QByteArray("=?windows-1252?Q?=80_5?=") << u"€ 5"_s;
    QTest::newRow("adjacent words joined")
        << QByteArray("=?utf-8?q?a?= =?utf-8?q?b?=") << u"ab"_s;
    QTest::newRow("adjacent across a fold")
        << QByteArray("=?utf-8?q?a?=\r\n =?iso-8859-1?q?b?=") << u"ab"_s;
    QTest::newRow("character split between words")
        << QByteArray("=?utf-8?Q?=C3?= =?UTF-8?Q?=A9?=") << u"é"_s;
    QTest::newRow("text around words keeps its spaces")
        << QByteArray("Re: =?utf-8?q?caf=C3=A9?= ok") << u"Re: café ok"_s;
    QTest::newRow("language suffix") << QByteArray("=?utf-8*en?q?hi?=") << u"hi"_s;
    QTest::newRow("empty encoded text") << QByteArray("a =?utf-8?q?" "?= b") << u"a  b"_s;
    QTest::newRow("unknown encoding left") << QByteArray("=?utf-8?x?abc?=")
                                           << u"=?utf-8?x?abc?="_s;
    QTest::newRow("unterminated left") << QByteArray("=?utf-8?q?abc") << u"=?utf-8?q?abc"_s;
    QTest::newRow("bad base64 left") << QByteArray("=?utf-8?B?!!!?=") << u"=?utf-8?B?!!!?="_s;
    QTest::newRow("unknown charset left") << QByteArray("=?x-no-such?q?abc?=")
                                          << u"=?x-no-such?q?abc?="_s;
    QTest::newRow("space inside word left") << QByteArray("=?utf-8?q?a b?=")
                                            << u"=?utf-8?q?a b?="_s;
    QTest::newRow("malformed neighbour keeps the space")
        << QByteArray("=?utf-8?q?a?= =?bogus-cs?q?b?=") << u"a =?bogus-cs?q?b?="_s;
    QTest::newRow("raw UTF-8") << QByteArray("Caf\xc3\xa9") << u"Café"_s;
    QTest::newRow("raw Latin-1/Windows-1252") << QByteArray("Caf\xe9 \x80") << u"Café €"_s;
    QTest::newRow("lone =?") << QByteArray("a =? b ?= c") << u"a =? b ?= c"_s;
}

void TestMimeParser::decodeWords()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    QCOMPARE(HeaderDecoder::decodeWords(input), expected);
}

void TestMimeParser::quotedPrintable_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("hex") << QByteArray("caf=C3=A9") << QByteArray("caf\xc3\xa9");
    QTest::newRow("lower-case hex") << QByteArray("caf=c3=a9") << QByteArray("caf\xc3\xa9");
    QTest::newRow("soft line break") << QByteArray("long=\r\nline\r\n")
                                     << QByteArray("longline\r\n");
    QTest::newRow("soft line break, bare LF") << QByteArray("long=\nline") << QByteArray("longline");
    QTest::newRow("soft break with padding") << QByteArray("a= \t\r\nb") << QByteArray("ab");
    QTest::newRow("trailing blanks deleted") << QByteArray("a  \r\nb\t\r\n")
                                             << QByteArray("a\r\nb\r\n");
    QTest::newRow("malformed = kept") << QByteArray("1=2 =G0 =") << QByteArray("1=2 =G0 ");
    QTest::newRow("= at very end of line is soft") << QByteArray("x=") << QByteArray("x");
    QTest::newRow("=3D") << QByteArray("a=3Db") << QByteArray("a=b");
    QTest::newRow("truncated escape") << QByteArray("a=4") << QByteArray("a=4");
}

void TestMimeParser::quotedPrintable()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(HeaderDecoder::decodeQuotedPrintable(input), expected);
    QCOMPARE(HeaderDecoder::decodeTransferEncoding(input, "Quoted-Printable"), expected);
}

void TestMimeParser::base64_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("simple") << QByteArray("aGVsbG8=") << QByteArray("hello");
    QTest::newRow("line breaks") << QByteArray("aGVs\r\nbG8g\r\nd29y\r\nbGQ=\r\n")
                                 << QByteArray("hello world");
    QTest::newRow("junk skipped") << QByteArray("aGV*sb G8\t=") << QByteArray("hello");
    QTest::newRow("no padding") << QByteArray("aGk") << QByteArray("hi");
    QTest::newRow("empty") << QByteArray("") << QByteArray("");
}

void TestMimeParser::base64()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(HeaderDecoder::decodeBase64(input), expected);
    QCOMPARE(HeaderDecoder::decodeTransferEncoding(input, " BASE64 "), expected);
}

void TestMimeParser::decodeBody()
{
    QCOMPARE(HeaderDecoder::decodeBody("Caf=E9", "quoted-printable", "ISO-8859-1"), u"Café"_s);
    QCOMPARE(HeaderDecoder::decodeBody("w6nDqA==", "base64", "utf-8"), u"éè"_s);
    QCOMPARE(HeaderDecoder::decodeBody("\xf0\xd2\xc9\xd7\xc5\xd4", "8bit", "koi8-r"),
             u"Привет"_s);
    QCOMPARE(HeaderDecoder::decodeBody("a=3Db", "7bit", "us-ascii"), u"a=3Db"_s);
    // Undeclared or mislabelled 8-bit text: UTF-8 if it is, else Windows-1252.
    QCOMPARE(HeaderDecoder::decodeBody("caf\xc3\xa9", "8bit", ""), u"café"_s);
    QCOMPARE(HeaderDecoder::decodeBody("caf\xe9", "8bit", "us-ascii"), u"café"_s);
    QCOMPARE(HeaderDecoder::decodeBody("caf\xe9", "8bit", "x-unknown"), u"café"_s);
    QCOMPARE(HeaderDecoder::toUnicode("\x1b$BF|K\\8l\x1b(B", "iso-2022-jp"), u"日本語"_s);
}

void TestMimeParser::parameterValue_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QString>("expected");

    // RFC 2231 §4's own example.
    QTest::newRow("extended value")
        << QByteArray("application/x-stuff;\r\n title*=us-ascii'en-us'This%20is%20%2A%2A%2Afun%2A%2A%2A")
        << QByteArray("title") << u"This is ***fun***"_s;
    // RFC 2231 §4.1's example, segments given out of order.
    QTest::newRow("continuations")
        << QByteArray("application/x-stuff;\r\n title*1*=%2A%2A%2Afun%2A%2A%2A%20;\r\n"
                      " title*0*=us-ascii'en'This%20is%20even%20more%20;\r\n"
                      " title*2=\"isn't it!\"")
        << QByteArray("TITLE") << u"This is even more ***fun*** isn't it!"_s;
    QTest::newRow("UTF-8 filename")
        << QByteArray("application/pdf; filename*=UTF-8''%E2%82%AC%20rates.pdf")
        << QByteArray("filename") << u"€ rates.pdf"_s;
    QTest::newRow("plain value with encoded word")
        << QByteArray("text/plain; name=\"=?utf-8?q?caf=C3=A9.txt?=\"") << QByteArray("name")
        << u"café.txt"_s;
    QTest::newRow("plain value") << QByteArray("text/plain; charset=utf-8")
                                 << QByteArray("charset") << u"utf-8"_s;
    QTest::newRow("absent") << QByteArray("text/plain; charset=utf-8") << QByteArray("name")
                            << QString();
}

void TestMimeParser::parameterValue()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, name);
    QFETCH(QString, expected);
    const MessagePart p = MimeParser::parse("Content-Type: " + contentType + "\r\n\r\n").root;
    const QString value = HeaderDecoder::parameterValue(p.parameters, name);
    QCOMPARE(value.isNull(), expected.isNull());
    QCOMPARE(value, expected);
}

QTEST_GUILESS_MAIN(TestMimeParser)
#include "tst_mimeparser.moc"
