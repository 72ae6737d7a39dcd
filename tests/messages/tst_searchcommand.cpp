#include "MessageHarness.h"

using namespace qimapd;
using namespace qimapd::test;

namespace {

QByteArray number(qint64 n)
{
    return QByteArray::number(n);
}

// Four messages, appended after a throwaway one that UID EXPUNGE removes: message n has UID
// n + 1, so sequence numbers and UIDs differ.
struct Fixture
{
    QByteArray flags;
    QByteArray date;
    QByteArray message;
};

const QList<Fixture> &fixtures()
{
    static const QList<Fixture> all = {
        {"(\\Seen)", "\"01-Feb-2020 10:00:00 +0000\"",
         "From: Alice Example <alice@example.org>\r\n"
         "To: bob@example.org\r\n"
         "Subject: Lunch on Friday\r\n"
         "Date: Fri, 31 Jan 2020 09:00:00 +0000\r\n"
         "\r\n"
         "Let us meet at noon.\r\n"},
        {"(\\Deleted $Label1)", "\"15-Mar-2021 12:00:00 +0000\"",
         "From: bob@example.net\r\n"
         "To: alice@example.org\r\n"
         "Cc: Carol <carol@example.com>\r\n"
         "Subject: Re: lunch\r\n"
         "X-Mailer: qimapd-test 1.0\r\n"
         "\r\n"
         "Bring the quarterly report.\r\n"},
        {"()", "\"20-Jun-2022 08:00:00 +0200\"",
         "From: =?UTF-8?Q?Zo=C3=AB?= <zoe@example.com>\r\n"
         "To: team@example.org\r\n"
         "Subject: =?UTF-8?Q?Caf=C3=A9_cr=C3=A8me?=\r\n"
         "\r\n"
         + QByteArray(2000, 'x') + "\r\n" + QByteArray(2000, 'y') + "\r\n"},
        {"(\\Flagged)", "\"01-Jan-2019 00:00:00 +0000\"",
         "Subject: nobody home\r\n"
         "\r\n"
         "nothing to see\r\n"},
    };
    return all;
}

} // namespace

// SEARCH and UID SEARCH at the protocol level (RFC 3501 §6.4.4, §6.4.8, §7.2.5): the response
// syntax, the keys over real appended messages, CHARSET and BADCHARSET, and a large mailbox.
// The key semantics in depth are tests/search's; this checks what goes over the wire.
class TstSearchCommand : public MessageHarness
{
    Q_OBJECT

