#include "Report.h"
#include "LoadOptions.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSysInfo>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace loadgen {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("imap-loadgen", text);
}
} // namespace

Report::Report(const LoadOptions &options)
    : m_options(options)
{
}

void Report::setFigure(const QString &name, double value, const QString &unit, bool higherIsBetter)
{
    for (Figure &figure : m_figures) {
        if (figure.name == name) {
            figure = {name, value, unit, higherIsBetter};
            return;
        }
    }
    m_figures.append({name, value, unit, higherIsBetter});
}

void Report::countError(const QString &what)
{
    ++m_errors;
    // Kinds are capped so a storm of distinct messages cannot grow the report without bound.
    if (m_errorKinds.size() < 20 || m_errorKinds.contains(what))
        ++m_errorKinds[what];
}

void Report::print() const
{
    std::printf("%s\n", qPrintable(tr("scenario %1 against %2:%3 (%4), %5 s, %6 commands, %7 errors")
                                       .arg(m_options.scenario, m_options.target.host)
                                       .arg(m_options.target.port)
                                       .arg(m_options.target.tlsName())
                                       .arg(m_elapsedSeconds, 0, 'f', 1)
                                       .arg(m_commands)
                                       .arg(m_errors)));
    if (!m_figures.isEmpty()) {
        std::printf("\n%-44s %14s  %s\n", qPrintable(tr("figure")), qPrintable(tr("value")), qPrintable(tr("unit")));
        for (const Figure &figure : m_figures)
            std::printf("%-44s %14.2f  %s\n", qPrintable(figure.name), figure.value, qPrintable(figure.unit));
    }
    if (!m_latency.isEmpty()) {
        std::printf("\n%-28s %8s %9s %9s %9s %9s %9s\n", qPrintable(tr("latency (ms)")), "count", "p50", "p90",
                    "p99", "max", "mean");
        for (auto it = m_latency.cbegin(); it != m_latency.cend(); ++it) {
            const LatencyStats &s = it.value();
            std::printf("%-28s %8lld %9.2f %9.2f %9.2f %9.2f %9.2f\n", qPrintable(it.key()), qlonglong(s.count()),
                        s.percentile(0.5), s.percentile(0.9), s.percentile(0.99), s.max(), s.mean());
        }
    }
    for (auto it = m_errorKinds.cbegin(); it != m_errorKinds.cend(); ++it)
        std::printf("%s\n", qPrintable(tr("error x%1: %2").arg(it.value()).arg(it.key())));
    for (const QString &note : m_notes)
        std::printf("%s\n", qPrintable(note));
    std::fflush(stdout);
}

QJsonObject Report::toJson() const
{
    QJsonObject figures;
    for (const Figure &figure : m_figures)
        figures.insert(figure.name, QJsonObject{{u"value"_s, figure.value}, {u"unit"_s, figure.unit},
                                                {u"higher_is_better"_s, figure.higherIsBetter}});
    QJsonObject latency;
    for (auto it = m_latency.cbegin(); it != m_latency.cend(); ++it) {
        const LatencyStats &s = it.value();
        latency.insert(it.key(), QJsonObject{{u"count"_s, double(s.count())}, {u"p50"_s, s.percentile(0.5)},
                                             {u"p90"_s, s.percentile(0.9)}, {u"p99"_s, s.percentile(0.99)},
                                             {u"max"_s, s.max()}, {u"mean"_s, s.mean()}});
    }
    QJsonObject errorKinds;
    for (auto it = m_errorKinds.cbegin(); it != m_errorKinds.cend(); ++it)
        errorKinds.insert(it.key(), it.value());
    QJsonObject options;
    for (auto it = m_options.extra.cbegin(); it != m_options.extra.cend(); ++it)
        options.insert(it.key(), it.value());
    options.insert(u"duration"_s, m_options.durationSeconds);
    options.insert(u"clients"_s, m_options.clients);
    options.insert(u"users"_s, m_options.target.users);
    options.insert(u"seed"_s, double(m_options.seed));
    return QJsonObject{
        {u"scenario"_s, m_options.scenario},
        {u"target"_s, QJsonObject{{u"host"_s, m_options.target.host}, {u"port"_s, m_options.target.port},
                                  {u"tls"_s, m_options.target.tlsName()}}},
        {u"options"_s, options},
        {u"started"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {u"host"_s, QSysInfo::machineHostName()},
        {u"elapsed_s"_s, m_elapsedSeconds},
        {u"commands"_s, double(m_commands)},
        {u"errors"_s, double(m_errors)},
        {u"error_kinds"_s, errorKinds},
        {u"figures"_s, figures},
        {u"latency_ms"_s, latency},
        {u"notes"_s, QJsonArray::fromStringList(m_notes)},
    };
}

bool Report::writeJson(const QString &path, QString *error) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented)) < 0) {
        *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace loadgen
