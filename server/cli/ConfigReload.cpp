#include "ConfigReload.h"
#include "net/AddressRules.h"

#include <functional>

using namespace Qt::StringLiterals;

namespace qimapd {

namespace {

// One row per INI key: how it reads in the log, and whether a running server can take it.
// A new option adds a row here; one without a row is neither applied nor reported.
struct Field
{
    const char *key;
    bool live;
    std::function<QString(const ServerConfig &)> show;
    std::function<void(ServerConfig &, const ServerConfig &)> copy;
};

template<typename T>
Field field(const char *key, bool live, T ServerConfig::*member, std::function<QString(const T &)> show)
{
    return {key, live, [member, show](const ServerConfig &c) { return show(c.*member); },
            [member](ServerConfig &to, const ServerConfig &from) { to.*member = from.*member; }};
}

QString number(const qint64 &value)
{
    return QString::number(value);
}

Field intField(const char *key, bool live, int ServerConfig::*member)
{
    return field<int>(key, live, member, [](const int &v) { return QString::number(v); });
}

Field stringField(const char *key, bool live, QString ServerConfig::*member)
{
    return field<QString>(key, live, member, [](const QString &v) { return v.isEmpty() ? u"(none)"_s : v; });
}

Field boolField(const char *key, bool live, bool ServerConfig::*member)
{
    return field<bool>(key, live, member, [](const bool &v) { return v ? u"true"_s : u"false"_s; });
}

Field subnetsField(const char *key, bool live, QList<QPair<QHostAddress, int>> ServerConfig::*member)
{
    return field<QList<QPair<QHostAddress, int>>>(key, live, member, [](const QList<QPair<QHostAddress, int>> &list) {
        QStringList parts;
        for (const auto &subnet : list)
            parts.append(AddressRules::describe(subnet));
        return parts.isEmpty() ? u"(none)"_s : parts.join(u", "_s);
    });
}

Field portField(const char *key, quint16 ServerConfig::*port, bool ServerConfig::*enabled)
{
    return {key, false,
            [port, enabled](const ServerConfig &c) { return c.*enabled ? QString::number(c.*port) : u"off"_s; },
            [port, enabled](ServerConfig &to, const ServerConfig &from) {
                to.*port = from.*port;
                to.*enabled = from.*enabled;
            }};
}

const QList<Field> &fields()
{
    static const QList<Field> table = {
        field<QList<QHostAddress>>("listen", false, &ServerConfig::listen,
                                   [](const QList<QHostAddress> &list) {
                                       QStringList parts;
                                       for (const QHostAddress &address : list)
                                           parts.append(address.toString());
                                       return parts.isEmpty() ? u"(all)"_s : parts.join(u", "_s);
                                   }),
        portField("port", &ServerConfig::port, &ServerConfig::portEnabled),
        portField("ssl_port", &ServerConfig::sslPort, &ServerConfig::sslPortEnabled),
        stringField("cert", true, &ServerConfig::certPath),
        stringField("key", true, &ServerConfig::keyPath),
        stringField("data_dir", false, &ServerConfig::dataDir),
        stringField("store", false, &ServerConfig::store),
        intField("poll_every", true, &ServerConfig::pollEverySeconds),
        intField("unauth_commands", true, &ServerConfig::unauthCommands),
        intField("unauth_idle", true, &ServerConfig::unauthIdleSeconds),
        intField("auth_idle", true, &ServerConfig::authIdleSeconds),
        intField("idle_keepalive", true, &ServerConfig::idleKeepaliveSeconds),
        field<qint64>("append_limit", true, &ServerConfig::appendLimit, number),
        stringField("user", false, &ServerConfig::user),
        stringField("group", false, &ServerConfig::group),
        stringField("pid_file", false, &ServerConfig::pidFile),
        stringField("admin_socket", false, &ServerConfig::adminSocket),
        subnetsField("allow", true, &ServerConfig::allow),
        subnetsField("deny", true, &ServerConfig::deny),
        boolField("allow_insecure_auth", true, &ServerConfig::allowInsecureAuth),
        boolField("no_gui", false, &ServerConfig::noGui),
        stringField("log_level", true, &ServerConfig::logLevel),
        stringField("log_file", false, &ServerConfig::logFile),
        boolField("syslog", false, &ServerConfig::syslog),
    };
    return table;
}

} // namespace

ConfigReload::Result ConfigReload::merge(const ServerConfig &running, const ServerConfig &fresh)
{
    Result result{running, {}, {}};
    for (const Field &f : fields()) {
        const QString before = f.show(running);
        const QString after = f.show(fresh);
        if (before == after)
            continue;
        const QString line = QString::fromLatin1(f.key) + u": "_s + before + u" -> "_s + after;
        if (f.live) {
            f.copy(result.applied, fresh);
            result.changed.append(line);
        } else {
            result.needsRestart.append(line);
        }
    }
    return result;
}

} // namespace qimapd
