#include "ConfigLoader.h"

#include <QFileInfo>
#include <QLocale>
#include <QLoggingCategory>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace qimapd {

namespace {

struct OptionSpec
{
    const char *name;      // command line, without "--"; the INI key is the same with '_' for '-'
    const char *valueName; // nullptr: a switch
    const char *help;
    bool repeatable = false;
};

// The seed's options and ours. Help texts are translated when printed (tr() at use).
const OptionSpec Options[] = {
    {"listen", "ADDR", QT_TRANSLATE_NOOP("ConfigLoader", "Address to listen on (repeatable; default: all addresses)."), true},
    {"port", "N", QT_TRANSLATE_NOOP("ConfigLoader", "Cleartext port with STARTTLS (default 1430; 0 picks a free port; off disables).")},
    {"ssl-port", "N", QT_TRANSLATE_NOOP("ConfigLoader", "Implicit TLS port (default: off).")},
    {"cert", "PATH", QT_TRANSLATE_NOOP("ConfigLoader", "TLS certificate chain, PEM (default certs/server-cert.pem).")},
    {"key", "PATH", QT_TRANSLATE_NOOP("ConfigLoader", "TLS private key, PEM (default certs/server-key.pem).")},
    {"data-dir", "DIR", QT_TRANSLATE_NOOP("ConfigLoader", "Data directory (default ./data).")},
    {"admin-socket", "PATH", QT_TRANSLATE_NOOP("ConfigLoader", "Admin socket of the server (default: admin.sock in the data directory).")},
    {"store", "KIND", QT_TRANSLATE_NOOP("ConfigLoader", "Mail store: sqlite (default) or memory.")},
    {"poll-every", "SECONDS", QT_TRANSLATE_NOOP("ConfigLoader", "Look for mailbox changes at most every N seconds (0: after every command).")},
    {"unauth-commands", "N", QT_TRANSLATE_NOOP("ConfigLoader", "Commands allowed before login (default 10; 0: no limit).")},
    {"unauth-idle", "SECONDS", QT_TRANSLATE_NOOP("ConfigLoader", "Idle time allowed before login (default 300; 0: no limit).")},
    {"auth-idle", "SECONDS", QT_TRANSLATE_NOOP("ConfigLoader", "Idle time allowed after login (default 3600; at least 1800; 0: no limit).")},
    {"idle-keepalive", "SECONDS", QT_TRANSLATE_NOOP("ConfigLoader", "Send \"* OK Still here\" to idling clients this often (default 120; 0: never).")},
    {"append-limit", "BYTES", QT_TRANSLATE_NOOP("ConfigLoader", "Largest message APPEND accepts (default 67108864).")},
    {"user", "NAME", QT_TRANSLATE_NOOP("ConfigLoader", "Run as this user once the ports are bound.")},
    {"group", "NAME", QT_TRANSLATE_NOOP("ConfigLoader", "Run as this group once the ports are bound.")},
    {"allow-insecure-auth", nullptr, QT_TRANSLATE_NOOP("ConfigLoader", "Allow LOGIN and AUTHENTICATE without TLS (loopback tests only).")},
    {"no-gui", nullptr, QT_TRANSLATE_NOOP("ConfigLoader", "Run headless: no dashboard window, no display needed.")},
    {"log-level", "LEVEL", QT_TRANSLATE_NOOP("ConfigLoader", "debug, info (default), warning or error.")},
    {"lang", "LANGUAGE", QT_TRANSLATE_NOOP("ConfigLoader", "Language of messages and of the dashboard: en, de or fr (default: the system's).")},
    {"log-file", "PATH", QT_TRANSLATE_NOOP("ConfigLoader", "Log to this file (appended; reopened on SIGHUP) instead of standard error.")},
    {"syslog", nullptr, QT_TRANSLATE_NOOP("ConfigLoader", "Log to syslog (facility mail) instead of standard error.")},
    {"pid-file", "PATH", QT_TRANSLATE_NOOP("ConfigLoader", "Write the server's PID to this file once it serves; removed at exit.")},
    {"allow", "CIDR", QT_TRANSLATE_NOOP("ConfigLoader", "Serve only clients in this network (repeatable; default: everyone).")},
    {"deny", "CIDR", QT_TRANSLATE_NOOP("ConfigLoader", "Refuse clients in this network with * BYE (repeatable; wins over --allow).")},
};

QString iniKey(const char *name)
{
    return QString::fromLatin1(name).replace(u'-', u'_');
}

} // namespace

