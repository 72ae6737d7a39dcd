#include "ImapTestClient.h"
#include "MailStore.h"
#include "TestServer.h"

#include <QTest>

using namespace qimapd::test;
using namespace Qt::StringLiterals;

// Several sessions on one mailbox (RFC 3501 §5.2, §5.5, §7.4.1): every session sees a
// consistent mailbox, told of others' changes at the moments the RFC allows. Both stores.
class TstViews : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init_data() {}
    void init()
    {
        const QString store = QString::fromLatin1(QTest::currentDataTag()).section(u':', 0, 0);
        m_server = std::make_unique<TestServer>(store.isEmpty() ? u"memory"_s : store);
        QVERIFY2(m_server->start(), qPrintable(m_server->error()));
    }
    void cleanup() { m_server.reset(); }

    void implicitSeenIsAnnouncedToOthers_data() { stores(); }
    // Seed bug 4: the \Seen set by a body fetch reaches the other sessions like any change.
    void implicitSeenIsAnnouncedToOthers()
    {
        ImapTestClient a, b;
        QVERIFY(openInbox(a));
        QVERIFY(append(a, "Subject: s\r\n\r\nx"));
        QVERIFY(openInbox(b));
        const QByteArrayList fetched = a.command("f", "FETCH 1 RFC822.TEXT");
        QCOMPARE(fetched.first(), "* 1 FETCH (RFC822.TEXT {1}\r\nx FLAGS (\\Seen \\Recent))");
        QCOMPARE(b.command("n", "NOOP"), (QByteArrayList{"* 1 FETCH (UID 1 FLAGS (\\Seen))", "n OK NOOP completed"}));
    }

    void recentGoesToOneSession_data() { stores(); }
    void recentGoesToOneSession()
    {
        ImapTestClient a, b, c;
        QVERIFY(openInbox(a));
        QVERIFY(openInbox(b));
        QVERIFY(connectAndLogin(c));
        // A third session appends: exactly one of the two selected sessions gets \Recent.
        QVERIFY(append(c, "new"));
        const QByteArrayList seenByA = a.command("n", "NOOP");
        const QByteArrayList seenByB = b.command("n", "NOOP");
        QVERIFY(seenByA.contains("* 1 EXISTS") && seenByB.contains("* 1 EXISTS"));
        const int recentA = seenByA.contains("* 1 RECENT") ? 1 : 0;
        const int recentB = seenByB.contains("* 1 RECENT") ? 1 : 0;
        QCOMPARE(recentA + recentB, 1);
        QCOMPARE(a.command("s", "SEARCH RECENT").first(), recentA ? QByteArray("* SEARCH 1") : QByteArray("* SEARCH"));
        QCOMPARE(b.command("s", "SEARCH RECENT").first(), recentB ? QByteArray("* SEARCH 1") : QByteArray("* SEARCH"));
        // A later SELECT anywhere finds nothing recent left.
        ImapTestClient d;
        QVERIFY(connectAndLogin(d));
        QVERIFY(d.command("s", "SELECT INBOX").contains("* 0 RECENT"));
    }

    void appendAndCopyIntoSelectedMailbox_data() { stores(); }
    // Seed bug 9: the appending client itself gets EXISTS; COPY into the selected mailbox too.
    void appendAndCopyIntoSelectedMailbox()
    {
        ImapTestClient a;
        QVERIFY(openInbox(a));
        const QByteArrayList appended = a.command("a", "APPEND INBOX {3+}\r\none");
        QCOMPARE(appended.mid(0, 2), (QByteArrayList{"* 1 EXISTS", "* 1 RECENT"}));
        const QByteArrayList copied = a.command("c", "COPY 1 INBOX");
        QCOMPARE(copied.mid(0, 2), (QByteArrayList{"* 2 EXISTS", "* 2 RECENT"}));
        QVERIFY(copied.last().startsWith("c OK [COPYUID "));
    }

    void expungeIsDeferredDuringFetchStoreSearch_data() { stores(); }
    // RFC 3501 §7.4.1: no EXPUNGE while responding to FETCH, STORE or SEARCH; the message keeps
    // its number meanwhile and can still be addressed; NOOP then tells.
    void expungeIsDeferredDuringFetchStoreSearch()
    {
        ImapTestClient a, b;
        QVERIFY(openInbox(a));
        for (const char *text : {"one", "two", "three"})
            QVERIFY(append(a, text));
        QVERIFY(openInbox(b));
        QVERIFY(a.command("d", "STORE 2 +FLAGS.SILENT (\\Deleted)").last().startsWith("d OK"));
        QCOMPARE(a.command("e", "EXPUNGE").first(), "* 2 EXPUNGE");

        // B still counts three messages; 3 is still "three".
        const QByteArrayList fetched = b.command("f", "FETCH 3 (UID BODY.PEEK[])");
        QVERIFY2(!fetched.join(' ').contains("EXPUNGE"), fetched.join(" | ").constData());
        QVERIFY2(fetched.contains("* 3 FETCH (UID 3 BODY[] {5}\r\nthree)"), fetched.join(" | ").constData());
        // The expunged message itself still answers with its own data, never an error
        // (bodies are kept until no view lists the message).
        const QByteArrayList gone = b.command("g", "FETCH 2 (UID FLAGS BODY.PEEK[])");
        QVERIFY2(gone.contains("* 2 FETCH (UID 2 FLAGS (\\Deleted) BODY[] {3}\r\ntwo)"), gone.join(" | ").constData());
        QCOMPARE(gone.last(), "g OK FETCH completed");
        QVERIFY(retained(2));
        QVERIFY(!b.command("s", "SEARCH ALL").join(' ').contains("EXPUNGE"));
        QVERIFY(!b.command("t", "STORE 1 +FLAGS.SILENT (\\Flagged)").join(' ').contains("EXPUNGE"));
        QCOMPARE(b.command("n", "NOOP"), (QByteArrayList{"* 2 EXPUNGE", "n OK NOOP completed"}));
        QCOMPARE(b.command("f2", "FETCH 2 (UID)").first(), "* 2 FETCH (UID 3)");
        // Every view has been told: the store no longer keeps the expunged message.
        QVERIFY(!retained(2));
    }

    void uidCommandsMaySeeExpunge_data() { stores(); }
    void uidCommandsMaySeeExpunge()
    {
        ImapTestClient a, b;
        QVERIFY(openInbox(a));
        QVERIFY(append(a, "one"));
        QVERIFY(append(a, "two"));
        QVERIFY(openInbox(b));
        QVERIFY(a.command("d", "STORE 1 +FLAGS.SILENT (\\Deleted)").last().startsWith("d OK"));
        QVERIFY(a.command("e", "EXPUNGE").last().startsWith("e OK"));
        const QByteArrayList fetched = b.command("u", "UID FETCH 2 (FLAGS)");
        QVERIFY2(fetched.contains("* 1 EXPUNGE"), fetched.join(" | ").constData());
    }

    void renameKeepsOtherSessionsWorking_data() { stores(); }
    // Seed bug 12: after RENAME the other session's mailbox has the new name — STATUS and
    // APPEND under the new name reach what it has selected — and STATUS on the selected
    // mailbox does not swallow its pending EXISTS.
    void renameKeepsOtherSessionsWorking()
    {
        ImapTestClient a, b;
        QVERIFY(connectAndLogin(a));
        QVERIFY(a.command("c", "CREATE Work").last().startsWith("c OK"));
        QVERIFY(connectAndLogin(b));
        QVERIFY(b.command("s", "SELECT Work").last().startsWith("s OK"));
        QVERIFY(a.command("r", "RENAME Work Projects").last().startsWith("r OK"));
        QVERIFY(a.command("a", "APPEND Projects {3+}\r\nnew").last().startsWith("a OK"));
        // B's pending EXISTS survives a STATUS of the selected mailbox and is sent with it.
        const QByteArrayList status = b.command("st", "STATUS Projects (MESSAGES)");
        QVERIFY2(status.contains("* 1 EXISTS"), status.join(" | ").constData());
        QVERIFY(status.contains("* STATUS Projects (MESSAGES 1)"));
        QCOMPARE(b.command("old", "STATUS Work (MESSAGES)").last().left(6), QByteArray("old NO"));
        QCOMPARE(b.command("f", "FETCH 1 BODY.PEEK[]").first(), "* 1 FETCH (BODY[] {3}\r\nnew)");
    }

    void selectingAnotherMailboxDropsTheOldView_data() { stores(); }
    void selectingAnotherMailboxDropsTheOldView()
    {
        ImapTestClient a, b;
        QVERIFY(openInbox(a));
        QVERIFY(a.command("c", "CREATE Other").last().startsWith("c OK"));
        QVERIFY(connectAndLogin(b));
        QVERIFY(append(b, "into inbox"));
        // A switches mailbox before hearing of it: nothing about INBOX may follow.
        const QByteArrayList selected = a.command("s", "SELECT Other");
        QCOMPARE(selected.mid(0, 3), (QByteArrayList{"* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)",
                                                     "* 0 EXISTS", "* 0 RECENT"}));
        QVERIFY(append(b, "into inbox again"));
        QCOMPARE(a.command("n", "NOOP"), QByteArrayList{"n OK NOOP completed"});
    }

