#pragma once

#include "ServerConfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>

namespace qimapd {

// Reads the server's options from the command line and, with --config FILE, from an INI file
// (keys named like the seed's options: port, ssl_port, poll_every, unauth_commands...). The
// command line wins over the file. Every bad value and unknown key is reported on a line naming
// the option (file and key, or --option); all of them are collected, not just the first.
class ConfigLoader
{
    Q_DECLARE_TR_FUNCTIONS(ConfigLoader)
public:
    enum class Outcome { Ok, Help, Version, Error };

    ConfigLoader();

    // `arguments` as from QCoreApplication::arguments(), subcommand words included (they are
    // returned by positionalArguments()).
    Outcome load(const QStringList &arguments, ServerConfig *config);

    // The first problem on one line (with how many more there are), and all of them.
    QString errorText() const;
    QStringList errors() const { return m_errors; }
    // Whether the whole configuration was read (false after a command-line syntax error or
    // an unreadable file, when the problems stop there).
    bool isComplete() const { return m_complete; }
    bool isCheckConfig() const { return m_parser.isSet(QStringLiteral("check-config")); }
    QString helpText() const { return m_parser.helpText(); }
    QStringList positionalArguments() const { return m_parser.positionalArguments(); }
    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }

    // Applies --log-level to the logging categories (debug, info, warning, error).
    static bool applyLogLevel(const QString &level, QString *error);

private:
    bool apply(const QString &key, const QString &value, const QString &origin, ServerConfig *config);
    bool readInteger(const QString &value, const QString &origin, qint64 min, qint64 max, qint64 *out);
    bool readPort(const QString &value, const QString &origin, quint16 *port, bool *enabled);
    bool readBool(const QString &value, const QString &origin, bool *out);
    bool readSubnets(const QString &value, const QString &origin, QList<QPair<QHostAddress, int>> *out);
    void clearList(const QString &key, ServerConfig *config);
    void validate(const ServerConfig &config);

    QCommandLineParser m_parser;
    QString m_error;      // the problem apply() found (one per key)
    QStringList m_errors; // every problem of this load()
    bool m_complete = false;
};

} // namespace qimapd