ConfigLoader::ConfigLoader()
{
    m_parser.setApplicationDescription(tr("qimapd, an IMAP server.\n"
                                          "  qimapd [options]                 run the server\n"
                                          "  qimapd user add|passwd|del NAME  manage users\n"
                                          "  qimapd user list                 list users\n"
                                          "  qimapd deliver USER [MAILBOX]    deliver a message from standard input\n"
                                          "  qimapd sessions [--json]         list the live sessions of a running server\n"
                                          "  qimapd kick ID [--reason TEXT]   disconnect one session of a running server\n"
                                          "  qimapd dashboard                 open the dashboard of a running server"));
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOption(QCommandLineOption(u"config"_s, tr("Read options from this INI file (the command line wins)."),
                                          u"FILE"_s));
    // Not an INI key: an action on the options, like --help.
    m_parser.addOption(QCommandLineOption(u"check-config"_s,
                                          tr("Check the options and the INI file, print every problem, and exit (0: none, 2: some).")));
    // Options of the admin commands only; not configuration, so not in the INI file.
    m_parser.addOption(QCommandLineOption(u"json"_s, tr("qimapd sessions: print JSON instead of a table.")));
    m_parser.addOption(QCommandLineOption(u"reason"_s, tr("qimapd kick: the text the client reads after * BYE."), u"TEXT"_s));
    for (const OptionSpec &spec : Options) {
        const QString name = QString::fromLatin1(spec.name);
        const QString help = tr(spec.help);
        if (spec.valueName)
            m_parser.addOption(QCommandLineOption(name, help, QString::fromLatin1(spec.valueName)));
        else
            m_parser.addOption(QCommandLineOption(name, help));
    }
}

ConfigLoader::Outcome ConfigLoader::load(const QStringList &arguments, ServerConfig *config)
{
    m_errors.clear();
    m_error.clear();
    m_complete = false;
    if (!m_parser.parse(arguments)) {
        m_errors.append(m_parser.errorText());
        return Outcome::Error;
    }
    if (m_parser.isSet(u"help"_s))
        return Outcome::Help;
    if (m_parser.isSet(u"version"_s))
        return Outcome::Version;

    // Every bad key and value is collected (--check-config prints them all); a run is refused
    // if there is any.
    auto check = [this](bool ok) {
        if (!ok)
            m_errors.append(m_error);
    };
    if (m_parser.isSet(u"config"_s)) {
        const QString path = m_parser.value(u"config"_s);
        if (!QFileInfo(path).isReadable() || QFileInfo(path).isDir()) {
            m_errors.append(tr("cannot read config file %1").arg(path));
            return Outcome::Error;
        }
        QSettings settings(path, QSettings::IniFormat);
        if (settings.status() != QSettings::NoError) {
            m_errors.append(tr("config file %1 is not a valid INI file").arg(path));
            return Outcome::Error;
        }
        for (const QString &key : settings.allKeys()) {
            // Qt 6's INI reader knows only ';' comments and reads "#port = 143" as the key
            // "#port": '#' comments are what administrators write, so they are comments too.
            if (key.startsWith(u'#'))
                continue;
            const QVariant raw = settings.value(key);
            // QSettings splits "a, b" into a list: join it back for our own parsing.
            const QString value = raw.typeId() == QMetaType::QStringList ? raw.toStringList().join(u',')
                                                                         : raw.toString();
            check(apply(key, value, tr("%1: %2").arg(path, key), config));
        }
    }
    for (const OptionSpec &spec : Options) {
        const QString name = QString::fromLatin1(spec.name);
        if (!m_parser.isSet(name))
            continue;
        const QString origin = u"--"_s + name;
        if (!spec.valueName) {
            check(apply(iniKey(spec.name), u"true"_s, origin, config));
            continue;
        }
        const QStringList values = m_parser.values(name);
        if (spec.repeatable)
            clearList(iniKey(spec.name), config); // the command line replaces the file's list
        for (const QString &value : spec.repeatable ? values : QStringList{values.last()})
            check(apply(iniKey(spec.name), value, origin, config));
    }
    validate(*config);
    m_complete = true;
    return m_errors.isEmpty() ? Outcome::Ok : Outcome::Error;
}

