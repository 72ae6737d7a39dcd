#include "LoadOptions.h"

#include <QCoreApplication>
#include <QFile>
#include <QSslCertificate>

using namespace Qt::StringLiterals;

namespace loadgen {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("imap-loadgen", text);
}

// Scenario options and what they mean; anything else on the command line is an error.
struct ScenarioOption
{
    const char *name;
    const char *help;
};
const ScenarioOption scenarioOptions[] = {
    {"mailbox", QT_TRANSLATE_NOOP("imap-loadgen", "mailbox to work in (default INBOX; large-mailbox: bench-large)")},
    {"messages", QT_TRANSLATE_NOOP("imap-loadgen", "large-mailbox: messages to fill (100000); fetch-stream: messages (4)")},
    {"rounds", QT_TRANSLATE_NOOP("imap-loadgen", "large-mailbox, idle-fanout: repetitions of each timing (10)")},
    {"sessions", QT_TRANSLATE_NOOP("imap-loadgen", "idle-fanout: idling sessions (1000)")},
    {"connections", QT_TRANSLATE_NOOP("imap-loadgen", "connections: connections to open (10000)")},
    {"hold", QT_TRANSLATE_NOOP("imap-loadgen", "connections: seconds to hold them before measuring (3)")},
    {"opening", QT_TRANSLATE_NOOP("imap-loadgen", "logins in flight at once while opening (64)")},
    {"message-size", QT_TRANSLATE_NOOP("imap-loadgen", "bytes per message (mixed/append 2000; fetch-stream 4000000)")},
    {"commands", QT_TRANSLATE_NOOP("imap-loadgen", "mixed: commands per session between LOGIN and LOGOUT (20)")},
    {"mix", QT_TRANSLATE_NOOP("imap-loadgen", "mixed: weights, e.g. fetch=30,body=15,store=20,expunge=5,append=15,select=5")},
    {"window", QT_TRANSLATE_NOOP("imap-loadgen", "large-mailbox: APPENDs in flight while filling (256)")},
    {"round-timeout", QT_TRANSLATE_NOOP("imap-loadgen", "idle-fanout: seconds to wait for every idler (40)")},
};

} // namespace

QByteArray Target::user(int n) const
{
    QString name = userPattern;
    name.replace(u"%d"_s, QString::number(n));
    return name.toUtf8();
}

QString Target::tlsName() const
{
    switch (tls) {
    case Tls::Plain: return u"plain"_s;
    case Tls::StartTls: return u"starttls"_s;
    case Tls::Tls: return u"tls"_s;
    }
    return {};
}

double LoadOptions::number(const QString &name, double fallback) const
{
    return extra.contains(name) ? extra.value(name).toDouble() : fallback;
}

QString LoadOptions::text(const QString &name, const QString &fallback) const
{
    return extra.value(name, fallback);
}

const QStringList &LoadOptions::scenarioNames()
{
    static const QStringList names{u"mixed"_s, u"large-mailbox"_s, u"idle-fanout"_s, u"connections"_s,
                                   u"append"_s, u"fetch-stream"_s};
    return names;
}

QString LoadOptions::helpText()
{
    QString text = tr("usage: imap-loadgen --scenario NAME [options]\n"
                      "Load generator for any IMAP server; prints a table and writes JSON.\n\n"
                      "  --host H             server address (127.0.0.1)\n"
                      "  --port N             server port (143)\n"
                      "  --tls MODE           plain | starttls | tls (plain)\n"
                      "  --ca FILE            CA/certificate to verify the server with\n"
                      "  --no-verify          do not verify the server certificate\n"
                      "  --user-pattern P     user names, %d is 1..N (user%d)\n"
                      "  --password P         password of every user\n"
                      "  --users N            users to spread clients over (1)\n"
                      "  --duration S         seconds of load for timed scenarios (10)\n"
                      "  --clients N          concurrent clients (10)\n"
                      "  --seed N             random seed (1)\n"
                      "  --server-pid PID     read this process's (and its children's) memory\n"
                      "  --json FILE          write the results as JSON\n"
                      "  --scenario NAME      %1\n\nScenario options:\n")
                       .arg(scenarioNames().join(u" | "_s));
    for (const ScenarioOption &option : scenarioOptions)
        text += u"  --%1 %2\n"_s.arg(QString::fromLatin1(option.name), -20)
                    .arg(QCoreApplication::translate("imap-loadgen", option.help));
    return text;
}

