#include "ImapServer.h"
#include "ImapTestClient.h"
#include "MailStore.h"
#include "Session.h"
#include "SharedServerHarness.h"
#include "TestServer.h"

#include <QTest>

using namespace qimapd;
using namespace qimapd::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray SystemFlags = "\\Seen \\Answered \\Flagged \\Deleted \\Draft";

QByteArray message(int n)
{
    return "From: alice@example.org\r\nSubject: message " + QByteArray::number(n) + "\r\n\r\nBody "
        + QByteArray::number(n) + "\r\n";
}

// "%v" in an expected line stands for a UIDVALIDITY only known at run time.
QByteArrayList withUidValidity(QByteArrayList lines, quint32 uidValidity)
{
    for (QByteArray &line : lines)
        line.replace("%v", QByteArray::number(uidValidity));
    return lines;
}

} // namespace

// The mailbox commands of RFC 3501 §6.3 and §6.4.1–6.4.2 (SELECT, EXAMINE, CREATE, DELETE,
// RENAME, SUBSCRIBE, UNSUBSCRIBE, LIST, LSUB, STATUS, APPEND, CHECK, CLOSE), UNSELECT (RFC 3691),
// APPENDUID (RFC 4315 §3), CHILDREN (RFC 3348) and response codes (RFC 5530), over real sockets.
// Every test runs once per store (PerStoreServerTest: one server per store, reused clients,
// brand-new accounts for alice and bob before each row): the stores must behave the same.
class TstMailboxes : public PerStoreServerTest
{
    Q_OBJECT

private:
    // APPEND of message(n), n a new number, that must succeed with nothing untagged.
    bool appended(ImapTestClient &client, const QByteArray &mailbox, const QByteArray &options = {})
    {
        const QByteArrayList reply = append(client, "ap", mailbox, message(++m_tag), options);
        if (reply.size() == 1 && reply.first().startsWith("ap OK [APPENDUID "))
            return true;
        qWarning("APPEND %s %s -> %s", mailbox.constData(), options.constData(), reply.join(" | ").constData());
        return false;
    }

    // The untagged LIST (or LSUB) lines for a pattern.
    QByteArrayList listing(ImapTestClient &client, const QByteArray &arguments, const QByteArray &command = "LIST")
    {
        QByteArrayList reply = run(client, command + ' ' + arguments);
        if (reply.isEmpty() || !reply.last().contains(" OK ")) {
            qWarning("%s %s -> %s", command.constData(), arguments.constData(), reply.join(" | ").constData());
            return {"(failed)"};
        }
        reply.removeLast();
        return reply;
    }