QString ConfigLoader::errorText() const
{
    if (m_errors.size() <= 1)
        return m_errors.value(0);
    // Still one line (README: a bad option prints one line); --check-config lists them all.
    if (m_errors.size() == 2)
        return tr("%1 (and 1 more problem; qimapd --check-config lists them)").arg(m_errors.first());
    return tr("%1 (and %2 more problems; qimapd --check-config lists them)").arg(m_errors.first()).arg(m_errors.size() - 1);
}

void ConfigLoader::clearList(const QString &key, ServerConfig *config)
{
    if (key == u"listen"_s)
        config->listen.clear();
    else if (key == u"allow"_s)
        config->allow.clear();
    else if (key == u"deny"_s)
        config->deny.clear();
}

bool ConfigLoader::readSubnets(const QString &value, const QString &origin, QList<QPair<QHostAddress, int>> *out)
{
    for (QString part : value.split(u',', Qt::SkipEmptyParts)) {
        part = part.trimmed();
        // parseSubnet() guesses a classful netmask for "10.1" or "192.168.0.0": a bare
        // address means that one host.
        if (!part.contains(u'/')) {
            const QHostAddress host(part);
            if (!host.isNull())
                part += host.protocol() == QAbstractSocket::IPv6Protocol ? u"/128"_s : u"/32"_s;
        }
        const QPair<QHostAddress, int> subnet = QHostAddress::parseSubnet(part);
        if (subnet.first.isNull()) {
            m_error = tr("%1: \"%2\" is not an address or a network (CIDR, like 192.0.2.0/24 or 2001:db8::/32)")
                          .arg(origin, part);
            return false;
        }
        out->append(subnet);
    }
    return true;
}

bool ConfigLoader::readInteger(const QString &value, const QString &origin, qint64 min, qint64 max, qint64 *out)
{
    bool ok = false;
    const qint64 number = value.trimmed().toLongLong(&ok);
    if (!ok || number < min || number > max) {
        m_error = tr("%1: expected a whole number from %2 to %3, got \"%4\"").arg(origin).arg(min).arg(max).arg(value);
        return false;
    }
    *out = number;
    return true;
}

bool ConfigLoader::readPort(const QString &value, const QString &origin, quint16 *port, bool *enabled)
{
    if (value.trimmed().compare(u"off"_s, Qt::CaseInsensitive) == 0) {
        *enabled = false;
        return true;
    }
    qint64 number = 0;
    if (!readInteger(value, origin, 0, 65535, &number))
        return false;
    *port = quint16(number);
    *enabled = true;
    return true;
}

bool ConfigLoader::readBool(const QString &value, const QString &origin, bool *out)
{
    const QString v = value.trimmed().toLower();
    if (v == u"true"_s || v == u"yes"_s || v == u"on"_s || v == u"1"_s) {
        *out = true;
        return true;
    }
    if (v == u"false"_s || v == u"no"_s || v == u"off"_s || v == u"0"_s) {
        *out = false;
        return true;
    }
    m_error = tr("%1: expected true or false, got \"%2\"").arg(origin, value);
    return false;
}

