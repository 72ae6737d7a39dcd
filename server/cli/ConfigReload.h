#pragma once

#include "ServerConfig.h"

#include <QStringList>

namespace qimapd {

// SIGHUP re-reads the configuration (README.md, "Signals"). What is safe to change in a running
// server takes effect at once: log level, limits, timeouts, address rules, certificate paths.
// What is not (ports, addresses, data directory, store, user, log destination, pid file) keeps
// its running value and is reported as needing a restart.
class ConfigReload
{
public:
    struct Result
    {
        ServerConfig applied;      // the running configuration with the safe changes made
        QStringList changed;       // "auth_idle: 3600 -> 1800"
        QStringList needsRestart;  // "port: 143 -> 1143"
    };

    static Result merge(const ServerConfig &running, const ServerConfig &fresh);
};

} // namespace qimapd
