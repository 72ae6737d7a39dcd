// FETCH ENVELOPE, BODY, BODYSTRUCTURE and BODY[section] from the stored structure
// (RFC 3501 §6.4.5, §7.4.2, §9). Expected wire strings are written by hand from the grammar,
// or copied from the RFC's own examples.

#include "ImapWire.h"
#include "fetch/FetchFormat.h"
#include "mime/MimeParser.h"

#include <QRandomGenerator>
#include <QTest>

using namespace qimapd;
using namespace Qt::StringLiterals;
namespace ff = qimapd::fetchformat;

namespace {

QByteArray crlf(QByteArray text)
{
    return text.replace("\n", "\r\n");
}

QByteArray lines(int count, int width, int lastWidth, char c, bool finalBreak)
{
    QByteArray out;
    for (int i = 0; i < count - 1; ++i)
        out += QByteArray(width, c) + "\r\n";
    out += QByteArray(lastWidth, c);
    if (finalBreak)
        out += "\r\n";
    return out;
}

// A loose reader of IMAP data (RFC 3501 §9): NIL, numbers, quoted strings with only legal
// escapes and characters, literals with the right length, parenthesised lists whose elements
// are separated by one SP (or nothing between two lists, as in 1*body and 1*address).
bool readValue(QByteArrayView s, qsizetype &i);

bool readList(QByteArrayView s, qsizetype &i)
{
    ++i; // "("
    bool previousWasList = false;
    bool first = true;
    while (i < s.size()) {
        if (s.at(i) == ')') {
            ++i;
            return !first;
        }
        if (!first) {
            if (s.at(i) == ' ')
                ++i;
            else if (!(s.at(i) == '(' && previousWasList))
                return false;
        }
        if (i >= s.size())
            return false;
        const bool isList = s.at(i) == '(';
        if (!readValue(s, i))
            return false;
        previousWasList = isList;
        first = false;
    }
    return false;
}

bool readValue(QByteArrayView s, qsizetype &i)
{
    if (i >= s.size())
        return false;
    const char c = s.at(i);
    if (c == '(')
        return readList(s, i);
    if (c == '"') {
        ++i;
        while (i < s.size()) {
            const auto b = static_cast<unsigned char>(s.at(i));
            if (b == '"') {
                ++i;
                return true;
            }
            if (b == '\\') {
                if (i + 1 >= s.size() || (s.at(i + 1) != '"' && s.at(i + 1) != '\\'))
                    return false;
                i += 2;
                continue;
            }
            if (b == 0 || b == '\r' || b == '\n' || b >= 0x80)
                return false;
            ++i;
        }
        return false;
    }
    if (c == '{') {
        const qsizetype close = s.indexOf('}', i);
        if (close < 0 || close + 3 > s.size() || s.sliced(close + 1, 2) != "\r\n")
            return false;
        bool ok = false;
        const qsizetype n = s.sliced(i + 1, close - i - 1).toByteArray().toLongLong(&ok);
        if (!ok || close + 3 + n > s.size())
            return false;
        i = close + 3 + n;
        return true;
    }
    if (s.sliced(i).startsWith("NIL")) {
        i += 3;
        return true;
    }
    const qsizetype start = i;
    while (i < s.size() && s.at(i) >= '0' && s.at(i) <= '9')
        ++i;
    return i > start;
}

bool wellFormed(const QByteArray &data)
{
    qsizetype i = 0;
    return readValue(data, i) && i == data.size();
}

// The complex message of RFC 3501 §6.4.5, built for real.
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

const QByteArray forwardMessage = crlf("From: Outer <outer@example.com>\n"
                                       "Subject: fwd\n"
                                       "Content-Type: multipart/mixed; boundary=B\n"
                                       "\n"
                                       "--B\n"
                                       "Content-Type: text/plain; charset=utf-8\n"
                                       "\n"
                                       "see attached\n"
                                       "--B\n"
                                       "Content-Type: message/rfc822\n"
                                       "Content-Disposition: attachment\n"
                                       "\n"
                                       "Date: Mon, 1 Jan 2024 10:00:00 +0000\n"
                                       "From: inner@example.com\n"
                                       "To: Group: a@x.org;\n"
                                       "Subject: inner\n"
                                       "Message-ID: <inner@example.com>\n"
                                       "\n"
                                       "line one\n"
                                       "line two\n"
                                       "--B--\n");

} // namespace

class TestFetchFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rfc3501Section8Example();
    void rfc3501SimpleTextExample();
    void rfc3501MultipartExample();
    void nestedMessageRfc822();
    void complexBody();
    void extensionData();
    void envelope_data();
    void envelope();
    void stringsUseWireRules();

    void parseSection_data();
    void parseSection();
    void sections_data();
    void sections();
    void headerFieldsKeepLinesAndBlankLine_data();
    void headerFieldsKeepLinesAndBlankLine();
    void bareLfSections();
    void wholeMessageIsShared();

    void garbageIsWellFormed();
};

