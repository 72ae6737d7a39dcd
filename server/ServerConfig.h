#pragma once

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QtGlobal>

namespace qimapd {

// Everything the server can be told, with the seed's defaults. Filled from the command line and
// an INI file by ConfigLoader; an embedding program fills it directly.
struct ServerConfig
{
    QList<QHostAddress> listen;   // empty: every address (IPv4 and IPv6)
    quint16 port = 1430;          // cleartext + STARTTLS; 0 picks a free port
    bool portEnabled = true;
    quint16 sslPort = 0;          // implicit TLS
    bool sslPortEnabled = false;
    QString certPath = QStringLiteral("certs/server-cert.pem");
    QString keyPath = QStringLiteral("certs/server-key.pem");
    QString dataDir = QStringLiteral("data");
    QString store = QStringLiteral("sqlite"); // sqlite | memory
    QString adminSocket;          // empty: <dataDir>/admin.sock (qimapd sessions, kick, dashboard)

    int pollEverySeconds = 0;     // 0: look for mailbox changes after every command
    int unauthCommands = 10;      // 0: no limit
    int unauthIdleSeconds = 300;  // 0: no limit
    int authIdleSeconds = 3600;   // 0: no limit; otherwise >= 1800 (RFC 3501 §5.4)
    int idleKeepaliveSeconds = 120; // "* OK Still here" to idling clients (NAT boxes); 0: never

    QString user;                 // drop privileges after binding
    QString group;
    QString pidFile;              // written once serving, removed at exit; empty: none

    // Client address rules (CIDR): deny wins; when any allow rule is set, only matching
    // addresses are served (net/AddressRules).
    QList<QPair<QHostAddress, int>> allow;
    QList<QPair<QHostAddress, int>> deny;

    QString logFile;              // empty: stderr (journald-friendly)
    bool syslog = false;          // openlog/syslog instead of stderr
    bool allowInsecureAuth = false;
    bool noGui = false;           // headless: no dashboard (the qimapd executable only)
    QString language;             // --lang: messages and dashboard; empty: the system locale

    qint64 maxLineLength = 64 * 1024;
    qint64 maxLiteral = 64 * 1024;
    qint64 appendLimit = 64LL * 1024 * 1024;
    int maxBadCommands = 10;      // in a row, then BYE
    int loginFailureDelayMs = 2000; // first failed login; doubles per failure, capped
    int maxLoginFailureDelayMs = 15000;
    int maxConnections = 20000;
    QString logLevel = QStringLiteral("info");
};

} // namespace qimapd
