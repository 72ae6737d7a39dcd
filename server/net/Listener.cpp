#include "Listener.h"
#include "Logging.h"

#include <QSslSocket>

namespace qimapd {

Listener::Listener(bool implicitTls, QObject *parent) : QTcpServer(parent), m_implicitTls(implicitTls)
{
    // Many clients connecting at once (a restart with 10,000 idling clients) must not be
    // refused by a short kernel queue.
    setListenBacklogSize(4096);
}

void Listener::incomingConnection(qintptr descriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcServer) << "cannot adopt connection:" << socket->errorString();
        delete socket;
        return;
    }
    // IMAP is request/response with small replies: without TCP_NODELAY, Nagle's algorithm and
    // the client's delayed ACK add ~40 ms to every command whose reply takes two writes.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    Q_EMIT socketAccepted(socket, m_implicitTls);
}

} // namespace qimapd
