#include "segmentplan.h"

#include <utility>

namespace Ferry {

SegmentPlan::SegmentPlan(qint64 totalSize, RangeSet done)
    : m_totalSize(totalSize)
    , m_done(std::move(done))
{}

int SegmentPlan::openLane(qint64 begin, qint64 end)
{
    const int id = m_nextLane++;
    m_lanes.emplace(id, Lane{begin, begin, end});
    return id;
}

QList<ByteRange> SegmentPlan::unassigned() const
{
    if (m_totalSize < 0)
        return {};
    RangeSet taken = m_done;
    for (const auto &[id, lane] : m_lanes)
        taken.add({lane.position, std::min(lane.end, m_totalSize)});
    return taken.gaps(0, m_totalSize);
}

std::optional<std::pair<int, qint64>>
SegmentPlan::largestSplittable(qint64 minSplit, const SplitFilter &worthSplitting) const
{
    if (m_totalSize < 0)
        return std::nullopt;
    std::optional<std::pair<int, qint64>> best;
    for (const auto &[id, lane] : m_lanes) {
        const qint64 left = lane.end - lane.position;
        if (left >= 2 * std::max<qint64>(minSplit, 1) && (!best || left > best->second)
            && (!worthSplitting || worthSplitting(id))) {
            best = std::pair{id, left};
        }
    }
    return best;
}

bool SegmentPlan::hasWorkFor(qint64 minSplit, const SplitFilter &worthSplitting) const
{
    return !unassigned().isEmpty() || largestSplittable(minSplit, worthSplitting).has_value();
}

std::optional<int> SegmentPlan::openNextLane(qint64 minSplit, const SplitFilter &worthSplitting)
{
    if (const QList<ByteRange> free = unassigned(); !free.isEmpty())
        return openLane(free.first().begin, free.first().end);
    const auto victim = largestSplittable(minSplit, worthSplitting);
    if (!victim)
        return std::nullopt;
    Lane &lane = m_lanes.at(victim->first);
    const qint64 middle = lane.position + victim->second / 2;
    const qint64 end = std::exchange(lane.end, middle);
    return openLane(middle, end);
}

void SegmentPlan::advance(int lane, qint64 bytes)
{
    Lane &state = m_lanes.at(lane);
    m_done.add({state.position, state.position + bytes});
    state.position += bytes;
}

void SegmentPlan::closeLane(int lane)
{
    m_lanes.erase(lane);
}

} // namespace Ferry
