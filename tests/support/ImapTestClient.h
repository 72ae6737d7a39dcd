#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QObject>
#include <QSslSocket>

namespace qimapd::test {

// A deliberately simple IMAP client for protocol tests: it sends exactly the bytes a test gives
// it and returns the server's responses line by line, so tests can compare exact lines. Waits
// spin the event loop (QTest::qWaitFor), so an in-process server keeps running; it works as
// well against a server in another process.
//
// Responses with literals come back as one string with the literal inlined:
// `* 1 FETCH (BODY[] {5}\r\nhello)`.
class ImapTestClient : public QObject
{
    Q_OBJECT
public:
    enum class Mode { Plain, ImplicitTls };

    explicit ImapTestClient(QObject *parent = nullptr);

    // Connects to 127.0.0.1 and reads the greeting. For TLS, the test certificate is the only
    // trusted CA and the name is verified.
    bool connectTo(quint16 port, Mode mode = Mode::Plain, int timeoutMs = 5000);
    const QByteArray &greeting() const { return m_greeting; }

    void send(const QByteArray &bytes);
    void sendLine(const QByteArray &line) { send(line + "\r\n"); }

    // One response; a null QByteArray when nothing complete arrived within the timeout.
    QByteArray readResponse(int timeoutMs = 5000);
    // Sends "tag command" and returns every response up to and including the tagged one.
    QByteArrayList command(const QByteArray &tag, const QByteArray &command, int timeoutMs = 5000);
    // Reads responses until the one starting with "tag ", inclusive.
    QByteArrayList readUntilTagged(const QByteArray &tag, int timeoutMs = 5000);
    // True when nothing arrives within `ms`.
    bool nothingWithin(int ms);

    // STARTTLS followed by the handshake; false if either fails.
    bool startTls(int timeoutMs = 5000);
    // LOGIN with the test users; false unless the tagged reply is OK.
    bool login(const QByteArray &user, const QByteArray &password);

    bool waitForDisconnected(int timeoutMs = 5000);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool isEncrypted() const { return m_socket.isEncrypted(); }
    QSslSocket &socket() { return m_socket; }
    QString lastError() const { return m_socket.errorString(); }

private:
    bool takeResponse(QByteArray *response);
    bool waitForBytes(int timeoutMs);

    QSslSocket m_socket;
    QByteArray m_buffer;
    QByteArray m_greeting;
    int m_tagCounter = 0;
};

} // namespace qimapd::test
