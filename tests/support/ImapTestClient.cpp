#include "ImapTestClient.h"
#include "TestCertificate.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QSslConfiguration>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace qimapd::test {

ImapTestClient::ImapTestClient(QObject *parent) : QObject(parent)
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({TestCertificate::instance().certificate()});
    configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket.setSslConfiguration(configuration);
    m_socket.setPeerVerifyName(u"localhost"_s);
}

bool ImapTestClient::connectTo(quint16 port, Mode mode, int timeoutMs)
{
    if (mode == Mode::ImplicitTls)
        m_socket.connectToHostEncrypted(u"127.0.0.1"_s, port, u"localhost"_s);
    else
        m_socket.connectToHost(u"127.0.0.1"_s, port);
    const bool ready = QTest::qWaitFor(
        [&] {
            return m_socket.state() == QAbstractSocket::UnconnectedState
                || (m_socket.state() == QAbstractSocket::ConnectedState
                    && (mode == Mode::Plain || m_socket.isEncrypted()));
        },
        timeoutMs);
    if (!ready || m_socket.state() != QAbstractSocket::ConnectedState)
        return false;
    m_greeting = readResponse(timeoutMs);
    return !m_greeting.isNull();
}

void ImapTestClient::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

bool ImapTestClient::waitForBytes(int timeoutMs)
{
    // Sleeps in the event loop until the socket has news, rather than polling: QTest::qWaitFor
    // sleeps 10 ms a round, which made every command/response exchange cost 20-30 ms.
    const qint64 before = m_buffer.size();
    const QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        if (m_socket.bytesAvailable() > 0)
            m_buffer += m_socket.readAll();
        if (m_buffer.size() > before)
            return true;
        if (m_socket.state() == QAbstractSocket::UnconnectedState || deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        connect(&m_socket, &QIODevice::readyRead, &loop, &QEventLoop::quit);
        connect(&m_socket, &QAbstractSocket::stateChanged, &loop, &QEventLoop::quit);
        timer.start(int(qMax<qint64>(1, deadline.remainingTime())));
        loop.exec();
    }
}

bool ImapTestClient::takeResponse(QByteArray *response)
{
    // A response is a line; a line ending in {n} continues after n bytes of literal.
    qsizetype pos = 0;
    for (;;) {
        const qsizetype newline = m_buffer.indexOf("\r\n", pos);
        if (newline < 0)
            return false;
        const QByteArray line = m_buffer.mid(pos, newline - pos);
        pos = newline + 2;
        if (line.endsWith('}')) {
            const qsizetype open = line.lastIndexOf('{');
            bool ok = false;
            const qint64 size = line.mid(open + 1, line.size() - open - 2).toLongLong(&ok);
            if (open >= 0 && ok) {
                if (m_buffer.size() - pos < size)
                    return false;
                pos += size;
                continue;
            }
        }
        break;
    }
    *response = m_buffer.left(pos - 2);
    m_buffer.remove(0, pos);
    return true;
}

QByteArray ImapTestClient::readResponse(int timeoutMs)
{
    QByteArray response;
    if (m_socket.bytesAvailable() > 0)
        m_buffer += m_socket.readAll();
    while (!takeResponse(&response)) {
        if (!waitForBytes(timeoutMs))
            return {};
    }
    return response;
}

QByteArrayList ImapTestClient::readUntilTagged(const QByteArray &tag, int timeoutMs)
{
    QByteArrayList responses;
    for (;;) {
        const QByteArray response = readResponse(timeoutMs);
        if (response.isNull())
            return responses;
        responses.append(response);
        if (response.startsWith(QByteArray(tag + ' ')))
            return responses;
    }
}

QByteArrayList ImapTestClient::command(const QByteArray &tag, const QByteArray &text, int timeoutMs)
{
    sendLine(tag + ' ' + text);
    return readUntilTagged(tag, timeoutMs);
}

bool ImapTestClient::nothingWithin(int ms)
{
    QByteArray response;
    if (takeResponse(&response)) {
        m_buffer.prepend(response + "\r\n");
        return false;
    }
    return !waitForBytes(ms);
}

bool ImapTestClient::startTls(int timeoutMs)
{
    const QByteArray tag = "tls" + QByteArray::number(++m_tagCounter);
    const QByteArrayList responses = command(tag, "STARTTLS", timeoutMs);
    if (responses.isEmpty() || !responses.last().startsWith(QByteArray(tag + " OK")))
        return false;
    m_socket.startClientEncryption();
    return QTest::qWaitFor([&] { return m_socket.isEncrypted() || !isConnected(); }, timeoutMs)
        && m_socket.isEncrypted();
}

bool ImapTestClient::login(const QByteArray &user, const QByteArray &password)
{
    const QByteArray tag = "login" + QByteArray::number(++m_tagCounter);
    const QByteArrayList responses = command(tag, "LOGIN " + user + ' ' + password);
    return !responses.isEmpty() && responses.last().startsWith(QByteArray(tag + " OK"));
}

bool ImapTestClient::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor(
        [&] {
            if (m_socket.bytesAvailable() > 0)
                m_buffer += m_socket.readAll();
            return m_socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
}

} // namespace qimapd::test
