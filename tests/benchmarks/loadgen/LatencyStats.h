#pragma once

#include <QList>

namespace loadgen {

// Latency samples of one kind of command, in milliseconds, and their percentiles.
class LatencyStats
{
public:
    void add(double ms) { m_samples.append(ms); m_sorted = false; }
    void addNs(qint64 ns) { add(double(ns) / 1e6); }
    qsizetype count() const { return m_samples.size(); }
    bool isEmpty() const { return m_samples.isEmpty(); }
    // p in [0, 1]; nearest-rank on the sorted samples, 0 when empty.
    double percentile(double p) const;
    double mean() const;
    double max() const { return percentile(1.0); }

private:
    mutable QList<double> m_samples;
    mutable bool m_sorted = true;
};

} // namespace loadgen