    QByteArrayList selectResponses(quint32 exists, quint32 recent, quint32 unseen, quint32 uidValidity,
                                   quint32 uidNext, bool readOnly, const QByteArray &keywords = {})
    {
        const QByteArray flags = SystemFlags + (keywords.isEmpty() ? QByteArray() : ' ' + keywords);
        QByteArrayList lines = {
            "* FLAGS (" + flags + ')',
            "* " + QByteArray::number(exists) + " EXISTS",
            "* " + QByteArray::number(recent) + " RECENT",
        };
        if (unseen)
            lines.append("* OK [UNSEEN " + QByteArray::number(unseen) + "] First unseen message");
        lines.append("* OK [UIDVALIDITY " + QByteArray::number(uidValidity) + "] UIDs valid");
        lines.append("* OK [UIDNEXT " + QByteArray::number(uidNext) + "] Predicted next UID");
        lines.append(readOnly ? QByteArray("* OK [PERMANENTFLAGS ()] Read-only mailbox")
                              : "* OK [PERMANENTFLAGS (" + flags + " \\*)] Flags permitted");
        return lines;
    }

private Q_SLOTS:
    // RFC 3501 §6.3.1, §6.3.2, §7.1: the untagged data of SELECT and EXAMINE; [UNSEEN n] only
    // when some message is unseen, n its sequence number (seed bug 10); PERMANENTFLAGS with \*
    // (seed bug 19) for SELECT, empty for EXAMINE.
    void selectAndExamine_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArrayList>("flags"); // one APPEND per entry
        QTest::addColumn<quint32>("unseen");
        QTest::addColumn<QByteArray>("keywords");
        for (const char *command : {"SELECT", "EXAMINE"}) {
            QTest::addRow("%s empty", command) << QByteArray(command) << QByteArrayList{} << 0u << QByteArray();
            QTest::addRow("%s all unseen", command) << QByteArray(command) << QByteArrayList{"()", "()"} << 1u << QByteArray();
            QTest::addRow("%s first seen", command)
                << QByteArray(command) << QByteArrayList{"(\\Seen)", "(\\Flagged)", "(\\Seen)"} << 2u << QByteArray();
            QTest::addRow("%s last unseen", command)
                << QByteArray(command) << QByteArrayList{"(\\Seen)", "(\\Seen \\Answered)", "(\\Draft)"} << 3u << QByteArray();
            QTest::addRow("%s all seen", command)
                << QByteArray(command) << QByteArrayList{"(\\Seen)", "(\\Seen \\Deleted)"} << 0u << QByteArray();
            QTest::addRow("%s keywords", command)
                << QByteArray(command) << QByteArrayList{"($Label1 \\Seen)", "(NonJunk $Label1)"} << 2u
                << QByteArray("$Label1 NonJunk");
        }
    }
    void selectAndExamine()
    {
        QFETCH(QByteArray, command);
        QFETCH(QByteArrayList, flags);
        QFETCH(quint32, unseen);
        QFETCH(QByteArray, keywords);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        for (const QByteArray &flagList : std::as_const(flags))
            QVERIFY(appended(*client, "INBOX", flagList));
        const quint32 validity = uidValidity(*client, "INBOX");
        QVERIFY(validity > 0);
        const bool readOnly = command == "EXAMINE";
        const quint32 count = quint32(flags.size());
        QByteArrayList expected = selectResponses(count, count, unseen, validity, count + 1, readOnly, keywords);
        expected.append(readOnly ? "a OK [READ-ONLY] EXAMINE completed" : "a OK [READ-WRITE] SELECT completed");
        QCOMPARE(client->command("a", command + " INBOX"), expected);
        // The mailbox name is case-insensitive only for INBOX.
        QCOMPARE(client->command("b", command + " inbox").last(),
                 readOnly ? "b OK [READ-ONLY] EXAMINE completed" : "b OK [READ-WRITE] SELECT completed");
        QCOMPARE(client->command("c", "CHECK"), QByteArrayList{"c OK CHECK completed"});
    }

    // RFC 3501 §6.3.1: "if a mailbox is selected and a SELECT command that fails is attempted,
    // no mailbox is selected."
    void failedSelectLeavesNoneSelected_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArray>("tagged");
        QTest::newRow("SELECT missing") << QByteArray("SELECT nosuch") << QByteArray("b NO [NONEXISTENT] no mailbox named nosuch");
        QTest::newRow("EXAMINE missing") << QByteArray("EXAMINE nosuch") << QByteArray("b NO [NONEXISTENT] no mailbox named nosuch");
        QTest::newRow("SELECT \\Noselect") << QByteArray("SELECT parent") << QByteArray("b NO [CANNOT] Mailbox cannot be selected");
        QTest::newRow("SELECT case-sensitive name") << QByteArray("SELECT PARENT/CHILD")
                                                    << QByteArray("b NO [NONEXISTENT] no mailbox named PARENT/CHILD");
        QTest::newRow("SELECT invalid name") << QByteArray("SELECT \"a//b\"")
                                             << QByteArray("b NO [CANNOT] Empty level in mailbox name");
    }
    void failedSelectLeavesNoneSelected()
    {
        QFETCH(QByteArray, command);
        QFETCH(QByteArray, tagged);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "CREATE parent/child"));
        QVERIFY(succeeds(*client, "DELETE parent"));
        QCOMPARE(client->command("a", "SELECT INBOX").last(), "a OK [READ-WRITE] SELECT completed");
        QCOMPARE(client->command("b", command), QByteArrayList{tagged});
        QCOMPARE(client->command("c", "CHECK"), QByteArrayList{"c BAD CHECK not allowed in this state: Select a mailbox first"});
    }

    // RFC 3501 §2.3.2: \Recent goes to the first session that selects; EXAMINE shows it without
    // taking it; a new message is recent in exactly one session.
    void recentBelongsToOneSession()
    {
        ImapTestClient *appender = alice(0);
        QVERIFY(appender);
        QVERIFY(appended(*appender, "INBOX"));
        QVERIFY(appended(*appender, "INBOX"));
        const quint32 validity = uidValidity(*appender, "INBOX");

        ImapTestClient *examiner = alice(1);
        QVERIFY(examiner);
        QCOMPARE(examiner->command("e", "EXAMINE INBOX").mid(1, 2), (QByteArrayList{"* 2 EXISTS", "* 2 RECENT"}));
        ImapTestClient *first = alice(2);
        QVERIFY(first);
        QByteArrayList expected = selectResponses(2, 2, 1, validity, 3, false);
        expected.append("f OK [READ-WRITE] SELECT completed");
        QCOMPARE(first->command("f", "SELECT INBOX"), expected);
        ImapTestClient *second = alice(3);
        QVERIFY(second);
        expected = selectResponses(2, 0, 1, validity, 3, false);
        expected.append("s OK [READ-WRITE] SELECT completed");
        QCOMPARE(second->command("s", "SELECT INBOX"), expected);
        QCOMPARE(examiner->command("e2", "EXAMINE INBOX").mid(1, 2), (QByteArrayList{"* 2 EXISTS", "* 0 RECENT"}));

        // A third message: both selecting sessions learn of it, exactly one gets it as recent.
        QVERIFY(appended(*appender, "INBOX"));
        auto recentAfterNoop = [](ImapTestClient &client) -> int {
            const QByteArrayList reply = client.command("n", "NOOP");
            if (reply.size() != 3 || reply.at(0) != "* 3 EXISTS" || !reply.at(1).endsWith(" RECENT"))
                return -1;
            return reply.at(1).mid(2, reply.at(1).size() - 9).toInt();
        };
        const int firstRecent = recentAfterNoop(*first);
        const int secondRecent = recentAfterNoop(*second);
        QVERIFY2(firstRecent >= 0 && secondRecent >= 0, "NOOP did not report the new message");
        QCOMPARE((firstRecent - 2) + secondRecent, 1);
        ImapTestClient *late = alice(4);
        QVERIFY(late);
        QCOMPARE(late->command("l", "SELECT INBOX").at(2), "* 0 RECENT");
    }

    // RFC 3501 §6.3.2: "EXAMINE MUST NOT cause messages to lose the \Recent flag", not even
    // messages that arrive while the mailbox is examined.
    void examineDoesNotTakeNewRecent()
    {
        ImapTestClient *examiner = alice(0);
        ImapTestClient *appender = alice(1);
        ImapTestClient *selector = alice(2);
        QVERIFY(examiner && appender && selector);
        QCOMPARE(examiner->command("e", "EXAMINE INBOX").at(1), "* 0 EXISTS");
        QVERIFY(appended(*appender, "INBOX"));
        const QByteArrayList reply = examiner->command("n", "NOOP");
        QCOMPARE(reply.first(), "* 1 EXISTS");
        QCOMPARE(reply.last(), "n OK NOOP completed");
        QCOMPARE(selector->command("s", "SELECT INBOX").mid(1, 2), (QByteArrayList{"* 1 EXISTS", "* 1 RECENT"}));
    }

    // RFC 3501 §6.3.3; RFC 5530 ALREADYEXISTS, CANNOT.
    void create_data()
    {
        QTest::addColumn<QByteArrayList>("setup");
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("tagged");
        QTest::addColumn<QByteArrayList>("listed"); // LIST "" * afterwards
        const QByteArray ok = "a OK CREATE completed";
        const QByteArray inbox = "* LIST (\\HasNoChildren) \"/\" INBOX";
        const QByteArrayList onlyInbox = {inbox};
        QTest::newRow("simple") << QByteArrayList{} << QByteArray("foo") << ok
                                << QByteArrayList{inbox, "* LIST (\\HasNoChildren) \"/\" foo"};
        QTest::newRow("parents created") << QByteArrayList{} << QByteArray("a/b/c") << ok
                                         << QByteArrayList{inbox, "* LIST (\\HasChildren) \"/\" a",
                                                           "* LIST (\\HasChildren) \"/\" a/b",
                                                           "* LIST (\\HasNoChildren) \"/\" a/b/c"};
        QTest::newRow("under an existing parent") << QByteArrayList{"CREATE a"} << QByteArray("a/b") << ok
                                                  << QByteArrayList{inbox, "* LIST (\\HasChildren) \"/\" a",
                                                                    "* LIST (\\HasNoChildren) \"/\" a/b"};
        QTest::newRow("trailing separator") << QByteArrayList{} << QByteArray("foo/") << ok
                                            << QByteArrayList{inbox, "* LIST (\\HasNoChildren) \"/\" foo"};
        QTest::newRow("quoted with space") << QByteArrayList{} << QByteArray("\"my folder\"") << ok
                                           << QByteArrayList{inbox, "* LIST (\\HasNoChildren) \"/\" \"my folder\""};
        QTest::newRow("literal") << QByteArrayList{} << QByteArray("{3+}\r\nfoo") << ok
                                 << QByteArrayList{inbox, "* LIST (\\HasNoChildren) \"/\" foo"};
        QTest::newRow("INBOX child") << QByteArrayList{} << QByteArray("inbox/sub") << ok
                                     << QByteArrayList{"* LIST (\\HasChildren) \"/\" INBOX",
                                                       "* LIST (\\HasNoChildren) \"/\" INBOX/sub"};
        QTest::newRow("modified UTF-7") << QByteArrayList{} << QByteArray("&ZeVnLIqe-") << ok
                                        << QByteArrayList{"* LIST (\\HasNoChildren) \"/\" &ZeVnLIqe-", inbox};
        QTest::newRow("case differs from existing") << QByteArrayList{"CREATE foo"} << QByteArray("Foo") << ok
                                                    << QByteArrayList{"* LIST (\\HasNoChildren) \"/\" Foo", inbox,
                                                                      "* LIST (\\HasNoChildren) \"/\" foo"};
        QTest::newRow("INBOX") << QByteArrayList{} << QByteArray("INBOX")
                               << QByteArray("a NO [ALREADYEXISTS] INBOX always exists") << onlyInbox;
        QTest::newRow("inbox in lower case") << QByteArrayList{} << QByteArray("inbox")
                                             << QByteArray("a NO [ALREADYEXISTS] INBOX always exists") << onlyInbox;
        QTest::newRow("duplicate") << QByteArrayList{"CREATE foo"} << QByteArray("foo")
                                   << QByteArray("a NO [ALREADYEXISTS] foo already exists")
                                   << QByteArrayList{inbox, "* LIST (\\HasNoChildren) \"/\" foo"};
        QTest::newRow("existing parent") << QByteArrayList{"CREATE a/b"} << QByteArray("a")
                                         << QByteArray("a NO [ALREADYEXISTS] a already exists")
                                         << QByteArrayList{inbox, "* LIST (\\HasChildren) \"/\" a",
                                                           "* LIST (\\HasNoChildren) \"/\" a/b"};
        const QByteArray wildcard = "a NO [CANNOT] Wildcards are not allowed in mailbox names";
        QTest::newRow("wildcard *") << QByteArrayList{} << QByteArray("\"a*\"") << wildcard << onlyInbox;
        QTest::newRow("wildcard %") << QByteArrayList{} << QByteArray("a%b") << wildcard << onlyInbox;
        const QByteArray utf7 = "a NO [CANNOT] Mailbox name is not valid modified UTF-7 (RFC 3501 5.1.3)";
        QTest::newRow("unterminated modified UTF-7") << QByteArrayList{} << QByteArray("&Jjo") << utf7 << onlyInbox;
        QTest::newRow("encoded printable ASCII") << QByteArrayList{} << QByteArray("&AGE-") << utf7 << onlyInbox;
        QTest::newRow("raw 8-bit") << QByteArrayList{} << QByteArray("{4+}\r\nr\xc3\xa9s") << utf7 << onlyInbox;
        QTest::newRow("empty level") << QByteArrayList{} << QByteArray("\"a//b\"")
                                     << QByteArray("a NO [CANNOT] Empty level in mailbox name") << onlyInbox;
        QTest::newRow("empty name") << QByteArrayList{} << QByteArray("\"\"")
                                    << QByteArray("a NO [CANNOT] Empty mailbox name") << onlyInbox;
        QTest::newRow("no name") << QByteArrayList{} << QByteArray() << QByteArray("a BAD Missing arguments") << onlyInbox;
        QTest::newRow("list as name") << QByteArrayList{} << QByteArray("(foo)")
                                      << QByteArray("a BAD Expected mailbox name") << onlyInbox;
    }
    void create()
    {
        QFETCH(QByteArrayList, setup);
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, tagged);
        QFETCH(QByteArrayList, listed);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        for (const QByteArray &command : std::as_const(setup))
            QVERIFY(succeeds(*client, command));
        QCOMPARE(client->command("a", name.isEmpty() ? QByteArray("CREATE") : "CREATE " + name), QByteArrayList{tagged});
        QCOMPARE(listing(*client, "\"\" *"), listed);
    }

    // RFC 3501 §6.3.4: INBOX cannot be deleted; a missing name is NONEXISTENT (RFC 5530).
    void deleteRefused_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<QByteArray>("tagged");
        QTest::newRow("INBOX") << QByteArray("INBOX") << QByteArray("a NO [CANNOT] INBOX cannot be deleted");
        QTest::newRow("inbox") << QByteArray("inbox") << QByteArray("a NO [CANNOT] INBOX cannot be deleted");
        QTest::newRow("missing") << QByteArray("nosuch") << QByteArray("a NO [NONEXISTENT] no mailbox named nosuch");
        QTest::newRow("case differs") << QByteArray("Keep") << QByteArray("a NO [NONEXISTENT] no mailbox named Keep");
        QTest::newRow("wildcard") << QByteArray("\"k*\"") << QByteArray("a NO [NONEXISTENT] no mailbox named k*");
    }
    void deleteRefused()
    {
        QFETCH(QByteArray, name);
        QFETCH(QByteArray, tagged);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "CREATE keep"));
        QVERIFY(appended(*client, "INBOX"));
        QCOMPARE(client->command("a", "DELETE " + name), QByteArrayList{tagged});
        QCOMPARE(listing(*client, "\"\" *"),
                 (QByteArrayList{"* LIST (\\HasNoChildren) \"/\" INBOX", "* LIST (\\HasNoChildren) \"/\" keep"}));
        QCOMPARE(status(*client, "INBOX", "MESSAGES"), "* STATUS INBOX (MESSAGES 1)");
    }

    void deleteLeaf()
    {
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "CREATE a/b"));
        QVERIFY(appended(*client, "a/b"));
        QCOMPARE(client->command("d", "DELETE a/b"), QByteArrayList{"d OK DELETE completed"});
        QCOMPARE(listing(*client, "\"\" *"),
                 (QByteArrayList{"* LIST (\\HasNoChildren) \"/\" INBOX", "* LIST (\\HasNoChildren) \"/\" a"}));
        QCOMPARE(status(*client, "a/b", "MESSAGES"), "NO [NONEXISTENT] no mailbox named a/b");
        QCOMPARE(client->command("e", "DELETE a/b"), QByteArrayList{"e NO [NONEXISTENT] no mailbox named a/b"});
    }

    // RFC 3501 §6.3.4 (seed bug 15): a mailbox with children becomes \Noselect, its messages
    // go; it cannot be selected; a \Noselect mailbox with children cannot be deleted; once the
    // children are gone it can.
    void deleteParentBecomesNoselect()
    {
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "CREATE a/b"));
        QVERIFY(appended(*client, "a"));
        QVERIFY(appended(*client, "a/b"));
        QCOMPARE(client->command("d", "DELETE a"), QByteArrayList{"d OK DELETE completed"});
        QCOMPARE(listing(*client, "\"\" *"),
                 (QByteArrayList{"* LIST (\\HasNoChildren) \"/\" INBOX", "* LIST (\\Noselect \\HasChildren) \"/\" a",
                                 "* LIST (\\HasNoChildren) \"/\" a/b"}));
        QCOMPARE(listing(*client, "\"\" %"),
                 (QByteArrayList{"* LIST (\\HasNoChildren) \"/\" INBOX", "* LIST (\\Noselect \\HasChildren) \"/\" a"}));
        QCOMPARE(client->command("s", "SELECT a"), QByteArrayList{"s NO [CANNOT] Mailbox cannot be selected"});
        QCOMPARE(client->command("x", "EXAMINE a"), QByteArrayList{"x NO [CANNOT] Mailbox cannot be selected"});
        QVERIFY(status(*client, "a", "MESSAGES").startsWith("NO "));
        QCOMPARE(append(*client, "p", "a", message(1)), QByteArrayList{"p NO [CANNOT] Mailbox cannot hold messages"});
        QCOMPARE(status(*client, "a/b", "MESSAGES"), "* STATUS a/b (MESSAGES 1)");
        QCOMPARE(client->command("e", "DELETE a"), QByteArrayList{"e NO [CANNOT] a is \\Noselect and has inferior names"});

        // CREATE makes it a mailbox again, empty.
        QCOMPARE(client->command("c", "CREATE a"), QByteArrayList{"c OK CREATE completed"});
        QCOMPARE(status(*client, "a", "MESSAGES"), "* STATUS a (MESSAGES 0)");
        QCOMPARE(client->command("s2", "SELECT a").at(1), "* 0 EXISTS");
        QVERIFY(succeeds(*client, "UNSELECT"));

        // Without children, the \Noselect name can go.
        QVERIFY(succeeds(*client, "DELETE a"));
        QVERIFY(succeeds(*client, "DELETE a/b"));
        QCOMPARE(listing(*client, "\"\" a*"), QByteArrayList{"* LIST (\\Noselect \\HasNoChildren) \"/\" a"});
        QCOMPARE(client->command("f", "DELETE a"), QByteArrayList{"f OK DELETE completed"});
        QCOMPARE(listing(*client, "\"\" *"), QByteArrayList{"* LIST (\\HasNoChildren) \"/\" INBOX"});
    }

    // Another session that has the deleted mailbox open sees its messages expunged (§6.3.4
    // removes them, §7.4.1), and a mailbox created again under the name is a new one: its own
    // UIDVALIDITY and no old messages (RFC 3501 §2.3.1.1).
    void deleteWhileSelectedElsewhere_data()
    {
        QTest::addColumn<bool>("withChildren");
        QTest::newRow("without children") << false;
        QTest::newRow("with children") << true;
    }
    void deleteWhileSelectedElsewhere()
    {
        QFETCH(bool, withChildren);
        ImapTestClient *client = alice(0);
        ImapTestClient *other = alice(1);
        QVERIFY(client && other);
        QVERIFY(succeeds(*client, withChildren ? "CREATE box/child" : "CREATE box"));
        QVERIFY(appended(*client, "box"));
        QVERIFY(appended(*client, "box"));
        QCOMPARE(other->command("s", "SELECT box").at(1), "* 2 EXISTS");
        QCOMPARE(client->command("d", "DELETE box"), QByteArrayList{"d OK DELETE completed"});
        QCOMPARE(other->command("n", "NOOP"), (QByteArrayList{"* 1 EXPUNGE", "* 1 EXPUNGE", "n OK NOOP completed"}));

        QVERIFY(succeeds(*client, "CREATE box"));
        const QByteArray validity = QByteArray::number(uidValidity(*client, "box"));
        const QByteArrayList selected = client->command("s", "SELECT box");
        QVERIFY2(selected.contains("* OK [UIDVALIDITY " + validity + "] UIDs valid"), selected.join(" | ").constData());
        QCOMPARE(selected.at(1), "* 0 EXISTS");
        QVERIFY(selected.contains("* OK [UIDNEXT 1] Predicted next UID"));
        QCOMPARE(append(*client, "a", "box", message(1)),
                 (QByteArrayList{"* 1 EXISTS", "* 1 RECENT", "a OK [APPENDUID " + validity + " 1] APPEND completed"}));
    }

    // RFC 3501 §6.3.5: children move with their parent, messages with their mailbox.
    void renameMovesChildren()
    {
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "CREATE a/b/c"));
        QVERIFY(succeeds(*client, "CREATE ab"));
        QVERIFY(appended(*client, "a/b"));
        QVERIFY(appended(*client, "a/b"));
        QCOMPARE(client->command("r", "RENAME a x/y"), QByteArrayList{"r OK RENAME completed"});
        QCOMPARE(listing(*client, "\"\" *"),
                 (QByteArrayList{"* LIST (\\HasNoChildren) \"/\" INBOX", "* LIST (\\HasNoChildren) \"/\" ab",
                                 "* LIST (\\HasChildren) \"/\" x", "* LIST (\\HasChildren) \"/\" x/y",
                                 "* LIST (\\HasChildren) \"/\" x/y/b", "* LIST (\\HasNoChildren) \"/\" x/y/b/c"}));
        QCOMPARE(status(*client, "x/y/b", "MESSAGES"), "* STATUS x/y/b (MESSAGES 2)");
        QCOMPARE(status(*client, "a/b", "MESSAGES"), "NO [NONEXISTENT] no mailbox named a/b");
        QCOMPARE(client->command("s", "SELECT x/y/b").at(1), "* 2 EXISTS");
        // The old name is free again.
        QVERIFY(succeeds(*client, "CREATE a"));
    }

    void renameRefused_data()
    {
        QTest::addColumn<QByteArray>("arguments");
        QTest::addColumn<QByteArray>("tagged");
        QTest::newRow("target exists") << QByteArray("a b") << QByteArray("r NO [ALREADYEXISTS] b already exists");
        QTest::newRow("target is a parent") << QByteArray("a p") << QByteArray("r NO [ALREADYEXISTS] p already exists");
        QTest::newRow("target is INBOX") << QByteArray("a INBOX") << QByteArray("r NO [ALREADYEXISTS] INBOX already exists");
        QTest::newRow("target is inbox") << QByteArray("a inbox") << QByteArray("r NO [ALREADYEXISTS] INBOX already exists");
        QTest::newRow("source missing") << QByteArray("nosuch z") << QByteArray("r NO [NONEXISTENT] no mailbox named nosuch");
        QTest::newRow("into itself") << QByteArray("a a/z") << QByteArray("r NO [CANNOT] cannot rename a into itself");
        QTest::newRow("wildcard target") << QByteArray("a \"z*\"")
                                         << QByteArray("r NO [CANNOT] Wildcards are not allowed in mailbox names");
        QTest::newRow("one argument") << QByteArray("a") << QByteArray("r BAD Missing arguments");
    }
    void renameRefused()
    {
        QFETCH(QByteArray, arguments);
        QFETCH(QByteArray, tagged);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "CREATE a"));
        QVERIFY(succeeds(*client, "CREATE b"));
        QVERIFY(succeeds(*client, "CREATE p/q"));
        QVERIFY(appended(*client, "a"));
        const QByteArrayList before = listing(*client, "\"\" *");
        QCOMPARE(before.size(), 5);
        QCOMPARE(client->command("r", "RENAME " + arguments), QByteArrayList{tagged});
        QCOMPARE(listing(*client, "\"\" *"), before);
        QCOMPARE(status(*client, "a", "MESSAGES"), "* STATUS a (MESSAGES 1)");
    }

    // RFC 3501 §6.3.5 (seed bug 15): renaming INBOX moves its messages to the new name; INBOX
    // stays, empty, with its UIDVALIDITY, and its children stay where they are.
    void renameInboxMovesMessages()
    {
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(appended(*client, "INBOX", "(\\Seen)"));
        QVERIFY(appended(*client, "INBOX"));
        QVERIFY(succeeds(*client, "CREATE INBOX/child"));
        const quint32 validity = uidValidity(*client, "INBOX");
        ImapTestClient *watcher = alice(1);
        QVERIFY(watcher);
        QCOMPARE(watcher->command("w", "SELECT INBOX").at(1), "* 2 EXISTS");

        QCOMPARE(client->command("r", "RENAME inbox Old"), QByteArrayList{"r OK RENAME completed"});
        QCOMPARE(status(*client, "INBOX", "MESSAGES UIDVALIDITY UIDNEXT"),
                 "* STATUS INBOX (MESSAGES 0 UIDVALIDITY " + QByteArray::number(validity) + " UIDNEXT 3)");
        QCOMPARE(status(*client, "Old", "MESSAGES UNSEEN"), "* STATUS Old (MESSAGES 2 UNSEEN 1)");
        QCOMPARE(listing(*client, "\"\" *"),
                 (QByteArrayList{"* LIST (\\HasChildren) \"/\" INBOX", "* LIST (\\HasNoChildren) \"/\" INBOX/child",
                                 "* LIST (\\HasNoChildren) \"/\" Old"}));
        QCOMPARE(client->command("s", "SELECT INBOX").at(1), "* 0 EXISTS");
        QCOMPARE(client->command("o", "SELECT Old").at(1), "* 2 EXISTS");
        // The session that had INBOX open learns that its messages are gone (RFC 3501 §7.4.1).
        QCOMPARE(watcher->command("n", "NOOP"), (QByteArrayList{"* 1 EXPUNGE", "* 1 EXPUNGE", "n OK NOOP completed"}));
        // INBOX takes new mail, with UIDs after the old ones.
        QCOMPARE(append(*client, "p", "INBOX", message(1)),
                 QByteArrayList{"p OK [APPENDUID " + QByteArray::number(validity) + " 3] APPEND completed"});
    }

    // RFC 3501 §6.3.6, §6.3.7, §6.3.9: LSUB lists subscribed names; with "%", a subscribed
    // child's unsubscribed parent is listed as \Noselect.
    void lsub_data()
    {
        QTest::addColumn<QByteArray>("arguments");
        QTest::addColumn<QByteArrayList>("expected");
        QTest::newRow("*") << QByteArray("\"\" *")
                           << QByteArrayList{"* LSUB () \"/\" INBOX", "* LSUB () \"/\" a/b/c", "* LSUB () \"/\" x",
                                             "* LSUB () \"/\" y", "* LSUB () \"/\" y/z"};
        QTest::newRow("%") << QByteArray("\"\" %")
                           << QByteArrayList{"* LSUB () \"/\" INBOX", "* LSUB (\\Noselect) \"/\" a", "* LSUB () \"/\" x",
                                             "* LSUB () \"/\" y"};
        QTest::newRow("a/%") << QByteArray("\"\" a/%") << QByteArrayList{"* LSUB (\\Noselect) \"/\" a/b"};
        QTest::newRow("reference a/") << QByteArray("a/ %") << QByteArrayList{"* LSUB (\\Noselect) \"/\" a/b"};
        QTest::newRow("a/b/%") << QByteArray("\"\" a/b/%") << QByteArrayList{"* LSUB () \"/\" a/b/c"};
        QTest::newRow("a/*") << QByteArray("\"\" a/*") << QByteArrayList{"* LSUB () \"/\" a/b/c"};
        // y is subscribed itself: listed once, without \Noselect.
        QTest::newRow("y%") << QByteArray("\"\" y%") << QByteArrayList{"* LSUB () \"/\" y"};
        QTest::newRow("y/%") << QByteArray("\"\" y/%") << QByteArrayList{"* LSUB () \"/\" y/z"};
        QTest::newRow("inbox") << QByteArray("\"\" inbox") << QByteArrayList{"* LSUB () \"/\" INBOX"};
        QTest::newRow("no match") << QByteArray("\"\" nosuch") << QByteArrayList{};
        QTest::newRow("case-sensitive") << QByteArray("\"\" X") << QByteArrayList{};
    }
    void lsub()
    {
        QFETCH(QByteArray, arguments);
        QFETCH(QByteArrayList, expected);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        for (const char *command : {"CREATE a/b/c", "CREATE x", "CREATE y/z", "SUBSCRIBE INBOX", "SUBSCRIBE a/b/c",
                                    "SUBSCRIBE x", "SUBSCRIBE y", "SUBSCRIBE y/z"})
            QVERIFY(succeeds(*client, command));
        QCOMPARE(listing(*client, arguments, "LSUB"), expected);
    }

    void unsubscribe()
    {
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "CREATE a"));
        QVERIFY(succeeds(*client, "CREATE b"));
        QCOMPARE(client->command("s", "SUBSCRIBE a"), QByteArrayList{"s OK SUBSCRIBE completed"});
        QVERIFY(succeeds(*client, "SUBSCRIBE b"));
        QCOMPARE(listing(*client, "\"\" *", "LSUB"), (QByteArrayList{"* LSUB () \"/\" a", "* LSUB () \"/\" b"}));
        QCOMPARE(client->command("u", "UNSUBSCRIBE a"), QByteArrayList{"u OK UNSUBSCRIBE completed"});
        QCOMPARE(listing(*client, "\"\" *", "LSUB"), QByteArrayList{"* LSUB () \"/\" b"});
        // "The server MUST NOT unilaterally remove an existing mailbox name from the
        // subscription list even if a mailbox by that name no longer exists" (§6.3.6).
        QVERIFY(succeeds(*client, "DELETE b"));
        QCOMPARE(listing(*client, "\"\" *", "LSUB"), QByteArrayList{"* LSUB () \"/\" b"});
        QVERIFY(succeeds(*client, "UNSUBSCRIBE b"));
        QCOMPARE(listing(*client, "\"\" *", "LSUB"), QByteArrayList{});
        // Subscriptions are per user.
        ImapTestClient *bob = this->bob();
        QVERIFY(bob);
        QVERIFY(succeeds(*client, "SUBSCRIBE a"));
        QCOMPARE(listing(*bob, "\"\" *", "LSUB"), QByteArrayList{});
    }

    // RFC 3501 §6.3.8, RFC 3348 CHILDREN; INBOX matches case-insensitively, other names do not
    // (seed bug 13).
    void list_data()
    {
        QTest::addColumn<QByteArray>("arguments");
        QTest::addColumn<QByteArrayList>("expected");
        const QByteArray inbox = "* LIST (\\HasChildren) \"/\" INBOX";
        const QByteArray inboxSub = "* LIST (\\HasNoChildren) \"/\" INBOX/sub";
        const QByteArray a = "* LIST (\\HasChildren) \"/\" a";
        const QByteArray ab = "* LIST (\\HasChildren) \"/\" a/b";
        const QByteArray abc = "* LIST (\\HasNoChildren) \"/\" a/b/c";
        const QByteArray ad = "* LIST (\\HasNoChildren) \"/\" a/d";
        const QByteArray x = "* LIST (\\HasNoChildren) \"/\" x";
        QTest::newRow("*") << QByteArray("\"\" *") << QByteArrayList{inbox, inboxSub, a, ab, abc, ad, x};
        QTest::newRow("%") << QByteArray("\"\" %") << QByteArrayList{inbox, a, x};
        QTest::newRow("a/%") << QByteArray("\"\" a/%") << QByteArrayList{ab, ad};
        QTest::newRow("quoted a/%") << QByteArray("\"\" \"a/%\"") << QByteArrayList{ab, ad};
        QTest::newRow("reference a/ with %") << QByteArray("a/ %") << QByteArrayList{ab, ad};
        QTest::newRow("reference a/ with *") << QByteArray("a/ *") << QByteArrayList{ab, abc, ad};
        QTest::newRow("reference a/ with b") << QByteArray("\"a/\" b") << QByteArrayList{ab};
        QTest::newRow("%/%") << QByteArray("\"\" %/%") << QByteArrayList{inboxSub, ab, ad};
        QTest::newRow("a/*/c") << QByteArray("\"\" a/*/c") << QByteArrayList{abc};
        QTest::newRow("*c") << QByteArray("\"\" *c") << QByteArrayList{abc};
        QTest::newRow("a%") << QByteArray("\"\" a%") << QByteArrayList{a};
        QTest::newRow("exact name") << QByteArray("\"\" a/d") << QByteArrayList{ad};
        QTest::newRow("INBOX") << QByteArray("\"\" INBOX") << QByteArrayList{inbox};
        QTest::newRow("inbox") << QByteArray("\"\" inbox") << QByteArrayList{inbox};
        QTest::newRow("In*") << QByteArray("\"\" In*") << QByteArrayList{inbox, inboxSub};
        QTest::newRow("inBOX/%") << QByteArray("\"\" inBOX/%") << QByteArrayList{inboxSub};
        QTest::newRow("INBOX/SUB") << QByteArray("\"\" INBOX/SUB") << QByteArrayList{};
        QTest::newRow("A (case-sensitive)") << QByteArray("\"\" A") << QByteArrayList{};
        QTest::newRow("A/% (case-sensitive)") << QByteArray("\"\" A/%") << QByteArrayList{};
        QTest::newRow("X* (case-sensitive)") << QByteArray("\"\" X*") << QByteArrayList{};
        QTest::newRow("no match") << QByteArray("\"\" nosuch") << QByteArrayList{};
        QTest::newRow("empty pattern") << QByteArray("\"\" \"\"") << QByteArrayList{"* LIST (\\Noselect) \"/\" \"\""};
    }
    void list()
    {
        QFETCH(QByteArray, arguments);
        QFETCH(QByteArrayList, expected);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        for (const char *command : {"CREATE a/b/c", "CREATE a/d", "CREATE x", "CREATE INBOX/sub"})
            QVERIFY(succeeds(*client, command));
        QCOMPARE(listing(*client, arguments), expected);
    }

    void listBadArguments_data()
    {
        QTest::addColumn<QByteArray>("arguments");
        QTest::addColumn<QByteArray>("tagged");
        QTest::newRow("one argument") << QByteArray("\"\"") << QByteArray("l BAD Missing arguments");
        QTest::newRow("three arguments") << QByteArray("\"\" * x") << QByteArray("l BAD Too many arguments");
        QTest::newRow("list pattern") << QByteArray("\"\" (*)") << QByteArray("l BAD Expected mailbox pattern");
    }
    void listBadArguments()
    {
        QFETCH(QByteArray, arguments);
        QFETCH(QByteArray, tagged);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QCOMPARE(client->command("l", "LIST " + arguments), QByteArrayList{tagged});
        QCOMPARE(client->command("m", "LSUB " + arguments), QByteArrayList{"m" + tagged.mid(1)});
    }

    // RFC 3501 §6.3.10: each item, in the order asked.
    void statusItems_data()
    {
        QTest::addColumn<QByteArray>("items");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("MESSAGES") << QByteArray("MESSAGES") << QByteArray("MESSAGES 3");
        QTest::newRow("RECENT") << QByteArray("RECENT") << QByteArray("RECENT 3");
        QTest::newRow("UIDNEXT") << QByteArray("UIDNEXT") << QByteArray("UIDNEXT 4");
        QTest::newRow("UIDVALIDITY") << QByteArray("UIDVALIDITY") << QByteArray("UIDVALIDITY %v");
        QTest::newRow("UNSEEN") << QByteArray("UNSEEN") << QByteArray("UNSEEN 2");
        QTest::newRow("all, in the order asked") << QByteArray("UNSEEN MESSAGES UIDNEXT RECENT UIDVALIDITY")
                                                 << QByteArray("UNSEEN 2 MESSAGES 3 UIDNEXT 4 RECENT 3 UIDVALIDITY %v");
        QTest::newRow("lower case") << QByteArray("messages unseen") << QByteArray("MESSAGES 3 UNSEEN 2");
    }
    void statusItems()
    {
        QFETCH(QByteArray, items);
        QFETCH(QByteArray, expected);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(appended(*client, "INBOX", "(\\Seen)"));
        QVERIFY(appended(*client, "INBOX", "(\\Flagged)"));
        QVERIFY(appended(*client, "INBOX"));
        QVERIFY(succeeds(*client, "CREATE Other"));
        QVERIFY(appended(*client, "Other", "(\\Seen)"));
        const quint32 validity = uidValidity(*client, "INBOX");
        QVERIFY(validity > 0);
        QCOMPARE(client->command("a", "STATUS INBOX (" + items + ')'),
                 withUidValidity({"* STATUS INBOX (" + expected + ')', "a OK STATUS completed"}, validity));
        QCOMPARE(client->command("b", "STATUS inbox (" + items + ')').first(),
                 withUidValidity({"* STATUS INBOX (" + expected + ')'}, validity).first());
        // Another mailbox has its own numbers, also while INBOX is selected.
        QVERIFY(succeeds(*client, "SELECT INBOX"));
        QCOMPARE(status(*client, "Other", "MESSAGES UNSEEN UIDNEXT"), "* STATUS Other (MESSAGES 1 UNSEEN 0 UIDNEXT 2)");
    }

    void statusRefused_data()
    {
        QTest::addColumn<QByteArray>("arguments");
        QTest::addColumn<QByteArray>("tagged");
        QTest::newRow("unknown item") << QByteArray("INBOX (MESSAGES BOGUS)") << QByteArray("a BAD Unknown status item BOGUS");
        QTest::newRow("empty list") << QByteArray("INBOX ()") << QByteArray("a BAD STATUS needs a list of status items");
        QTest::newRow("item not in a list") << QByteArray("INBOX MESSAGES")
                                            << QByteArray("a BAD STATUS needs a list of status items");
        QTest::newRow("no items") << QByteArray("INBOX") << QByteArray("a BAD Missing arguments");
        QTest::newRow("missing mailbox") << QByteArray("nosuch (MESSAGES)")
                                         << QByteArray("a NO [NONEXISTENT] no mailbox named nosuch");
    }
    void statusRefused()
    {
        QFETCH(QByteArray, arguments);
        QFETCH(QByteArray, tagged);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QCOMPARE(client->command("a", "STATUS " + arguments), QByteArrayList{tagged});
    }

    // Seed bug 8: names with a space, a quote or a backslash are valid only as quoted strings
    // (or literals), and must go out escaped.
    void quotedMailboxNames_data()
    {
        QTest::addColumn<QByteArray>("sent");
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("space") << QByteArray("\"with space\"") << QByteArray("\"with space\"");
        QTest::newRow("quote") << QByteArray("\"say \\\"hi\\\"\"") << QByteArray("\"say \\\"hi\\\"\"");
        QTest::newRow("backslash") << QByteArray("\"back\\\\slash\"") << QByteArray("\"back\\\\slash\"");
        QTest::newRow("all three, as a literal") << QByteArray("{7+}\r\na \"b\\ c") << QByteArray("\"a \\\"b\\\\ c\"");
        QTest::newRow("parentheses") << QByteArray("\"(x)\"") << QByteArray("\"(x)\"");
        QTest::newRow("brace") << QByteArray("\"{x\"") << QByteArray("\"{x\"");
        QTest::newRow("NIL") << QByteArray("\"NIL\"") << QByteArray("\"NIL\"");
        QTest::newRow("child with space") << QByteArray("\"my box/sub box\"") << QByteArray("\"my box/sub box\"");
    }
    void quotedMailboxNames()
    {
        QFETCH(QByteArray, sent);
        QFETCH(QByteArray, wire);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "CREATE " + sent));
        QCOMPARE(status(*client, sent, "MESSAGES"), "* STATUS " + wire + " (MESSAGES 0)");
        QVERIFY(appended(*client, sent));
        QCOMPARE(status(*client, wire, "MESSAGES"), "* STATUS " + wire + " (MESSAGES 1)");
        QCOMPARE(listing(*client, "\"\" " + wire), QByteArrayList{"* LIST (\\HasNoChildren) \"/\" " + wire});
        QVERIFY(succeeds(*client, "SUBSCRIBE " + wire));
        QCOMPARE(listing(*client, "\"\" " + wire, "LSUB"), QByteArrayList{"* LSUB () \"/\" " + wire});
        QCOMPARE(client->command("s", "SELECT " + wire).at(1), "* 1 EXISTS");
        QVERIFY(succeeds(*client, "RENAME " + wire + " plain"));
        QCOMPARE(status(*client, "plain", "MESSAGES"), "* STATUS plain (MESSAGES 1)");
    }

    // RFC 4315 §3: APPENDUID with the mailbox's UIDVALIDITY and the new UID; consecutive UIDs.
    void appendUid()
    {
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "CREATE Work"));
        const quint32 inbox = uidValidity(*client, "INBOX");
        const quint32 work = uidValidity(*client, "Work");
        QVERIFY(inbox > 0 && work > 0);
        QVERIFY(inbox != work);
        const QByteArray v = QByteArray::number(inbox);
        for (int uid = 1; uid <= 3; ++uid) {
            QCOMPARE(append(*client, "a", "INBOX", message(uid)),
                     QByteArrayList{"a OK [APPENDUID " + v + ' ' + QByteArray::number(uid) + "] APPEND completed"});
        }
        QCOMPARE(append(*client, "b", "Work", message(1)),
                 QByteArrayList{"b OK [APPENDUID " + QByteArray::number(work) + " 1] APPEND completed"});
        QCOMPARE(append(*client, "c", "inbox", message(1)), QByteArrayList{"c OK [APPENDUID " + v + " 4] APPEND completed"});
        // A synchronizing literal works the same way.
        const QByteArray body = message(9);
        client->sendLine("d APPEND INBOX (\\Seen) {" + QByteArray::number(body.size()) + '}');
        QCOMPARE(client->readResponse(), "+ Ready for literal data");
        client->send(body + "\r\n");
        QCOMPARE(client->readUntilTagged("d"), QByteArrayList{"d OK [APPENDUID " + v + " 5] APPEND completed"});
        QCOMPARE(status(*client, "INBOX", "MESSAGES UIDNEXT UNSEEN"), "* STATUS INBOX (MESSAGES 5 UIDNEXT 6 UNSEEN 4)");
    }

    // RFC 3501 §6.3.11: flags and date-time are optional; keywords are flags too (seed bug 19).
    void appendAccepted_data()
    {
        QTest::addColumn<QByteArray>("options");
        QTest::addColumn<quint32>("unseen");
        QTest::newRow("no options") << QByteArray() << 1u;
        QTest::newRow("empty flag list") << QByteArray("()") << 1u;
        QTest::newRow("system flags") << QByteArray("(\\Seen \\Flagged \\Answered \\Draft \\Deleted)") << 0u;
        QTest::newRow("lower-case flag") << QByteArray("(\\seen)") << 0u;
        QTest::newRow("keywords") << QByteArray("($Label1 NonJunk \\Seen)") << 0u;
        QTest::newRow("date-time") << QByteArray("\"17-Jul-1996 02:44:25 -0700\"") << 1u;
        QTest::newRow("space-padded day") << QByteArray("\" 7-Jul-1996 02:44:25 +0000\"") << 1u;
        QTest::newRow("flags and date-time") << QByteArray("(\\Seen) \"01-Jan-2024 23:59:59 +1400\"") << 0u;
    }
    void appendAccepted()
    {
        QFETCH(QByteArray, options);
        QFETCH(quint32, unseen);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        const QByteArray v = QByteArray::number(uidValidity(*client, "INBOX"));
        QCOMPARE(append(*client, "a", "INBOX", message(1), options), QByteArrayList{"a OK [APPENDUID " + v + " 1] APPEND completed"});
        QCOMPARE(status(*client, "INBOX", "MESSAGES UNSEEN"),
                 "* STATUS INBOX (MESSAGES 1 UNSEEN " + QByteArray::number(unseen) + ')');
        if (options.contains("$Label1")) {
            QCOMPARE(client->command("s", "SELECT INBOX").first(), "* FLAGS (" + SystemFlags + " $Label1 NonJunk)");
        }
    }

    // Seed bug 9: everything is checked before anything is stored.
    void appendRejected_data()
    {
        QTest::addColumn<QByteArray>("command"); // after the tag; %M is the message as LITERAL+
        QTest::addColumn<QByteArray>("tagged");
        const QByteArray badDate = "a BAD Invalid date-time, expected e.g. \"17-Jul-1996 02:44:25 -0700\"";
        QTest::newRow("day 32") << QByteArray("APPEND INBOX \"32-Jan-2020 10:00:00 +0000\" %M") << badDate;
        QTest::newRow("unknown month") << QByteArray("APPEND INBOX \"01-Foo-2020 10:00:00 +0000\" %M") << badDate;
        QTest::newRow("hour 25") << QByteArray("APPEND INBOX \"01-Jan-2020 25:00:00 +0000\" %M") << badDate;
        QTest::newRow("30 February") << QByteArray("APPEND INBOX \"30-Feb-2020 10:00:00 +0000\" %M") << badDate;
        QTest::newRow("no zone") << QByteArray("APPEND INBOX \"01-Jan-2020 10:00:00\" %M") << badDate;
        QTest::newRow("date only") << QByteArray("APPEND INBOX \"01-Jan-2020\" %M") << badDate;
        QTest::newRow("date as atom") << QByteArray("APPEND INBOX 01-Jan-2020 %M") << badDate;
        QTest::newRow("flags then bad date") << QByteArray("APPEND INBOX (\\Seen) \"garbage\" %M") << badDate;
        QTest::newRow("\\Recent") << QByteArray("APPEND INBOX (\\Recent) %M")
                                  << QByteArray("a BAD \\Recent cannot be set by a client");
        QTest::newRow("\\Bogus") << QByteArray("APPEND INBOX (\\Seen \\Bogus) %M")
                                 << QByteArray("a BAD Unknown system flag \\Bogus");
        QTest::newRow("quoted flag") << QByteArray("APPEND INBOX (\"x\") %M") << QByteArray("a BAD Flags must be atoms");
        QTest::newRow("nested flag list") << QByteArray("APPEND INBOX ((\\Seen)) %M") << QByteArray("a BAD Flags must be atoms");
        QTest::newRow("keyword with ]") << QByteArray("APPEND INBOX (a]b) %M") << QByteArray("a BAD Invalid keyword a]b");
        QTest::newRow("date before flags") << QByteArray("APPEND INBOX \"17-Jul-1996 02:44:25 -0700\" (\\Seen) %M")
                                           << QByteArray("a BAD APPEND needs the message as a literal");
        QTest::newRow("message as quoted string") << QByteArray("APPEND INBOX \"Subject: x\"")
                                                  << QByteArray("a BAD APPEND needs the message as a literal");
        QTest::newRow("no message") << QByteArray("APPEND INBOX") << QByteArray("a BAD Missing arguments");
        QTest::newRow("extra argument") << QByteArray("APPEND INBOX () \"17-Jul-1996 02:44:25 -0700\" x %M")
                                        << QByteArray("a BAD Too many arguments");
        QTest::newRow("empty message") << QByteArray("APPEND INBOX {0+}\r\n") << QByteArray("a NO Cannot append an empty message");
        QTest::newRow("missing mailbox") << QByteArray("APPEND nosuch %M") << QByteArray("a NO [TRYCREATE] Mailbox does not exist");
        QTest::newRow("invalid mailbox name") << QByteArray("APPEND \"a//b\" %M")
                                              << QByteArray("a NO [CANNOT] Empty level in mailbox name");
    }
    void appendRejected()
    {
        QFETCH(QByteArray, command);
        QFETCH(QByteArray, tagged);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(appended(*client, "INBOX"));
        const QByteArray before = status(*client, "INBOX", "MESSAGES UIDNEXT");
        QCOMPARE(before, "* STATUS INBOX (MESSAGES 1 UIDNEXT 2)");
        const QByteArray body = message(7);
        command.replace("%M", QByteArray("{" + QByteArray::number(body.size()) + "+}\r\n" + body));
        client->sendLine("a " + command);
        QCOMPARE(client->readUntilTagged("a"), QByteArrayList{tagged});
        QCOMPARE(status(*client, "INBOX", "MESSAGES UIDNEXT"), before);
        QCOMPARE(listing(*client, "\"\" *"), QByteArrayList{"* LIST (\\HasNoChildren) \"/\" INBOX"});
    }

    // RFC 3501 §6.3.11: "If the destination mailbox is the currently selected mailbox, the
    // server SHOULD notify the client immediately" (seed bug 9): EXISTS before the tagged OK.
    void appendToSelectedMailbox()
    {
        ImapTestClient *client = alice(0);
        ImapTestClient *other = alice(1);
        QVERIFY(client && other);
        QVERIFY(succeeds(*client, "CREATE Work"));
        const QByteArray v = QByteArray::number(uidValidity(*client, "INBOX"));
        QCOMPARE(client->command("s", "SELECT INBOX").at(1), "* 0 EXISTS");
        QCOMPARE(other->command("s", "SELECT INBOX").at(1), "* 0 EXISTS");
        QCOMPARE(append(*client, "a", "INBOX", message(1)),
                 (QByteArrayList{"* 1 EXISTS", "* 1 RECENT", "a OK [APPENDUID " + v + " 1] APPEND completed"}));
        // Elsewhere: no EXISTS.
        QCOMPARE(append(*client, "b", "Work", message(1)).size(), 1);
        QCOMPARE(append(*client, "c", "INBOX", message(1), "(\\Seen)"),
                 (QByteArrayList{"* 2 EXISTS", "* 2 RECENT", "c OK [APPENDUID " + v + " 2] APPEND completed"}));
        // The other session hears of both on its next command; neither is recent there.
        const QByteArrayList reply = other->command("n", "NOOP");
        QCOMPARE(reply.first(), "* 2 EXISTS");
        QVERIFY(!reply.contains("* 1 RECENT") && !reply.contains("* 2 RECENT"));
        QCOMPARE(reply.last(), "n OK NOOP completed");
        QCOMPARE(other->command("m", "NOOP"), QByteArrayList{"m OK NOOP completed"});
    }

    // Seed bug 12: STATUS of the selected mailbox must not swallow a pending EXISTS; the
    // session still announces the new message (RFC 3501 §6.3.10 discourages STATUS on the
    // selected mailbox, but allows it).
    void statusOfSelectedKeepsPendingExists()
    {
        ImapTestClient *client = alice(0);
        ImapTestClient *other = alice(1);
        QVERIFY(client && other);
        QCOMPARE(client->command("s", "SELECT INBOX").at(1), "* 0 EXISTS");
        QVERIFY(appended(*other, "INBOX"));
        const QByteArrayList reply = client->command("a", "STATUS INBOX (MESSAGES)");
        QVERIFY2(reply.contains("* STATUS INBOX (MESSAGES 1)"), reply.join(" | ").constData());
        QVERIFY2(reply.contains("* 1 EXISTS"), reply.join(" | ").constData());
        QCOMPARE(reply.last(), "a OK STATUS completed");
        QCOMPARE(client->command("b", "NOOP"), QByteArrayList{"b OK NOOP completed"});
    }

    // RFC 3501 §6.4.1.
    void check_data()
    {
        QTest::addColumn<QByteArray>("select");
        QTest::newRow("SELECT") << QByteArray("SELECT");
        QTest::newRow("EXAMINE") << QByteArray("EXAMINE");
    }
    void check()
    {
        QFETCH(QByteArray, select);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(succeeds(*client, select + " INBOX"));
        QCOMPARE(client->command("c", "CHECK"), QByteArrayList{"c OK CHECK completed"});
        QCOMPARE(client->command("d", "CHECK now"), QByteArrayList{"d BAD Too many arguments"});
    }

    // RFC 3501 §6.4.2 (seed bug 6): CLOSE expunges \Deleted messages silently (none for a
    // read-only mailbox) and returns to the authenticated state; other sessions are told.
    void closeIsSilent_data()
    {
        QTest::addColumn<QByteArray>("select");
        QTest::addColumn<QByteArray>("remaining");
        QTest::addColumn<QByteArrayList>("othersSee");
        QTest::newRow("SELECT") << QByteArray("SELECT") << QByteArray("1")
                                << QByteArrayList{"* 1 EXPUNGE", "* 2 EXPUNGE", "n OK NOOP completed"};
        QTest::newRow("EXAMINE") << QByteArray("EXAMINE") << QByteArray("3") << QByteArrayList{"n OK NOOP completed"};
    }
    void closeIsSilent()
    {
        QFETCH(QByteArray, select);
        QFETCH(QByteArray, remaining);
        QFETCH(QByteArrayList, othersSee);
        ImapTestClient *client = alice(0);
        ImapTestClient *other = alice(1);
        QVERIFY(client && other);
        QVERIFY(appended(*client, "INBOX", "(\\Deleted)"));
        QVERIFY(appended(*client, "INBOX", "(\\Seen)"));
        QVERIFY(appended(*client, "INBOX", "(\\Deleted \\Seen)"));
        QCOMPARE(other->command("o", "SELECT INBOX").at(1), "* 3 EXISTS");
        QCOMPARE(client->command("s", select + " INBOX").at(1), "* 3 EXISTS");
        QCOMPARE(client->command("c", "CLOSE"), QByteArrayList{"c OK CLOSE completed"});
        QCOMPARE(client->command("k", "CHECK"), QByteArrayList{"k BAD CHECK not allowed in this state: Select a mailbox first"});
        QCOMPARE(status(*client, "INBOX", "MESSAGES"), "* STATUS INBOX (MESSAGES " + remaining + ')');
        QCOMPARE(other->command("n", "NOOP"), othersSee);
        QVERIFY(client->nothingWithin(50));
    }

    // RFC 3691: UNSELECT leaves the mailbox without expunging.
    void unselectKeepsDeleted_data()
    {
        QTest::addColumn<QByteArray>("select");
        QTest::newRow("SELECT") << QByteArray("SELECT");
        QTest::newRow("EXAMINE") << QByteArray("EXAMINE");
    }
    void unselectKeepsDeleted()
    {
        QFETCH(QByteArray, select);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(appended(*client, "INBOX", "(\\Deleted)"));
        QVERIFY(succeeds(*client, select + " INBOX"));
        QCOMPARE(client->command("u", "UNSELECT"), QByteArrayList{"u OK UNSELECT completed"});
        QCOMPARE(client->command("k", "CHECK"), QByteArrayList{"k BAD CHECK not allowed in this state: Select a mailbox first"});
        QCOMPARE(status(*client, "INBOX", "MESSAGES"), "* STATUS INBOX (MESSAGES 1)");
        QCOMPARE(client->command("v", "UNSELECT"),
                 QByteArrayList{"v BAD UNSELECT not allowed in this state: Select a mailbox first"});
    }

    // RFC 3501 §6.3.1, §6.4.2 (seed bug 16): only CLOSE expunges; leaving a mailbox by any other
    // way keeps its \Deleted messages.
    void leavingWithoutCloseKeepsDeleted_data()
    {
        QTest::addColumn<QByteArray>("leave");
        QTest::newRow("SELECT another") << QByteArray("SELECT Other");
        QTest::newRow("EXAMINE another") << QByteArray("EXAMINE Other");
        QTest::newRow("SELECT the same") << QByteArray("SELECT INBOX");
        QTest::newRow("failed SELECT") << QByteArray("SELECT nosuch");
        QTest::newRow("DELETE of another") << QByteArray("DELETE Other");
        QTest::newRow("LOGOUT") << QByteArray("LOGOUT");
    }
    void leavingWithoutCloseKeepsDeleted()
    {
        QFETCH(QByteArray, leave);
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "CREATE Other"));
        QVERIFY(appended(*client, "INBOX", "(\\Deleted)"));
        QVERIFY(appended(*client, "INBOX", "(\\Deleted \\Seen)"));
        QVERIFY(succeeds(*client, "SELECT INBOX"));
        QVERIFY(!run(*client, leave).isEmpty());
        ImapTestClient *observer = alice(1);
        QVERIFY(observer);
        QCOMPARE(status(*observer, "INBOX", "MESSAGES"), "* STATUS INBOX (MESSAGES 2)");
    }

    // DESIGN.md: a user sees only their own mailboxes.
    void usersAreIsolated()
    {
        ImapTestClient *alice = this->alice(0);
        QVERIFY(alice);
        QVERIFY(succeeds(*alice, "CREATE Private/Sub"));
        QVERIFY(succeeds(*alice, "SUBSCRIBE Private"));
        QVERIFY(appended(*alice, "INBOX"));
        QVERIFY(appended(*alice, "Private"));
        const QByteArrayList aliceList = listing(*alice, "\"\" *");
        QCOMPARE(aliceList.size(), 3);

        ImapTestClient *bob = this->bob();
        QVERIFY(bob);
        QCOMPARE(listing(*bob, "\"\" *"), QByteArrayList{"* LIST (\\HasNoChildren) \"/\" INBOX"});
        QCOMPARE(listing(*bob, "\"\" Private*"), QByteArrayList{});
        QCOMPARE(listing(*bob, "\"\" *", "LSUB"), QByteArrayList{});
        QCOMPARE(status(*bob, "INBOX", "MESSAGES"), "* STATUS INBOX (MESSAGES 0)");
        const QByteArray none = " NO [NONEXISTENT] no mailbox named Private";
        QCOMPARE(bob->command("a", "SELECT Private"), QByteArrayList{"a" + none});
        QCOMPARE(bob->command("b", "EXAMINE Private/Sub"), QByteArrayList{"b NO [NONEXISTENT] no mailbox named Private/Sub"});
        QCOMPARE(bob->command("c", "STATUS Private (MESSAGES)"), QByteArrayList{"c" + none});
        QCOMPARE(append(*bob, "d", "Private", message(1)), QByteArrayList{"d NO [TRYCREATE] Mailbox does not exist"});
        QCOMPARE(bob->command("e", "DELETE Private"), QByteArrayList{"e" + none});
        QCOMPARE(bob->command("f", "RENAME Private Mine"), QByteArrayList{"f" + none});
        QCOMPARE(bob->command("g", "SUBSCRIBE Private"), QByteArrayList{"g" + none});
        // Bob's own mailbox of the same name is his alone.
        QVERIFY(succeeds(*bob, "CREATE Private"));
        QVERIFY(appended(*bob, "Private"));
        QVERIFY(appended(*bob, "Private"));
        QCOMPARE(status(*bob, "Private", "MESSAGES"), "* STATUS Private (MESSAGES 2)");
        QVERIFY(succeeds(*bob, "RENAME INBOX Moved"));
        QVERIFY(succeeds(*bob, "DELETE Private"));

        QCOMPARE(listing(*alice, "\"\" *"), aliceList);
        QCOMPARE(status(*alice, "Private", "MESSAGES"), "* STATUS Private (MESSAGES 1)");
        QCOMPARE(status(*alice, "INBOX", "MESSAGES"), "* STATUS INBOX (MESSAGES 1)");
        QCOMPARE(listing(*alice, "\"\" *", "LSUB"), QByteArrayList{"* LSUB () \"/\" Private"});
    }

    // DESIGN.md: the SQLite store keeps everything across a restart, UIDVALIDITY and UIDNEXT
    // included (RFC 3501 §2.3.1.1: UIDs persist, or UIDVALIDITY must change).
    void stateSurvivesRestart()
    {
        QFETCH_GLOBAL(QString, store);
        if (store != u"sqlite"_s)
            QSKIP("the memory store keeps nothing across a restart");
        QByteArray inboxStatus;
        QByteArray workStatus;
        QByteArrayList listed;
        {
            ImapTestClient *client = alice(0);
            QVERIFY(client);
            QVERIFY(succeeds(*client, "CREATE Work/Sub"));
            QVERIFY(succeeds(*client, "CREATE Gone/Child"));
            QVERIFY(succeeds(*client, "DELETE Gone"));
            QVERIFY(succeeds(*client, "SUBSCRIBE Work/Sub"));
            QVERIFY(appended(*client, "INBOX", "(\\Seen)"));
            QVERIFY(appended(*client, "INBOX"));
            QVERIFY(appended(*client, "Work", "($Label1)"));
            QVERIFY(appended(*client, "Work", "(\\Deleted)"));
            QVERIFY(succeeds(*client, "SELECT Work"));
            QVERIFY(succeeds(*client, "CLOSE")); // expunges the last one: UIDNEXT stays 3
            inboxStatus = status(*client, "INBOX", "MESSAGES UNSEEN UIDNEXT UIDVALIDITY");
            workStatus = status(*client, "Work", "MESSAGES UNSEEN UIDNEXT UIDVALIDITY");
            QVERIFY(workStatus.contains("MESSAGES 1 UNSEEN 1 UIDNEXT 3 UIDVALIDITY "));
            listed = listing(*client, "\"\" *");
            QCOMPARE(listed.size(), 5);
            QVERIFY(listed.contains("* LIST (\\Noselect \\HasChildren) \"/\" Gone"));
        }
        QVERIFY(restartServer());
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QCOMPARE(status(*client, "INBOX", "MESSAGES UNSEEN UIDNEXT UIDVALIDITY"), inboxStatus);
        QCOMPARE(status(*client, "Work", "MESSAGES UNSEEN UIDNEXT UIDVALIDITY"), workStatus);
        QCOMPARE(listing(*client, "\"\" *"), listed);
        QCOMPARE(listing(*client, "\"\" *", "LSUB"), QByteArrayList{"* LSUB () \"/\" Work/Sub"});
        const QByteArrayList selected = client->command("s", "SELECT Work");
        QCOMPARE(selected.first(), "* FLAGS (" + SystemFlags + " $Label1)");
        QCOMPARE(selected.at(1), "* 1 EXISTS");
        const quint32 work = uidValidity(*client, "Work");
        QVERIFY(selected.contains("* OK [UIDVALIDITY " + QByteArray::number(work) + "] UIDs valid"));
        QVERIFY(selected.contains("* OK [UIDNEXT 3] Predicted next UID"));
        // UIDs are never reused, not even the expunged one's.
        const QByteArrayList appendReply = append(*client, "a", "Work", message(1));
        QCOMPARE(appendReply.first(), "* 2 EXISTS");
        QCOMPARE(appendReply.last(), "a OK [APPENDUID " + QByteArray::number(work) + " 3] APPEND completed");
    }

    // RFC 3501 §2.3.1.1: a name used again gets a greater UIDVALIDITY.
    void uidValidityChangesWhenNameIsReused_data()
    {
        QTest::addColumn<QByteArrayList>("reuse");
        QTest::addColumn<bool>("restart");
        QTest::newRow("DELETE then CREATE") << QByteArrayList{"DELETE box", "CREATE box"} << false;
        QTest::newRow("\\Noselect then CREATE") << QByteArrayList{"CREATE box/child", "DELETE box", "CREATE box"} << false;
        QTest::newRow("RENAME away then CREATE") << QByteArrayList{"RENAME box elsewhere", "CREATE box"} << false;
        QTest::newRow("DELETE, restart, CREATE") << QByteArrayList{"DELETE box", "(restart)", "CREATE box"} << true;
    }
    void uidValidityChangesWhenNameIsReused()
    {
        QFETCH(QByteArrayList, reuse);
        QFETCH(bool, restart);
        QFETCH_GLOBAL(QString, store);
        if (restart && store != u"sqlite"_s)
            QSKIP("the memory store keeps nothing across a restart");
        ImapTestClient *client = alice(0);
        QVERIFY(client);
        QVERIFY(succeeds(*client, "CREATE box"));
        QVERIFY(appended(*client, "box"));
        const quint32 before = uidValidity(*client, "box");
        QVERIFY(before > 0);
        for (const QByteArray &command : std::as_const(reuse)) {
            if (command == "(restart)") {
                QVERIFY(restartServer());
                client = alice(0);
                QVERIFY(client);
                continue;
            }
            QVERIFY(succeeds(*client, command));
        }
        const quint32 after = uidValidity(*client, "box");
        QVERIFY2(after > before, qPrintable(u"UIDVALIDITY %1 -> %2"_s.arg(before).arg(after)));
        QCOMPARE(status(*client, "box", "MESSAGES"), "* STATUS box (MESSAGES 0)");
    }

};

QTEST_GUILESS_MAIN(TstMailboxes)
#include "tst_mailboxes.moc"