bool ConfigLoader::apply(const QString &key, const QString &value, const QString &origin, ServerConfig *config)
{
    qint64 number = 0;
    if (key == u"listen"_s) {
        for (const QString &part : value.split(u',', Qt::SkipEmptyParts)) {
            const QHostAddress address(part.trimmed());
            if (address.isNull()) {
                m_error = tr("%1: \"%2\" is not an IP address").arg(origin, part.trimmed());
                return false;
            }
            config->listen.append(address);
        }
        return true;
    }
    if (key == u"port"_s)
        return readPort(value, origin, &config->port, &config->portEnabled);
    if (key == u"ssl_port"_s)
        return readPort(value, origin, &config->sslPort, &config->sslPortEnabled);
    if (key == u"cert"_s || key == u"server_cert"_s) {
        config->certPath = value;
        return true;
    }
    if (key == u"key"_s || key == u"server_key"_s) {
        config->keyPath = value;
        return true;
    }
    if (key == u"data_dir"_s) {
        if (value.isEmpty()) {
            m_error = tr("%1: the data directory cannot be empty").arg(origin);
            return false;
        }
        config->dataDir = value;
        return true;
    }
    if (key == u"admin_socket"_s) {
        if (value.isEmpty()) {
            m_error = tr("%1: the admin socket path cannot be empty").arg(origin);
            return false;
        }
        config->adminSocket = value;
        return true;
    }
    if (key == u"store"_s) {
        if (value != u"sqlite"_s && value != u"memory"_s) {
            m_error = tr("%1: expected sqlite or memory, got \"%2\"").arg(origin, value);
            return false;
        }
        config->store = value;
        return true;
    }
    if (key == u"poll_every"_s) {
        if (!readInteger(value, origin, 0, 86400, &number))
            return false;
        config->pollEverySeconds = int(number);
        return true;
    }
    if (key == u"unauth_commands"_s) {
        if (!readInteger(value, origin, 0, 1000000, &number))
            return false;
        config->unauthCommands = int(number);
        return true;
    }
    if (key == u"unauth_idle"_s) {
        if (!readInteger(value, origin, 0, 86400 * 7, &number))
            return false;
        config->unauthIdleSeconds = int(number);
        return true;
    }
    if (key == u"auth_idle"_s) {
        if (!readInteger(value, origin, 0, 86400 * 7, &number))
            return false;
        config->authIdleSeconds = int(number);
        return true;
    }
    if (key == u"idle_keepalive"_s) {
        if (!readInteger(value, origin, 0, 1800, &number))
            return false;
        config->idleKeepaliveSeconds = int(number);
        return true;
    }
    if (key == u"append_limit"_s) {
        if (!readInteger(value, origin, 1024, 4LL * 1024 * 1024 * 1024 - 1, &number))
            return false;
        config->appendLimit = number;
        return true;
    }
    if (key == u"user"_s) {
        config->user = value;
        return true;
    }
    if (key == u"group"_s) {
        config->group = value;
        return true;
    }
    if (key == u"allow_insecure_auth"_s)
        return readBool(value, origin, &config->allowInsecureAuth);
    if (key == u"no_gui"_s)
        return readBool(value, origin, &config->noGui);
    if (key == u"lang"_s) {
        // Protocol responses are never translated; this is for people, not clients.
        const QLocale::Language language = QLocale(value).language();
        if (value.isEmpty() || (language != QLocale::English && language != QLocale::German && language != QLocale::French)) {
            m_error = tr("%1: expected en, de or fr, got \"%2\"").arg(origin, value);
            return false;
        }
        config->language = value;
        return true;
    }
    if (key == u"pid_file"_s) {
        config->pidFile = value;
        return true;
    }
    if (key == u"allow"_s)
        return readSubnets(value, origin, &config->allow);
    if (key == u"deny"_s)
        return readSubnets(value, origin, &config->deny);
    if (key == u"log_file"_s) {
        config->logFile = value;
        return true;
    }
    if (key == u"syslog"_s)
        return readBool(value, origin, &config->syslog);
    if (key == u"log_level"_s) {
        QString error;
        if (!applyLogLevel(value, &error)) {
            m_error = tr("%1: %2").arg(origin, error);
            return false;
        }
        config->logLevel = value;
        return true;
    }
    m_error = tr("%1: unknown option").arg(origin);
    return false;
}

void ConfigLoader::validate(const ServerConfig &config)
{
    // RFC 3501 §5.4: "the autologout timer ... MUST be at least 30 minutes".
    if (config.authIdleSeconds != 0 && config.authIdleSeconds < 1800)
        m_errors.append(tr("auth_idle: %1 s is below 1800 s: RFC 3501 section 5.4 requires at least 30 minutes (0 disables it)")
                            .arg(config.authIdleSeconds));
    if (!config.portEnabled && !config.sslPortEnabled)
        m_errors.append(tr("port, ssl_port: both the cleartext and the TLS port are off: nothing to listen on"));
    if (config.portEnabled && config.sslPortEnabled && config.port == config.sslPort && config.port != 0)
        m_errors.append(tr("port, ssl_port: port and ssl port are both %1").arg(config.port));
    if (config.syslog && !config.logFile.isEmpty())
        m_errors.append(tr("log_file, syslog: choose one place for the log"));
}

bool ConfigLoader::applyLogLevel(const QString &level, QString *error)
{
    QString rules;
    if (level == u"debug"_s)
        rules = u"qimapd.*.debug=true"_s;
    else if (level == u"info"_s)
        rules = u"qimapd.*.debug=false"_s;
    else if (level == u"warning"_s)
        rules = u"qimapd.*.debug=false\nqimapd.*.info=false"_s;
    else if (level == u"error"_s)
        rules = u"qimapd.*.debug=false\nqimapd.*.info=false\nqimapd.*.warning=false"_s;
    else {
        *error = tr("expected debug, info, warning or error, got \"%1\"").arg(level);
        return false;
    }
    QLoggingCategory::setFilterRules(rules);
    return true;
}

} // namespace qimapd
