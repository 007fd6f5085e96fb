#pragma once

#include "core/byterange.h"

#include <QList>

namespace Ferry {

// A set of byte positions kept as sorted, disjoint, non-adjacent half-open ranges: the bytes of
// a file that are on disk, or that someone is fetching.
class RangeSet
{
public:
    RangeSet() = default;
    // Any ranges, in any order, overlapping or not; empty ones are ignored.
    explicit RangeSet(const QList<ByteRange> &ranges);

    const QList<ByteRange> &ranges() const { return m_ranges; }

    bool isEmpty() const { return m_ranges.isEmpty(); }

    qint64 size() const { return m_size; } // bytes covered

    void add(ByteRange range);
    bool contains(qint64 position) const;
    // The parts of [begin, end) not in the set, in order.
    QList<ByteRange> gaps(qint64 begin, qint64 end) const;
    // The first position at or after `from` that is not in the set.
    qint64 firstGapFrom(qint64 from) const;
    // The first position at or after `from` that is in the set, or `limit` when none is before it.
    qint64 nextCoveredFrom(qint64 from, qint64 limit) const;
    RangeSet intersected(const RangeSet &other) const;

    friend bool operator==(const RangeSet &a, const RangeSet &b)
    {
        return a.m_ranges == b.m_ranges;
    }

private:
    QList<ByteRange> m_ranges;
    qint64 m_size = 0;
};

} // namespace Ferry