    ImapTestClient *prepared()
    {
        ImapTestClient *client = alice(0);
        if (!client || !appended(*client, "INBOX", note(0)))
            return nullptr;
        for (const Fixture &fixture : fixtures()) {
            if (!appended(*client, "INBOX", fixture.message, fixture.flags + ' ' + fixture.date))
                return nullptr;
        }
        if (!selected(*client, "INBOX") || !succeeds(*client, "UID STORE 1 +FLAGS.SILENT (\\Deleted)")
            || !succeeds(*client, "UID EXPUNGE 1"))
            return nullptr;
        return client;
    }

private Q_SLOTS:
    // mailbox-data = "SEARCH" *(SP nz-number): sequence numbers for SEARCH, UIDs for UID
    // SEARCH, ascending; nothing found is "* SEARCH" with no trailing space.
    void keys_data()
    {
        QTest::addColumn<QByteArray>("criteria");
        QTest::addColumn<QList<int>>("found"); // sequence numbers; the UID is one more
        QTest::newRow("ALL") << QByteArray("ALL") << QList<int>{1, 2, 3, 4};
        QTest::newRow("SEEN") << QByteArray("SEEN") << QList<int>{1};
        QTest::newRow("UNSEEN") << QByteArray("UNSEEN") << QList<int>{2, 3, 4};
        QTest::newRow("DELETED") << QByteArray("DELETED") << QList<int>{2};
        QTest::newRow("UNDELETED") << QByteArray("UNDELETED") << QList<int>{1, 3, 4};
        QTest::newRow("FLAGGED") << QByteArray("FLAGGED") << QList<int>{4};
        QTest::newRow("RECENT") << QByteArray("RECENT") << QList<int>{1, 2, 3, 4};
        QTest::newRow("NEW") << QByteArray("NEW") << QList<int>{2, 3, 4};
        QTest::newRow("OLD") << QByteArray("OLD") << QList<int>{};
        QTest::newRow("KEYWORD") << QByteArray("KEYWORD $Label1") << QList<int>{2};
        QTest::newRow("UNKEYWORD") << QByteArray("UNKEYWORD $Label1") << QList<int>{1, 3, 4};
        QTest::newRow("KEYWORD unknown") << QByteArray("KEYWORD $Nothing") << QList<int>{};
        QTest::newRow("LARGER") << QByteArray("LARGER 1000") << QList<int>{3};
        QTest::newRow("SMALLER") << QByteArray("SMALLER 1000") << QList<int>{1, 2, 4};
        // Internal dates, "disregarding time and timezone".
        QTest::newRow("SINCE") << QByteArray("SINCE 1-Mar-2021") << QList<int>{2, 3};
        QTest::newRow("SINCE is inclusive") << QByteArray("SINCE 15-Mar-2021") << QList<int>{2, 3};
        QTest::newRow("BEFORE") << QByteArray("BEFORE 15-Mar-2021") << QList<int>{1, 4};
        QTest::newRow("ON") << QByteArray("ON 20-Jun-2022") << QList<int>{3};
        QTest::newRow("SENTON") << QByteArray("SENTON 31-Jan-2020") << QList<int>{1};
        // Header keys: a substring of the field, case-insensitively; a message without the
        // field never matches, one with it only when the string is there (seed bug 1).
        QTest::newRow("FROM") << QByteArray("FROM alice") << QList<int>{1};
        QTest::newRow("FROM domain") << QByteArray("FROM \"EXAMPLE.NET\"") << QList<int>{2};
        QTest::newRow("FROM nobody") << QByteArray("FROM nobody") << QList<int>{};
        QTest::newRow("FROM address") << QByteArray("FROM zoe@") << QList<int>{3};
        QTest::newRow("TO") << QByteArray("TO alice") << QList<int>{2};
        QTest::newRow("CC") << QByteArray("CC carol") << QList<int>{2};
        QTest::newRow("CC nobody") << QByteArray("CC nobody") << QList<int>{};
        QTest::newRow("BCC") << QByteArray("BCC alice") << QList<int>{};
        QTest::newRow("SUBJECT") << QByteArray("SUBJECT lunch") << QList<int>{1, 2};
        QTest::newRow("SUBJECT phrase") << QByteArray("SUBJECT \"on friday\"") << QList<int>{1};
        QTest::newRow("HEADER") << QByteArray("HEADER X-Mailer qimapd") << QList<int>{2};
        QTest::newRow("HEADER other text") << QByteArray("HEADER X-Mailer mutt") << QList<int>{};
        QTest::newRow("HEADER empty string") << QByteArray("HEADER X-Mailer \"\"") << QList<int>{2};
        QTest::newRow("HEADER name case") << QByteArray("HEADER subject NOBODY") << QList<int>{4};
        QTest::newRow("BODY") << QByteArray("BODY noon") << QList<int>{1};
        QTest::newRow("BODY not header") << QByteArray("BODY alice") << QList<int>{};
        QTest::newRow("TEXT body") << QByteArray("TEXT quarterly") << QList<int>{2};
        QTest::newRow("TEXT header") << QByteArray("TEXT carol") << QList<int>{2};
        QTest::newRow("TEXT either") << QByteArray("TEXT lunch") << QList<int>{1, 2};
        // Combinations.
        QTest::newRow("AND") << QByteArray("UNSEEN UNDELETED") << QList<int>{3, 4};
        QTest::newRow("OR") << QByteArray("OR SEEN FLAGGED") << QList<int>{1, 4};
        QTest::newRow("NOT") << QByteArray("NOT SUBJECT lunch") << QList<int>{3, 4};
        QTest::newRow("list") << QByteArray("(OR DELETED FLAGGED) SMALLER 1000") << QList<int>{2, 4};
        // A sequence set and UID key.
        QTest::newRow("sequence set") << QByteArray("2:3") << QList<int>{2, 3};
        QTest::newRow("sequence *") << QByteArray("*") << QList<int>{4};
        QTest::newRow("sequence set AND") << QByteArray("2:* UNSEEN NOT 3") << QList<int>{2, 4};
        QTest::newRow("UID") << QByteArray("UID 2,4") << QList<int>{1, 3};
        QTest::newRow("UID *") << QByteArray("UID *") << QList<int>{4};
        QTest::newRow("UID 1000:*") << QByteArray("UID 1000:*") << QList<int>{4};
        QTest::newRow("UID expunged") << QByteArray("UID 1") << QList<int>{};
        QTest::newRow("lower case") << QByteArray("or seen flagged") << QList<int>{1, 4};
    }
    void keys()
    {
        QFETCH(QByteArray, criteria);
        QFETCH(QList<int>, found);
        ImapTestClient *client = prepared();
        QVERIFY(client);
        QByteArray numbers;
        QByteArray uids;
        for (int n : std::as_const(found)) {
            numbers += ' ' + number(n);
            uids += ' ' + number(n + 1);
        }
        QCOMPARE(client->command("a", "SEARCH " + criteria), (QByteArrayList{"* SEARCH" + numbers, "a OK SEARCH completed"}));
        QCOMPARE(client->command("b", "UID SEARCH " + criteria), (QByteArrayList{"* SEARCH" + uids, "b OK UID SEARCH completed"}));
        // Searching sets no flag.
        QCOMPARE(client->command("c", "SEARCH SEEN"), (QByteArrayList{"* SEARCH 1", "c OK SEARCH completed"}));
    }