private:
    void stores()
    {
        QTest::addColumn<int>("unused");
        QTest::newRow("memory") << 0;
        QTest::newRow("sqlite") << 0;
    }
    bool connectAndLogin(ImapTestClient &client)
    {
        return client.connectTo(m_server->sslPort(), ImapTestClient::Mode::ImplicitTls)
            && client.login("alice", "secret");
    }
    bool openInbox(ImapTestClient &client)
    {
        return connectAndLogin(client) && client.command("sel", "SELECT INBOX").last().startsWith("sel OK");
    }
    bool append(ImapTestClient &client, const QByteArray &text)
    {
        return client.command("ap", "APPEND INBOX {" + QByteArray::number(text.size()) + "+}\r\n" + text)
            .last()
            .startsWith("ap OK");
    }

    // Whether the store still keeps alice's INBOX message `uid` after its expunge.
    bool retained(quint32 uid)
    {
        qimapd::MailStore &store = m_server->server().store();
        const auto account = store.openAccount(u"alice"_s);
        const auto inbox = store.mailbox(*account, u"INBOX"_s);
        const auto records = store.messageRecords(*account, inbox->id, {uid}, qimapd::MessageField::Info);
        return records && !records->isEmpty() && records->first().expunged;
    }

    std::unique_ptr<TestServer> m_server;
};

QTEST_GUILESS_MAIN(TstViews)
#include "tst_views.moc"