void TestFetchFormat::rfc3501Section8Example()
{
    // The message of RFC 3501 §8's sample FETCH FULL, with a body of 3028 octets in 92 lines.
    const QByteArray message = crlf("Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\n"
                                    "From: Terry Gray <gray@cac.washington.edu>\n"
                                    "Subject: IMAP4rev1 WG mtg summary and minutes\n"
                                    "To: imap@cac.washington.edu\n"
                                    "cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\n"
                                    "Message-Id: <B27397-0100000@cac.washington.edu>\n"
                                    "MIME-Version: 1.0\n"
                                    "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\n"
                                    "\n")
        + lines(92, 31, 23, 'x', true);
    const MessageStructure s = MimeParser::parse(message);
    QCOMPARE(ff::envelope(s.envelope),
             R"x(("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" "IMAP4rev1 WG mtg summary and minutes")x"
             R"( (("Terry Gray" NIL "gray" "cac.washington.edu")))"
             R"( (("Terry Gray" NIL "gray" "cac.washington.edu")))"
             R"( (("Terry Gray" NIL "gray" "cac.washington.edu")))"
             R"( ((NIL NIL "imap" "cac.washington.edu")))"
             R"( ((NIL NIL "minutes" "CNRI.Reston.VA.US")("John Klensin" NIL "KLENSIN" "MIT.EDU")))"
             R"( NIL NIL "<B27397-0100000@cac.washington.edu>"))");
    QCOMPARE(ff::bodyStructure(s.root, false),
             R"(("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92))");
}

void TestFetchFormat::rfc3501SimpleTextExample()
{
    // RFC 3501 §7.4.2: "a simple text message of 48 lines and 2279 octets can have a body
    // structure of: ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 2279 48)". No
    // Content-Type at all: RFC 2045 §5.2's default.
    const QByteArray message = "Subject: plain\r\n\r\n" + lines(48, 45, 68, 'y', true);
    const MessageStructure s = MimeParser::parse(message);
    QCOMPARE(ff::bodyStructure(s.root, false),
             R"(("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 2279 48))");
    QCOMPARE(ff::bodyStructure(s.root, true),
             R"(("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 2279 48 NIL NIL NIL NIL))");
}

void TestFetchFormat::rfc3501MultipartExample()
{
    // RFC 3501 §7.4.2's two-part example: a 1152-octet, 23-line text part and a BASE64 text
    // attachment of 4554 octets in 73 lines. The line break before each delimiter belongs to
    // the delimiter (RFC 2046 §5.1.1), so each body ends without one.
    const QByteArray message = crlf("MIME-Version: 1.0\n"
                                    "Content-Type: MULTIPART/MIXED; BOUNDARY=\"xyz\"\n"
                                    "\n"
                                    "--xyz\n"
                                    "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\n"
                                    "\n")
        + lines(23, 48, 52, 'a', true)
        + crlf("--xyz\n"
               "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII; NAME=\"cc.diff\"\n"
               "Content-ID: <960723163407.20117h@cac.washington.edu>\n"
               "Content-Description: Compiler diff\n"
               "Content-Transfer-Encoding: BASE64\n"
               "\n")
        + lines(73, 60, 90, 'Q', true) + "--xyz--\r\n";
    const MessageStructure s = MimeParser::parse(message);
    QCOMPARE(ff::bodyStructure(s.root, false),
             R"((("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 1152 23))"
             R"(("TEXT" "PLAIN" ("CHARSET" "US-ASCII" "NAME" "cc.diff"))"
             R"( "<960723163407.20117h@cac.washington.edu>" "Compiler diff" "BASE64" 4554 73))"
             R"( "MIXED"))");
    QCOMPARE(ff::bodyStructure(s.root, true),
             R"((("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 1152 23 NIL NIL NIL NIL))"
             R"(("TEXT" "PLAIN" ("CHARSET" "US-ASCII" "NAME" "cc.diff"))"
             R"( "<960723163407.20117h@cac.washington.edu>" "Compiler diff" "BASE64" 4554 73)"
             R"( NIL NIL NIL NIL))"
             R"( "MIXED" ("BOUNDARY" "xyz") NIL NIL NIL))");
}

