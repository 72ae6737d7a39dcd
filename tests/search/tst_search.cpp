// SEARCH criteria (RFC 3501 §6.4.4, §9): SearchQuery parses them, SearchEvaluator matches them
// against messages. Every expected result below was worked out by hand from the RFC and the
// small corpus in this file (its flags, dates and sizes are listed next to each message), not
// copied from the program's output.

#include "mime/MimeParser.h"
#include "protocol/ImapGrammar.h"
#include "search/SearchEvaluator.h"
#include "search/SearchQuery.h"

#include <QRandomGenerator>
#include <QTest>

using namespace qimapd;
using namespace Qt::StringLiterals;

using Need = SearchQuery::Need;
using Match = SearchEvaluator::Match;

namespace {

QByteArray crlf(QByteArray text)
{
    return text.replace("\n", "\r\n");
}

// The mailbox's keyword table: $Work is bit 5, Urgent bit 6, Unused bit 7 (nobody has it).
const QList<QByteArray> &keywordTable()
{
    static const QList<QByteArray> table{"$Work", "Urgent", "Unused"};
    return table;
}

constexpr FlagMask Work = Flag::keywordBit(0);
constexpr FlagMask Urgent = Flag::keywordBit(1);

struct CorpusMessage
{
    quint32 uid;
    FlagMask flags;
    bool recent;
    QDateTime internalDate;
    qint64 size;
    QByteArray data;
    MessageStructure structure;
};

QDateTime at(int y, int mo, int d, int h, int mi, int offsetMinutes)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi), Qt::OffsetFromUTC, offsetMinutes * 60);
}

