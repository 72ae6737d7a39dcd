#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QObject>

class QLocalSocket;

namespace qimapd {

class AdminServer;
class Monitor;

// One client of the admin socket: reads request lines (AdminProtocol.h), answers them from the
// server's Monitor, and remembers what the client subscribed to; AdminServer sends it the
// events. Bad input (not JSON, over-long lines, wrong types) costs the client an error reply,
// never the server anything.
class AdminConnection : public QObject
{
    Q_OBJECT
public:
    AdminConnection(QLocalSocket *socket, Monitor &monitor, AdminServer &server);

    bool wantsServer() const { return m_server; }
    bool wantsSessions() const { return m_sessions; }
    bool wantsLog() const { return m_log; }
    // Queues one line to the client; a client that stopped reading is dropped.
    void send(const QJsonObject &object);

Q_SIGNALS:
    void closed(qimapd::AdminConnection *connection);

private:
    void onReadyRead();
    void handleLine(const QByteArray &line);
    void handleRequest(const QJsonValue &id, const QString &method, const QJsonObject &params);
    void subscribe(const QJsonValue &id, const QJsonObject &params);
    void close();

    QLocalSocket *m_socket;
    Monitor &m_monitor;
    AdminServer &m_admin;
    QByteArray m_buffer;
    bool m_skippingLine = false; // inside an over-long line, up to its newline
    bool m_server = false;
    bool m_sessions = false;
    bool m_log = false;
    bool m_closed = false;
};

} // namespace qimapd