void TestFetchFormat::nestedMessageRfc822()
{
    const MessageStructure s = MimeParser::parse(forwardMessage);
    // body-type-msg: basic fields, then the envelope, the body and the line count of the
    // encapsulated message (153 octets: 7 line breaks and "line two").
    const QByteArray innerEnvelope
        = R"(("Mon, 1 Jan 2024 10:00:00 +0000" "inner")"
          R"( ((NIL NIL "inner" "example.com")) ((NIL NIL "inner" "example.com")))"
          R"( ((NIL NIL "inner" "example.com")))"
          R"( ((NIL NIL "Group" NIL)(NIL NIL "a" "x.org")(NIL NIL NIL NIL)))"
          R"( NIL NIL NIL "<inner@example.com>"))";
    QCOMPARE(ff::bodyStructure(s.root, true),
             R"((("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "7BIT" 12 1 NIL NIL NIL NIL))"
             R"(("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 153 )"
                 + innerEnvelope
                 + R"( ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 18 2 NIL NIL NIL NIL))"
                   R"( 8 NIL ("ATTACHMENT" NIL) NIL NIL))"
                   R"( "MIXED" ("BOUNDARY" "B") NIL NIL NIL))");
    QCOMPARE(ff::bodyStructure(s.root, false),
             R"((("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "7BIT" 12 1))"
             R"(("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 153 )"
                 + innerEnvelope
                 + R"( ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 18 2) 8))"
                   R"( "MIXED"))");
    QCOMPARE(ff::envelope(s.envelope),
             R"((NIL "fwd" (("Outer" NIL "outer" "example.com")))"
             R"( (("Outer" NIL "outer" "example.com")) (("Outer" NIL "outer" "example.com")))"
             R"( NIL NIL NIL NIL NIL))");
    QCOMPARE(ff::sectionBytes(forwardMessage, s.root, "2.TEXT"), "line one\r\nline two");
    QCOMPARE(ff::sectionBytes(forwardMessage, s.root, "2.1"), "line one\r\nline two");
    QCOMPARE(ff::sectionBytes(forwardMessage, s.root, "2.HEADER.FIELDS (subject TO)"),
             "To: Group: a@x.org;\r\nSubject: inner\r\n\r\n");
    QCOMPARE(ff::sectionBytes(forwardMessage, s.root, "2.MIME"),
             "Content-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n");
}

void TestFetchFormat::complexBody()
{
    const MessageStructure s = MimeParser::parse(complexMessage);
    const QByteArray env3 = R"((NIL "inner three" (("B" NIL "b" "example.com")))"
                            R"( (("B" NIL "b" "example.com")) (("B" NIL "b" "example.com")))"
                            R"( NIL NIL NIL NIL NIL))";
    const QByteArray env42 = R"((NIL "inner four two" (("C" NIL "c" "example.com")))"
                             R"( (("C" NIL "c" "example.com")) (("C" NIL "c" "example.com")))"
                             R"( NIL NIL NIL NIL NIL))";
    const QByteArray expected
        = R"((("TEXT" "PLAIN" NIL NIL NIL "7BIT" 8 1))"
          R"(("APPLICATION" "OCTET-STREAM" NIL NIL NIL "BASE64" 4))"
          R"(("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 207 )"
        + env3
        + R"( (("TEXT" "PLAIN" NIL NIL NIL "7BIT" 9 1))"
          R"(("APPLICATION" "OCTET-STREAM" NIL NIL NIL "7BIT" 9) "MIXED") 13))"
          R"((("IMAGE" "GIF" NIL NIL NIL "BASE64" 4))"
          R"(("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 328 )"
        + env42
        + R"( (("TEXT" "PLAIN" NIL NIL NIL "7BIT" 12 1))"
          R"((("TEXT" "PLAIN" NIL NIL NIL "7BIT" 13 1)("TEXT" "RICHTEXT" NIL NIL NIL "7BIT" 12 1))"
          R"( "ALTERNATIVE") "MIXED") 21) "MIXED") "MIXED"))";
    QCOMPARE(ff::bodyStructure(s.root, false), expected);
    QVERIFY(wellFormed(ff::bodyStructure(s.root, true)));
}

