#include "speedmeter.h"

namespace Ferry {

SpeedMeter::SpeedMeter(qint64 windowMs)
    : m_windowMs(windowMs)
{}

void SpeedMeter::addSample(qint64 timeMs, qint64 totalBytes)
{
    m_samples[m_next] = {timeMs, totalBytes};
    m_next = (m_next + 1) % Capacity;
    if (m_count < Capacity)
        ++m_count;
}

qint64 SpeedMeter::bytesPerSecond() const
{
    if (m_count < 2)
        return 0;
    const auto &newest = m_samples[(m_next + Capacity - 1) % Capacity];
    // The oldest sample still inside the window (or the oldest we have).
    const std::pair<qint64, qint64> *oldest = &newest;
    for (int i = 2; i <= m_count; ++i) {
        const auto &sample = m_samples[(m_next + Capacity - i) % Capacity];
        if (newest.first - sample.first > m_windowMs)
            break;
        oldest = &sample;
    }
    const qint64 span = newest.first - oldest->first;
    if (span <= 0)
        return 0;
    return qMax<qint64>(0, (newest.second - oldest->second) * 1000 / span);
}

} // namespace Ferry
