#pragma once

#include <QTcpServer>

class QSslSocket;

namespace qimapd {

// A listening socket that hands out QSslSocket for every connection, so the cleartext port can
// do STARTTLS and the TLS port can start the handshake at once (a plain QTcpServer hands out
// QTcpSocket, which cannot start TLS). It knows nothing about IMAP (STYLE.md).
class Listener : public QTcpServer
{
    Q_OBJECT
public:
    Listener(bool implicitTls, QObject *parent = nullptr);
    bool isImplicitTls() const { return m_implicitTls; }

Q_SIGNALS:
    void socketAccepted(QSslSocket *socket, bool implicitTls);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    bool m_implicitTls;
};

} // namespace qimapd
