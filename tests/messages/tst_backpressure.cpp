#include "MessageHarness.h"

#include <QSet>

using namespace qimapd;
using namespace qimapd::test;

namespace {

constexpr int MessageCount = 40;
constexpr qsizetype MessageSize = 1024 * 1024;
// What the server may hold for a client that does not read: its high-water mark plus about
// one message (DESIGN.md: "when the outgoing buffer is large, the session stops reading and
// pauses long commands until the socket drains").
constexpr qint64 OutputBound = 2 * 1024 * 1024;

QByteArray number(qint64 n)
{
    return QByteArray::number(n);
}

// Message n: exactly MessageSize bytes, different from every other.
QByteArray bigMessage(int n)
{
    QByteArray message = "From: alice@example.org\r\nSubject: big " + number(n) + "\r\n\r\n";
    const QByteArray line = "message " + number(n).rightJustified(3, '0')
        + " 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\r\n";
    message.reserve(MessageSize);
    while (message.size() + line.size() <= MessageSize)
        message += line;
    message += QByteArray(MessageSize - message.size() - 2, '.') + "\r\n";
    return message;
}

} // namespace

// Output backpressure (DESIGN.md "Session", STYLE.md "a long command ... continues when the
// socket can take more output"): a client that asks for 40 MB and stops reading neither
// makes the server buffer those 40 MB nor holds up another client; when it reads again it gets
// every byte, in order.
class TstBackpressure : public MessageHarness
{
    Q_OBJECT

    Session *serverSessionOf(ImapTestClient &client)
    {
        for (Session *session : server().sessions()) {
            if (session->peerPort() == client.socket().localPort())
                return session;
        }
        return nullptr;
    }

private Q_SLOTS:
    void slowReaderDoesNotHoldOthers()
    {
        ImapTestClient *reader = alice(0);
        ImapTestClient *other = alice(1);
        QVERIFY(reader && other);
        for (int n = 1; n <= MessageCount; ++n)
            QVERIFY(appended(*other, "INBOX", bigMessage(n)));
        QVERIFY(selected(*reader, "INBOX"));
        QVERIFY(selected(*other, "INBOX", "EXAMINE"));
        Session *session = serverSessionOf(*reader);
        QVERIFY(session);

        // The reader stops reading: its socket takes no more than 64 KiB from the kernel, so
        // TCP pushes back on the server.
        reader->socket().setReadBufferSize(64 * 1024);
        reader->send("f FETCH 1:* BODY[]\r\n");

        // While the reader reads nothing, the other client is answered, the FETCH is still
        // running, and what the server buffers for the reader stays bounded. The other client
        // may be told of the \Seen flags the FETCH has set so far (RFC 3501 §7.4.2), each once.
        QSet<QByteArray> seenNotices;
        auto noopAnswered = [&](const QByteArray &tag) -> bool {
            QByteArrayList reply = other->command(tag, "NOOP");
            if (reply.isEmpty() || reply.takeLast() != QByteArray(tag + " OK NOOP completed"))
                return false;
            for (const QByteArray &line : std::as_const(reply)) {
                if (!line.startsWith("* ") || !line.endsWith(" FLAGS (\\Seen))") || seenNotices.contains(line))
                    return false;
                seenNotices.insert(line);
            }
            return true;
        };
        qint64 largest = 0;
        for (int round = 0; round < 20; ++round) {
            QVERIFY(noopAnswered("n" + number(round)));
            QCOMPARE(session->currentCommandName(), QByteArray("FETCH"));
            largest = qMax(largest, session->pendingOutputBytes());
            QTest::qWait(20);
            largest = qMax(largest, session->pendingOutputBytes());
        }
        QVERIFY2(largest < OutputBound, qPrintable(QStringLiteral("%1 bytes buffered").arg(largest)));
        QVERIFY2(largest > 0, "the reader's output never backed up: the test proves nothing");
        QCOMPARE(session->currentCommandName(), QByteArray("FETCH")); // it waits, it did not finish
        // \Seen is set as messages are sent, not far ahead of them: a client that goes away
        // now has not seen the rest. (A few megabytes of read-ahead are fine.)
        const qint64 sent = qint64(session->bytesOut()) / MessageSize + 1;
        QVERIFY2(seenNotices.size() <= sent + 5,
                 qPrintable(QStringLiteral("\\Seen set on %1 messages, %2 sent").arg(seenNotices.size()).arg(sent)));

        // The reader reads again and gets all of it, each message once and whole, with the
        // \Seen it set (RFC 3501 §6.4.5), then the tagged OK.
        reader->socket().setReadBufferSize(0);
        const QByteArrayList reply = reader->readUntilTagged("f", 60000);
        QCOMPARE(reply.size(), MessageCount + 1);
        for (int n = 1; n <= MessageCount; ++n) {
            const QByteArray expected = "* " + number(n) + " FETCH (BODY[] {" + number(MessageSize) + "}\r\n" + bigMessage(n)
                + " FLAGS (\\Seen \\Recent))";
            QVERIFY2(reply.at(n - 1) == expected, qPrintable(QStringLiteral("message %1: %2").arg(n).arg(
                                                         QString::fromLatin1(reply.at(n - 1).left(80)))));
        }
        QCOMPARE(reply.last(), "f OK FETCH completed");
        QCOMPARE(session->currentCommandName(), QByteArray());
        // The examining client hears of the other \Seen flags on its next command: each
        // message once in all.
        QVERIFY(noopAnswered("m"));
        QCOMPARE(seenNotices.size(), MessageCount);
        for (int n = 1; n <= MessageCount; ++n)
            QVERIFY(seenNotices.contains(QByteArray("* " + number(n) + " FETCH (UID " + number(n) + " FLAGS (\\Seen))")));
    }
};

QTEST_GUILESS_MAIN(TstBackpressure)
#include "tst_backpressure.moc"
