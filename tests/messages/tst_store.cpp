#include "MessageHarness.h"

using namespace qimapd;
using namespace qimapd::test;

namespace {
const QByteArray SystemFlags = "\\Seen \\Answered \\Flagged \\Deleted \\Draft";
} // namespace

// STORE and UID STORE (RFC 3501 §6.4.6, §6.4.8, §7.4.2) over real sockets, once per store:
// system flags and keywords, the FETCH echo (\Recent included), .SILENT, and what the other
// sessions on the mailbox are told.
class TstStore : public MessageHarness
{
    Q_OBJECT

private Q_SLOTS:
    // RFC 3501 §6.4.6: FLAGS replaces, +FLAGS adds, -FLAGS removes; the untagged FETCH gives
    // the new flags, \Recent included — it is this session's and no STORE drops it (seed bug
    // 11); .SILENT answers with no FETCH. Item and flag names are case-insensitive (§9, seed
    // bug 11); keywords such as $Label1 are accepted (seed bug 19).
    void storeForms_data()
    {
        QTest::addColumn<QByteArray>("appended"); // APPEND flag list
        QTest::addColumn<QByteArray>("arguments");
        QTest::addColumn<bool>("silent");
        QTest::addColumn<QByteArray>("flags"); // afterwards, as FETCH FLAGS shows them
        QTest::newRow("FLAGS") << QByteArray("(\\Seen)") << QByteArray("FLAGS (\\Flagged $Label1)") << false
                               << QByteArray("\\Flagged $Label1 \\Recent");
        QTest::newRow("FLAGS empty") << QByteArray("(\\Seen $Label1)") << QByteArray("FLAGS ()") << false
                                     << QByteArray("\\Recent");
        QTest::newRow("+FLAGS") << QByteArray("(\\Seen)") << QByteArray("+FLAGS (\\Deleted)") << false
                                << QByteArray("\\Seen \\Deleted \\Recent");
        QTest::newRow("+FLAGS already set") << QByteArray("(\\Seen)") << QByteArray("+FLAGS (\\Seen)") << false
                                            << QByteArray("\\Seen \\Recent");
        QTest::newRow("-FLAGS") << QByteArray("(\\Seen \\Flagged)") << QByteArray("-FLAGS (\\Seen)") << false
                                << QByteArray("\\Flagged \\Recent");
        QTest::newRow("-FLAGS not set") << QByteArray("(\\Seen)") << QByteArray("-FLAGS (\\Draft)") << false
                                        << QByteArray("\\Seen \\Recent");
        QTest::newRow("all system flags") << QByteArray() << QByteArray("FLAGS (" + SystemFlags + ')') << false
                                          << QByteArray(SystemFlags + " \\Recent");
        QTest::newRow("+FLAGS keyword") << QByteArray("()") << QByteArray("+FLAGS ($Label1)") << false
                                        << QByteArray("$Label1 \\Recent");
        QTest::newRow("+FLAGS keywords") << QByteArray("(\\Answered)") << QByteArray("+FLAGS ($Label1 NonJunk $Forwarded)")
                                         << false << QByteArray("\\Answered $Label1 NonJunk $Forwarded \\Recent");
        QTest::newRow("-FLAGS keyword") << QByteArray("($Label1 $Label2)") << QByteArray("-FLAGS ($Label1)") << false
                                        << QByteArray("$Label2 \\Recent");
        QTest::newRow("flag without parentheses") << QByteArray() << QByteArray("+FLAGS \\Answered") << false
                                                  << QByteArray("\\Answered \\Recent");
        QTest::newRow("flags without parentheses") << QByteArray() << QByteArray("+FLAGS \\Answered $Label1") << false
                                                   << QByteArray("\\Answered $Label1 \\Recent");
        QTest::newRow("FLAGS.SILENT") << QByteArray("(\\Seen)") << QByteArray("FLAGS.SILENT (\\Draft)") << true
                                      << QByteArray("\\Draft \\Recent");
        QTest::newRow("+FLAGS.SILENT") << QByteArray("(\\Seen)") << QByteArray("+FLAGS.SILENT (\\Draft)") << true
                                       << QByteArray("\\Seen \\Draft \\Recent");
        QTest::newRow("-FLAGS.SILENT") << QByteArray("(\\Seen)") << QByteArray("-FLAGS.SILENT (\\Seen)") << true
                                       << QByteArray("\\Recent");
        QTest::newRow("lower case") << QByteArray() << QByteArray("+flags (\\seen \\flagged)") << false
                                    << QByteArray("\\Seen \\Flagged \\Recent");
        QTest::newRow("mixed case silent") << QByteArray() << QByteArray("+Flags.Silent (\\DELETED)") << true
                                           << QByteArray("\\Deleted \\Recent");
        QTest::newRow("lower case replace") << QByteArray("(\\Seen)") << QByteArray("flags.silent (\\answered)") << true
                                            << QByteArray("\\Answered \\Recent");
    }
    void storeForms()
    {
        QFETCH(QByteArray, appended);
        QFETCH(QByteArray, arguments);
        QFETCH(bool, silent);
        QFETCH(QByteArray, flags);
        ImapTestClient *client = inboxWith(1, appended);
        QVERIFY(client);
        QByteArrayList expected;
        if (!silent)
            expected.append("* 1 FETCH (FLAGS (" + flags + "))");
        expected.append("a OK STORE completed");
        QCOMPARE(client->command("a", "STORE 1 " + arguments), expected);
        QCOMPARE(client->command("b", "FETCH 1 FLAGS"), (QByteArrayList{"* 1 FETCH (FLAGS (" + flags + "))", "b OK FETCH completed"}));
    }

