#include "LatencyStats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace loadgen {

double LatencyStats::percentile(double p) const
{
    if (m_samples.isEmpty())
        return 0;
    if (!m_sorted) {
        std::sort(m_samples.begin(), m_samples.end());
        m_sorted = true;
    }
    const qsizetype rank = qsizetype(std::ceil(p * double(m_samples.size())));
    return m_samples.at(std::clamp<qsizetype>(rank - 1, 0, m_samples.size() - 1));
}

double LatencyStats::mean() const
{
    if (m_samples.isEmpty())
        return 0;
    return std::accumulate(m_samples.begin(), m_samples.end(), 0.0) / double(m_samples.size());
}

} // namespace loadgen