    // RFC 3501 §6.4.4: CHARSET names the charset of the search strings, which may come as
    // literals; an unknown one is NO [BADCHARSET] (§7.1) with the supported ones.
    void charset()
    {
        ImapTestClient *client = prepared();
        QVERIFY(client);
        const QByteArray cafe = "Caf\xc3\xa9";
        // LITERAL+ (RFC 7888).
        client->send("a SEARCH CHARSET UTF-8 SUBJECT {" + number(cafe.size()) + "+}\r\n" + cafe + "\r\n");
        QCOMPARE(client->readUntilTagged("a"), (QByteArrayList{"* SEARCH 3", "a OK SEARCH completed"}));
        // A synchronizing literal: the server asks for it with "+". "Zoë" is only in the
        // RFC 2047 encoded display name, so this finds it only decoded.
        const QByteArray zoe = "Zo\xc3\xab";
        client->send("b UID SEARCH CHARSET utf-8 FROM {" + number(zoe.size()) + "}\r\n");
        const QByteArray continuation = client->readResponse();
        QVERIFY2(continuation.startsWith("+ "), continuation.constData());
        client->send(zoe + " UNDELETED\r\n");
        QCOMPARE(client->readUntilTagged("b"), (QByteArrayList{"* SEARCH 4", "b OK UID SEARCH completed"}));
        // A literal in the middle, decoded as UTF-8: "crème".
        const QByteArray creme = "cr\xc3\xa8me";
        client->send("c SEARCH CHARSET UTF-8 TEXT {" + number(creme.size()) + "+}\r\n" + creme + " UNSEEN\r\n");
        QCOMPARE(client->readUntilTagged("c"), (QByteArrayList{"* SEARCH 3", "c OK SEARCH completed"}));
        client->send("d SEARCH CHARSET US-ASCII SUBJECT {5+}\r\nlunch\r\n");
        QCOMPARE(client->readUntilTagged("d"), (QByteArrayList{"* SEARCH 1 2", "d OK SEARCH completed"}));
        // Unknown charset.
        const QByteArrayList bad = client->command("e", "SEARCH CHARSET X-NO-SUCH-CHARSET SUBJECT lunch");
        QCOMPARE(bad.size(), 1);
        QVERIFY2(bad.first().startsWith("e NO [BADCHARSET"), bad.first().constData());
        QVERIFY2(bad.first().contains("UTF-8"), bad.first().constData());
    }

