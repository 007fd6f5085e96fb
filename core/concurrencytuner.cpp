#include "concurrencytuner.h"

#include <QLoggingCategory>

#include <algorithm>
#include <limits>

namespace Ferry {

Q_LOGGING_CATEGORY(lcTuner, "ferry.core.tuner", QtWarningMsg)

namespace {

constexpr int Unlimited = std::numeric_limits<int>::max();
constexpr double BigGain = 1.2; // a climb that brought 20% more takes a bigger next step

} // namespace

ConcurrencyTuner::ConcurrencyTuner(const Options &options)
    : m_options(options)
    , m_limit(std::clamp(options.initial, options.minimum, options.maximum))
{}

ConcurrencyTuner::Options ConcurrencyTuner::optionsFor(const EngineOptions &options)
{
    Options tuner;
    tuner.maximum = std::max(1, options.autoMaxActive);
    tuner.initial = std::clamp(options.maxActive, 1, tuner.maximum);
    return tuner;
}

void ConcurrencyTuner::sample(qint64 nowMs, qint64 bytesFetched, bool limitBound)
{
    if (m_periodStartMs < 0) {
        m_periodStartMs = nowMs;
        m_periodStartBytes = bytesFetched;
        return;
    }
    ++m_samples;
    if (limitBound)
        ++m_boundSamples;
    const qint64 elapsed = nowMs - m_periodStartMs;
    if (elapsed < m_options.periodMs)
        return;
    // A period counts only when the limit held work back most of the time; otherwise the
    // queue (or the per-host caps) set the pace and the rate says nothing about the limit.
    if (m_boundSamples * 2 > m_samples) {
        qint64 latency = -1;
        if (!m_latencies.isEmpty()) {
            auto middle = m_latencies.begin() + m_latencies.size() / 2;
            std::nth_element(m_latencies.begin(), middle, m_latencies.end());
            latency = *middle;
        }
        finishPeriod(double(bytesFetched - m_periodStartBytes) * 1000.0 / double(elapsed), latency);
    }
    m_periodStartMs = nowMs;
    m_periodStartBytes = bytesFetched;
    m_samples = 0;
    m_boundSamples = 0;
    m_latencies.clear();
}

void ConcurrencyTuner::noteFirstByteLatency(qint64 ms)
{
    if (m_latencies.size() < 4096)
        m_latencies.append(ms);
}

void ConcurrencyTuner::finishPeriod(double rate, qint64 latencyMs)
{
    qCDebug(lcTuner) << "period: limit" << m_limit << "rate" << qint64(rate / 1024)
                     << "KiB/s latency" << latencyMs << "ms; mode" << int(m_mode) << "best"
                     << m_bestLimit << qint64(m_bestRate / 1024) << "best latency"
                     << m_bestLatencyMs;
    if (latencyMs >= 0 && (m_bestLatencyMs < 0 || latencyMs < m_bestLatencyMs))
        m_bestLatencyMs = latencyMs;
    const bool latencyHigh = latencyMs >= 0 && m_bestLatencyMs > 0
                             && double(latencyMs) > m_options.latencyRise * double(m_bestLatencyMs);
    const auto hold = [this] {
        moveTo(m_bestLimit);
        m_mode = Mode::Holding;
        m_holdLeft = m_options.holdPeriods;
    };
    switch (m_mode) {
    case Mode::Climbing:
        if (m_bestLimit == 0 || rate > m_bestRate * (1.0 + m_options.minGain)) {
            // Half again as many while that pays off well, a quarter more once gains shrink.
            const bool bigGain = m_bestLimit == 0 || rate > m_bestRate * BigGain;
            m_bestLimit = m_limit;
            m_bestRate = rate;
            moveTo(m_limit + std::max(1, bigGain ? m_limit / 2 : m_limit / 4));
            if (m_limit == m_bestLimit)
                hold(); // at the maximum
        } else {
            hold(); // no gain: back to the best
        }
        break;
    case Mode::Holding:
        m_bestRate = rate; // what the best limit brings now
        if (latencyHigh && m_limit > m_options.minimum) {
            // The server answers ever later without giving more: back off.
            moveTo(m_limit - std::max(1, m_limit / 4));
            m_bestLimit = m_limit;
            m_holdLeft = m_options.holdPeriods;
        } else if (--m_holdLeft <= 0) {
            // Probe: upwards and downwards in turn, since what is best changes.
            m_anchorRate = m_bestRate;
            if (m_probeUpNext) {
                m_mode = Mode::Climbing;
                moveTo(m_limit + std::max(1, m_limit / 4));
            } else {
                m_mode = Mode::Descending;
                moveTo(m_limit - std::max(1, m_limit / 4));
            }
            m_probeUpNext = !m_probeUpNext;
            if (m_limit == m_bestLimit)
                hold();
        }
        break;
    case Mode::Descending:
        // Fewer downloads for (nearly) the same throughput are better: keep going down while
        // nothing is lost against where the descent began.
        if (rate >= m_anchorRate * (1.0 - m_options.minGain)) {
            m_bestLimit = m_limit;
            m_bestRate = rate;
            moveTo(m_limit - std::max(1, m_limit / 4));
            if (m_limit == m_bestLimit)
                hold();
        } else {
            hold();
        }
        break;
    }
}

void ConcurrencyTuner::moveTo(int limit)
{
    m_limit = std::clamp(limit, m_options.minimum, m_options.maximum);
}

void ConcurrencyTuner::noteThrottled(const QString &host, int inFlight, qint64 nowMs)
{
    HostCap &cap = m_hosts[host];
    const int below = std::max(1, inFlight - 1);
    cap.ceiling = cap.ceiling == 0 ? below : std::min(cap.ceiling, below);
    cap.lastThrottleMs = nowMs;
}

void ConcurrencyTuner::noteHostSuccess(const QString &host, qint64 nowMs)
{
    const auto it = m_hosts.find(host);
    if (it == m_hosts.end() || nowMs - it->lastThrottleMs < m_options.hostQuietMs)
        return;
    // Quiet for a while: try one more, and wait as long again before the next.
    ++it->ceiling;
    it->lastThrottleMs = nowMs;
}

int ConcurrencyTuner::hostCeiling(const QString &host) const
{
    const auto it = m_hosts.constFind(host);
    return it == m_hosts.constEnd() ? Unlimited : it->ceiling;
}

} // namespace Ferry
