#include "MessageHarness.h"

#include <QRegularExpression>

using namespace qimapd;
using namespace qimapd::test;

namespace {

QByteArray number(qint64 n)
{
    return QByteArray::number(n);
}

// A string sent as a literal: "{n}" CRLF bytes (RFC 3501 §4.3). The test client inlines it.
QByteArray literal(const QByteArray &bytes)
{
    return '{' + number(bytes.size()) + "}\r\n" + bytes;
}

// The example message of RFC 3501 §7.4.2 (its ENVELOPE is the RFC's own example).
const QByteArray SimpleHeader = "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\n"
                                "From: Terry Gray <gray@cac.washington.edu>\r\n"
                                "Subject: IMAP4rev1 WG mtg summary and minutes\r\n"
                                "To: imap@cac.washington.edu\r\n"
                                "cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\n"
                                "Message-Id: <B27397-0100000@cac.washington.edu>\r\n"
                                "MIME-Version: 1.0\r\n"
                                "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n"
                                "\r\n";
const QByteArray SimpleBody = "Hello Joe, do you think we can meet at 3:30 tomorrow?\r\n"
                              "\r\n"
                              "-- Terry\r\n";
const QByteArray Simple = SimpleHeader + SimpleBody;
const QByteArray SimpleEnvelope =
    "(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\" "
    "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
    "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
    "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
    "((NIL NIL \"imap\" \"cac.washington.edu\")) "
    "((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) "
    "NIL NIL \"<B27397-0100000@cac.washington.edu>\")";
// body-type-text = media-text SP body-fields SP body-fld-lines; three lines.
const QByteArray SimpleBody1Part =
    "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" " + number(SimpleBody.size()) + " 3)";
// ... plus body-ext-1part: md5, disposition, language, location.
const QByteArray SimpleBodyStructure =
    "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" " + number(SimpleBody.size()) + " 3 NIL NIL NIL NIL)";

// RFC 2822 groups, quoted display names with '"' and '\', addresses without a display name,
// a folded field and an 8-bit subject (seed bugs 8, 13).
const QByteArray GroupsHeader = "Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\n"
                                "From: \"Joe \\\"The Quote\\\" Q. Public\" <joe@example.com>\r\n"
                                "Sender: \"C:\\\\dir\" <bs@example.com>\r\n"
                                "Reply-To: <reply@example.com>\r\n"
                                "To: A Group: ed@example.net,\r\n"
                                " \"Fred\" <fred@example.net>;, solo@example.org\r\n"
                                "Cc: undisclosed-recipients:;\r\n"
                                "Subject: caf\xc3\xa9 8-bit\r\n"
                                "Message-ID: <q@example.com>\r\n"
                                "In-Reply-To: <parent@example.com>\r\n"
                                "\r\n";
const QByteArray Groups = GroupsHeader + "Body\r\n";
const QByteArray GroupsEnvelope =
    "(\"Mon, 7 Feb 1994 21:52:25 -0800 (PST)\" " + literal("caf\xc3\xa9 8-bit") + ' '
    + "((\"Joe \\\"The Quote\\\" Q. Public\" NIL \"joe\" \"example.com\")) "
      "((\"C:\\\\dir\" NIL \"bs\" \"example.com\")) "
      "((NIL NIL \"reply\" \"example.com\")) "
      "((NIL NIL \"A Group\" NIL)(NIL NIL \"ed\" \"example.net\")(\"Fred\" NIL \"fred\" \"example.net\")"
      "(NIL NIL NIL NIL)(NIL NIL \"solo\" \"example.org\")) "
      "((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) "
      "NIL \"<parent@example.com>\" \"<q@example.com>\")";

// multipart/mixed: (1) multipart/alternative of text/plain and text/html, (2) a forwarded
// message/rfc822, (3) an application part with every extension field. Each part body ends
// before the CRLF that precedes its boundary (RFC 2046 §5.1.1: that CRLF is the delimiter's).
const QByteArray AltPlain = "caf=C3=A9 au lait";
const QByteArray AltHtml = "<p>cafe au lait</p>";
const QByteArray Part1Header = "Content-Type: multipart/alternative; boundary=inner\r\n\r\n";
const QByteArray Part11Header = "Content-Type: text/plain; charset=utf-8\r\n"
                                "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
const QByteArray Part12Header = "Content-Type: text/html; charset=utf-8\r\n\r\n";
const QByteArray Part1Body = "--inner\r\n" + Part11Header + AltPlain + "\r\n--inner\r\n" + Part12Header + AltHtml
    + "\r\n--inner--";
const QByteArray Part2Header = "Content-Type: message/rfc822\r\n"
                               "Content-Description: forwarded message\r\n"
                               "Content-Disposition: attachment; filename=\"fwd.eml\"\r\n\r\n";
const QByteArray InnerHeader = "From: Carol <carol@example.net>\r\n"
                               "Subject: inner\r\n"
                               "Date: Tue, 1 Mar 2022 10:00:00 +0000\r\n\r\n";
const QByteArray InnerBody = "inner line 1\r\ninner line 2";
const QByteArray Part2Body = InnerHeader + InnerBody; // six lines, the last without CRLF
const QByteArray Part3Header = "Content-Type: application/octet-stream; name=\"data.bin\"\r\n"
                               "Content-Transfer-Encoding: base64\r\n"
                               "Content-ID: <data@example.org>\r\n"
                               "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\r\n"
                               "Content-Language: en, de\r\n"
                               "Content-Location: http://example.org/data.bin\r\n\r\n";
const QByteArray Part3Body = "AAECAw==";
const QByteArray MultiHeader = "From: Alice <alice@example.org>\r\n"
                               "To: bob@example.org\r\n"
                               "Subject: multi\r\n"
                               "Date: Mon, 7 Feb 1994 21:52:25 -0800\r\n"
                               "Message-ID: <multi@example.org>\r\n"
                               "MIME-Version: 1.0\r\n"
                               "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
                               "Content-Language: fr\r\n\r\n";