// The mailbox: sequence numbers 1..5, UIDs 10 11 12 20 25, EXISTS 5, largest UID 25.
//
//  seq uid flags                      recent internal date (own zone)   size  Date: header
//   1  10  \Seen \Answered            no     2003-07-01 23:30 -0700     1200  2003-07-01
//   2  11  \Seen \Flagged $Work       yes    2003-07-02 12:00 +0000     5000  2003-07-02 (-1200)
//   3  12  \Deleted \Draft Urgent     yes    2024-03-15 00:30 +0300     3000  none
//   4  20  (none)                     no     2003-07-02 00:15 +0200      800  1997-11-21
//   5  25  \Seen $Work                no     2010-01-01 12:00 -0500     2000  1969-02-13
//
// In UTC message 1 was appended on 2003-07-02 and message 4 on 2003-07-01, message 3 on
// 2024-03-14, message 2 was sent on 2003-07-03: the date keys must use each date's own zone.
const QList<CorpusMessage> &corpus()
{
    static const QList<CorpusMessage> messages = [] {
        QList<CorpusMessage> list;
        const auto add = [&](quint32 uid, FlagMask flags, bool recent, QDateTime date, qint64 size,
                             QByteArray data) {
            MessageStructure structure = MimeParser::parse(data);
            list.append({uid, flags, recent, date, size, data, structure});
        };

        // 1: plain ASCII text.
        add(10, Flag::Seen | Flag::Answered, false, at(2003, 7, 1, 23, 30, -7 * 60), 1200, crlf(R"(Date: Tue, 1 Jul 2003 10:52:37 +0200
From: Alice Example <alice@example.com>
To: Bob <bob@example.org>
Cc: carol@example.net
Subject: Lunch plans
Message-ID: <1@example.com>
X-Empty:
X-Priority: 3

Let's meet at noon by the fountain.
Bring the quarterly report.
)"));

        // 2: RFC 2047 From (ISO-8859-1, Q) and Subject (UTF-8, B); a quoted-printable UTF-8
        // part with a soft line break, a base64 ISO-8859-1 part, and a binary attachment.
        add(11, Flag::Seen | Flag::Flagged | Work, true, at(2003, 7, 2, 12, 0, 0), 5000, crlf(R"(Date: Wed, 02 Jul 2003 23:59:59 -1200
From: =?ISO-8859-1?Q?J=F6rg_M=FCller?= <joerg@example.de>
To: alice@example.com
Subject: =?UTF-8?B?R3LDvMOfZSBhdXMgTcO8bmNoZW4=?=
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

This is a multi-part message in MIME format.
--b1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Herzliche Gr=C3=BC=C3=9Fe aus M=C3=BCnchen =E2=80=94 wir trinken Kaffee im =
Caf=C3=A9 am Marienplatz und reden =C3=BCber die Stra=C3=9Fenbahn.
--b1
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: base64

SWNoIG32Y2h0ZSBnZXJuIEvkc2UgdW5kIEJy9nRjaGVuLg0K
--b1
Content-Type: application/octet-stream; name="data.bin"
Content-Transfer-Encoding: base64

c2VjcmV0d29yZCBpbnNpZGUgYSBiaW5hcnkgYXR0YWNobWVudA0K
--b1--
)"));

        // 3: KOI8-R subject and parts (base64 text, quoted-printable HTML), a group in To,
        // a Bcc, and no Date: header.
        add(12, Flag::Deleted | Flag::Draft | Urgent, true, at(2024, 3, 15, 0, 30, 3 * 60), 3000, crlf(R"(From: Ivan Petrov <ivan@example.ru>
To: Team: anna@example.ru, boris@example.ru;
Bcc: secret-boss@example.com
Subject: =?KOI8-R?B?79Teo9Qg2sEgy9fB0tTBzA==?=
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary=alt

--alt
Content-Type: text/plain; charset=koi8-r
Content-Transfer-Encoding: base64

8NLJ18XULCDNydIhIOvXwdLUwczYztnKIM/U3qPUIMfP1M/XLg0K
--alt
Content-Type: text/html; charset=KOI8-R
Content-Transfer-Encoding: quoted-printable

<p>=F7=D3=C5=CD =D0=D2=C9=D7=C5=D4</p>
--alt--
)"));

        // 4: obsolete two-digit year (RFC 2822 §4.3), a quoted display name with a comma, an
        // RFC 2047 Cc, a folded Subject, and a forwarded message/rfc822.
        add(20, 0, false, at(2003, 7, 2, 0, 15, 2 * 60), 800, crlf(R"(Date: 21 Nov 97 09:55:06 GMT
From: "Smith, John" <john@example.com>
Sender: secretary@example.com
To: alice@example.com, "Bob" <bob@example.org>
Cc: =?UTF-8?Q?Zo=C3=AB?= <zoe@example.net>
Subject: Re: Lunch
 plans and the report
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: text/plain

See the forwarded message below.
--outer
Content-Type: message/rfc822

From: Dave <dave@example.com>
Subject: Inner subject
Date: Mon, 30 Jun 2003 08:00:00 +0000

The nested treasure is here.
--outer--
)"));

        // 5: ISO-2022-JP subject and body ("こんにちは", "会議は明日です。"), an empty group
        // as To, a Date: with a comment.
        add(25, Flag::Seen | Work, false, at(2010, 1, 1, 12, 0, -5 * 60), 2000, crlf(
            "Date: Thu, 13 Feb 1969 23:32 -0330 (Newfoundland Time)\n"
            "From: taro@example.jp\n"
            "To: undisclosed-recipients:;\n"
            "Subject: =?ISO-2022-JP?B?GyRCJDMkcyRLJEEkTxsoQg==?=\n"
            "X-Mailer: Example Mailer 1.0\n"
            "MIME-Version: 1.0\n"
            "Content-Type: text/plain; charset=ISO-2022-JP\n"
            "Content-Transfer-Encoding: 7bit\n"
            "\n"
            "\x1b$B2q5D$OL@F|$G$9!#\x1b(B\n"));
        return list;
    }();
    return messages;
}

constexpr quint32 Exists = 5;
constexpr quint32 LargestUid = 25;

// The arguments of "SEARCH <text>": '\n' in `text` ends a line whose "{n}" marker is followed
// by the next literal of `literals`, as the framer hands them to the grammar (a literal at the
// end of the command is followed by an empty line). The grammar must accept the command: these
// tests are about what comes after it.
ImapArgs argsOf(const QByteArray &text, const QList<QByteArray> &literals = {})
{
    const QByteArray command = text.isEmpty() ? QByteArray("A1 SEARCH") : QByteArray("A1 SEARCH " + text);
    QList<QByteArray> lines = command.split('\n');
    if (lines.constLast().endsWith('}'))
        lines.append(QByteArray());
    const grammar::Result parsed = grammar::parseCommand(lines, literals.first(qMin(literals.size(), lines.size() - 1)), 5000);
    if (!parsed.ok)
        QTest::qFail(QByteArray("grammar error: " + parsed.error).constData(), __FILE__, __LINE__);
    return parsed.command.args;
}

enum class Supply {
    Everything,  // flags, info, header and message, structure left for the evaluator to parse
    WhatIsNeeded // exactly what query.needs() asks for, with the stored structure
};

SearchEvaluator::Message messageAt(int index, SearchQuery::Needs supply, bool withStructure)
{
    const CorpusMessage &c = corpus().at(index);
    SearchEvaluator::Message m;
    m.sequence = quint32(index + 1);
    m.uid = c.uid;
    m.available = supply;
    if (supply.testFlag(Need::Flags)) {
        m.flags = c.flags;
        m.keywords = &keywordTable();
        m.recent = c.recent;
    }
    if (supply.testFlag(Need::Info)) {
        m.internalDate = c.internalDate;
        m.size = c.size;
    }
    if (supply.testFlag(Need::Header))
        m.header = QByteArrayView(c.data).first(c.structure.root.bodyStart);
    if (supply.testFlag(Need::Message)) {
        m.data = c.data;
        m.structure = withStructure ? &c.structure : nullptr;
    }
    return m;
}

QList<int> search(const SearchQuery &query, Supply supply, bool *sawUnknown = nullptr)
{
    SearchEvaluator evaluator(query, Exists, LargestUid);
    QList<int> hits;
    for (int i = 0; i < corpus().size(); ++i) {
        const SearchEvaluator::Message m = supply == Supply::Everything
            ? messageAt(i, Need::Flags | Need::Info | Need::Header | Need::Message, false)
            : messageAt(i, query.needs(), true);
        const Match r = evaluator.evaluate(m);
        if (r == Match::Unknown && sawUnknown)
            *sawUnknown = true;
        if (r == Match::Yes)
            hits.append(i + 1);
    }
    return hits;
}

// Tokens for TestSearch::randomCriteria().
constexpr const char *RandomWords[] = {
    "ALL", "ANSWERED", "BCC", "BEFORE", "BODY", "CC", "DELETED", "DRAFT", "FLAGGED", "FROM",
    "HEADER", "KEYWORD", "LARGER", "NEW", "NOT", "OLD", "ON", "OR", "RECENT", "SEEN",
    "SENTBEFORE", "SENTON", "SENTSINCE", "SINCE", "SMALLER", "SUBJECT", "TEXT", "TO", "UID",
    "UNANSWERED", "UNDELETED", "UNDRAFT", "UNFLAGGED", "UNKEYWORD", "UNSEEN", "1:*", "*",
    "2,4", "0", "1-Jul-2003", "31-Feb-2003", "2000", "$Work", "x", "lunch", "Subject"};

const QList<int> All{1, 2, 3, 4, 5};
const QList<int> None{};

} // namespace

class TestSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keys_data();
    void keys();
    void errors_data();
    void errors();
    void badCharset();
    void depthLimit();
    void needs_data();
    void needs();
    void stagedEvaluation();
    void keywordTableGrows();
    void emptyMailboxStar();
    void sentDate_data();
    void sentDate();
    void randomCriteria();
};

void TestSearch::keys_data()
{
    QTest::addColumn<QByteArray>("criteria");
    QTest::addColumn<QList<QByteArray>>("literals");
    QTest::addColumn<QList<int>>("expected");
    const auto row = [](const char *name, const QByteArray &criteria, const QList<int> &expected,
                        const QList<QByteArray> &literals = {}) {
        QTest::newRow(name) << criteria << literals << expected;
    };

    // Flags (RFC 3501 §6.4.4); \Recent is the session's; NEW = (RECENT UNSEEN), OLD = NOT RECENT.
    row("ALL", "ALL", All);
    row("ANSWERED", "ANSWERED", {1});
    row("UNANSWERED", "UNANSWERED", {2, 3, 4, 5});
    row("DELETED", "DELETED", {3});
    row("UNDELETED", "UNDELETED", {1, 2, 4, 5});
    row("DRAFT", "DRAFT", {3});
    row("UNDRAFT", "UNDRAFT", {1, 2, 4, 5});
    row("FLAGGED", "FLAGGED", {2});
    row("UNFLAGGED", "UNFLAGGED", {1, 3, 4, 5});
    row("SEEN", "SEEN", {1, 2, 5});
    row("UNSEEN", "UNSEEN", {3, 4});
    row("RECENT", "RECENT", {2, 3});
    row("NEW", "NEW", {3});
    row("OLD", "OLD", {1, 4, 5});
    row("NOT NEW differs from OLD", "NOT NEW", {1, 2, 4, 5});
    row("KEYWORD", "KEYWORD $Work", {2, 5});
    row("KEYWORD case-insensitive", "KEYWORD $wORK", {2, 5});
    row("KEYWORD other bit", "KEYWORD Urgent", {3});
    row("KEYWORD nobody has", "KEYWORD Unused", None);
    row("KEYWORD not in table", "KEYWORD $Junk", None);
    row("UNKEYWORD", "UNKEYWORD $Work", {1, 3, 4});
    row("UNKEYWORD not in table", "UNKEYWORD $Junk", All);
    row("key names case-insensitive", "seen", {1, 2, 5});
    row("mixed-case OR", "Or Answered dElEtEd", {1, 3});

    // Sequence sets: "*" is EXISTS (5); ranges are order-free.
    row("seq one", "1", {1});
    row("seq range", "2:4", {2, 3, 4});
    row("seq reversed range", "4:2", {2, 3, 4});
    row("seq star", "*", {5});
    row("seq to star", "3:*", {3, 4, 5});
    row("seq star first", "*:4", {4, 5});
    row("seq list", "1,3,5", {1, 3, 5});
    row("seq beyond exists", "6", None);
    row("seq range past exists", "4:9", {4, 5});
    row("seq and uid", "2:4 UID 11,20", {2, 4});

    // UID sets: "*" is the largest UID (25).
    row("UID one", "UID 10", {1});
    row("UID range", "UID 11:20", {2, 3, 4});
    row("UID star", "UID *", {5});
    row("UID to star", "UID 20:*", {4, 5});
    row("UID gap", "UID 13:19", None);
    row("UID below", "UID 1:9", None);
    // 26:* is 25:26 (RFC 3501 §9: "*" is the largest UID in use, ranges are order-free).
    row("UID past last to star", "UID 26:*", {5});
    row("uid lower-case", "uid 12,25", {3, 5});

    // Internal date, its day in its own zone.
    row("ON own zone", "ON 1-Jul-2003", {1});
    row("ON two", "ON 2-Jul-2003", {2, 4});
    row("ON quoted", "ON \"1-Jul-2003\"", {1});
    row("ON two-digit day, lower-case month", "ON 01-jul-2003", {1});
    row("BEFORE", "BEFORE 2-Jul-2003", {1});
    row("BEFORE none", "BEFORE 1-Jul-2003", None);
    row("SINCE", "SINCE 2-Jul-2003", {2, 3, 4, 5});
    row("SINCE positive offset", "SINCE 15-Mar-2024", {3});
    row("ON positive offset", "ON 14-Mar-2024", None);

    // Date: header, its day as written; message 3 has none and never matches.
    row("SENTON own zone", "SENTON 2-Jul-2003", {2});
    row("SENTON not UTC", "SENTON 3-Jul-2003", None);
    row("SENTBEFORE", "SENTBEFORE 2-Jul-2003", {1, 4, 5});
    row("SENTSINCE", "SENTSINCE 1-Jul-2003", {1, 2});
    row("SENTSINCE all dated", "SENTSINCE 1-Jan-1900", {1, 2, 4, 5});
    row("NOT SENTSINCE undated", "NOT SENTSINCE 1-Jan-1900", {3});
    row("SENTON two-digit year", "SENTON 21-Nov-1997", {4});
    row("SENTON with comment", "SENTON \"13-Feb-1969\"", {5});

    // RFC822.SIZE, strictly.
    row("LARGER", "LARGER 2000", {2, 3});
    row("SMALLER", "SMALLER 2000", {1, 4});
    row("LARGER 0", "LARGER 0", All);
    row("SMALLER 0", "SMALLER 0", None);
    row("NOT LARGER", "NOT LARGER 2000", {1, 4, 5});
    row("LARGER max", "LARGER 4294967295", None);

    // Address headers: decoded text, display names and addresses; seed bug 1.
    row("FROM address", "FROM alice", {1});
    row("FROM domain", "FROM example.com", {1, 4});
    row("FROM display name with comma", "FROM \"smith, john\"", {4});
    row("FROM RFC 2047 latin1", "FROM \"jörg\"", {2});
    row("FROM RFC 2047 upper-case", "FROM \"MÜLLER\"", {2});
    row("FROM absent string (seed bug 1)", "FROM zzz", None);
    row("FROM empty string", "FROM \"\"", All);
    row("TO", "TO bob", {1, 4});
    row("TO several", "TO alice", {2, 4});
    row("TO group name", "TO team", {3});
    row("TO group member", "TO boris", {3});
    row("TO empty group", "TO undisclosed-recipients", {5});
    row("TO absent string", "TO zzz", None);
    row("CC", "CC carol", {1});
    row("CC RFC 2047", "CC \"zoë\"", {4});
    row("CC RFC 2047 upper-case", "CC \"ZOË\"", {4});
    row("CC empty string", "CC \"\"", {1, 4});
    row("BCC", "BCC boss", {3});
    row("BCC empty string", "BCC \"\"", {3});
    row("BCC absent string", "BCC alice", None);

    // SUBJECT and HEADER: decoded, unfolded values.
    row("SUBJECT", "SUBJECT lunch", {1, 4});
    row("SUBJECT across a fold", "SUBJECT \"lunch plans and\"", {4});
    row("SUBJECT not of an encapsulated message", "SUBJECT inner", None);
    row("SUBJECT RFC 2047 UTF-8", "SUBJECT \"grüße\"", {2});
    row("SUBJECT RFC 2047 non-ASCII case", "SUBJECT \"MÜNCHEN\"", {2});
    row("SUBJECT RFC 2047 KOI8-R", "SUBJECT \"отчёт\"", {3});
    row("SUBJECT RFC 2047 KOI8-R upper-case", "SUBJECT \"ОТЧЁТ ЗА\"", {3});
    row("SUBJECT RFC 2047 ISO-2022-JP", "SUBJECT \"こんにちは\"", {5});
    row("SUBJECT encoded word is not text", "SUBJECT \"=?\"", None);
    row("SUBJECT empty string", "SUBJECT \"\"", All);
    row("SUBJECT literal", "SUBJECT {5}", {1, 4}, {"LUNCH"});
    row("HEADER", "HEADER Message-ID \"<1@example.com>\"", {1});
    row("HEADER name case-insensitive", "HEADER message-id \"\"", {1});
    row("HEADER present but empty", "HEADER X-Empty \"\"", {1});
    row("HEADER present but empty, string", "HEADER X-Empty x", None);
    row("HEADER atom value", "HEADER X-Priority 3", {1});
    row("HEADER only some", "HEADER X-Mailer \"\"", {5});
    row("HEADER absent", "HEADER X-Missing \"\"", None);
    row("HEADER Sender", "HEADER Sender secretary", {4});
    row("HEADER Content-Type", "HEADER Content-Type multipart", {2, 3, 4});
    row("HEADER Date", "HEADER Date 1969", {5});
    row("HEADER From absent string (seed bug 1)", "HEADER FROM zzz", None);
    row("HEADER To empty", "HEADER To \"\"", All);
    row("header lower-case key", "header x-priority 3", {1});

    // BODY: decoded text parts; other media types left out (§6.4.4 allows it).
    row("BODY", "BODY fountain", {1});
    row("BODY case", "BODY FOUNTAIN", {1});
    row("BODY quoted-printable soft break", "BODY \"café am marienplatz\"", {2});
    row("BODY non-ASCII case", "BODY \"CAFÉ\"", {2});
    row("BODY quoted-printable UTF-8", "BODY \"straßenbahn\"", {2});
    row("BODY base64 ISO-8859-1", "BODY \"käse\"", {2});
    row("BODY not in application part", "BODY secretword", None);
    row("BODY not in preamble", "BODY \"multi-part message\"", None);
    row("BODY base64 KOI8-R", "BODY \"мир\"", {3});
    row("BODY quoted-printable KOI8-R HTML", "BODY \"ВСЕМ ПРИВЕТ\"", {3});
    row("BODY encapsulated message", "BODY \"nested treasure\"", {4});
    row("BODY encapsulated header", "BODY \"inner subject\"", {4});
    row("BODY ISO-2022-JP", "BODY \"会議\"", {5});
    row("BODY not the header", "BODY lunch", None);
    row("BODY empty string", "BODY \"\"", All);
    row("BODY absent", "BODY zzz", None);

    // TEXT: header or body.
    row("TEXT header", "TEXT lunch", {1, 4});
    row("TEXT header or body", "TEXT report", {1, 4});
    row("TEXT field name", "TEXT x-mailer", {5});
    row("TEXT decoded header", "TEXT \"grüße\"", {2});
    row("TEXT decoded body", "TEXT \"käse\"", {2});
    row("TEXT address", "TEXT example.jp", {5});
    row("TEXT absent", "TEXT zzz", None);

    // NOT, OR, lists.
    row("NOT", "NOT SEEN", {3, 4});
    row("NOT NOT", "NOT NOT SEEN", {1, 2, 5});
    row("OR", "OR ANSWERED DELETED", {1, 3});
    row("OR lists", "OR (FROM alice) (FROM taro)", {1, 5});
    row("OR left-nested", "OR OR ANSWERED DELETED KEYWORD $Work", {1, 2, 3, 5});
    row("OR right-nested", "OR ANSWERED OR DELETED OR FLAGGED DRAFT", {1, 2, 3});
    row("list is AND", "(SEEN UNFLAGGED)", {1, 5});
    row("NOT list", "NOT (SEEN UNFLAGGED)", {2, 3, 4});
    row("keys side by side are AND", "SEEN NOT OR FLAGGED KEYWORD $Work", {1});
    row("OR of NOT and BODY", "OR NOT SEEN BODY fountain", {1, 3, 4});
    row("nested lists", "((((ALL))))", All);
    row("NOT ALL", "NOT ALL", None);
    row("OR date and size", "OR SENTON 2-Jul-2003 NOT LARGER 1000", {2, 4});
    row("flag and body", "UNSEEN TEXT \"мир\"", {3});
    row("mixed", "OR (UID 10:11 TO alice) (NOT 1:3 SUBJECT lunch)", {2, 4});

    // CHARSET: the strings are decoded with it; the messages' own charsets do not matter.
    row("CHARSET UTF-8", "CHARSET UTF-8 SUBJECT \"münchen\"", {2});
    row("CHARSET utf-8 quoted", "CHARSET \"utf-8\" FROM \"JÖRG\"", {2});
    row("CHARSET US-ASCII", "CHARSET US-ASCII BODY fountain", {1});
    row("CHARSET windows-1252 literal", "CHARSET windows-1252 BODY {4}", {2}, {"caf\xe9"});
    row("CHARSET windows-1252 header", "CHARSET windows-1252 FROM {4}\n UNANSWERED", {2},
        {"J\xf6rg"});
    row("CHARSET KOI8-R body", "CHARSET KOI8-R BODY {3}", {3}, {"\xed\xe9\xf2"});
    row("CHARSET KOI8-R subject upper-case", "CHARSET KOI8-R SUBJECT {5}", {3},
        {"\xef\xf4\xfe\xb3\xf4"});
    row("CHARSET ISO-2022-JP subject", "CHARSET ISO-2022-JP SUBJECT {16}", {5},
        {"\x1b$B$3$s$K$A$O\x1b(B"});
    row("CHARSET ISO-2022-JP body", "CHARSET ISO-2022-JP BODY {10}", {5}, {"\x1b$B2q5D\x1b(B"});
}

void TestSearch::keys()
{
    QFETCH(QByteArray, criteria);
    QFETCH(QList<QByteArray>, literals);
    QFETCH(QList<int>, expected);

    const SearchQuery query = SearchQuery::parse(argsOf(criteria, literals));
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(query.isValid(), query.errorText().constData());

    // Everything at hand (the structure parsed by the evaluator itself)...
    bool unknown = false;
    QCOMPARE(search(query, Supply::Everything, &unknown), expected);
    QVERIFY(!unknown);
    // ...and exactly what needs() asks for: the same answers, never Unknown.
    QCOMPARE(search(query, Supply::WhatIsNeeded, &unknown), expected);
    QVERIFY(!unknown);
}

void TestSearch::errors_data()
{
    QTest::addColumn<QByteArray>("criteria");
    QTest::addColumn<QList<QByteArray>>("literals");
    const auto row = [](const char *name, const QByteArray &criteria,
                        const QList<QByteArray> &literals = {}) {
        QTest::newRow(name) << criteria << literals;
    };
    row("no criteria", "");
    row("charset without criteria", "CHARSET UTF-8");
    row("charset without name", "CHARSET");
    row("charset list", "CHARSET (UTF-8) ALL");
    row("unknown key", "FOO");
    row("string as key", "\"ALL\"");
    row("literal as key", "{3}", {"ALL"});
    row("empty list", "()");
    row("date missing", "SINCE");
    row("date impossible", "SINCE 31-Feb-2003");
    row("date bad month", "SINCE 1-Foo-2003");
    row("date ISO", "SINCE 2003-07-01");
    row("date two-digit year", "SINCE 1-Jul-03");
    row("date three-digit day", "SINCE 001-Jul-2003");
    row("date with time", "SINCE \"1-Jul-2003 10:00:00 +0000\"");
    row("date literal", "SINCE {10}", {"1-Jul-2003"});
    row("date list", "ON (1-Jul-2003)");
    row("number missing", "LARGER");
    row("number not digits", "LARGER abc");
    row("number negative", "SMALLER -1");
    row("number over 32 bits", "LARGER 4294967296");
    row("number quoted", "LARGER \"100\"");
    row("sequence zero", "0");
    row("sequence zero in range", "1:0");
    row("sequence junk", "1:x");
    row("UID missing", "UID");
    row("UID zero", "UID 0");
    row("UID junk", "UID abc");
    row("UID quoted", "UID \"1:5\"");
    row("NOT missing", "NOT");
    row("OR one operand", "OR SEEN");
    row("OR in list one operand", "(OR SEEN) ALL");
    row("string missing", "SUBJECT");
    row("string is a list", "SUBJECT (lunch)");
    row("atom with wildcard", "SUBJECT lunch*");
    row("header without string", "HEADER Subject");
    row("header empty name", "HEADER \"\" x");
    row("keyword missing", "KEYWORD");
    row("keyword system flag", "KEYWORD \\Seen");
    row("keyword string", "KEYWORD \"$Work\"");
    row("syntax error wins over charset", "CHARSET X-NO-SUCH-CHARSET FOO");
}

void TestSearch::errors()
{
    QFETCH(QByteArray, criteria);
    QFETCH(QList<QByteArray>, literals);

    const SearchQuery query = SearchQuery::parse(argsOf(criteria, literals));
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!query.isValid());
    QCOMPARE(query.error(), SearchQuery::Error::Syntax);
    // A readable text for "tag BAD <text>": printable ASCII, one line.
    const QByteArray text = query.errorText();
    QVERIFY(!text.isEmpty());
    for (char c : text)
        QVERIFY2(c >= 0x20 && c < 0x7f, text.constData());
}

void TestSearch::badCharset()
{
    // RFC 3501 §6.4.4: an unsupported charset is a NO (not a BAD), with BADCHARSET (§7.1).
    for (const QByteArray &criteria : {QByteArray("CHARSET X-NO-SUCH-CHARSET ALL"),
                                       QByteArray("CHARSET \"x-klingon\" SUBJECT {3}")}) {
        const SearchQuery query = SearchQuery::parse(argsOf(criteria, {"abc"}));
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(query.error(), SearchQuery::Error::BadCharset);
        QVERIFY(!query.errorText().isEmpty());
    }
    QCOMPARE(SearchQuery::badCharsetCode(), QByteArray("BADCHARSET (UTF-8 US-ASCII)"));

    const SearchQuery ok = SearchQuery::parse(argsOf("CHARSET KOI8-R ALL"));
    QVERIFY(ok.isValid());
    QCOMPARE(ok.charset(), QByteArray("KOI8-R"));
    QCOMPARE(SearchQuery::parse(argsOf("ALL")).charset(), QByteArray());
}

void TestSearch::depthLimit()
{
    const auto atom = [](const char *text) {
        ImapArg arg;
        arg.value = text;
        return arg;
    };
    // MaxDepth NOTs in a row are fine (an even count: SEEN itself).
    ImapArgs args;
    for (int i = 0; i < SearchQuery::MaxDepth; ++i)
        args.append(atom("NOT"));
    args.append(atom("SEEN"));
    const SearchQuery deep = SearchQuery::parse(args);
    QVERIFY2(deep.isValid(), deep.errorText().constData());
    QCOMPARE(search(deep, Supply::Everything), (QList<int>{1, 2, 5}));

    args.prepend(atom("NOT"));
    QCOMPARE(SearchQuery::parse(args).error(), SearchQuery::Error::Syntax);

    // Lists count too.
    ImapArg list = atom("ALL");
    for (int i = 0; i < SearchQuery::MaxDepth + 1; ++i) {
        ImapArg outer;
        outer.type = ImapArg::Type::List;
        outer.children.append(list);
        list = outer;
    }
    QCOMPARE(SearchQuery::parse(ImapArgs{list}).error(), SearchQuery::Error::Syntax);
    QVERIFY(SearchQuery::parse(ImapArgs{list.children.first()}).isValid());

    // A long right-nested OR chain, as clients build "any of these": 500 alternatives.
    ImapArgs chain;
    for (int i = 0; i < 498; ++i)
        chain << atom("OR") << atom("UID") << atom("99");
    chain << atom("OR") << atom("UID") << atom("11") << atom("UID") << atom("25");
    const SearchQuery ors = SearchQuery::parse(chain);
    QVERIFY2(ors.isValid(), ors.errorText().constData());
    QCOMPARE(search(ors, Supply::Everything), (QList<int>{2, 5}));
}

void TestSearch::needs_data()
{
    QTest::addColumn<QByteArray>("criteria");
    QTest::addColumn<int>("needs");
    QTest::addColumn<bool>("sequenceNumbers");
    const auto row = [](const char *criteria, SearchQuery::Needs needs, bool sequenceNumbers) {
        QTest::newRow(criteria) << QByteArray(criteria) << int(needs.toInt()) << sequenceNumbers;
    };
    row("ALL", {}, false);
    row("1:3", {}, true);
    row("UID 5:*", {}, false);
    row("NOT 2", {}, true);
    row("SEEN", Need::Flags, false);
    row("KEYWORD $Work", Need::Flags, false);
    row("NEW", Need::Flags, false);
    row("OLD", Need::Flags, false);
    row("LARGER 5", Need::Info, false);
    row("SINCE 1-Jul-2003", Need::Info, false);
    row("FROM x", Need::Header, false);
    row("HEADER X-Foo y", Need::Header, false);
    row("SENTON 1-Jul-2003", Need::Header, false);
    row("BODY x", Need::Message, false);
    row("TEXT x", Need::Message, false);
    row("SEEN OR LARGER 5 NOT BODY x", Need::Flags | Need::Info | Need::Message, false);
    row("UID 1:* 3 SUBJECT x", Need::Header, true);
}

void TestSearch::needs()
{
    QFETCH(QByteArray, criteria);
    QFETCH(int, needs);
    QFETCH(bool, sequenceNumbers);
    const SearchQuery query = SearchQuery::parse(argsOf(criteria));
    QVERIFY(query.isValid());
    QCOMPARE(int(query.needs().toInt()), needs);
    QCOMPARE(query.usesSequenceNumbers(), sequenceNumbers);
    QCOMPARE(SearchEvaluator(query, Exists, LargestUid).needs(), query.needs());
}

void TestSearch::stagedEvaluation()
{
    // The command may evaluate with flags first and fetch bodies only for undecided messages.
    const SearchQuery query = SearchQuery::parse(argsOf("UNSEEN BODY \"мир\""));
    QVERIFY(query.isValid());
    SearchEvaluator evaluator(query, Exists, LargestUid);
    const SearchQuery::Needs cheap = Need::Flags | Need::Info;
    QCOMPARE(evaluator.evaluate(messageAt(0, cheap, true)), Match::No);      // \Seen
    QCOMPARE(evaluator.evaluate(messageAt(2, cheap, true)), Match::Unknown); // unseen: read it
    QCOMPARE(evaluator.evaluate(messageAt(3, cheap, true)), Match::Unknown);
    const SearchQuery::Needs full = cheap | Need::Message;
    QCOMPARE(evaluator.evaluate(messageAt(2, full, true)), Match::Yes);
    QCOMPARE(evaluator.evaluate(messageAt(3, full, true)), Match::No);

    // OR: a flag can decide Yes before the body is read.
    const SearchQuery either = SearchQuery::parse(argsOf("OR BODY zzz ANSWERED"));
    SearchEvaluator orEvaluator(either, Exists, LargestUid);
    QCOMPARE(orEvaluator.evaluate(messageAt(0, cheap, true)), Match::Yes);
    QCOMPARE(orEvaluator.evaluate(messageAt(1, cheap, true)), Match::Unknown);

    // TEXT: the header alone can decide Yes, only the body can decide No.
    const SearchQuery text = SearchQuery::parse(argsOf("TEXT lunch"));
    SearchEvaluator textEvaluator(text, Exists, LargestUid);
    const SearchQuery::Needs header = cheap | Need::Header;
    QCOMPARE(textEvaluator.evaluate(messageAt(0, header, true)), Match::Yes);
    QCOMPARE(textEvaluator.evaluate(messageAt(2, header, true)), Match::Unknown);
    QCOMPARE(textEvaluator.evaluate(messageAt(2, header | Need::Message, true)), Match::No);

    // Header keys without the header are undecided; with NOT, too.
    const SearchQuery from = SearchQuery::parse(argsOf("NOT FROM alice"));
    SearchEvaluator fromEvaluator(from, Exists, LargestUid);
    QCOMPARE(fromEvaluator.evaluate(messageAt(0, cheap, true)), Match::Unknown);
    QCOMPARE(fromEvaluator.evaluate(messageAt(0, header, true)), Match::No);
    QCOMPARE(fromEvaluator.evaluate(messageAt(1, header, true)), Match::Yes);

    // Flag, date and size keys decide without any header or body bytes.
    const SearchQuery flagsOnly = SearchQuery::parse(argsOf("OR SEEN SINCE 1-Jan-2020 NOT LARGER 4000 UID 1:*"));
    SearchEvaluator flagsEvaluator(flagsOnly, Exists, LargestUid);
    QList<int> hits;
    for (int i = 0; i < corpus().size(); ++i) {
        const Match r = flagsEvaluator.evaluate(messageAt(i, cheap, true));
        QVERIFY(r != Match::Unknown);
        if (r == Match::Yes)
            hits.append(i + 1);
    }
    QCOMPARE(hits, (QList<int>{1, 3, 5})); // (seen 1 2 5, or since 2020: 3) and not > 4000 (2)
}

void TestSearch::keywordTableGrows()
{
    // A keyword that a STORE adds during a long SEARCH gets the next bit: the evaluator
    // resolves the name again when the table changes.
    const SearchQuery query = SearchQuery::parse(argsOf("KEYWORD Later"));
    SearchEvaluator evaluator(query, Exists, LargestUid);
    QList<QByteArray> table = keywordTable();
    SearchEvaluator::Message m;
    m.sequence = 1;
    m.uid = 10;
    m.keywords = &table;
    m.flags = Flag::keywordBit(3);
    QCOMPARE(evaluator.evaluate(m), Match::No);
    table.append("later");
    QCOMPARE(evaluator.evaluate(m), Match::Yes);
    m.keywords = nullptr;
    QCOMPARE(evaluator.evaluate(m), Match::No);
}

void TestSearch::emptyMailboxStar()
{
    // "*" in an empty mailbox is no number at all.
    const SearchQuery query = SearchQuery::parse(argsOf("OR * UID *"));
    SearchEvaluator evaluator(query, 0, 0);
    SearchEvaluator::Message m;
    m.sequence = 1;
    m.uid = 1;
    QCOMPARE(evaluator.evaluate(m), Match::No);
}

void TestSearch::sentDate_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QDate>("expected");
    const auto row = [](const char *value, QDate expected) {
        QTest::newRow(value) << QByteArray(value) << expected;
    };
    // RFC 2822 §3.3 and the obsolete forms of §4.3.
    row("Tue, 1 Jul 2003 10:52:37 +0200", QDate(2003, 7, 1));
    row("Wed, 02 Jul 2003 23:59:59 -1200", QDate(2003, 7, 2));
    row("1 Jul 2003 10:52:37 +0200", QDate(2003, 7, 1));
    row("Tue,1 Jul 2003", QDate(2003, 7, 1));
    row("21 Nov 97 09:55:06 GMT", QDate(1997, 11, 21));
    row("21 Nov 49 09:55:06 GMT", QDate(2049, 11, 21));
    row("21 Nov 50 09:55:06 GMT", QDate(1950, 11, 21));
    row("21 Nov 103 09:55:06 GMT", QDate(2003, 11, 21));
    row("Thu, 13 Feb 1969 23:32 -0330 (Newfoundland Time)", QDate(1969, 2, 13));
    row("(Friday) 21 (the) Nov (month) 1997 09:55:06 -0600", QDate(1997, 11, 21));
    row("Fri, 21 nov 1997 09:55:06 -0600", QDate(1997, 11, 21));
    QTest::newRow("folded") << QByteArray("  Fri,\r\n 21 Nov 1997 09:55:06 -0600") << QDate(1997, 11, 21);
    // Common non-standard forms.
    row("Tue Jul  1 10:52:37 2003", QDate(2003, 7, 1));
    row("1 July 2003 10:52", QDate(2003, 7, 1));
    row("1-Jul-2003 10:52:37 +0200", QDate(2003, 7, 1));
    row("2003-07-01T10:52:37Z", QDate(2003, 7, 1));
    row("2003-07-01 10:52:37", QDate(2003, 7, 1));
    // Nothing to read.
    row("", QDate());
    row("garbage", QDate());
    row("Tue, 31 Feb 2003 10:00:00 +0000", QDate());
    row("Tue, 1 Foo 2003", QDate());
    row("Tue, 1 Jul", QDate());
}

