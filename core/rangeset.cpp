#include "rangeset.h"

#include <algorithm>

namespace Ferry {

RangeSet::RangeSet(const QList<ByteRange> &ranges)
{
    for (const ByteRange &range : ranges)
        add(range);
}

void RangeSet::add(ByteRange range)
{
    if (range.end <= range.begin)
        return;
    // The common case: a connection's bytes extend the range it is filling.
    if (!m_ranges.isEmpty() && m_ranges.last().end == range.begin) {
        m_ranges.last().end = range.end;
        m_size += range.length();
        return;
    }
    // The first range that ends at or after the new one begins may touch it; so may those
    // after it, up to the first that begins after the new one ends.
    auto first = std::lower_bound(
        m_ranges.begin(), m_ranges.end(), range.begin, [](const ByteRange &r, qint64 position) {
            return r.end < position;
        });
    auto last = first;
    while (last != m_ranges.end() && last->begin <= range.end) {
        range.begin = std::min(range.begin, last->begin);
        range.end = std::max(range.end, last->end);
        m_size -= last->length();
        ++last;
    }
    m_size += range.length();
    if (first == last) {
        m_ranges.insert(first, range);
        return;
    }
    *first = range;
    m_ranges.erase(first + 1, last);
}

bool RangeSet::contains(qint64 position) const
{
    auto it = std::upper_bound(m_ranges.begin(),
                               m_ranges.end(),
                               position,
                               [](qint64 p, const ByteRange &r) { return p < r.end; });
    return it != m_ranges.end() && it->begin <= position;
}

QList<ByteRange> RangeSet::gaps(qint64 begin, qint64 end) const
{
    QList<ByteRange> result;
    qint64 position = begin;
    for (const ByteRange &range : m_ranges) {
        if (range.end <= position)
            continue;
        if (range.begin >= end)
            break;
        if (range.begin > position)
            result.append({position, range.begin});
        position = std::max(position, range.end);
        if (position >= end)
            break;
    }
    if (position < end)
        result.append({position, end});
    return result;
}

qint64 RangeSet::firstGapFrom(qint64 from) const
{
    for (const ByteRange &range : m_ranges) {
        if (range.begin > from)
            break;
        if (range.end > from)
            return range.end; // ranges never touch, so the byte after one is a gap
    }
    return from;
}

qint64 RangeSet::nextCoveredFrom(qint64 from, qint64 limit) const
{
    for (const ByteRange &range : m_ranges) {
        if (range.end <= from)
            continue;
        return std::clamp(range.begin, from, limit);
    }
    return limit;
}

RangeSet RangeSet::intersected(const RangeSet &other) const
{
    RangeSet result;
    auto a = m_ranges.begin();
    auto b = other.m_ranges.begin();
    while (a != m_ranges.end() && b != other.m_ranges.end()) {
        const qint64 begin = std::max(a->begin, b->begin);
        const qint64 end = std::min(a->end, b->end);
        if (begin < end)
            result.add({begin, end});
        if (a->end < b->end)
            ++a;
        else
            ++b;
    }
    return result;
}

} // namespace Ferry