    // Every message named gets its FETCH, in order; UID STORE adds the UID (RFC 3501 §6.4.8)
    // and ignores UIDs that do not exist.
    void severalAndUid()
    {
        ImapTestClient *client = inboxWith(4);
        QVERIFY(client);
        QCOMPARE(client->command("a", "STORE 3,1 +FLAGS (\\Flagged)"),
                 (QByteArrayList{"* 1 FETCH (FLAGS (\\Flagged \\Recent))", "* 3 FETCH (FLAGS (\\Flagged \\Recent))",
                                 "a OK STORE completed"}));
        QCOMPARE(client->command("b", "UID STORE 2:3,77 +FLAGS ($Label1)"),
                 (QByteArrayList{"* 2 FETCH (UID 2 FLAGS ($Label1 \\Recent))",
                                 "* 3 FETCH (UID 3 FLAGS (\\Flagged $Label1 \\Recent))", "b OK UID STORE completed"}));
        QCOMPARE(client->command("c", "UID STORE 1000:* -FLAGS (\\Flagged)"),
                 (QByteArrayList{"* 4 FETCH (UID 4 FLAGS (\\Recent))", "c OK UID STORE completed"}));
        QCOMPARE(client->command("d", "UID STORE 50 +FLAGS (\\Seen)"), QByteArrayList{"d OK UID STORE completed"});
        QCOMPARE(client->command("e", "uid store 4 flags.silent (\\Seen)"), QByteArrayList{"e OK UID STORE completed"});
        QCOMPARE(client->command("f", "FETCH 1:* FLAGS"),
                 (QByteArrayList{"* 1 FETCH (FLAGS (\\Flagged \\Recent))", "* 2 FETCH (FLAGS ($Label1 \\Recent))",
                                 "* 3 FETCH (FLAGS (\\Flagged $Label1 \\Recent))", "* 4 FETCH (FLAGS (\\Seen \\Recent))",
                                 "f OK FETCH completed"}));
    }