void TestFetchFormat::extensionData()
{
    const QByteArray message
        = crlf("Content-Type: multipart/mixed; boundary=\"b1\"\n"
               "Content-Language: en\n"
               "\n"
               "--b1\n"
               "Content-Type: text/plain; charset=utf-8; format=flowed\n"
               "Content-Disposition: inline\n"
               "Content-Language: en, de-CH\n"
               "Content-Location: http://example.com/a.txt\n"
               "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\n"
               "\n"
               "hi\n"
               "--b1\n"
               "Content-Type: application/pdf; name=\"r\\\"e\\\\port.pdf\"\n"
               "Content-Disposition: attachment; filename=\"report.pdf\"; size=1234\n"
               "Content-Transfer-Encoding: base64\n"
               "Content-Description: The \"annual\" report\n"
               "\n"
               "JVBERi0=\n"
               "--b1\n"
               "Content-Type: text/plain; charset=iso-8859-1\n"
               "Content-Description: Caf\xe9\n"
               "\n"
               "x\n"
               "--b1--\n");
    const MessageStructure s = MimeParser::parse(message);
    QCOMPARE(ff::bodyStructure(s.root, true),
             R"((("TEXT" "PLAIN" ("CHARSET" "utf-8" "FORMAT" "flowed") NIL NIL "7BIT" 2 1)"
             R"( "Q2hlY2sgSW50ZWdyaXR5IQ==" ("INLINE" NIL) ("en" "de-CH") "http://example.com/a.txt"))"
             R"(("APPLICATION" "PDF" ("NAME" "r\"e\\port.pdf") NIL "The \"annual\" report")"
             R"( "BASE64" 8 NIL ("ATTACHMENT" ("FILENAME" "report.pdf" "SIZE" "1234")) NIL NIL))"
             R"(("TEXT" "PLAIN" ("CHARSET" "iso-8859-1") NIL )"
             "{4}\r\nCaf\xe9"
             R"( "7BIT" 1 1 NIL NIL NIL NIL))"
             R"( "MIXED" ("BOUNDARY" "b1") NIL ("en") NIL))");
    QCOMPARE(ff::bodyStructure(s.root, false),
             R"((("TEXT" "PLAIN" ("CHARSET" "utf-8" "FORMAT" "flowed") NIL NIL "7BIT" 2 1))"
             R"(("APPLICATION" "PDF" ("NAME" "r\"e\\port.pdf") NIL "The \"annual\" report")"
             R"( "BASE64" 8))"
             R"(("TEXT" "PLAIN" ("CHARSET" "iso-8859-1") NIL )"
             "{4}\r\nCaf\xe9"
             R"( "7BIT" 1 1) "MIXED"))");
}

void TestFetchFormat::envelope_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("nothing: all NIL") << QByteArray("\r\n")
                                      << QByteArray("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
    QTest::newRow("groups")
        << QByteArray("From: a@b\r\nTo: undisclosed-recipients:;\r\n"
                      "Cc: Team: x@y.org, \"Bob B\" <b@y.org>;\r\n\r\n")
        << QByteArray(R"((NIL NIL ((NIL NIL "a" "b")) ((NIL NIL "a" "b")) ((NIL NIL "a" "b")))"
                      R"( ((NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL)))"
                      R"( ((NIL NIL "Team" NIL)(NIL NIL "x" "y.org")("Bob B" NIL "b" "y.org"))"
                      R"((NIL NIL NIL NIL)) NIL NIL NIL))");
    QTest::newRow("no display names are NIL (seed bug 13)")
        << QByteArray("From: <a@b.c>\r\nTo: d@e.f\r\n\r\n")
        << QByteArray(R"((NIL NIL ((NIL NIL "a" "b.c")) ((NIL NIL "a" "b.c")))"
                      R"( ((NIL NIL "a" "b.c")) ((NIL NIL "d" "e.f")) NIL NIL NIL NIL))");
    QTest::newRow("sender and reply-to as given")
        << QByteArray("From: a@b\r\nSender: s@b\r\nReply-To: r@b\r\nBcc: z@b\r\n\r\n")
        << QByteArray(R"((NIL NIL ((NIL NIL "a" "b")) ((NIL NIL "s" "b")) ((NIL NIL "r" "b")))"
                      R"( NIL NIL ((NIL NIL "z" "b")) NIL NIL))");
    QTest::newRow("8-bit subject as a literal, undecoded")
        << QByteArray("Subject: Gr\xc3\xbc\xc3\x9f" "e\r\n\r\n")
        << QByteArray("(NIL {7}\r\nGr\xc3\xbc\xc3\x9f" "e NIL NIL NIL NIL NIL NIL NIL NIL)");
    QTest::newRow("8-bit display name as a literal")
        << QByteArray("From: J\xc3\xb6rg <j@x.de>\r\n\r\n")
        << QByteArray("(NIL NIL (({5}\r\nJ\xc3\xb6rg NIL \"j\" \"x.de\")) "
                      "(({5}\r\nJ\xc3\xb6rg NIL \"j\" \"x.de\")) "
                      "(({5}\r\nJ\xc3\xb6rg NIL \"j\" \"x.de\")) NIL NIL NIL NIL NIL)");
    QTest::newRow("encoded words stay encoded")
        << QByteArray("Subject: =?utf-8?q?caf=C3=A9?=\r\n\r\n")
        << QByteArray(R"((NIL "=?utf-8?q?caf=C3=A9?=" NIL NIL NIL NIL NIL NIL NIL NIL))");
    QTest::newRow("quotes and backslashes escaped (seed bug 8)")
        << QByteArray(R"(Subject: say "hi" \ bye)" "\r\n"
                      R"(From: "A \"q\" \\ b" <a@b>)" "\r\n\r\n")
        << QByteArray(R"((NIL "say \"hi\" \\ bye" (("A \"q\" \\ b" NIL "a" "b")))"
                      R"( (("A \"q\" \\ b" NIL "a" "b")) (("A \"q\" \\ b" NIL "a" "b")))"
                      R"( NIL NIL NIL NIL NIL))");
    QTest::newRow("present but empty subject is an empty string")
        << QByteArray("Subject:\r\n\r\n")
        << QByteArray(R"((NIL "" NIL NIL NIL NIL NIL NIL NIL NIL))");
    QTest::newRow("folded subject unfolded")
        << QByteArray("Subject: one\r\n two\r\nIn-Reply-To: <x@y>\r\n\r\n")
        << QByteArray(R"((NIL "one two" NIL NIL NIL NIL NIL NIL "<x@y>" NIL))");
}

