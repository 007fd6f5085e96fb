#include "slowconnectionjudge.h"

#include <algorithm>
#include <utility>

namespace Ferry {

namespace {

constexpr qint64 RetireAfterMs = 5000;
constexpr int RetireSlownessFactor = 8;
constexpr qint64 MinRateSampleBytes = 256 << 10; // less tells more about latency than speed

} // namespace

Connection *SlowConnectionJudge::judge(qint64 nowMs, const QList<Sample> &samples, bool enabled)
{
    const qint64 tickMs = std::max<qint64>(1, nowMs - std::exchange(m_lastTickMs, nowMs));
    if (!enabled)
        m_bestRate = 0;
    Connection *slowest = nullptr;
    for (const Sample &sample : samples) {
        Stats &stats = m_stats[sample.connection];
        const qint64 rate = (sample.received - std::exchange(stats.receivedAtTick, sample.received))
                            * 1000 / tickMs;
        if (!enabled)
            continue;
        m_bestRate = std::max(m_bestRate, rate);
        const bool slow =
            rate * RetireSlownessFactor < m_bestRate && !sample.hasUnread && sample.splittable;
        if (!slow) {
            stats.slowSinceMs = -1;
            continue;
        }
        if (stats.slowSinceMs < 0)
            stats.slowSinceMs = nowMs;
        else if (nowMs - stats.slowSinceMs >= RetireAfterMs && !slowest)
            slowest = sample.connection;
    }
    if (slowest)
        m_bestRate = 0;
    return slowest;
}

void SlowConnectionJudge::noteFinished(Connection *connection,
                                       qint64 received,
                                       qint64 ageMs,
                                       bool succeeded)
{
    m_stats.remove(connection);
    if (succeeded && received >= MinRateSampleBytes)
        m_bestRate = std::max(m_bestRate, received * 1000 / std::max<qint64>(1, ageMs));
}

} // namespace Ferry
