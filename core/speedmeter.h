#pragma once

#include <QtGlobal>

#include <array>
#include <utility>

namespace Ferry {

// Speed over a sliding window of recent samples of a cumulative byte counter.
class SpeedMeter
{
public:
    explicit SpeedMeter(qint64 windowMs = 3000);

    void addSample(qint64 timeMs, qint64 totalBytes);
    qint64 bytesPerSecond() const;

private:
    static constexpr int Capacity = 32;

    qint64 m_windowMs;
    std::array<std::pair<qint64, qint64>, Capacity> m_samples{};
    int m_count = 0;
    int m_next = 0;
};

} // namespace Ferry