void TestFetchFormat::envelope()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, expected);
    const QByteArray actual = ff::envelope(MimeParser::parse(header).envelope);
    QCOMPARE(actual, expected);
    QVERIFY(wellFormed(actual));
}

void TestFetchFormat::stringsUseWireRules()
{
    // CR or LF in a value forces a literal; NIL versus "" is kept.
    Envelope e;
    e.subject = "a\rb";
    e.messageId = QByteArray("", 0);
    QCOMPARE(ff::envelope(e), "(NIL {3}\r\na\rb NIL NIL NIL NIL NIL NIL NIL \"\")");
    QCOMPARE(ff::address(Address{}), "(NIL NIL NIL NIL)");
    QCOMPARE(ff::addressList({}), "NIL");
}

void TestFetchFormat::parseSection_data()
{
    QTest::addColumn<QByteArray>("spec");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("label");

    QTest::newRow("empty: whole message") << QByteArray("") << true << QByteArray("");
    QTest::newRow("1") << QByteArray("1") << true << QByteArray("1");
    QTest::newRow("1.2.3") << QByteArray("1.2.3") << true << QByteArray("1.2.3");
    QTest::newRow("HEADER") << QByteArray("HEADER") << true << QByteArray("HEADER");
    QTest::newRow("header, lower-case") << QByteArray("header") << true << QByteArray("HEADER");
    QTest::newRow("TEXT") << QByteArray("TEXT") << true << QByteArray("TEXT");
    QTest::newRow("1.MIME") << QByteArray("1.mime") << true << QByteArray("1.MIME");
    QTest::newRow("3.HEADER") << QByteArray("3.HEADER") << true << QByteArray("3.HEADER");
    QTest::newRow("HEADER.FIELDS") << QByteArray("HEADER.FIELDS (From To)") << true
                                   << QByteArray("HEADER.FIELDS (From To)");
    QTest::newRow("HEADER.FIELDS.NOT, quoted name")
        << QByteArray(R"(header.fields.not ("X-A" Date))") << true
        << QByteArray("HEADER.FIELDS.NOT (X-A Date)");
    QTest::newRow("4.2.HEADER.FIELDS") << QByteArray("4.2.HEADER.FIELDS (SUBJECT)") << true
                                       << QByteArray("4.2.HEADER.FIELDS (SUBJECT)");
    QTest::newRow("field name needing quotes") << QByteArray(R"(HEADER.FIELDS ("a b"))") << true
                                               << QByteArray(R"(HEADER.FIELDS ("a b"))");
    QTest::newRow("MIME needs a part") << QByteArray("MIME") << false << QByteArray();
    QTest::newRow("0") << QByteArray("0") << false << QByteArray();
    QTest::newRow("leading zero") << QByteArray("01") << false << QByteArray();
    QTest::newRow("1.0") << QByteArray("1.0") << false << QByteArray();
    QTest::newRow("trailing dot") << QByteArray("1.") << false << QByteArray();
    QTest::newRow("leading dot") << QByteArray(".1") << false << QByteArray();
    QTest::newRow("double dot") << QByteArray("1..2") << false << QByteArray();
    QTest::newRow("too large") << QByteArray("99999999999") << false << QByteArray();
    QTest::newRow("HEADER.FIELDS without list") << QByteArray("HEADER.FIELDS") << false
                                                << QByteArray();
    QTest::newRow("empty list") << QByteArray("HEADER.FIELDS ()") << false << QByteArray();
    QTest::newRow("unclosed list") << QByteArray("HEADER.FIELDS (a") << false << QByteArray();
    QTest::newRow("two spaces") << QByteArray("HEADER.FIELDS  (a)") << false << QByteArray();
    QTest::newRow("two spaces inside") << QByteArray("HEADER.FIELDS (a  b)") << false
                                       << QByteArray();
    QTest::newRow("junk after list") << QByteArray("HEADER.FIELDS (a) x") << false
                                     << QByteArray();
    QTest::newRow("unknown") << QByteArray("FOO") << false << QByteArray();
    QTest::newRow("1.FOO") << QByteArray("1.FOO") << false << QByteArray();
    QTest::newRow("HEADERX") << QByteArray("HEADERX") << false << QByteArray();
}

