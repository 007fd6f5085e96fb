#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>

namespace Ferry {

// Download speed limits: one bucket of tokens (bytes) for all downloads together and one per
// consumer (a download; all connections of a segmented download share its consumer). Lives on
// the engine thread.
//
// A reader asks take() how much it may read now and reads exactly that. When it got less than
// it asked for, it waits for refilled() and asks again. Tokens arrive on a short timer that
// runs only while someone is waiting; with no limit set, take() grants everything at once.
//
// While readers wait, every tick shares the global tokens out equally among the consumers that
// were refused, so neither the order in which readers ask back nor asking more often gets a
// consumer more than its share. A share a consumer cannot use (its own limit is lower, its
// server is slower) goes to the others, at once or at the next tick. Buckets are shallow (a
// few ticks' worth), so a limit holds over every second, not just on average.
class RateLimiter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RateLimiter)

public:
    using Clock = std::function<qint64()>; // monotonic milliseconds

    static constexpr int TickMs = 20;
    static constexpr qint64 MaxBytesPerSecond = qint64(1) << 40; // higher limits are clamped

    explicit RateLimiter(QObject *parent = nullptr);
    explicit RateLimiter(Clock clock, QObject *parent = nullptr);

    // 0 = unlimited. A change counts from the moment it is made; a lower limit also cuts any
    // tokens saved up beyond the new bucket depth, so it never lets a burst through.
    void setGlobalLimit(qint64 bytesPerSecond);

    qint64 globalLimit() const { return m_global.rate; }

    // Ids start at 1 and are never reused.
    quint64 addConsumer(qint64 bytesPerSecond = 0);
    void setConsumerLimit(quint64 id, qint64 bytesPerSecond);
    qint64 consumerLimit(quint64 id) const;
    void removeConsumer(quint64 id);

    // How many of `wanted` bytes the consumer may read now (0..wanted), charged at once. Less
    // than `wanted` means: read what was granted, then wait for refilled().
    qint64 take(quint64 id, qint64 wanted);

    // The timer's work, public so tests can drive a fake clock: adds the tokens earned since the
    // last refill, shares the global ones among the consumers that were refused, and emits
    // refilled() if anyone was. Stops the timer when nobody waits any more.
    void refill();

    bool isWaiting() const { return m_timer.isActive(); }

    // Most tokens a bucket for this rate holds: TickMs * 3 of it, at least 16 KiB.
    static qint64 depth(qint64 bytesPerSecond);

signals:
    // Tokens arrived and some consumer was refused since the last refill: readers that got less
    // than they asked for should ask again.
    void refilled();

private:
    struct Bucket
    {
        qint64 rate = 0; // bytes per second, 0 = unlimited
        qint64 tokens = 0;
        qint64 remainder = 0; // earned fractions of a byte, in 1/1000 bytes

        void earn(qint64 elapsedMs, qint64 room);
    };

    struct Consumer
    {
        Bucket own;
        qint64 allowance = 0; // global tokens set aside for this consumer at the last tick
        qint64 refused = 0;   // bytes refused since the last tick; > 0 means waiting
    };

    void advance();
    void shareOut();
    void reclaimAllowances();
    bool isLimited(const Consumer &consumer) const;

    Clock m_clock;
    QTimer m_timer;
    Bucket m_global;
    qint64 m_allowances = 0; // sum of the consumers' allowances
    qint64 m_lastMs = 0;
    QHash<quint64, Consumer> m_consumers;
    int m_limitedConsumers = 0;
    quint64 m_nextId = 1;
};

} // namespace Ferry
