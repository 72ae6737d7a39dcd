#pragma once

#include <QByteArray>
#include <QMap>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>

#include <optional>

namespace loadgen {

// Where the load goes and how to log in; shared by every connection.
struct Target
{
    enum class Tls { Plain, StartTls, Tls };
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 143;
    Tls tls = Tls::Plain;
    QSslConfiguration ssl;                 // CA from --ca; peer verified unless --no-verify
    QString verifyName;                    // the name checked in the certificate (--host)
    QString userPattern = QStringLiteral("user%d");
    QByteArray password;
    int users = 1;                         // user1 .. userN

    // user<n> for n in 1..users, from the pattern's %d.
    QByteArray user(int n) const;
    QString tlsName() const;
};

// Everything on the command line. Scenario options are generic "--name value" pairs read
// by each scenario with a default (so one parser serves all six).
struct LoadOptions
{
    Target target;
    QString scenario;
    double durationSeconds = 10;
    int clients = 10;
    quint32 seed = 1;
    QString jsonPath;
    qint64 serverPid = 0;
    QMap<QString, QString> extra;          // per-scenario: --messages, --sessions, ...

    double number(const QString &name, double fallback) const;
    QString text(const QString &name, const QString &fallback) const;

    // Parses argv; on bad input, nullopt with a one-line `error` (exit code 2).
    static std::optional<LoadOptions> parse(const QStringList &arguments, QString *error, bool *help);
    static QString helpText();
    static const QStringList &scenarioNames();
};

} // namespace loadgen