void TestFetchFormat::parseSection()
{
    QFETCH(QByteArray, spec);
    QFETCH(bool, valid);
    QFETCH(QByteArray, label);
    const auto section = ff::parseSection(spec);
    QCOMPARE(bool(section), valid);
    if (section)
        QCOMPARE(ff::sectionLabel(*section), label);
}

void TestFetchFormat::sections_data()
{
    QTest::addColumn<QByteArray>("spec");
    QTest::addColumn<bool>("exists");
    QTest::addColumn<QByteArray>("expected");

    const auto row = [](const char *spec, const QByteArray &expected) {
        QTest::newRow(spec) << QByteArray(spec) << true << expected;
    };
    const auto none = [](const char *spec) {
        QTest::newRow(spec) << QByteArray(spec) << false << QByteArray();
    };

    row("", complexMessage);
    row("HEADER", crlf("From: A <a@example.com>\nSubject: complex\nMIME-Version: 1.0\n"
                       "Content-Type: multipart/mixed; boundary=\"outer\"\n\n"));
    row("HEADER.FIELDS (SUBJECT from)", crlf("From: A <a@example.com>\nSubject: complex\n\n"));
    row("HEADER.FIELDS.NOT (From Subject)",
        crlf("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"outer\"\n\n"));
    row("HEADER.FIELDS (X-None)", "\r\n");
    row("HEADER.FIELDS (Subjec)", "\r\n");
    QVERIFY(complexMessage.indexOf("\r\n\r\npreamble\r\n") > 0);
    row("TEXT", complexMessage.sliced(complexMessage.indexOf("preamble")));
    row("1", "part one");
    row("1.MIME", "Content-Type: text/plain\r\n\r\n");
    row("2", "AAAA");
    row("2.MIME", "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n");
    row("3", crlf("From: B <b@example.com>\nSubject: inner three\n"
                  "Content-Type: multipart/mixed; boundary=\"m3\"\n\n"
                  "--m3\nContent-Type: text/plain\n\nthree one\n"
                  "--m3\nContent-Type: application/octet-stream\n\nthree two\n--m3--\n"));
    row("3.MIME", "Content-Type: message/rfc822\r\n\r\n");
    row("3.HEADER", crlf("From: B <b@example.com>\nSubject: inner three\n"
                         "Content-Type: multipart/mixed; boundary=\"m3\"\n\n"));
    row("3.HEADER.FIELDS (Subject)", "Subject: inner three\r\n\r\n");
    row("3.TEXT", crlf("--m3\nContent-Type: text/plain\n\nthree one\n"
                       "--m3\nContent-Type: application/octet-stream\n\nthree two\n--m3--\n"));
    row("3.1", "three one");
    row("3.1.MIME", "Content-Type: text/plain\r\n\r\n");
    row("3.2", "three two");
    row("4", crlf("--m4\nContent-Type: image/gif\nContent-Transfer-Encoding: base64\n\nR0lG\n"
                  "--m4\nContent-Type: message/rfc822\n\nFrom: C <c@example.com>\n"
                  "Subject: inner four two\nContent-Type: multipart/mixed; boundary=\"m42\"\n\n"
                  "--m42\nContent-Type: text/plain\n\nfour two one\n"
                  "--m42\nContent-Type: multipart/alternative; boundary=\"alt\"\n\n"
                  "--alt\nContent-Type: text/plain\n\nplain version\n"
                  "--alt\nContent-Type: text/richtext\n\nrich version\n--alt--\n--m42--\n--m4--"));
    row("4.MIME", "Content-Type: multipart/mixed; boundary=\"m4\"\r\n\r\n");
    row("4.1", "R0lG");
    row("4.1.MIME", "Content-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n\r\n");
    row("4.2.HEADER", crlf("From: C <c@example.com>\nSubject: inner four two\n"
                           "Content-Type: multipart/mixed; boundary=\"m42\"\n\n"));
    row("4.2.HEADER.FIELDS.NOT (Content-Type)",
        crlf("From: C <c@example.com>\nSubject: inner four two\n\n"));
    row("4.2.TEXT", crlf("--m42\nContent-Type: text/plain\n\nfour two one\n"
                         "--m42\nContent-Type: multipart/alternative; boundary=\"alt\"\n\n"
                         "--alt\nContent-Type: text/plain\n\nplain version\n"
                         "--alt\nContent-Type: text/richtext\n\nrich version\n--alt--\n--m42--"));
    row("4.2.1", "four two one");
    row("4.2.2", crlf("--alt\nContent-Type: text/plain\n\nplain version\n"
                      "--alt\nContent-Type: text/richtext\n\nrich version\n--alt--"));
    row("4.2.2.1", "plain version");
    row("4.2.2.2", "rich version");
    row("4.2.2.2.MIME", "Content-Type: text/richtext\r\n\r\n");

    none("5");
    none("MIME");
    none("1.HEADER");  // part 1 is text/plain, not message/rfc822
    none("1.TEXT");
    none("4.1.HEADER.FIELDS (From)");
    none("4.HEADER"); // a multipart is not a message either
    none("1.1");
    none("3.3");
    none("4.3");
    none("4.2.2.3");
    none("4.2.2.1.1");
    none("0");
    none("garbage");
}

