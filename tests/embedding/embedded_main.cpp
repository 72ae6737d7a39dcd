// The embedding example as a program (see embedded_server.cpp): an ImapServer with its own
// store, authenticator, session class and command, on this program's event loop.
//
//   embedded_server [--port N] [--ssl-port N] --cert PEM --key PEM
//
// Port 0 picks a free port; the ports are printed on one line on stdout:
//   embedded_server: listening on port 40123 (STARTTLS) and port 40124 (TLS)

#include "cli/SignalHandler.h"
#include "embedded_server.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"port"_s, u"Cleartext port with STARTTLS (0: any free port)."_s, u"N"_s, u"1430"_s});
    parser.addOption({u"ssl-port"_s, u"Implicit TLS port (0: any free port)."_s, u"N"_s, u"1993"_s});
    parser.addOption({u"cert"_s, u"TLS certificate, PEM."_s, u"PEM"_s, u"certs/server-cert.pem"_s});
    parser.addOption({u"key"_s, u"TLS private key, PEM."_s, u"PEM"_s, u"certs/server-key.pem"_s});
    parser.process(app);

    qimapd::ServerConfig config;
    config.listen = {QHostAddress(QHostAddress::LocalHost)};
    config.port = parser.value(u"port"_s).toUShort();
    config.sslPort = parser.value(u"ssl-port"_s).toUShort();
    config.sslPortEnabled = true;
    config.certPath = parser.value(u"cert"_s);
    config.keyPath = parser.value(u"key"_s);

    std::unique_ptr<qimapd::ImapServer> server = embedded::createServer(config);
    QString error;
    if (!server->listen(&error)) {
        std::fprintf(stderr, "embedded_server: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("embedded_server: listening on port %u (STARTTLS) and port %u (TLS)\n", server->port(),
                server->sslPort());
    std::fflush(stdout);

    // SIGTERM/SIGINT: say BYE to everyone, then leave the loop.
    qimapd::SignalHandler signals;
    QObject::connect(&signals, &qimapd::SignalHandler::terminateRequested, server.get(), [&server] {
        server->shutdown("Embedded server shutting down");
        QTimer::singleShot(200, QCoreApplication::instance(), &QCoreApplication::quit);
    });
    return QCoreApplication::exec();
}