const QByteArray MultiBody = "This is a multi-part message.\r\n--outer\r\n" + Part1Header + Part1Body
    + "\r\n--outer\r\n" + Part2Header + Part2Body + "\r\n--outer\r\n" + Part3Header + Part3Body
    + "\r\n--outer--\r\nepilogue\r\n";
const QByteArray Multi = MultiHeader + MultiBody;

const QByteArray InnerEnvelope = "(\"Tue, 1 Mar 2022 10:00:00 +0000\" \"inner\" "
                                 "((\"Carol\" NIL \"carol\" \"example.net\")) "
                                 "((\"Carol\" NIL \"carol\" \"example.net\")) "
                                 "((\"Carol\" NIL \"carol\" \"example.net\")) NIL NIL NIL NIL NIL)";

// RFC 3501 §7.4.2 / §9 body: BODYSTRUCTURE when `extended`, BODY otherwise.
QByteArray multiStructure(bool extended)
{
    const auto ext = [extended](const QByteArray &data) -> QByteArray { return extended ? data : QByteArray(); };
    const QByteArray p11 = "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"QUOTED-PRINTABLE\" "
        + number(AltPlain.size()) + " 1" + ext(" NIL NIL NIL NIL") + ')';
    const QByteArray p12 = "(\"TEXT\" \"HTML\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" " + number(AltHtml.size()) + " 1"
        + ext(" NIL NIL NIL NIL") + ')';
    // body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]; no space between bodies.
    const QByteArray p1 = '(' + p11 + p12 + " \"ALTERNATIVE\"" + ext(" (\"BOUNDARY\" \"inner\") NIL NIL NIL") + ')';
    // body-type-msg = media-message SP body-fields SP envelope SP body SP body-fld-lines
    const QByteArray inner = "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" " + number(InnerBody.size())
        + " 2" + ext(" NIL NIL NIL NIL") + ')';
    const QByteArray p2 = "(\"MESSAGE\" \"RFC822\" NIL NIL \"forwarded message\" \"7BIT\" " + number(Part2Body.size()) + ' '
        + InnerEnvelope + ' ' + inner + " 6" + ext(" NIL (\"ATTACHMENT\" (\"FILENAME\" \"fwd.eml\")) NIL NIL") + ')';
    // body-type-basic; body-ext-1part with MD5, no disposition, a language list and a location.
    const QByteArray p3 = "(\"APPLICATION\" \"OCTET-STREAM\" (\"NAME\" \"data.bin\") \"<data@example.org>\" NIL \"BASE64\" "
        + number(Part3Body.size())
        + ext(" \"Q2hlY2sgSW50ZWdyaXR5IQ==\" NIL (\"en\" \"de\") \"http://example.org/data.bin\"") + ')';
    return '(' + p1 + p2 + p3 + " \"MIXED\"" + ext(" (\"BOUNDARY\" \"outer\") NIL (\"fr\") NIL") + ')';
}

const QByteArray Recent = "\\Recent";

} // namespace

// FETCH and UID FETCH (RFC 3501 §6.4.5, §6.4.8, §7.4.2) over real sockets, every data item, in
// exact wire syntax; once per store.
class TstFetch : public MessageHarness
{
    Q_OBJECT

private Q_SLOTS:
    // RFC 3501 §2.3.2, §2.3.3, §6.3.11: FLAGS as appended plus \Recent (this session selected
    // first), UID, and INTERNALDATE as APPEND gave it, zone offset included.
    void flagsUidInternalDate_data()
    {
        QTest::addColumn<QByteArray>("appendOptions");
        QTest::addColumn<QByteArray>("flags");
        QTest::addColumn<QByteArray>("date");
        QTest::newRow("no flags") << QByteArray("\"17-Jul-1996 02:44:25 -0700\"") << QByteArray("\\Recent")
                                  << QByteArray("17-Jul-1996 02:44:25 -0700");
        QTest::newRow("system flags") << QByteArray("(\\Seen \\Answered) \"17-Jul-1996 02:44:25 +0000\"")
                                      << QByteArray("\\Seen \\Answered \\Recent") << QByteArray("17-Jul-1996 02:44:25 +0000");
        QTest::newRow("keywords") << QByteArray("(\\Flagged $Label1 NonJunk) \"31-Dec-1999 23:59:59 +1345\"")
                                  << QByteArray("\\Flagged $Label1 NonJunk \\Recent")
                                  << QByteArray("31-Dec-1999 23:59:59 +1345");
        // date-day-fixed = (SP DIGIT) / 2DIGIT
        QTest::newRow("one-digit day") << QByteArray("() \" 7-Feb-1994 21:52:25 +0530\"") << QByteArray("\\Recent")
                                       << QByteArray(" 7-Feb-1994 21:52:25 +0530");
        QTest::newRow("negative half hour") << QByteArray("\"29-Feb-2024 00:00:00 -0930\"") << QByteArray("\\Recent")
                                            << QByteArray("29-Feb-2024 00:00:00 -0930");
    }
    void flagsUidInternalDate()
    {
        QFETCH(QByteArray, appendOptions);
        QFETCH(QByteArray, flags);
        QFETCH(QByteArray, date);
        ImapTestClient *client = inboxWith({note(1), note(2)}, appendOptions);
        QVERIFY(client);
        QCOMPARE(client->command("a", "FETCH 2 (FLAGS UID INTERNALDATE)"),
                 (QByteArrayList{"* 2 FETCH (FLAGS (" + flags + ") UID 2 INTERNALDATE \"" + date + "\")",
                                 "a OK FETCH completed"}));
    }