void TestFetchFormat::sections()
{
    QFETCH(QByteArray, spec);
    QFETCH(bool, exists);
    QFETCH(QByteArray, expected);
    const MessageStructure s = MimeParser::parse(complexMessage);
    const auto bytes = ff::sectionBytes(complexMessage, s.root, spec);
    QCOMPARE(bool(bytes), exists);
    if (bytes)
        QCOMPARE(*bytes, expected);
}

void TestFetchFormat::headerFieldsKeepLinesAndBlankLine_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("spec");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray folded = "Subject: a\r\n b\r\nTo: x\r\n\r\nbody";
    QTest::newRow("folded field kept whole")
        << folded << QByteArray("HEADER.FIELDS (SUBJECT)") << QByteArray("Subject: a\r\n b\r\n\r\n");
    QTest::newRow("NOT drops the folded field whole (seed bug 2)")
        << folded << QByteArray("HEADER.FIELDS.NOT (SUBJECT)") << QByteArray("To: x\r\n\r\n");
    const QByteArray repeated = "Received: 1\r\nSubject: s\r\nreceived: 2\r\n\r\n";
    QTest::newRow("repeated fields in original order")
        << repeated << QByteArray("HEADER.FIELDS (Received)")
        << QByteArray("Received: 1\r\nreceived: 2\r\n\r\n");
    QTest::newRow("NOT with repeated fields")
        << repeated << QByteArray("HEADER.FIELDS.NOT (RECEIVED)") << QByteArray("Subject: s\r\n\r\n");
    QTest::newRow("NOT of nothing matching is the whole header")
        << repeated << QByteArray("HEADER.FIELDS.NOT (X)") << repeated;
    QTest::newRow("FIELDS of two names")
        << repeated << QByteArray("HEADER.FIELDS (subject received)") << repeated;
    QTest::newRow("name before obsolete space-colon")
        << QByteArray("Subject : s\r\nTo: t\r\n\r\n") << QByteArray("HEADER.FIELDS (Subject)")
        << QByteArray("Subject : s\r\n\r\n");
    QTest::newRow("lines without a colon are never matched")
        << QByteArray("Subject\r\nTo: t\r\n\r\n") << QByteArray("HEADER.FIELDS (Subject)")
        << QByteArray("\r\n");
    QTest::newRow("lines without a colon stay in NOT")
        << QByteArray("Subject\r\nTo: t\r\n\r\n") << QByteArray("HEADER.FIELDS.NOT (To)")
        << QByteArray("Subject\r\n\r\n");
    // RFC 3501 §6.4.5: no blank line is added to a message that has none.
    const QByteArray noBlank = "Subject: x\r\nFrom: a@b";
    QTest::newRow("no blank line: HEADER is everything") << noBlank << QByteArray("HEADER") << noBlank;
    QTest::newRow("no blank line: TEXT is empty") << noBlank << QByteArray("TEXT") << QByteArray("");
    QTest::newRow("no blank line: last field") << noBlank << QByteArray("HEADER.FIELDS (From)")
                                               << QByteArray("From: a@b");
    QTest::newRow("no blank line: first field") << noBlank
                                                << QByteArray("HEADER.FIELDS (Subject)")
                                                << QByteArray("Subject: x\r\n");
    QTest::newRow("single part: 1 is the body")
        << QByteArray("Subject: s\r\n\r\nhello\r\n") << QByteArray("1") << QByteArray("hello\r\n");
    QTest::newRow("single part: 1.MIME is the header")
        << QByteArray("Subject: s\r\n\r\nhello\r\n") << QByteArray("1.MIME")
        << QByteArray("Subject: s\r\n\r\n");
}

void TestFetchFormat::headerFieldsKeepLinesAndBlankLine()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, spec);
    QFETCH(QByteArray, expected);
    const MessageStructure s = MimeParser::parse(message);
    const auto bytes = ff::sectionBytes(message, s.root, spec);
    QVERIFY(bytes);
    QCOMPARE(*bytes, expected);
}

