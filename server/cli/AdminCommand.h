#pragma once

#include "ServerConfig.h"

#include <QCoreApplication>
#include <QStringList>

namespace qimapd {

class ConfigLoader;
class RemoteMonitor;

// `qimapd sessions [--json]` and `qimapd kick ID [--reason TEXT]`: a running server's live
// sessions, read through its admin socket (--admin-socket, or admin.sock in --data-dir, also
// from --config) with the same RemoteMonitor the dashboard uses to attach to a server.
//
// Exit codes: 0 done; 1 no server answers on the socket, no such session, or the server
// refused; 2 bad usage. Errors are one line on stderr, naming the socket when it is the
// problem.
class AdminCommand
{
    Q_DECLARE_TR_FUNCTIONS(AdminCommand)
public:
    static bool handles(const QString &command);
    // --json or --reason given to a command they do not belong to: the one-line error.
    static QString misplacedOption(const ConfigLoader &loader, const QStringList &words);
    static int run(const QStringList &words, const ConfigLoader &loader, const ServerConfig &config);

private:
    static int sessions(RemoteMonitor &monitor, bool json);
    static int kick(RemoteMonitor &monitor, quint64 id, const QString &reason);
};

} // namespace qimapd