    // Without a date, INTERNALDATE is the time of the APPEND, in date-time syntax.
    void internalDateDefaultsToNow()
    {
        ImapTestClient *client = inboxWith({note(1)});
        QVERIFY(client);
        const QByteArrayList reply = client->command("a", "FETCH 1 INTERNALDATE");
        QCOMPARE(reply.size(), 2);
        static const QRegularExpression syntax(QStringLiteral(
            R"(^\* 1 FETCH \(INTERNALDATE "[ 0-3][0-9]-(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-[0-9]{4} [0-2][0-9]:[0-5][0-9]:[0-6][0-9] [+-][0-9]{4}"\)$)"));
        QVERIFY2(syntax.match(QString::fromLatin1(reply.first())).hasMatch(), reply.first().constData());
        const QByteArray year = QByteArray::number(QDate::currentDate().year());
        QVERIFY2(reply.first().contains(QByteArray('-' + year + ' ')), reply.first().constData());
    }

    // RFC 3501 §2.3.4: RFC822.SIZE is the number of octets in BODY[] as the server sends it,
    // whatever the line endings of the appended message.
    void rfc822SizeIsBodyLength_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("CRLF") << Simple;
        QTest::newRow("bare LF") << QByteArray("Subject: lf\nFrom: a@example.org\n\nline 1\nline 2\n");
        QTest::newRow("mixed endings, no final newline") << QByteArray("Subject: mixed\r\nX: y\n\r\nline 1\nline 2");
        QTest::newRow("multipart") << Multi;
    }
    void rfc822SizeIsBodyLength()
    {
        QFETCH(QByteArray, message);
        ImapTestClient *client = inboxWith({message});
        QVERIFY(client);
        const QByteArrayList reply = client->command("a", "FETCH 1 (RFC822.SIZE BODY.PEEK[])");
        QCOMPARE(reply.size(), 2);
        const QByteArray &line = reply.first();
        static const QRegularExpression shape(QStringLiteral(R"(^\* 1 FETCH \(RFC822\.SIZE (\d+) BODY\[\] \{(\d+)\}\r\n)"));
        const QRegularExpressionMatch match = shape.match(QString::fromLatin1(line));
        QVERIFY2(match.hasMatch(), line.constData());
        const qint64 size = match.captured(1).toLongLong();
        QCOMPARE(match.captured(2).toLongLong(), size);
        const qsizetype bodyStart = line.indexOf("}\r\n") + 3;
        QCOMPARE(line.size() - bodyStart - 1, size); // the bytes, then ")"
        QVERIFY(line.endsWith(')'));
        if (!message.contains('\n') || message.count('\n') == message.count("\r\n"))
            QCOMPARE(line.mid(bodyStart, size), message); // CRLF messages come back as sent
    }