void TestFetchFormat::bareLfSections()
{
    const QByteArray m = "Subject: Hi\nFrom: a@b\nX-A: 1\n\nbody\n";
    const MessageStructure s = MimeParser::parse(m);
    QCOMPARE(ff::sectionBytes(m, s.root, "HEADER.FIELDS (Subject)"), "Subject: Hi\n\n");
    QCOMPARE(ff::sectionBytes(m, s.root, "HEADER.FIELDS.NOT (Subject)"), "From: a@b\nX-A: 1\n\n");
    QCOMPARE(ff::sectionBytes(m, s.root, "TEXT"), "body\n");
    QCOMPARE(ff::sectionBytes(m, s.root, "1"), "body\n");
    QCOMPARE(ff::sectionBytes(m, s.root, "1.MIME"), "Subject: Hi\nFrom: a@b\nX-A: 1\n\n");
    QCOMPARE(ff::bodyStructure(s.root, false),
             R"(("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 5 1))");

    const QByteArray lf = QByteArray(complexMessage).replace("\r\n", "\n");
    const MessageStructure t = MimeParser::parse(lf);
    QCOMPARE(ff::sectionBytes(lf, t.root, "4.2.2.2"), "rich version");
    QCOMPARE(ff::sectionBytes(lf, t.root, "3.1.MIME"), "Content-Type: text/plain\n\n");
    QCOMPARE(ff::sectionBytes(lf, t.root, "3.HEADER.FIELDS (Subject)"), "Subject: inner three\n\n");
    // Sizes count the octets as stored: 207 - 13 CRs in part 3, 328 - 20 in part 4.2.
    QVERIFY(ff::bodyStructure(t.root, false).contains(R"("7BIT" 194 )"));
    QVERIFY(ff::bodyStructure(t.root, false).contains(R"("7BIT" 308 )"));
}

void TestFetchFormat::wholeMessageIsShared()
{
    const MessageStructure s = MimeParser::parse(complexMessage);
    const auto whole = ff::sectionBytes(complexMessage, s.root, ff::Section{});
    QVERIFY(whole);
    QCOMPARE(whole->constData(), complexMessage.constData()); // no copy of a large message
    const auto range = ff::sectionRange(s.root, *ff::parseSection("4.1"));
    QVERIFY(range);
    QCOMPARE(complexMessage.sliced(range->start, range->end - range->start), "R0lG");
}

void TestFetchFormat::garbageIsWellFormed()
{
    QRandomGenerator rng(99);
    const QList<QByteArray> pieces = {
        "Content-Type: multipart/mixed; boundary=b\r\n", "Content-Type: message/rfc822\r\n",
        "\r\n", "\n", "--b\r\n", "--b--\r\n", "From: \"x\\\" <a@b\r\n", "To: g:;\r\n",
        "Cc: a:b:c;;,,<<>>@@(\r\n", " folded\r\n", "no colon\r\n", "\xff\x80\r\n",
        "Subject: \"\\\r\n", "Content-Disposition: x; a=\"\xe9\"\r\n", QByteArray(1, '\0'),
        "Content-Language: (,\r\n", "Content-Type: text/plain; name=\"\\\"\r\n", "body\r\n",
    };
    const QList<QByteArray> specs = {"", "1", "1.MIME", "2", "2.1", "1.HEADER", "TEXT",
                                     "HEADER.FIELDS (From To)", "2.HEADER.FIELDS.NOT (To)",
                                     "1.1.1", "3.TEXT"};
    for (int round = 0; round < 2000; ++round) {
        QByteArray m;
        if (round % 4 == 0) {
            m.resize(rng.bounded(300));
            for (char &c : m)
                c = char(rng.bounded(256));
        } else {
            const int count = rng.bounded(30);
            for (int i = 0; i < count; ++i)
                m += pieces.at(rng.bounded(pieces.size()));
        }
        const MessageStructure s = MimeParser::parse(m);
        const QByteArray bs = ff::bodyStructure(s.root, true);
        const QByteArray b = ff::bodyStructure(s.root, false);
        const QByteArray e = ff::envelope(s.envelope);
        if (!wellFormed(bs) || !wellFormed(b) || !wellFormed(e)) {
            qWarning() << "input:" << m.toPercentEncoding();
            qWarning() << bs << e;
            QFAIL("malformed output");
        }
        for (const QByteArray &spec : specs) {
            const auto bytes = ff::sectionBytes(m, s.root, spec);
            if (bytes)
                QVERIFY(bytes->size() <= m.size() + 2);
        }
    }
}

QTEST_GUILESS_MAIN(TestFetchFormat)
#include "tst_fetchformat.moc"
