#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace qimapd {

// sequence-set = (seq-number / seq-range) *("," sequence-set), seq-number = nz-number / "*"
// (RFC 3501 §9). The same syntax names message sequence numbers or UIDs; "*" is the largest
// number in use, which the caller supplies when it resolves the set. Ranges are order-free
// ("4:2" is "2:4"), and 0 is never valid (seed bug 5).
class SequenceSet
{
public:
    struct Range
    {
        quint32 first = 0;
        quint32 last = 0;
        bool operator==(const Range &) const = default;
    };

    // nullopt with `error` set for anything but a valid sequence-set.
    static std::optional<SequenceSet> parse(QByteArrayView text, QByteArray *error = nullptr);
    static SequenceSet fromRanges(QList<Range> ranges);

    // Ascending, merged, non-overlapping ranges with "*" replaced by `star` (the largest number
    // in use; 0 for an empty mailbox, which makes "*" match nothing).
    QList<Range> resolve(quint32 star) const;
    // The largest explicit number in the set (to detect sequence numbers beyond EXISTS).
    quint32 largestNumber() const { return m_largest; }
    bool usesStar() const { return m_usesStar; }

    // The canonical text of ascending ranges ("1:3,7"), as in COPYUID and APPENDUID.
    static QByteArray format(const QList<Range> &ranges);
    static QByteArray format(const QList<quint32> &sortedNumbers);

private:
    // A parsed range; 0 stands for "*".
    QList<Range> m_ranges;
    quint32 m_largest = 0;
    bool m_usesStar = false;
};

} // namespace qimapd