    // RFC 3501 §2.3.2: "\Recent ... cannot be altered by the client"; §9 store-att-flags and
    // sequence-set. A refused STORE changes nothing.
    void refused_data()
    {
        QTest::addColumn<QByteArray>("arguments");
        QTest::newRow("+FLAGS \\Recent") << QByteArray("1 +FLAGS (\\Recent)");
        QTest::newRow("FLAGS with \\Recent") << QByteArray("1 FLAGS (\\Seen \\Recent)");
        QTest::newRow("-FLAGS \\Recent") << QByteArray("1 -FLAGS (\\Recent)");
        QTest::newRow("unknown item") << QByteArray("1 +FLAGZ (\\Seen)");
        QTest::newRow("unknown suffix") << QByteArray("1 FLAGS.LOUD (\\Seen)");
        QTest::newRow("double sign") << QByteArray("1 ++FLAGS (\\Seen)");
        QTest::newRow("no flags") << QByteArray("1 +FLAGS");
        QTest::newRow("no item") << QByteArray("1");
        QTest::newRow("nested list") << QByteArray("1 +FLAGS ((\\Seen))");
        QTest::newRow("quoted flag") << QByteArray("1 +FLAGS (\"\\Seen\")");
        QTest::newRow("sequence 0") << QByteArray("0 +FLAGS (\\Seen)");
        QTest::newRow("beyond EXISTS") << QByteArray("3 +FLAGS (\\Seen)");
        QTest::newRow("1:3 beyond EXISTS") << QByteArray("1:3 +FLAGS (\\Seen)");
    }
    void refused()
    {
        QFETCH(QByteArray, arguments);
        ImapTestClient *client = inboxWith(2);
        QVERIFY(client);
        const QByteArrayList reply = client->command("a", "STORE " + arguments);
        QCOMPARE(reply.size(), 1);
        QVERIFY2(reply.first().startsWith("a BAD "), reply.first().constData());
        QCOMPARE(client->command("b", "FETCH 1:2 FLAGS"),
                 (QByteArrayList{"* 1 FETCH (FLAGS (\\Recent))", "* 2 FETCH (FLAGS (\\Recent))", "b OK FETCH completed"}));
    }

