#pragma once

#include "LatencyStats.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace loadgen {

struct LoadOptions;

// The results of one scenario run: headline figures, latency distributions per command,
// command and error counts. Printed as a table and written as JSON that compare.sh reads
// (the same keys for every server, so figures can be divided).
class Report
{
public:
    explicit Report(const LoadOptions &options);

    // A headline figure; `higherIsBetter` tells a comparison which way a ratio points.
    void setFigure(const QString &name, double value, const QString &unit, bool higherIsBetter);
    LatencyStats &latency(const QString &name) { return m_latency[name]; }
    void countCommand(int n = 1) { m_commands += n; }
    void countError(const QString &what);
    void addNote(const QString &note) { m_notes.append(note); }
    qint64 commands() const { return m_commands; }
    qint64 errors() const { return m_errors; }
    void setElapsed(double seconds) { m_elapsedSeconds = seconds; }

    void print() const;
    QJsonObject toJson() const;
    bool writeJson(const QString &path, QString *error) const;

private:
    struct Figure
    {
        QString name;
        double value;
        QString unit;
        bool higherIsBetter;
    };
    const LoadOptions &m_options;
    QList<Figure> m_figures;
    QMap<QString, LatencyStats> m_latency;
    QMap<QString, int> m_errorKinds;
    QStringList m_notes;
    qint64 m_commands = 0;
    qint64 m_errors = 0;
    double m_elapsedSeconds = 0;
};

} // namespace loadgen