    // RFC 3501 §7.4.2 ENVELOPE: RFC 3501's own example; group syntax; NIL, never a made-up
    // name, for an address without a display name; '"' and '\' escaped in quoted strings;
    // 8-bit text as a literal (seed bugs 8, 13); Sender and Reply-To default to From.
    void envelope_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("envelope");
        QTest::newRow("RFC 3501 example") << Simple << SimpleEnvelope;
        QTest::newRow("groups, quoting, 8-bit") << Groups << GroupsEnvelope;
        QTest::newRow("no header at all") << QByteArray("\r\njust a body\r\n")
                                          << QByteArray("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
        QTest::newRow("empty Reply-To takes From")
            << QByteArray("From: a@example.org\r\nReply-To:\r\nSubject: \r\n\r\nx\r\n")
            << QByteArray("(NIL \"\" ((NIL NIL \"a\" \"example.org\")) ((NIL NIL \"a\" \"example.org\")) "
                          "((NIL NIL \"a\" \"example.org\")) NIL NIL NIL NIL NIL)");
    }
    void envelope()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, envelope);
        ImapTestClient *client = inboxWith({message});
        QVERIFY(client);
        QCOMPARE(client->command("a", "FETCH 1 ENVELOPE"),
                 (QByteArrayList{"* 1 FETCH (ENVELOPE " + envelope + ')', "a OK FETCH completed"}));
    }

    // RFC 3501 §7.4.2 BODY and BODYSTRUCTURE (§9 body): a single part, and multipart/mixed with
    // a nested multipart, a message/rfc822 (envelope, body, lines) and extension data.
    void bodyStructure_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("bodyStructure");
        QTest::newRow("text/plain") << Simple << SimpleBody1Part << SimpleBodyStructure;
        QTest::newRow("no Content-Type: text/plain; charset=us-ascii (RFC 2045 5.2)")
            << QByteArray("Subject: x\r\n\r\nab\r\ncd\r\n")
            << QByteArray("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 8 2)")
            << QByteArray("(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 8 2 NIL NIL NIL NIL)");
        QTest::newRow("multipart/mixed") << Multi << multiStructure(false) << multiStructure(true);
    }
    void bodyStructure()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, bodyStructure);
        ImapTestClient *client = inboxWith({message});
        QVERIFY(client);
        QCOMPARE(client->command("a", "FETCH 1 BODY"), (QByteArrayList{"* 1 FETCH (BODY " + body + ')', "a OK FETCH completed"}));
        QCOMPARE(client->command("b", "FETCH 1 BODYSTRUCTURE"),
                 (QByteArrayList{"* 1 FETCH (BODYSTRUCTURE " + bodyStructure + ')', "b OK FETCH completed"}));
        // Neither sets \Seen.
        QCOMPARE(client->command("c", "FETCH 1 FLAGS"), (QByteArrayList{"* 1 FETCH (FLAGS (\\Recent))", "c OK FETCH completed"}));
    }

    // RFC 3501 §6.4.5 BODY[<section>]: the whole message, HEADER, TEXT, HEADER.FIELDS and
    // HEADER.FIELDS.NOT (seed bug 2), part numbers into a multipart and a message/rfc822, MIME.
    void sections_data()
    {
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<QByteArray>("section"); // as asked, after BODY.PEEK
        QTest::addColumn<QByteArray>("label");   // as answered, after BODY
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("[]") << Simple << QByteArray("[]") << QByteArray("[]") << Simple;
        QTest::newRow("[HEADER]") << Simple << QByteArray("[HEADER]") << QByteArray("[HEADER]") << SimpleHeader;
        QTest::newRow("[TEXT]") << Simple << QByteArray("[TEXT]") << QByteArray("[TEXT]") << SimpleBody;
        QTest::newRow("[1] of a single part") << Simple << QByteArray("[1]") << QByteArray("[1]") << SimpleBody;
        // The fields in the message's order, then the blank line (§6.4.5: it is included).
        QTest::newRow("HEADER.FIELDS")
            << Simple << QByteArray("[HEADER.FIELDS (Subject From)]") << QByteArray("[HEADER.FIELDS (Subject From)]")
            << QByteArray("From: Terry Gray <gray@cac.washington.edu>\r\n"
                          "Subject: IMAP4rev1 WG mtg summary and minutes\r\n\r\n");
        QTest::newRow("HEADER.FIELDS is case-insensitive")
            << Simple << QByteArray("[HEADER.FIELDS (CC message-id)]") << QByteArray("[HEADER.FIELDS (CC message-id)]")
            << QByteArray("cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\n"
                          "Message-Id: <B27397-0100000@cac.washington.edu>\r\n\r\n");
        QTest::newRow("HEADER.FIELDS quoted name") << Simple << QByteArray("[HEADER.FIELDS (\"To\")]")
                                                   << QByteArray("[HEADER.FIELDS (To)]")
                                                   << QByteArray("To: imap@cac.washington.edu\r\n\r\n");
        QTest::newRow("HEADER.FIELDS none present") << Simple << QByteArray("[HEADER.FIELDS (X-Nothing)]")
                                                    << QByteArray("[HEADER.FIELDS (X-Nothing)]") << QByteArray("\r\n");
        QTest::newRow("HEADER.FIELDS folded field")
            << Groups << QByteArray("[HEADER.FIELDS (To)]") << QByteArray("[HEADER.FIELDS (To)]")
            << QByteArray("To: A Group: ed@example.net,\r\n \"Fred\" <fred@example.net>;, solo@example.org\r\n\r\n");
        QTest::newRow("HEADER.FIELDS.NOT")
            << Simple << QByteArray("[HEADER.FIELDS.NOT (Subject From Date cc Message-ID)]")
            << QByteArray("[HEADER.FIELDS.NOT (Subject From Date cc Message-ID)]")
            << QByteArray("To: imap@cac.washington.edu\r\nMIME-Version: 1.0\r\n"
                          "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\r\n");
        QTest::newRow("HEADER.FIELDS.NOT folded field")
            << Groups << QByteArray("[HEADER.FIELDS.NOT (Date From Sender Reply-To Cc Subject Message-ID In-Reply-To)]")
            << QByteArray("[HEADER.FIELDS.NOT (Date From Sender Reply-To Cc Subject Message-ID In-Reply-To)]")
            << QByteArray("To: A Group: ed@example.net,\r\n \"Fred\" <fred@example.net>;, solo@example.org\r\n\r\n");
        QTest::newRow("multipart [HEADER]") << Multi << QByteArray("[HEADER]") << QByteArray("[HEADER]") << MultiHeader;
        QTest::newRow("multipart [TEXT]") << Multi << QByteArray("[TEXT]") << QByteArray("[TEXT]") << MultiBody;
        QTest::newRow("[1] a multipart part") << Multi << QByteArray("[1]") << QByteArray("[1]") << Part1Body;
        QTest::newRow("[1.1]") << Multi << QByteArray("[1.1]") << QByteArray("[1.1]") << AltPlain;
        QTest::newRow("[1.2]") << Multi << QByteArray("[1.2]") << QByteArray("[1.2]") << AltHtml;
        QTest::newRow("[1.MIME]") << Multi << QByteArray("[1.MIME]") << QByteArray("[1.MIME]") << Part1Header;
        QTest::newRow("[1.2.MIME]") << Multi << QByteArray("[1.2.MIME]") << QByteArray("[1.2.MIME]") << Part12Header;
        // A message/rfc822 part: its body is the whole encapsulated message; HEADER and TEXT
        // address that message; its subparts continue the numbering.
        QTest::newRow("[2] message/rfc822") << Multi << QByteArray("[2]") << QByteArray("[2]") << Part2Body;
        QTest::newRow("[2.MIME]") << Multi << QByteArray("[2.MIME]") << QByteArray("[2.MIME]") << Part2Header;
        QTest::newRow("[2.HEADER]") << Multi << QByteArray("[2.HEADER]") << QByteArray("[2.HEADER]") << InnerHeader;
        QTest::newRow("[2.TEXT]") << Multi << QByteArray("[2.TEXT]") << QByteArray("[2.TEXT]") << InnerBody;
        QTest::newRow("[2.1]") << Multi << QByteArray("[2.1]") << QByteArray("[2.1]") << InnerBody;
        QTest::newRow("[2.HEADER.FIELDS]") << Multi << QByteArray("[2.HEADER.FIELDS (subject)]")
                                           << QByteArray("[2.HEADER.FIELDS (subject)]")
                                           << QByteArray("Subject: inner\r\n\r\n");
        QTest::newRow("[3]") << Multi << QByteArray("[3]") << QByteArray("[3]") << Part3Body;
        QTest::newRow("[3.MIME]") << Multi << QByteArray("[3.MIME]") << QByteArray("[3.MIME]") << Part3Header;
    }
    void sections()
    {
        QFETCH(QByteArray, message);
        QFETCH(QByteArray, section);
        QFETCH(QByteArray, label);
        QFETCH(QByteArray, data);
        ImapTestClient *client = inboxWith({message});
        QVERIFY(client);
        QCOMPARE(client->command("a", "FETCH 1 BODY.PEEK" + section),
                 (QByteArrayList{"* 1 FETCH (BODY" + label + ' ' + literal(data) + ')', "a OK FETCH completed"}));
    }

    // RFC 3501 §6.4.5 partial fetch: "<0.10>" is answered as "BODY[]<0>" — the origin only (seed
    // bug 3) — and a start beyond the end gives an empty string; §9 section-partial needs both
    // numbers, the length non-zero.
    void partial_data()
    {
        QTest::addColumn<QByteArray>("item");
        QTest::addColumn<QByteArray>("label");
        QTest::addColumn<QByteArray>("data");
        const qsizetype size = Simple.size();
        QTest::newRow("<0.10>") << QByteArray("BODY.PEEK[]<0.10>") << QByteArray("BODY[]<0>") << Simple.left(10);
        QTest::newRow("<10.20>") << QByteArray("BODY.PEEK[]<10.20>") << QByteArray("BODY[]<10>") << Simple.mid(10, 20);
        QTest::newRow("TEXT<6.3>") << QByteArray("BODY.PEEK[TEXT]<6.3>") << QByteArray("BODY[TEXT]<6>") << QByteArray("Joe");
        QTest::newRow("over the end") << QByteArray("BODY.PEEK[]<" + number(size - 5) + ".100>")
                                      << QByteArray("BODY[]<" + number(size - 5) + '>') << Simple.right(5);
        QTest::newRow("HEADER.FIELDS<0.8>") << QByteArray("BODY.PEEK[HEADER.FIELDS (Subject)]<0.8>")
                                            << QByteArray("BODY[HEADER.FIELDS (Subject)]<0>") << QByteArray("Subject:");
        QTest::newRow("at the end") << QByteArray("BODY.PEEK[]<" + number(size) + ".10>")
                                    << QByteArray("BODY[]<" + number(size) + '>') << QByteArray("");
        QTest::newRow("past the end") << QByteArray("BODY.PEEK[]<100000.10>") << QByteArray("BODY[]<100000>")
                                      << QByteArray("");
        QTest::newRow("part past the end") << QByteArray("BODY.PEEK[1]<4000.1>") << QByteArray("BODY[1]<4000>")
                                           << QByteArray("");
    }
    void partial()
    {
        QFETCH(QByteArray, item);
        QFETCH(QByteArray, label);
        QFETCH(QByteArray, data);
        ImapTestClient *client = inboxWith({Simple});
        QVERIFY(client);
        const QByteArrayList reply = client->command("a", "FETCH 1 " + item);
        QCOMPARE(reply.size(), 2);
        QCOMPARE(reply.last(), "a OK FETCH completed");
        if (data.isEmpty()) {
            // "If the starting octet is beyond the end of the text, an empty string is
            // returned": quoted or as a literal, both are an empty string.
            const QByteArrayList empty = {"* 1 FETCH (" + label + " \"\")", "* 1 FETCH (" + label + " {0}\r\n)"};
            QVERIFY2(empty.contains(reply.first()), reply.first().constData());
        } else {
            QCOMPARE(reply.first(), QByteArray("* 1 FETCH (" + label + ' ' + literal(data) + ')'));
        }
    }

    // RFC 3501 §6.4.5: RFC822 is BODY[], RFC822.HEADER is BODY.PEEK[HEADER], RFC822.TEXT is
    // BODY[TEXT], each answered under its own name.
    void rfc822Items_data()
    {
        QTest::addColumn<QByteArray>("item");
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("RFC822") << QByteArray("RFC822") << Simple;
        QTest::newRow("RFC822.HEADER") << QByteArray("RFC822.HEADER") << SimpleHeader;
        QTest::newRow("RFC822.TEXT") << QByteArray("RFC822.TEXT") << SimpleBody;
    }
    void rfc822Items()
    {
        QFETCH(QByteArray, item);
        QFETCH(QByteArray, data);
        ImapTestClient *client = inboxWith({Simple}, "(\\Seen)");
        QVERIFY(client);
        QCOMPARE(client->command("a", "FETCH 1 " + item),
                 (QByteArrayList{"* 1 FETCH (" + item + ' ' + literal(data) + ')', "a OK FETCH completed"}));
    }

    // RFC 3501 §6.4.5 macros: ALL = (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE), FAST = (FLAGS
    // INTERNALDATE RFC822.SIZE), FULL = ALL + BODY.
    void macros_data()
    {
        QTest::addColumn<QByteArray>("macro");
        QTest::addColumn<QByteArray>("items");
        const QByteArray fast = "FLAGS (\\Seen \\Recent) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE "
            + number(Simple.size());
        QTest::newRow("FAST") << QByteArray("FAST") << fast;
        QTest::newRow("ALL") << QByteArray("ALL") << QByteArray(fast + " ENVELOPE " + SimpleEnvelope);
        const QByteArray full = fast + " ENVELOPE " + SimpleEnvelope + " BODY " + SimpleBody1Part;
        QTest::newRow("FULL") << QByteArray("FULL") << full;
        QTest::newRow("full in lower case") << QByteArray("full") << full;
    }
    void macros()
    {
        QFETCH(QByteArray, macro);
        QFETCH(QByteArray, items);
        ImapTestClient *client = inboxWith({Simple}, "(\\Seen) \"17-Jul-1996 02:44:25 -0700\"");
        QVERIFY(client);
        QCOMPARE(client->command("a", "FETCH 1 " + macro), (QByteArrayList{"* 1 FETCH (" + items + ')', "a OK FETCH completed"}));
    }

    // RFC 3501 §6.4.5: BODY[<section>] (any section), RFC822 and RFC822.TEXT set \Seen (seed
    // bug 4), and the changed flags come in the same response; BODY.PEEK, RFC822.HEADER, BODY
    // and BODYSTRUCTURE do not.
    void implicitSeen_data()
    {
        QTest::addColumn<QByteArray>("items");
        QTest::addColumn<QByteArray>("response"); // the data items of the FETCH response
        QTest::addColumn<bool>("seen");           // \Seen afterwards
        using B = QByteArray;
        const QByteArray message = note(1);
        const qsizetype headerSize = message.indexOf("\r\n\r\n") + 4;
        const QByteArray header = message.left(headerSize);
        const QByteArray text = message.mid(headerSize);
        const QByteArray nowSeen = " FLAGS (\\Seen \\Recent)";
        QTest::newRow("BODY[]") << B("BODY[]") << B("BODY[] " + literal(message) + nowSeen) << true;
        QTest::newRow("BODY[TEXT]") << B("BODY[TEXT]") << B("BODY[TEXT] " + literal(text) + nowSeen) << true;
        QTest::newRow("BODY[HEADER]") << B("BODY[HEADER]") << B("BODY[HEADER] " + literal(header) + nowSeen) << true;
        QTest::newRow("BODY[1]") << B("BODY[1]") << B("BODY[1] " + literal(text) + nowSeen) << true;
        QTest::newRow("BODY[]<0.4>") << B("BODY[]<0.4>") << B("BODY[]<0> " + literal("From") + nowSeen) << true;
        QTest::newRow("RFC822") << B("RFC822") << B("RFC822 " + literal(message) + nowSeen) << true;
        QTest::newRow("RFC822.TEXT") << B("RFC822.TEXT") << B("RFC822.TEXT " + literal(text) + nowSeen) << true;
        QTest::newRow("BODY.PEEK[]") << B("BODY.PEEK[]") << B("BODY[] " + literal(message)) << false;
        QTest::newRow("RFC822.HEADER") << B("RFC822.HEADER") << B("RFC822.HEADER " + literal(header)) << false;
        QTest::newRow("BODY") << B("BODY")
                              << B("BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" "
                                   + number(text.size()) + " 1)")
                              << false;
        QTest::newRow("UID RFC822.SIZE") << B("(UID RFC822.SIZE)") << B("UID 1 RFC822.SIZE " + number(message.size()))
                                         << false;
        // FLAGS asked for: it shows the new flags, and they are not repeated.
        QTest::newRow("FLAGS BODY[TEXT]") << B("(FLAGS BODY[TEXT])")
                                          << B("FLAGS (\\Seen \\Recent) BODY[TEXT] " + literal(text)) << true;
        QTest::newRow("BODY[TEXT] FLAGS") << B("(BODY[TEXT] FLAGS)")
                                          << B("BODY[TEXT] " + literal(text) + " FLAGS (\\Seen \\Recent)") << true;
    }
    void implicitSeen()
    {
        QFETCH(QByteArray, items);
        QFETCH(QByteArray, response);
        QFETCH(bool, seen);
        ImapTestClient *client = inboxWith({note(1)});
        QVERIFY(client);
        QCOMPARE(client->command("a", "FETCH 1 " + items), (QByteArrayList{"* 1 FETCH (" + response + ')', "a OK FETCH completed"}));
        QCOMPARE(client->command("b", "FETCH 1 FLAGS"),
                 (QByteArrayList{QByteArray(seen ? "* 1 FETCH (FLAGS (\\Seen \\Recent))" : "* 1 FETCH (FLAGS (\\Recent))"),
                                 "b OK FETCH completed"}));
        // Once seen, another fetch changes nothing, so announces nothing.
        if (seen) {
            QCOMPARE(client->command("c", "FETCH 1 BODY[]"),
                     (QByteArrayList{"* 1 FETCH (BODY[] " + literal(note(1)) + ')', "c OK FETCH completed"}));
        }
    }

    // Seed bug 4: the implicit \Seen reaches the other sessions on the mailbox as an untagged
    // FETCH (RFC 3501 §7.4.2), and the group commit makes it last.
    void implicitSeenAnnouncedToOthers()
    {
        ImapTestClient *reader = inboxWith({note(1), note(2)});
        ImapTestClient *other = alice(1);
        QVERIFY(reader && other);
        QVERIFY(selected(*other, "INBOX"));
        QCOMPARE(reader->command("a", "FETCH 2 RFC822.TEXT"),
                 (QByteArrayList{"* 2 FETCH (RFC822.TEXT " + literal("Body 2\r\n") + " FLAGS (\\Seen \\Recent))",
                                 "a OK FETCH completed"}));
        QCOMPARE(other->command("n", "NOOP"), (QByteArrayList{"* 2 FETCH (UID 2 FLAGS (\\Seen))", "n OK NOOP completed"}));
        QCOMPARE(other->command("s", "STATUS INBOX (UNSEEN)"),
                 (QByteArrayList{"* STATUS INBOX (UNSEEN 1)", "s OK STATUS completed"}));
    }

    // RFC 3501 §6.3.2: EXAMINE is read-only, "no changes to the permanent state of the mailbox,
    // including per-user state, are permitted": no implicit \Seen (seed bug 18).
    void examineNeverSetsSeen_data()
    {
        QTest::addColumn<QByteArray>("item");
        QTest::addColumn<QByteArray>("label");
        QTest::newRow("BODY[]") << QByteArray("BODY[]") << QByteArray("BODY[]");
        QTest::newRow("RFC822") << QByteArray("RFC822") << QByteArray("RFC822");
        QTest::newRow("BODY[1]") << QByteArray("BODY[1]") << QByteArray("BODY[1]");
    }
    void examineNeverSetsSeen()
    {
        QFETCH(QByteArray, item);
        QFETCH(QByteArray, label);
        ImapTestClient *client = inboxWith({Simple}, {}, "EXAMINE");
        ImapTestClient *other = alice(1);
        QVERIFY(client && other);
        QVERIFY(selected(*other, "INBOX"));
        const QByteArray data = item == "BODY[1]" ? SimpleBody : Simple;
        QCOMPARE(client->command("a", "FETCH 1 " + item),
                 (QByteArrayList{"* 1 FETCH (" + label + ' ' + literal(data) + ')', "a OK FETCH completed"}));
        // The EXAMINE session saw the message as recent (it does not take \Recent); the one that
        // selected afterwards took it.
        QCOMPARE(client->command("b", "FETCH 1 FLAGS"), (QByteArrayList{"* 1 FETCH (FLAGS (\\Recent))", "b OK FETCH completed"}));
        QCOMPARE(other->command("n", "NOOP"), QByteArrayList{"n OK NOOP completed"});
        QCOMPARE(other->command("c", "FETCH 1 FLAGS"), (QByteArrayList{"* 1 FETCH (FLAGS (\\Recent))", "c OK FETCH completed"}));
    }

    // RFC 3501 §9 sequence-set: "*" is the last message, ranges go either way, a number is
    // never 0 (seed bug 5), and a number beyond the mailbox is an error (§6.4.5 / §9: "a
    // number ... larger than the number of messages ... BAD").
    void sequenceSets_data()
    {
        QTest::addColumn<QByteArray>("set");
        QTest::addColumn<QList<int>>("expected"); // empty: BAD
        QTest::newRow("1") << QByteArray("1") << QList<int>{1};
        QTest::newRow("*") << QByteArray("*") << QList<int>{4};
        QTest::newRow("2:*") << QByteArray("2:*") << QList<int>{2, 3, 4};
        QTest::newRow("*:3") << QByteArray("*:3") << QList<int>{3, 4};
        QTest::newRow("3:1") << QByteArray("3:1") << QList<int>{1, 2, 3};
        QTest::newRow("1:*") << QByteArray("1:*") << QList<int>{1, 2, 3, 4};
        QTest::newRow("4,1:2") << QByteArray("4,1:2") << QList<int>{1, 2, 4};
        QTest::newRow("2,2:3,3") << QByteArray("2,2:3,3") << QList<int>{2, 3};
        QTest::newRow("4:4") << QByteArray("4:4") << QList<int>{4};
        QTest::newRow("0") << QByteArray("0") << QList<int>{};
        QTest::newRow("0:2") << QByteArray("0:2") << QList<int>{};
        QTest::newRow("1,0") << QByteArray("1,0") << QList<int>{};
        QTest::newRow("*:0") << QByteArray("*:0") << QList<int>{};
        QTest::newRow("5 of 4") << QByteArray("5") << QList<int>{};
        QTest::newRow("2:5 of 4") << QByteArray("2:5") << QList<int>{};
        QTest::newRow("1,9 of 4") << QByteArray("1,9") << QList<int>{};
        QTest::newRow("not a set") << QByteArray("a") << QList<int>{};
        QTest::newRow("empty member") << QByteArray("1,,2") << QList<int>{};
        QTest::newRow("negative") << QByteArray("-1") << QList<int>{};
    }
    void sequenceSets()
    {
        QFETCH(QByteArray, set);
        QFETCH(QList<int>, expected);
        ImapTestClient *client = inboxWith({note(1), note(2), note(3), note(4)});
        QVERIFY(client);
        const QByteArrayList reply = client->command("a", "FETCH " + set + " UID");
        if (expected.isEmpty()) {
            QCOMPARE(reply.size(), 1);
            QVERIFY2(reply.first().startsWith("a BAD "), reply.first().constData());
            return;
        }
        QByteArrayList lines;
        for (int n : std::as_const(expected))
            lines.append("* " + number(n) + " FETCH (UID " + number(n) + ')');
        lines.append("a OK FETCH completed");
        QCOMPARE(reply, lines);
    }

    // RFC 3501 §6.4.8: UID FETCH names messages by UID, always answers with the UID, ignores
    // UIDs that do not exist, and "n:*" includes the last message even when n is larger than
    // its UID ("*" is the largest UID in use).
    void uidFetch_data()
    {
        QTest::addColumn<QByteArray>("set");
        QTest::addColumn<QList<int>>("sequences"); // of the messages answered; UIDs 1, 3, 4, 5
        QTest::newRow("3") << QByteArray("3") << QList<int>{2};
        QTest::newRow("expunged UID") << QByteArray("2") << QList<int>{};
        QTest::newRow("never used UID") << QByteArray("77") << QList<int>{};
        QTest::newRow("2:3") << QByteArray("2:3") << QList<int>{2};
        QTest::newRow("1:*") << QByteArray("1:*") << QList<int>{1, 2, 3, 4};
        QTest::newRow("*") << QByteArray("*") << QList<int>{4};
        QTest::newRow("1000:*") << QByteArray("1000:*") << QList<int>{4};
        QTest::newRow("4:1000") << QByteArray("4:1000") << QList<int>{3, 4};
        QTest::newRow("5:3") << QByteArray("5:3") << QList<int>{2, 3, 4};
        QTest::newRow("1,77,4") << QByteArray("1,77,4") << QList<int>{1, 3};
    }
    void uidFetch()
    {
        QFETCH(QByteArray, set);
        QFETCH(QList<int>, sequences);
        ImapTestClient *client = inboxWith({note(1), note(2), note(3), note(4), note(5)}, "(\\Seen)");
        QVERIFY(client);
        QVERIFY(succeeds(*client, "STORE 2 +FLAGS.SILENT (\\Deleted)"));
        QCOMPARE(client->command("x", "EXPUNGE"), (QByteArrayList{"* 2 EXPUNGE", "x OK EXPUNGE completed"}));
        const int uids[] = {0, 1, 3, 4, 5};
        QByteArrayList lines;
        for (int sequence : std::as_const(sequences))
            lines.append("* " + number(sequence) + " FETCH (UID " + number(uids[sequence]) + " FLAGS (\\Seen \\Recent))");
        lines.append("a OK UID FETCH completed");
        QCOMPARE(client->command("a", "UID FETCH " + set + " FLAGS"), lines);
        // UID asked for explicitly: once only.
        QCOMPARE(client->command("b", "UID FETCH 3 (UID)"), (QByteArrayList{"* 2 FETCH (UID 3)", "b OK UID FETCH completed"}));
        const QByteArrayList zero = client->command("c", "UID FETCH 0 FLAGS"); // nz-number
        QCOMPARE(zero.size(), 1);
        QVERIFY2(zero.first().startsWith("c BAD "), zero.first().constData());
    }

    // RFC 3501 §9 fetch-att: anything else is a syntax error (BAD), and nothing is answered.
    void badItems_data()
    {
        QTest::addColumn<QByteArray>("arguments");
        QTest::newRow("unknown item") << QByteArray("1 BOGUS");
        QTest::newRow("unknown item in a list") << QByteArray("1 (FLAGS BOGUS)");
        QTest::newRow("empty list") << QByteArray("1 ()");
        QTest::newRow("no items") << QByteArray("1");
        QTest::newRow("no arguments") << QByteArray();
        QTest::newRow("BODY.PEEK without section") << QByteArray("1 BODY.PEEK");
        QTest::newRow("RFC822.PEEK") << QByteArray("1 RFC822.PEEK");
        QTest::newRow("unclosed section") << QByteArray("1 BODY[HEADER");
        QTest::newRow("unknown section") << QByteArray("1 BODY[FOO]");
        QTest::newRow("HEADER.FIELDS without list") << QByteArray("1 BODY[HEADER.FIELDS]");
        QTest::newRow("HEADER.FIELDS empty list") << QByteArray("1 BODY[HEADER.FIELDS ()]");
        QTest::newRow("MIME without part") << QByteArray("1 BODY[MIME]");
        QTest::newRow("part 0") << QByteArray("1 BODY[0]");
        QTest::newRow("part 1.0") << QByteArray("1 BODY[1.0]");
        QTest::newRow("partial without length") << QByteArray("1 BODY[]<5>");
        QTest::newRow("partial of length 0") << QByteArray("1 BODY[]<0.0>");
        QTest::newRow("partial not a number") << QByteArray("1 BODY[]<a.b>");
        QTest::newRow("partial on BODY") << QByteArray("1 BODY<0.5>");
        QTest::newRow("macro in a list") << QByteArray("1 (ALL)");
        QTest::newRow("extra argument") << QByteArray("1 FLAGS UID");
    }
    void badItems()
    {
        QFETCH(QByteArray, arguments);
        ImapTestClient *client = inboxWith({Simple});
        QVERIFY(client);
        const QByteArrayList reply = client->command("a", arguments.isEmpty() ? QByteArray("FETCH") : "FETCH " + arguments);
        QCOMPARE(reply.size(), 1);
        QVERIFY2(reply.first().startsWith("a BAD "), reply.first().constData());
        // Nothing was read, so nothing became \Seen.
        QCOMPARE(client->command("b", "FETCH 1 FLAGS"), (QByteArrayList{"* 1 FETCH (FLAGS (\\Recent))", "b OK FETCH completed"}));
    }

    // RFC 3501 §9: "The ASCII characters ... of the command and data item names are case-
    // insensitive"; header field names keep the spelling the client gave.
    void itemNamesAreCaseInsensitive_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArray>("response");
        using B = QByteArray;
        QTest::newRow("flags uid rfc822.size") << QByteArray("fetch 1 (flags uid rfc822.size)")
                                               << B("FLAGS (\\Seen \\Recent) UID 1 RFC822.SIZE " + number(Simple.size()));
        QTest::newRow("body.peek[header.fields]") << QByteArray("Fetch 1 body.peek[header.fields (subject)]")
                                                  << B("BODY[HEADER.FIELDS (subject)] "
                                                         + literal("Subject: IMAP4rev1 WG mtg summary and minutes\r\n\r\n"));
        QTest::newRow("Body.Peek[text]<0.5>") << QByteArray("FETCH 1 Body.Peek[text]<0.5>")
                                              << B("BODY[TEXT]<0> " + literal("Hello"));
        QTest::newRow("body[1.mime] of a multipart") << QByteArray("FETCH 2 body.peek[2.mime]")
                                                     << B("BODY[2.MIME] " + literal(Part2Header));
        QTest::newRow("rfc822.header") << QByteArray("FETCH 1 rfc822.header") << B("RFC822.HEADER " + literal(SimpleHeader));
        QTest::newRow("internaldate envelope") << QByteArray("FETCH 1 (InternalDate Envelope)")
                                               << B("INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" ENVELOPE " + SimpleEnvelope);
        QTest::newRow("bodystructure") << QByteArray("FETCH 1 BodyStructure") << B("BODYSTRUCTURE " + SimpleBodyStructure);
        QTest::newRow("uid fetch") << QByteArray("uid fetch 1 flags") << QByteArray("UID 1 FLAGS (\\Seen \\Recent)");
    }
    void itemNamesAreCaseInsensitive()
    {
        QFETCH(QByteArray, command);
        QFETCH(QByteArray, response);
        ImapTestClient *client = inboxWith({Simple, Multi}, "(\\Seen) \"17-Jul-1996 02:44:25 -0700\"");
        QVERIFY(client);
        const QByteArray sequence = command.contains(" 2 ") ? "2" : "1";
        const QByteArrayList reply = client->command("a", command);
        QCOMPARE(reply.size(), 2);
        QCOMPARE(reply.first(), QByteArray("* " + sequence + " FETCH (" + response + ')'));
        QVERIFY2(reply.last().startsWith("a OK "), reply.last().constData());
    }

    // RFC 3501 §9 seq-number: in an empty mailbox every sequence number is too large, "*"
    // included; a UID set just names nothing.
    void emptyMailbox()
    {
        ImapTestClient *client = inboxWith({});
        QVERIFY(client);
        for (const QByteArray &set : {QByteArray("1"), QByteArray("*"), QByteArray("1:*")}) {
            const QByteArrayList reply = client->command("a", "FETCH " + set + " FLAGS");
            QCOMPARE(reply.size(), 1);
            QVERIFY2(reply.first().startsWith("a BAD "), reply.first().constData());
        }
        QCOMPARE(client->command("b", "UID FETCH 1:* FLAGS"), QByteArrayList{"b OK UID FETCH completed"});
    }

    // Several messages in one FETCH, each with its own data, in sequence order.
    void severalMessages()
    {
        ImapTestClient *client = inboxWith({note(1), note(2), note(3)});
        QVERIFY(client);
        QCOMPARE(client->command("a", "FETCH 1:3 (UID BODY.PEEK[TEXT])"),
                 (QByteArrayList{"* 1 FETCH (UID 1 BODY[TEXT] " + literal("Body 1\r\n") + ')',
                                 "* 2 FETCH (UID 2 BODY[TEXT] " + literal("Body 2\r\n") + ')',
                                 "* 3 FETCH (UID 3 BODY[TEXT] " + literal("Body 3\r\n") + ')', "a OK FETCH completed"}));
    }
};

QTEST_GUILESS_MAIN(TstFetch)
#include "tst_fetch.moc"
