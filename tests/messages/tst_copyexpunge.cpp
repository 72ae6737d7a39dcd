#include "MessageHarness.h"

using namespace qimapd;
using namespace qimapd::test;

namespace {
QByteArray number(qint64 n)
{
    return QByteArray::number(n);
}
} // namespace

// COPY and UID COPY with COPYUID (RFC 3501 §6.4.7, RFC 4315 §3), EXPUNGE, UID EXPUNGE and CLOSE
// (RFC 3501 §6.4.2, §6.4.3, §7.4.1, RFC 4315 §2.1), with several sessions on one mailbox,
// over real sockets, once per store.
class TstCopyExpunge : public MessageHarness
{
    Q_OBJECT

    // The UIDs of 1:* in the client's numbering, by FETCH; empty on failure.
    QList<int> uidsOf(ImapTestClient &client)
    {
        const QByteArrayList reply = run(client, "FETCH 1:* UID");
        QList<int> uids;
        for (qsizetype i = 0; i + 1 < reply.size(); ++i) {
            const QByteArray expectedStart = "* " + number(i + 1) + " FETCH (UID ";
            if (!reply.at(i).startsWith(expectedStart) || !reply.at(i).endsWith(')'))
                return {};
            uids.append(reply.at(i).mid(expectedStart.size(), reply.at(i).size() - expectedStart.size() - 1).toInt());
        }
        return uids;
    }

private Q_SLOTS:
    // RFC 4315 §3: COPYUID carries the destination's UIDVALIDITY, the source UIDs in the order
    // they were copied and the new UIDs in the same order, as UID sets (ranges allowed, "*"
    // not).
    void copyUid_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArray>("code"); // after "COPYUID <uidvalidity> "
        QTest::addColumn<QList<int>>("copied"); // source UIDs, as the destination holds them
        // Source UIDs 1, 2, 4, 5, 6, 7 (3 was expunged), numbered 1..6.
        QTest::newRow("one") << QByteArray("COPY 2 dest") << QByteArray("2 1") << QList<int>{2};
        QTest::newRow("range") << QByteArray("COPY 2:4 dest") << QByteArray("2,4:5 1:3") << QList<int>{2, 4, 5};
        QTest::newRow("scattered") << QByteArray("COPY 1,3,6 dest") << QByteArray("1,4,7 1:3") << QList<int>{1, 4, 7};
        QTest::newRow("reversed, *") << QByteArray("COPY *:5 dest") << QByteArray("6:7 1:2") << QList<int>{6, 7};
        QTest::newRow("all") << QByteArray("COPY 1:* dest") << QByteArray("1:2,4:7 1:6") << QList<int>{1, 2, 4, 5, 6, 7};
        QTest::newRow("UID COPY") << QByteArray("UID COPY 1:4 dest") << QByteArray("1:2,4 1:3") << QList<int>{1, 2, 4};
        QTest::newRow("UID COPY with missing UIDs") << QByteArray("UID COPY 3,5,90 dest") << QByteArray("5 1")
                                                    << QList<int>{5};
        QTest::newRow("UID COPY 1000:*") << QByteArray("UID COPY 1000:* dest") << QByteArray("7 1") << QList<int>{7};
        QTest::newRow("lower case") << QByteArray("uid copy 6:7 dest") << QByteArray("6:7 1:2") << QList<int>{6, 7};
    }
    void copyUid()
    {
        QFETCH(QByteArray, command);
        QFETCH(QByteArray, code);
        QFETCH(QList<int>, copied);
        ImapTestClient *client = inboxWith(7);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "UID STORE 3 +FLAGS.SILENT (\\Deleted)"));
        QVERIFY(succeeds(*client, "EXPUNGE"));
        QVERIFY(succeeds(*client, "CREATE dest"));
        const quint32 validity = uidValidity(*client, "dest");
        QVERIFY(validity > 0);
        const QByteArray done = command.toUpper().startsWith("UID") ? "UID COPY completed" : "COPY completed";
        QCOMPARE(client->command("a", command), QByteArrayList{"a OK [COPYUID " + number(validity) + ' ' + code + "] " + done});
        // The copies are there, in the order named, each with the body of its source.
        ImapTestClient *reader = alice(1);
        QVERIFY(reader);
        QVERIFY(selected(*reader, "dest", "EXAMINE"));
        QByteArrayList expected;
        for (qsizetype i = 0; i < copied.size(); ++i) {
            const QByteArray body = "Body " + number(copied.at(i)) + "\r\n";
            expected.append("* " + number(i + 1) + " FETCH (UID " + number(i + 1) + " BODY[TEXT] {" + number(body.size())
                            + "}\r\n" + body + ')');
        }
        expected.append("b OK FETCH completed");
        QCOMPARE(reader->command("b", "FETCH 1:* (UID BODY.PEEK[TEXT])"), expected);
        // The next copy continues the destination's UIDs.
        QCOMPARE(client->command("c", "UID COPY 1 dest"),
                 QByteArrayList{"c OK [COPYUID " + number(validity) + " 1 " + number(copied.size() + 1) + "] UID COPY completed"});
    }

    // RFC 4315 §3 (seed bug 17): a UID COPY that copies nothing has no COPYUID, since its UID
    // sets cannot be empty; RFC 3501 §6.4.8: UIDs that do not exist are ignored, so it is OK.
    void uidCopyOfNothing()
    {
        ImapTestClient *client = inboxWith(2);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "CREATE dest"));
        QCOMPARE(client->command("a", "UID COPY 5:9 dest"), QByteArrayList{"a OK UID COPY completed"});
        QCOMPARE(run(*client, "STATUS dest (MESSAGES)").first(), "* STATUS dest (MESSAGES 0)");
    }

    // RFC 3501 §6.4.7: "If the destination mailbox does not exist, a server SHOULD return an
    // error. It SHOULD NOT automatically create the mailbox" — NO with TRYCREATE.
    void copyToMissingMailbox_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::newRow("COPY") << QByteArray("COPY 1 nosuch");
        QTest::newRow("UID COPY") << QByteArray("UID COPY 1:* nosuch");
        QTest::newRow("case differs") << QByteArray("COPY 1 Dest");
    }
    void copyToMissingMailbox()
    {
        QFETCH(QByteArray, command);
        ImapTestClient *client = inboxWith(1);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "CREATE dest"));
        const QByteArrayList reply = client->command("a", command);
        QCOMPARE(reply.size(), 1);
        QVERIFY2(reply.first().startsWith("a NO [TRYCREATE] "), reply.first().constData());
        const QByteArrayList list = run(*client, "LIST \"\" *");
        QCOMPARE(list.size(), 3); // INBOX, dest, tagged OK: nothing was created
    }

    // A name that holds no messages (\Noselect, RFC 3501 §6.3.4) cannot take copies.
    void copyToNoselect()
    {
        ImapTestClient *client = inboxWith(1);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "CREATE parent/child"));
        QVERIFY(succeeds(*client, "DELETE parent"));
        const QByteArrayList reply = client->command("a", "COPY 1 parent");
        QCOMPARE(reply.size(), 1);
        QVERIFY2(reply.first().startsWith("a NO "), reply.first().constData());
        QVERIFY2(!reply.first().contains("COPYUID"), reply.first().constData());
    }

    void copyRefused_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::newRow("sequence 0") << QByteArray("COPY 0 dest");
        QTest::newRow("beyond EXISTS") << QByteArray("COPY 1:3 dest");
        QTest::newRow("no mailbox") << QByteArray("COPY 1");
        QTest::newRow("no arguments") << QByteArray("COPY");
    }
    void copyRefused()
    {
        QFETCH(QByteArray, command);
        ImapTestClient *client = inboxWith(2);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "CREATE dest"));
        const QByteArrayList reply = client->command("a", command);
        QCOMPARE(reply.size(), 1);
        QVERIFY2(reply.first().startsWith("a BAD "), reply.first().constData());
        QCOMPARE(run(*client, "STATUS dest (MESSAGES)").first(), "* STATUS dest (MESSAGES 0)");
    }

    // RFC 3501 §6.4.7: "The flags and internal date of the message(s) SHOULD be preserved, and
    // the Recent flag SHOULD be set, in the copy." COPY works in EXAMINE too (it changes only
    // the destination).
    void copyKeepsFlagsAndDate_data()
    {
        QTest::addColumn<QByteArray>("sourceCommand");
        QTest::newRow("from SELECT") << QByteArray("SELECT");
        QTest::newRow("from EXAMINE") << QByteArray("EXAMINE");
    }
    void copyKeepsFlagsAndDate()
    {
        QFETCH(QByteArray, sourceCommand);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(appended(*client, "INBOX", note(1), "(\\Seen \\Flagged $Label1) \"17-Jul-1996 02:44:25 -0700\""));
        QVERIFY(appended(*client, "INBOX", note(2), "(\\Answered \\Draft NonJunk) \" 2-Mar-2020 10:00:00 +0100\""));
        QVERIFY(appended(*client, "INBOX", note(3), "(\\Deleted) \"11-Jan-2001 00:00:00 +0000\""));
        QVERIFY(succeeds(*client, "CREATE dest"));
        QVERIFY(selected(*client, "INBOX", sourceCommand));
        QVERIFY(client->command("a", "COPY 1:3 dest").last().startsWith("a OK [COPYUID "));
        ImapTestClient *reader = alice(1);
        QVERIFY(reader);
        QVERIFY(selected(*reader, "dest"));
        QCOMPARE(reader->command("b", "FETCH 1:3 (FLAGS INTERNALDATE)"),
                 (QByteArrayList{"* 1 FETCH (FLAGS (\\Seen \\Flagged $Label1 \\Recent) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\")",
                                 "* 2 FETCH (FLAGS (\\Answered \\Draft NonJunk \\Recent) INTERNALDATE \" 2-Mar-2020 10:00:00 +0100\")",
                                 "* 3 FETCH (FLAGS (\\Deleted \\Recent) INTERNALDATE \"11-Jan-2001 00:00:00 +0000\")",
                                 "b OK FETCH completed"}));
        // The sources are unchanged.
        QCOMPARE(client->command("c", "FETCH 1:3 FLAGS"),
                 (QByteArrayList{"* 1 FETCH (FLAGS (\\Seen \\Flagged $Label1 \\Recent))",
                                 "* 2 FETCH (FLAGS (\\Answered \\Draft NonJunk \\Recent))",
                                 "* 3 FETCH (FLAGS (\\Deleted \\Recent))", "c OK FETCH completed"}));
    }

    // RFC 3501 §7.3.1 / §2.3.2: sessions that have the destination selected get EXISTS (and
    // RECENT) after their next command; each copy is \Recent in exactly one of them.
    void destinationSessionsAreTold()
    {
        ImapTestClient *copier = inboxWith(3);
        ImapTestClient *first = alice(1);
        ImapTestClient *second = alice(2);
        ImapTestClient *examiner = alice(3);
        QVERIFY(copier && first && second && examiner);
        QVERIFY(succeeds(*copier, "CREATE dest"));
        QVERIFY(appended(*copier, "dest", note(9)));
        QVERIFY(selected(*first, "dest"));
        QVERIFY(selected(*second, "dest"));
        QVERIFY(selected(*examiner, "dest", "EXAMINE"));
        QVERIFY(copier->command("a", "COPY 1:3 dest").last().startsWith("a OK [COPYUID "));

        // "* 4 EXISTS", then "* n RECENT" where n counts this session's recent messages.
        auto recentAfterNoop = [](ImapTestClient &client, int before) -> int {
            const QByteArrayList reply = client.command("n", "NOOP");
            if (reply.size() != 3 || reply.at(0) != "* 4 EXISTS" || !reply.at(1).startsWith("* ")
                || !reply.at(1).endsWith(" RECENT") || reply.at(2) != "n OK NOOP completed") {
                qWarning("%s", reply.join(" | ").constData());
                return -1;
            }
            return reply.at(1).mid(2, reply.at(1).size() - 9).toInt() - before;
        };
        const int firstGot = recentAfterNoop(*first, 1); // it took the appended message
        const int secondGot = recentAfterNoop(*second, 0);
        QVERIFY(firstGot >= 0 && secondGot >= 0);
        QCOMPARE(firstGot + secondGot, 3);
        QVERIFY(firstGot == 0 || secondGot == 0); // one COPY, one recipient
        // EXAMINE learns of the messages without taking \Recent.
        const QByteArrayList examined = examiner->command("e", "NOOP");
        QCOMPARE(examined.first(), "* 4 EXISTS");
        QCOMPARE(examined.last(), "e OK NOOP completed");
        ImapTestClient *late = alice(4);
        QVERIFY(late);
        QCOMPARE(late->command("l", "SELECT dest").at(2), "* 0 RECENT");
        // \Recent is per session: the FETCH of each recipient agrees with its RECENT count.
        ImapTestClient *recipient = firstGot ? first : second;
        ImapTestClient *bystander = firstGot ? second : first;
        QCOMPARE(recipient->command("f", "FETCH 4 FLAGS"), (QByteArrayList{"* 4 FETCH (FLAGS (\\Recent))", "f OK FETCH completed"}));
        QCOMPARE(bystander->command("f", "FETCH 4 FLAGS"), (QByteArrayList{"* 4 FETCH (FLAGS ())", "f OK FETCH completed"}));
    }

    // COPY into the selected mailbox itself: the copier is told at once, and the copies are
    // its \Recent messages.
    void copyIntoSelectedMailbox()
    {
        ImapTestClient *client = inboxWith(2);
        QVERIFY(client);
        const quint32 validity = uidValidity(*client, "INBOX");
        QCOMPARE(client->command("a", "COPY 1:2 INBOX"),
                 (QByteArrayList{"* 4 EXISTS", "* 4 RECENT", "a OK [COPYUID " + number(validity) + " 1:2 3:4] COPY completed"}));
        QCOMPARE(uidsOf(*client), (QList<int>{1, 2, 3, 4}));
    }

    // RFC 3501 §6.4.3, §7.4.1: one EXPUNGE per message, each numbered as the mailbox is at that
    // moment — deleting 2, 3 and 5 of 6 gives 2, 2, 3.
    void expungeNumbering_data()
    {
        QTest::addColumn<QByteArray>("deleted"); // sequence set to mark \Deleted, of 6
        QTest::addColumn<QList<int>>("numbers"); // the EXPUNGE responses
        QTest::addColumn<QList<int>>("left");    // UIDs left
        QTest::newRow("2,3,5") << QByteArray("2,3,5") << QList<int>{2, 2, 3} << QList<int>{1, 4, 6};
        QTest::newRow("first") << QByteArray("1") << QList<int>{1} << QList<int>{2, 3, 4, 5, 6};
        QTest::newRow("last") << QByteArray("6") << QList<int>{6} << QList<int>{1, 2, 3, 4, 5};
        QTest::newRow("all") << QByteArray("1:6") << QList<int>{1, 1, 1, 1, 1, 1} << QList<int>{};
        QTest::newRow("odd") << QByteArray("1,3,5") << QList<int>{1, 2, 3} << QList<int>{2, 4, 6};
        QTest::newRow("even") << QByteArray("2,4,6") << QList<int>{2, 3, 4} << QList<int>{1, 3, 5};
        QTest::newRow("tail") << QByteArray("4:6") << QList<int>{4, 4, 4} << QList<int>{1, 2, 3};
        QTest::newRow("none") << QByteArray() << QList<int>{} << QList<int>{1, 2, 3, 4, 5, 6};
    }
    void expungeNumbering()
    {
        QFETCH(QByteArray, deleted);
        QFETCH(QList<int>, numbers);
        QFETCH(QList<int>, left);
        ImapTestClient *client = inboxWith(6);
        QVERIFY(client);
        if (!deleted.isEmpty())
            QVERIFY(succeeds(*client, "STORE " + deleted + " +FLAGS.SILENT (\\Deleted)"));
        QByteArrayList expected;
        for (int n : std::as_const(numbers))
            expected.append("* " + number(n) + " EXPUNGE");
        expected.append("a OK EXPUNGE completed");
        QCOMPARE(client->command("a", "EXPUNGE"), expected);
        QCOMPARE(uidsOf(*client), left);
        QCOMPARE(run(*client, "STATUS INBOX (MESSAGES)").first(), QByteArray("* STATUS INBOX (MESSAGES " + number(left.size()) + ')'));
    }

    // RFC 4315 §2.1: UID EXPUNGE removes only the \Deleted messages among the UIDs given.
    void uidExpunge_data()
    {
        QTest::addColumn<QByteArray>("set");
        QTest::addColumn<QList<int>>("numbers");
        QTest::addColumn<QList<int>>("left");
        // UIDs 1..6; 2, 3, 5 and 6 are \Deleted.
        QTest::newRow("2:3") << QByteArray("2:3") << QList<int>{2, 2} << QList<int>{1, 4, 5, 6};
        QTest::newRow("3,5") << QByteArray("3,5") << QList<int>{3, 4} << QList<int>{1, 2, 4, 6};
        QTest::newRow("undeleted only") << QByteArray("1,4") << QList<int>{} << QList<int>{1, 2, 3, 4, 5, 6};
        QTest::newRow("1:*") << QByteArray("1:*") << QList<int>{2, 2, 3, 3} << QList<int>{1, 4};
        QTest::newRow("missing UIDs") << QByteArray("7:20") << QList<int>{} << QList<int>{1, 2, 3, 4, 5, 6};
        QTest::newRow("1000:* is the last") << QByteArray("1000:*") << QList<int>{6} << QList<int>{1, 2, 3, 4, 5};
    }
    void uidExpunge()
    {
        QFETCH(QByteArray, set);
        QFETCH(QList<int>, numbers);
        QFETCH(QList<int>, left);
        ImapTestClient *client = inboxWith(6);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "STORE 2:3,5:6 +FLAGS.SILENT (\\Deleted)"));
        QByteArrayList expected;
        for (int n : std::as_const(numbers))
            expected.append("* " + number(n) + " EXPUNGE");
        expected.append("a OK UID EXPUNGE completed");
        QCOMPARE(client->command("a", "UID EXPUNGE " + set), expected);
        QCOMPARE(uidsOf(*client), left);
    }

    void expungeRefused_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArray>("status");
        QTest::newRow("EXPUNGE in EXAMINE") << QByteArray("EXPUNGE") << QByteArray("NO");
        QTest::newRow("UID EXPUNGE in EXAMINE") << QByteArray("UID EXPUNGE 1:*") << QByteArray("NO");
        QTest::newRow("EXPUNGE with argument") << QByteArray("EXPUNGE 1") << QByteArray("BAD");
        QTest::newRow("UID EXPUNGE without set") << QByteArray("UID EXPUNGE") << QByteArray("BAD");
        QTest::newRow("UID EXPUNGE 0") << QByteArray("UID EXPUNGE 0") << QByteArray("BAD");
    }
    void expungeRefused()
    {
        QFETCH(QByteArray, command);
        QFETCH(QByteArray, status);
        ImapTestClient *client = inboxWith(2, "(\\Deleted)", status == "NO" ? "EXAMINE" : "SELECT");
        QVERIFY(client);
        const QByteArrayList reply = client->command("a", command);
        QCOMPARE(reply.size(), 1);
        QVERIFY2(reply.first().startsWith(QByteArray("a " + status + ' ')), reply.first().constData());
        QCOMPARE(uidsOf(*client), (QList<int>{1, 2}));
    }

    // RFC 3501 §6.4.2: CLOSE expunges "and no untagged EXPUNGE responses are sent" (seed bug
    // 6); other sessions on the mailbox are told as for EXPUNGE. In EXAMINE nothing goes.
    void closeIsSilent()
    {
        ImapTestClient *client = inboxWith(4);
        ImapTestClient *other = alice(1);
        QVERIFY(client && other);
        QVERIFY(selected(*other, "INBOX"));
        QVERIFY(succeeds(*client, "STORE 1,3 +FLAGS.SILENT (\\Deleted)"));
        QCOMPARE(client->command("a", "CLOSE"), QByteArrayList{"a OK CLOSE completed"});
        QCOMPARE(client->command("b", "NOOP"), QByteArrayList{"b OK NOOP completed"});
        QCOMPARE(run(*client, "STATUS INBOX (MESSAGES)").first(), "* STATUS INBOX (MESSAGES 2)");
        // (The flag changes of messages that are gone are not worth telling.)
        QCOMPARE(other->command("n", "NOOP"), (QByteArrayList{"* 1 EXPUNGE", "* 2 EXPUNGE", "n OK NOOP completed"}));
        // CLOSE left the selected state.
        const QByteArrayList unselected = client->command("c0", "FETCH 1 UID");
        QCOMPARE(unselected.size(), 1);
        QVERIFY2(unselected.first().startsWith("c0 BAD "), unselected.first().constData());
        // In a read-only mailbox, CLOSE expunges nothing.
        QVERIFY(selected(*client, "INBOX"));
        QVERIFY(succeeds(*client, "STORE 1 +FLAGS.SILENT (\\Deleted)"));
        QVERIFY(selected(*client, "INBOX", "EXAMINE"));
        QCOMPARE(client->command("c", "CLOSE"), QByteArrayList{"c OK CLOSE completed"});
        QCOMPARE(run(*client, "STATUS INBOX (MESSAGES)").first(), "* STATUS INBOX (MESSAGES 2)");
    }

    // RFC 3501 §6.3.1, §6.4.2: only CLOSE expunges; selecting another mailbox (seed bug 16),
    // UNSELECT (RFC 3691) and LOGOUT leave \Deleted messages where they are.
    void onlyCloseExpunges_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::newRow("SELECT other") << QByteArray("SELECT dest");
        QTest::newRow("EXAMINE other") << QByteArray("EXAMINE dest");
        QTest::newRow("SELECT same") << QByteArray("SELECT INBOX");
        QTest::newRow("failed SELECT") << QByteArray("SELECT nosuch");
        QTest::newRow("UNSELECT") << QByteArray("UNSELECT");
        QTest::newRow("LOGOUT") << QByteArray("LOGOUT");
    }
    void onlyCloseExpunges()
    {
        QFETCH(QByteArray, command);
        ImapTestClient *client = inboxWith(3, "(\\Deleted)");
        QVERIFY(client);
        QVERIFY(succeeds(*client, "CREATE dest"));
        const QByteArrayList reply = client->command("a", command);
        QVERIFY(!reply.isEmpty());
        for (const QByteArray &line : reply)
            QVERIFY2(!line.contains("EXPUNGE"), line.constData());
        ImapTestClient *checker = alice(1);
        QVERIFY(checker);
        QCOMPARE(run(*checker, "STATUS INBOX (MESSAGES)").first(), "* STATUS INBOX (MESSAGES 3)");
    }

    // RFC 3501 §7.4.1: "An EXPUNGE response MUST NOT be sent when no command is in progress,
    // nor while responding to a FETCH, STORE, or SEARCH command." Another session on the
    // mailbox keeps the expunged messages at their numbers through those, and learns of the
    // expunge on NOOP.
    void otherSessionGetsExpungeLater()
    {
        ImapTestClient *expunger = inboxWith(5);
        ImapTestClient *other = alice(1);
        QVERIFY(expunger && other);
        QVERIFY(selected(*other, "INBOX"));
        QVERIFY(succeeds(*expunger, "STORE 2,4 +FLAGS.SILENT (\\Deleted)"));
        QCOMPARE(expunger->command("x", "EXPUNGE"), (QByteArrayList{"* 2 EXPUNGE", "* 3 EXPUNGE", "x OK EXPUNGE completed"}));

        // FETCH: the messages after the expunged ones keep their numbers, and 5 is still a
        // valid number; the expunged messages' flag changes are not reported either.
        QCOMPARE(other->command("a", "FETCH 3 UID"), (QByteArrayList{"* 3 FETCH (UID 3)", "a OK FETCH completed"}));
        QCOMPARE(other->command("b", "FETCH 5 (UID FLAGS)"), (QByteArrayList{"* 5 FETCH (UID 5 FLAGS ())", "b OK FETCH completed"}));
        // The expunged messages still answer, with their own data and the flags they had when
        // they were expunged (the store keeps them while a view lists them): never another
        // message's data, never an error for messages this client cannot know are gone.
        const QByteArrayList all = other->command("c", "FETCH 1:5 (UID FLAGS BODY.PEEK[TEXT])");
        QCOMPARE(all, (QByteArrayList{"* 1 FETCH (UID 1 FLAGS () BODY[TEXT] {8}\r\nBody 1\r\n)",
                                      "* 2 FETCH (UID 2 FLAGS (\\Deleted) BODY[TEXT] {8}\r\nBody 2\r\n)",
                                      "* 3 FETCH (UID 3 FLAGS () BODY[TEXT] {8}\r\nBody 3\r\n)",
                                      "* 4 FETCH (UID 4 FLAGS (\\Deleted) BODY[TEXT] {8}\r\nBody 4\r\n)",
                                      "* 5 FETCH (UID 5 FLAGS () BODY[TEXT] {8}\r\nBody 5\r\n)",
                                      "c OK FETCH completed"}));
        QCOMPARE(other->command("c2", "FETCH 2 FLAGS"), (QByteArrayList{"* 2 FETCH (FLAGS (\\Deleted))", "c2 OK FETCH completed"}));
        // STORE and SEARCH: the same numbers, no EXPUNGE.
        QCOMPARE(other->command("d", "STORE 3 +FLAGS (\\Flagged)"),
                 (QByteArrayList{"* 3 FETCH (FLAGS (\\Flagged))", "d OK STORE completed"}));
        QCOMPARE(other->command("e", "SEARCH UNDELETED"), (QByteArrayList{"* SEARCH 1 3 5", "e OK SEARCH completed"}));
        QCOMPARE(other->command("f", "SEARCH 4:5 FLAGGED"), (QByteArrayList{"* SEARCH", "f OK SEARCH completed"}));
        QCOMPARE(other->command("g", "SEARCH 3:5"), (QByteArrayList{"* SEARCH 3 5", "g OK SEARCH completed"}));
        // NOOP may tell: 2, then 4 which is 3 by then.
        QCOMPARE(other->command("n", "NOOP"), (QByteArrayList{"* 2 EXPUNGE", "* 3 EXPUNGE", "n OK NOOP completed"}));
        QCOMPARE(uidsOf(*other), (QList<int>{1, 3, 5}));
        QCOMPARE(other->command("h", "FETCH 3 UID"), (QByteArrayList{"* 3 FETCH (UID 5)", "h OK FETCH completed"}));
        const QByteArrayList beyond = other->command("i", "FETCH 4 UID");
        QCOMPARE(beyond.size(), 1);
        QVERIFY2(beyond.first().startsWith("i BAD "), beyond.first().constData());
    }

    // RFC 3501 §6.4.8 / §7.4.1: the UID forms may be followed by the EXPUNGE responses; the
    // FETCH data before them uses the numbers as they were.
    void uidCommandsMayDeliverExpunge_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArrayList>("before"); // what comes before the EXPUNGE responses
        QTest::addColumn<QByteArray>("done");
        // UID 2 and 4 are still listed until the EXPUNGEs that follow, and still answer.
        QTest::newRow("UID FETCH") << QByteArray("UID FETCH 1:* UID")
                                   << QByteArrayList{"* 1 FETCH (UID 1)", "* 2 FETCH (UID 2)", "* 3 FETCH (UID 3)",
                                                     "* 4 FETCH (UID 4)", "* 5 FETCH (UID 5)"}
                                   << QByteArray("OK UID FETCH completed");
        QTest::newRow("UID STORE") << QByteArray("UID STORE 5 +FLAGS (\\Seen)")
                                   << QByteArrayList{"* 5 FETCH (UID 5 FLAGS (\\Seen))"} << QByteArray("OK UID STORE completed");
        QTest::newRow("UID SEARCH") << QByteArray("UID SEARCH UNDELETED") << QByteArrayList{"* SEARCH 1 3 5"}
                                    << QByteArray("OK UID SEARCH completed");
        QTest::newRow("COPY") << QByteArray("COPY 5 INBOX") << QByteArrayList{} << QByteArray();
        QTest::newRow("CHECK") << QByteArray("CHECK") << QByteArrayList{} << QByteArray("OK CHECK completed");
    }
    void uidCommandsMayDeliverExpunge()
    {
        QFETCH(QByteArray, command);
        QFETCH(QByteArrayList, before);
        QFETCH(QByteArray, done);
        ImapTestClient *expunger = inboxWith(5);
        ImapTestClient *other = alice(1);
        QVERIFY(expunger && other);
        QVERIFY(selected(*other, "INBOX"));
        QVERIFY(succeeds(*expunger, "STORE 2,4 +FLAGS.SILENT (\\Deleted)"));
        QVERIFY(succeeds(*expunger, "EXPUNGE"));
        QByteArrayList reply = other->command("a", command);
        QVERIFY(!reply.isEmpty());
        const QByteArray tagged = reply.takeLast();
        if (done.isEmpty()) {
            // COPY into the same mailbox: EXPUNGEs, then the new message.
            QVERIFY2(tagged.startsWith("a OK [COPYUID "), tagged.constData());
            QCOMPARE(reply, (QByteArrayList{"* 2 EXPUNGE", "* 3 EXPUNGE", "* 4 EXISTS", "* 1 RECENT"}));
            return;
        }
        QCOMPARE(tagged, QByteArray("a " + done));
        QCOMPARE(reply, (before + QByteArrayList{"* 2 EXPUNGE", "* 3 EXPUNGE"}));
        QCOMPARE(uidsOf(*other), (QList<int>{1, 3, 5}));
    }

    // A session that has not yet been told of another's expunge runs EXPUNGE itself: it gets
    // both, each numbered as the mailbox is at that moment (RFC 3501 §7.4.1).
    void expungeOnTopOfPendingExpunge()
    {
        ImapTestClient *first = inboxWith(5);
        ImapTestClient *second = alice(1);
        QVERIFY(first && second);
        QVERIFY(selected(*second, "INBOX"));
        QVERIFY(succeeds(*second, "UID STORE 2 +FLAGS.SILENT (\\Deleted)"));
        QCOMPARE(second->command("x", "UID EXPUNGE 2"), (QByteArrayList{"* 2 EXPUNGE", "x OK UID EXPUNGE completed"}));
        // `first` still numbers UID 4 as 4.
        QCOMPARE(first->command("a", "STORE 4 +FLAGS (\\Deleted)"),
                 (QByteArrayList{"* 4 FETCH (FLAGS (\\Deleted \\Recent))", "a OK STORE completed"}));
        QCOMPARE(first->command("b", "EXPUNGE"), (QByteArrayList{"* 2 EXPUNGE", "* 3 EXPUNGE", "b OK EXPUNGE completed"}));
        QCOMPARE(uidsOf(*first), (QList<int>{1, 3, 5}));
        QCOMPARE(second->command("n", "NOOP"), (QByteArrayList{"* 3 EXPUNGE", "n OK NOOP completed"}));
        QCOMPARE(uidsOf(*second), (QList<int>{1, 3, 5}));
    }

    // Expunged and new messages in one update: the EXPUNGEs first, then EXISTS counts what is
    // left plus what came, and RECENT what is recent in this session.
    void expungeAndAppendElsewhere()
    {
        ImapTestClient *watcher = inboxWith(5);
        ImapTestClient *changer = alice(1);
        QVERIFY(watcher && changer);
        QVERIFY(selected(*changer, "INBOX"));
        QVERIFY(succeeds(*changer, "STORE 2 +FLAGS.SILENT (\\Deleted)"));
        QVERIFY(succeeds(*changer, "EXPUNGE"));
        QVERIFY(appended(*changer, "INBOX", note(6)));
        // The watcher took \Recent for 1..5 at SELECT; the new one went to the appender.
        QCOMPARE(watcher->command("n", "NOOP"), (QByteArrayList{"* 2 EXPUNGE", "* 5 EXISTS", "* 4 RECENT", "n OK NOOP completed"}));
        QCOMPARE(uidsOf(*watcher), (QList<int>{1, 3, 4, 5, 6}));
        QCOMPARE(watcher->command("f", "FETCH 5 FLAGS"), (QByteArrayList{"* 5 FETCH (FLAGS ())", "f OK FETCH completed"}));
    }

    // The expunging session's own FETCH, STORE and SEARCH right after EXPUNGE see the new
    // numbering (it was told at once).
    void expungerSeesNewNumbers()
    {
        ImapTestClient *client = inboxWith(3);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "STORE 1 +FLAGS.SILENT (\\Deleted)"));
        QCOMPARE(client->command("a", "EXPUNGE"), (QByteArrayList{"* 1 EXPUNGE", "a OK EXPUNGE completed"}));
        QCOMPARE(client->command("b", "FETCH 2 UID"), (QByteArrayList{"* 2 FETCH (UID 3)", "b OK FETCH completed"}));
        QCOMPARE(client->command("c", "SEARCH ALL"), (QByteArrayList{"* SEARCH 1 2", "c OK SEARCH completed"}));
    }
};

QTEST_GUILESS_MAIN(TstCopyExpunge)
#include "tst_copyexpunge.moc"
