#pragma once

#include "core/rangeset.h"

#include <QtGlobal>

#include <functional>
#include <limits>
#include <map>
#include <optional>

namespace Ferry {

// Which bytes of one file are on disk, and which connection ("lane") fetches which of the rest.
// A lane owns [position, end): it fetches from its position on and stops at its end, which may
// move closer when another lane takes over the back half of its work. What a closed lane did not
// fetch goes back to the pool for the next lane. Pure bookkeeping, no I/O.
class SegmentPlan
{
public:
    static constexpr qint64 Unbounded = std::numeric_limits<qint64>::max();

    // totalSize -1: unknown, and then only one lane, up to the end of the body, is possible.
    SegmentPlan(qint64 totalSize, RangeSet done);

    qint64 totalSize() const { return m_totalSize; }

    const RangeSet &done() const { return m_done; }

    qint64 bytesDone() const { return m_done.size(); }

    bool isComplete() const { return m_totalSize >= 0 && m_done.size() == m_totalSize; }

    // Opens a lane over [begin, end) (end Unbounded when the size is unknown).
    int openLane(qint64 begin, qint64 end);
    // Whether a lane's rest is worth splitting (say, it would not end soon anyway).
    using SplitFilter = std::function<bool(int lane)>;

    // The lane for the next connection: the first unfetched range no lane holds, else the back
    // half of the lane with the most left (among those `worthSplitting` accepts), provided both
    // halves keep at least minSplit bytes.
    std::optional<int> openNextLane(qint64 minSplit, const SplitFilter &worthSplitting = {});
    // What openNextLane() would give, without opening it.
    bool hasWorkFor(qint64 minSplit, const SplitFilter &worthSplitting = {}) const;
    // Bytes fetched at the lane's position; it moves on.
    void advance(int lane, qint64 bytes);
    // The lane is over; what it did not fetch goes back to the pool.
    void closeLane(int lane);

    qint64 begin(int lane) const { return m_lanes.at(lane).begin; }

    qint64 position(int lane) const { return m_lanes.at(lane).position; }

    qint64 end(int lane) const { return m_lanes.at(lane).end; }

    qint64 remaining(int lane) const { return end(lane) - position(lane); }

    int openLaneCount() const { return int(m_lanes.size()); }

    // Unfetched bytes no lane holds.
    QList<ByteRange> unassigned() const;

private:
    struct Lane
    {
        qint64 begin = 0;
        qint64 position = 0;
        qint64 end = 0;
    };

    std::optional<std::pair<int, qint64>>
    largestSplittable(qint64 minSplit, const SplitFilter &worthSplitting) const;

    qint64 m_totalSize;
    RangeSet m_done;
    std::map<int, Lane> m_lanes; // open lanes only
    int m_nextLane = 0;
};

} // namespace Ferry