std::optional<LoadOptions> LoadOptions::parse(const QStringList &arguments, QString *error, bool *help)
{
    LoadOptions options;
    QString caFile;
    bool verify = true;
    *help = false;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == u"--help"_s || argument == u"-h"_s) {
            *help = true;
            return std::nullopt;
        }
        if (argument == u"--no-verify"_s) {
            verify = false;
            continue;
        }
        if (!argument.startsWith(u"--"_s)) {
            *error = tr("unexpected argument \"%1\"").arg(argument);
            return std::nullopt;
        }
        const QString name = argument.mid(2);
        if (i + 1 >= arguments.size()) {
            *error = tr("%1 needs a value").arg(argument);
            return std::nullopt;
        }
        const QString value = arguments.at(++i);
        bool ok = true;
        auto positive = [&](double min) {
            const double n = value.toDouble(&ok);
            ok = ok && n >= min;
            return n;
        };
        if (name == u"host"_s)
            options.target.host = value;
        else if (name == u"port"_s)
            options.target.port = quint16(value.toUShort(&ok));
        else if (name == u"tls"_s) {
            if (value == u"plain"_s)
                options.target.tls = Target::Tls::Plain;
            else if (value == u"starttls"_s)
                options.target.tls = Target::Tls::StartTls;
            else if (value == u"tls"_s)
                options.target.tls = Target::Tls::Tls;
            else
                ok = false;
        } else if (name == u"ca"_s)
            caFile = value;
        else if (name == u"user-pattern"_s)
            ok = (options.target.userPattern = value).contains(u"%d"_s);
        else if (name == u"password"_s)
            options.target.password = value.toUtf8();
        else if (name == u"users"_s)
            options.target.users = int(positive(1));
        else if (name == u"duration"_s)
            options.durationSeconds = positive(0.1);
        else if (name == u"clients"_s)
            options.clients = int(positive(1));
        else if (name == u"seed"_s)
            options.seed = value.toUInt(&ok);
        else if (name == u"scenario"_s)
            ok = scenarioNames().contains(options.scenario = value);
        else if (name == u"json"_s)
            options.jsonPath = value;
        else if (name == u"server-pid"_s)
            options.serverPid = qint64(positive(1));
        else if (std::any_of(std::begin(scenarioOptions), std::end(scenarioOptions),
                             [&](const ScenarioOption &o) { return name == QLatin1StringView(o.name); })) {
            if (name != u"mix"_s && name != u"mailbox"_s)
                positive(0);
            options.extra.insert(name, value);
        } else {
            *error = tr("unknown option %1 (try --help)").arg(argument);
            return std::nullopt;
        }
        if (!ok) {
            *error = tr("bad value \"%1\" for %2").arg(value, argument);
            return std::nullopt;
        }
    }
    if (options.scenario.isEmpty()) {
        *error = tr("--scenario is required: %1").arg(scenarioNames().join(u", "_s));
        return std::nullopt;
    }
    options.target.ssl = QSslConfiguration::defaultConfiguration();
    if (!caFile.isEmpty()) {
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(caFile);
        if (certificates.isEmpty()) {
            *error = tr("no certificate in %1").arg(caFile);
            return std::nullopt;
        }
        options.target.ssl.addCaCertificates(certificates);
    }
    if (!verify)
        options.target.ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    options.target.verifyName = options.target.host;
    return options;
}

} // namespace loadgen
