#pragma once

#include <QString>

namespace qimapd {

struct ServerConfig;

// Where the server's log goes (README.md, "Logging"). Every line is the Qt message as
// formatted by the pattern set in main.cpp ("qimapd.session: 12 logged in as alice").
//
// - standard error (default). When stderr is systemd's journal (JOURNAL_STREAM names it),
//   each line starts with an sd-daemon priority prefix, "<6>" for info, "<4>" for warnings,
//   and carries no timestamp: journald adds its own and files the priority. On a terminal or
//   a pipe the lines are the same without the prefix.
// - --log-file PATH: appended, one ISO 8601 UTC timestamp per line; reopened on SIGHUP so
//   logrotate can move it away.
// - --syslog: syslog(3), facility mail, ident "qimapd", with the matching priority.
// Messages never carry secrets; that is the callers' rule (Logging.h).
class LogOutput
{
public:
    enum class Target { Stderr, Journal, File, Syslog };

    // Installs the message handler for `config`; false (with `error`) if the log file cannot
    // be opened.
    static bool install(const ServerConfig &config, QString *error);
    // Reopens the log file (SIGHUP); keeps the old one if the path cannot be opened.
    static bool reopen(QString *error);
    static Target target();

    // Whether standard error is the journal (systemd's JOURNAL_STREAM "dev:inode" matches fd 2).
    static bool stderrIsJournal();
};

} // namespace qimapd
