#include "SequenceSet.h"

#include <algorithm>

namespace qimapd {

namespace {
// seq-number; 0 for "*". False on anything else, including 0 and numbers beyond 32 bits.
bool parseNumber(QByteArrayView text, quint32 *out)
{
    if (text == "*") {
        *out = 0;
        return true;
    }
    if (text.isEmpty() || text.size() > 10 || text.front() == '0')
        return false;
    quint64 value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + quint64(c - '0');
    }
    if (value > 0xffffffffULL)
        return false;
    *out = quint32(value);
    return true;
}
} // namespace

std::optional<SequenceSet> SequenceSet::parse(QByteArrayView text, QByteArray *error)
{
    SequenceSet set;
    auto fail = [&](const char *why) -> std::optional<SequenceSet> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (text.isEmpty())
        return fail("Empty sequence set");
    qsizetype start = 0;
    while (start <= text.size()) {
        qsizetype comma = text.indexOf(',', start);
        if (comma < 0)
            comma = text.size();
        const QByteArrayView item = text.sliced(start, comma - start);
        const qsizetype colon = item.indexOf(':');
        Range range;
        const bool ok = colon < 0 ? parseNumber(item, &range.first)
                                  : parseNumber(item.first(colon), &range.first)
                                        && parseNumber(item.sliced(colon + 1), &range.last);
        if (!ok) {
            const bool zero = item.startsWith('0') || item.contains(":0");
            return fail(zero ? "Invalid sequence set: 0 is not a message number" : "Invalid sequence set");
        }
        if (colon < 0)
            range.last = range.first;
        for (quint32 n : {range.first, range.last}) {
            if (n == 0)
                set.m_usesStar = true;
            set.m_largest = std::max(set.m_largest, n);
        }
        set.m_ranges.append(range);
        start = comma + 1;
    }
    return set;
}

SequenceSet SequenceSet::fromRanges(QList<Range> ranges)
{
    SequenceSet set;
    for (const Range &range : ranges)
        set.m_largest = std::max({set.m_largest, range.first, range.last});
    set.m_ranges = std::move(ranges);
    return set;
}

QList<SequenceSet::Range> SequenceSet::resolve(quint32 star) const
{
    QList<Range> ranges;
    ranges.reserve(m_ranges.size());
    for (Range range : m_ranges) {
        if (range.first == 0)
            range.first = star;
        if (range.last == 0)
            range.last = star;
        if (range.first > range.last)
            std::swap(range.first, range.last);
        if (range.first == 0) // "*" in an empty mailbox
            range.first = 1;
        if (range.last == 0)
            continue;
        ranges.append(range);
    }
    std::sort(ranges.begin(), ranges.end(), [](const Range &a, const Range &b) { return a.first < b.first; });
    QList<Range> merged;
    for (const Range &range : std::as_const(ranges)) {
        if (!merged.isEmpty() && quint64(range.first) <= quint64(merged.last().last) + 1)
            merged.last().last = std::max(merged.last().last, range.last);
        else
            merged.append(range);
    }
    return merged;
}

QByteArray SequenceSet::format(const QList<Range> &ranges)
{
    QByteArray out;
    for (const Range &range : ranges) {
        if (!out.isEmpty())
            out += ',';
        out += QByteArray::number(range.first);
        if (range.last != range.first)
            out += ':' + QByteArray::number(range.last);
    }
    return out;
}

QByteArray SequenceSet::format(const QList<quint32> &sortedNumbers)
{
    QList<Range> ranges;
    for (quint32 n : sortedNumbers) {
        if (!ranges.isEmpty() && ranges.last().last + 1 == n)
            ranges.last().last = n;
        else
            ranges.append({n, n});
    }
    return format(ranges);
}

} // namespace qimapd