    // RFC 3501 §9 search: malformed criteria are BAD, with no untagged SEARCH.
    void badCriteria_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::newRow("no key") << QByteArray("SEARCH");
        QTest::newRow("unknown key") << QByteArray("SEARCH FOO");
        QTest::newRow("missing argument") << QByteArray("SEARCH SUBJECT");
        QTest::newRow("bad date") << QByteArray("SEARCH SINCE 2021-03-01");
        QTest::newRow("bad number") << QByteArray("SEARCH LARGER many");
        QTest::newRow("OR with one key") << QByteArray("SEARCH OR SEEN");
        QTest::newRow("empty list") << QByteArray("SEARCH ()");
        QTest::newRow("sequence 0") << QByteArray("SEARCH 0");
        QTest::newRow("sequence beyond EXISTS") << QByteArray("SEARCH 9");
        QTest::newRow("CHARSET without name") << QByteArray("SEARCH CHARSET");
        QTest::newRow("UID SEARCH no key") << QByteArray("UID SEARCH");
    }
    void badCriteria()
    {
        QFETCH(QByteArray, command);
        ImapTestClient *client = prepared();
        QVERIFY(client);
        const QByteArrayList reply = client->command("a", command);
        QCOMPARE(reply.size(), 1);
        QVERIFY2(reply.first().startsWith("a BAD "), reply.first().constData());
    }

    // An empty mailbox: "* SEARCH", nothing after it.
    void emptyMailbox()
    {
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(selected(*client, "INBOX"));
        QCOMPARE(client->command("a", "SEARCH ALL"), (QByteArrayList{"* SEARCH", "a OK SEARCH completed"}));
        QCOMPARE(client->command("b", "UID SEARCH UID 1:*"), (QByteArrayList{"* SEARCH", "b OK UID SEARCH completed"}));
        // RFC 3501 §9 seq-number: "*" in an empty mailbox is a BAD sequence number.
        const QByteArrayList star = client->command("c", "SEARCH *");
        QCOMPARE(star.size(), 1);
        QVERIFY2(star.first().startsWith("c BAD "), star.first().constData());
    }

    // A few thousand messages, appended in one LITERAL+ pipeline: the whole answer arrives,
    // each number once, in order.
    void manyMessages()
    {
        constexpr int Count = 3000;
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QByteArray pipeline;
        for (int n = 1; n <= Count; ++n) {
            const QByteArray body = note(n);
            pipeline += "p" + number(n) + " APPEND INBOX" + (n % 7 == 0 ? " ($Seven)" : "") + " {" + number(body.size())
                + "+}\r\n" + body + "\r\n";
        }
        client->send(pipeline);
        for (int n = 1; n <= Count; ++n) {
            const QByteArray tag = "p" + number(n);
            const QByteArrayList reply = client->readUntilTagged(tag, 30000);
            QVERIFY2(reply.size() == 1 && reply.first().startsWith(QByteArray(tag + " OK [APPENDUID ")),
                     reply.join(" | ").constData());
        }
        QVERIFY(selected(*client, "INBOX"));

        auto expected = [](auto matches) -> QByteArray {
            QByteArray line = "* SEARCH";
            for (int n = 1; n <= Count; ++n) {
                if (matches(n))
                    line += ' ' + number(n);
            }
            return line;
        };
        QCOMPARE(client->command("a", "SEARCH ALL", 30000),
                 (QByteArrayList{expected([](int) { return true; }), "a OK SEARCH completed"}));
        QCOMPARE(client->command("b", "SEARCH KEYWORD $Seven", 30000),
                 (QByteArrayList{expected([](int n) { return n % 7 == 0; }), "b OK SEARCH completed"}));
        // "note 12", "note 120".."note 129", "note 1200".."note 1299".
        QCOMPARE(client->command("c", "SEARCH SUBJECT \"note 12\"", 30000),
                 (QByteArrayList{expected([](int n) { return QByteArray::number(n).startsWith("12"); }),
                                 "c OK SEARCH completed"}));
        QCOMPARE(client->command("d", "UID SEARCH BODY \"Body 2999\"", 30000),
                 (QByteArrayList{"* SEARCH 2999", "d OK UID SEARCH completed"}));
        QCOMPARE(client->command("e", "SEARCH NOT 2:*", 30000), (QByteArrayList{"* SEARCH 1", "e OK SEARCH completed"}));
    }
};

QTEST_GUILESS_MAIN(TstSearchCommand)
#include "tst_searchcommand.moc"
