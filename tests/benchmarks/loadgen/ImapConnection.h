#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QSslSocket>
#include <QString>

#include <deque>
#include <functional>

namespace loadgen {

struct Target;

// What came back for one command: its tagged status, how long it took from the first byte
// sent to the tagged line, and what arrived in between.
struct Reply
{
    enum class Status { Ok, No, Bad, Failed }; // Failed: the connection broke first
    Status status = Status::Failed;
    QByteArray taggedLine;
    qint64 elapsedNs = 0;
    int untagged = 0;           // untagged responses (e.g. one per FETCH)
    qint64 literalBytes = 0;    // bytes of literals in those responses (BODY[] contents)
    QByteArrayList lines;       // untagged lines, only when the command asked to keep them
    bool ok() const { return status == Status::Ok; }
};

// One asynchronous IMAP client connection of a load generator: connects (plain, STARTTLS or
// implicit TLS), pipelines tagged commands and matches the tagged replies in order (RFC 3501
// §2.2.2), frames literals in responses so bodies are counted rather than parsed as lines, and
// hands every untagged line to a listener (IDLE pushes). No blocking calls: everything is a
// callback on the event loop, so thousands of these run in one thread.
class ImapConnection : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const Reply &)>;

    explicit ImapConnection(const Target &target, QObject *parent = nullptr);
    ~ImapConnection() override;

    // Connects and reads the greeting (and runs STARTTLS); `ready` or `failed` follows.
    void open();
    // LOGIN user password (RFC 3501 §6.2.3); quoted strings, the bench passwords need no literal.
    void login(const QByteArray &user, const QByteArray &password, Callback done);
    // Sends "TAG text\r\n"; `done` receives the reply. Commands may be pipelined.
    void command(const QByteArray &text, Callback done, bool keepLines = false);
    // APPEND mailbox (flags) {n+} message: one write with LITERAL+ (RFC 7888) when the server
    // offers it, otherwise the synchronizing literal waits for the continuation.
    void append(const QByteArray &mailbox, const QByteArray &flags, const QByteArray &message, Callback done);
    // IDLE (RFC 2177): `idling` once the server sent its continuation; done() ends it.
    void idle(std::function<void()> idling, Callback done);
    void done();
    void close();

    bool isOpen() const { return m_open; }
    bool hasLiteralPlus() const { return m_literalPlus; }
    void setUntaggedListener(std::function<void(const QByteArray &)> listener) { m_untagged = std::move(listener); }

Q_SIGNALS:
    void ready();
    void failed(const QString &why);

private:
    struct Pending
    {
        QByteArray tag;
        Callback done;
        bool keepLines = false;
        QByteArray literalRest;               // sent after "+" for a synchronizing literal
        std::function<void()> onContinuation; // IDLE
        QElapsedTimer timer;
        Reply reply;
    };

    void onReadyRead();
    void onLine(const QByteArray &line);
    void noteCapabilities(const QByteArray &line);
    void send(Pending pending, const QByteArray &bytes);
    void fail(const QString &why);
    QByteArray nextTag();

    const Target &m_target;
    QSslSocket *m_socket;
    QByteArray m_buffer;
    QByteArray m_line;        // the response being assembled across literals
    qint64 m_literalLeft = 0; // bytes of a literal still to skip
    std::deque<Pending> m_pending;
    std::function<void(const QByteArray &)> m_untagged;
    quint64 m_tag = 0;
    bool m_greeted = false;
    bool m_startingTls = false;
    bool m_open = false;
    bool m_literalPlus = false;
    bool m_capabilitiesKnown = false;
};

} // namespace loadgen