    // RFC 3501 §6.3.2: a mailbox opened with EXAMINE is read-only; STORE is refused with NO
    // ([READ-ONLY], RFC 5530 / §7.1) and changes nothing.
    void refusedInExamine_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::newRow("STORE") << QByteArray("STORE 1 +FLAGS (\\Seen)");
        QTest::newRow("STORE.SILENT") << QByteArray("STORE 1 FLAGS.SILENT (\\Deleted)");
        QTest::newRow("UID STORE") << QByteArray("UID STORE 1 -FLAGS ($Label1)");
    }
    void refusedInExamine()
    {
        QFETCH(QByteArray, command);
        ImapTestClient *client = inboxWith(1, "($Label1)", "EXAMINE");
        QVERIFY(client);
        const QByteArrayList reply = client->command("a", command);
        QCOMPARE(reply.size(), 1);
        QVERIFY2(reply.first().startsWith("a NO [READ-ONLY] "), reply.first().constData());
        QCOMPARE(client->command("b", "FETCH 1 FLAGS"), (QByteArrayList{"* 1 FETCH (FLAGS ($Label1 \\Recent))", "b OK FETCH completed"}));
    }

    // Seed bug 19: PERMANENTFLAGS has \* ("it is possible to create new keywords", RFC 3501
    // §7.1), and a new keyword then appears in FLAGS of the next SELECT.
    void keywordsArePermanent()
    {
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(appended(*client, "INBOX", note(1)));
        const QByteArrayList selectedNow = client->command("a", "SELECT INBOX");
        QVERIFY2(selectedNow.contains("* OK [PERMANENTFLAGS (" + SystemFlags + " \\*)] Flags permitted"),
                 selectedNow.join(" | ").constData());
        QCOMPARE(client->command("b", "STORE 1 +FLAGS ($Label1 $Junk)"),
                 (QByteArrayList{"* 1 FETCH (FLAGS ($Label1 $Junk \\Recent))", "b OK STORE completed"}));
        const QByteArrayList again = client->command("c", "SELECT INBOX");
        QVERIFY2(again.contains("* FLAGS (" + SystemFlags + " $Label1 $Junk)"), again.join(" | ").constData());
        QVERIFY2(again.contains("* OK [PERMANENTFLAGS (" + SystemFlags + " $Label1 $Junk \\*)] Flags permitted"),
                 again.join(" | ").constData());
    }

    // RFC 3501 §7.4.2 / §5.2: other sessions with the mailbox selected learn of the change by an
    // untagged FETCH with FLAGS after their next command, also when the storer said .SILENT
    // (which only silences the storer's own echo).
    void otherSessionsAreTold_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArrayList>("echo"); // what the storer sees before its tagged OK
        QTest::newRow("STORE") << QByteArray("STORE 2 +FLAGS (\\Flagged $Label1)")
                               << QByteArrayList{"* 2 FETCH (FLAGS (\\Flagged $Label1 \\Recent))"};
        QTest::newRow("STORE.SILENT") << QByteArray("STORE 2 +FLAGS.SILENT (\\Flagged $Label1)") << QByteArrayList{};
        QTest::newRow("UID STORE.SILENT") << QByteArray("UID STORE 2 FLAGS.SILENT (\\Flagged $Label1)") << QByteArrayList{};
    }
    void otherSessionsAreTold()
    {
        QFETCH(QByteArray, command);
        QFETCH(QByteArrayList, echo);
        ImapTestClient *storer = inboxWith(3);
        ImapTestClient *other = alice(1);
        ImapTestClient *examiner = alice(2);
        QVERIFY(storer && other && examiner);
        QVERIFY(selected(*other, "INBOX"));
        QVERIFY(selected(*examiner, "INBOX", "EXAMINE"));
        QByteArrayList expected = echo;
        expected.append(command.startsWith("UID") ? "a OK UID STORE completed" : "a OK STORE completed");
        QCOMPARE(storer->command("a", command), expected);
        // Neither the other selected session nor the examining one has \Recent (the storer took it).
        QCOMPARE(other->command("n", "NOOP"),
                 (QByteArrayList{"* 2 FETCH (UID 2 FLAGS (\\Flagged $Label1))", "n OK NOOP completed"}));
        QCOMPARE(other->command("n2", "NOOP"), QByteArrayList{"n2 OK NOOP completed"});
        QCOMPARE(examiner->command("c", "CHECK"),
                 (QByteArrayList{"* 2 FETCH (UID 2 FLAGS (\\Flagged $Label1))", "c OK CHECK completed"}));
        // The storer itself is not told again.
        QCOMPARE(storer->command("n3", "NOOP"), QByteArrayList{"n3 OK NOOP completed"});
    }

    // The notice also comes after a FETCH, STORE or SEARCH of the other session (only EXPUNGE
    // is held back there, RFC 3501 §7.4.1), and a change to the same message by that session
    // is answered with the latest flags.
    void noticeAfterOtherCommands()
    {
        ImapTestClient *storer = inboxWith(2);
        ImapTestClient *other = alice(1);
        QVERIFY(storer && other);
        QVERIFY(selected(*other, "INBOX"));
        QVERIFY(succeeds(*storer, "STORE 1 +FLAGS.SILENT (\\Answered)"));
        QCOMPARE(other->command("a", "FETCH 2 UID"),
                 (QByteArrayList{"* 2 FETCH (UID 2)", "* 1 FETCH (UID 1 FLAGS (\\Answered))", "a OK FETCH completed"}));
        QVERIFY(succeeds(*storer, "STORE 2 +FLAGS.SILENT (\\Seen)"));
        QCOMPARE(other->command("b", "SEARCH SEEN"),
                 (QByteArrayList{"* SEARCH 2", "* 2 FETCH (UID 2 FLAGS (\\Seen))", "b OK SEARCH completed"}));
        QVERIFY(succeeds(*storer, "STORE 2 -FLAGS.SILENT (\\Seen)"));
        const QByteArrayList reply = other->command("c", "STORE 2 +FLAGS (\\Draft)");
        QCOMPARE(reply.first(), "* 2 FETCH (FLAGS (\\Draft))");
        QCOMPARE(reply.last(), "c OK STORE completed");
        // Whatever else came, nothing claims flags the message no longer has.
        for (const QByteArray &line : reply)
            QVERIFY2(!line.contains("\\Seen"), line.constData());
    }

    // DESIGN.md: a tagged OK for STORE means the change is on disk — it survives a restart.
    void flagsPersist()
    {
        QFETCH_GLOBAL(QString, store);
        if (store != QLatin1String("sqlite"))
            QSKIP("the memory store keeps nothing across a restart");
        ImapTestClient *client = inboxWith(2);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "STORE 1 FLAGS.SILENT (\\Flagged \\Answered $Label1)"));
        QVERIFY(succeeds(*client, "UID STORE 2 +FLAGS.SILENT (\\Seen NonJunk)"));
        QVERIFY(restartServer());
        ImapTestClient *after = alice(0);
        QVERIFY(after);
        QVERIFY(selected(*after, "INBOX"));
        // \Recent was taken by the first session and is not given again.
        QCOMPARE(after->command("a", "FETCH 1:2 FLAGS"),
                 (QByteArrayList{"* 1 FETCH (FLAGS (\\Answered \\Flagged $Label1))", "* 2 FETCH (FLAGS (\\Seen NonJunk))",
                                 "a OK FETCH completed"}));
    }
};

QTEST_GUILESS_MAIN(TstStore)
#include "tst_store.moc"