void TestSearch::sentDate()
{
    QFETCH(QByteArray, value);
    QFETCH(QDate, expected);
    QCOMPARE(SearchEvaluator::sentDate(value), expected);
}

void TestSearch::randomCriteria()
{
    // Random token soup: parsing never crashes, every outcome is valid or a syntax error, and
    // a valid query is always decided when every piece of data is at hand.
    QRandomGenerator random(3501);
    const auto token = [&](auto &self, int depth) -> ImapArg {
        ImapArg arg;
        const int pick = random.bounded(20);
        if (pick == 0 && depth < 4) {
            arg.type = ImapArg::Type::List;
            const int n = random.bounded(4);
            for (int i = 0; i < n; ++i)
                arg.children.append(self(self, depth + 1));
        } else if (pick == 1) {
            arg.type = ImapArg::Type::Quoted;
            arg.value = RandomWords[random.bounded(int(std::size(RandomWords)))];
        } else {
            arg.value = RandomWords[random.bounded(int(std::size(RandomWords)))];
        }
        return arg;
    };
    int valid = 0;
    for (int round = 0; round < 3000; ++round) {
        ImapArgs args;
        const int n = 1 + random.bounded(8);
        for (int i = 0; i < n; ++i)
            args.append(token(token, 0));
        const SearchQuery query = SearchQuery::parse(args);
        if (!query.isValid()) {
            QCOMPARE(query.error(), SearchQuery::Error::Syntax);
            continue;
        }
        ++valid;
        bool unknown = false;
        search(query, Supply::WhatIsNeeded, &unknown);
        QVERIFY(!unknown);
    }
    QVERIFY(valid > 100);
}

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
