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
    Q_EMIT socketAccepted(socket, m_implicitTls);
}

} // namespace qimapd
