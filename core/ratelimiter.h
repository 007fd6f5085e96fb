#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>

namespace Ferry {

// Download speed limits: one bucket of tokens (bytes) for all downloads together and one per
// consumer (a download). Each connection of a download is a reader of its consumer. Lives on
// the engine thread.
//
// A reader asks take() how much it may read now and reads exactly that. When it got less than
// it asked for, it waits for refilled() and asks again. Tokens arrive on a short timer that
// runs only while someone is waiting; with no limit set, take() grants everything at once.
//
// While readers wait, every tick shares the global tokens out equally among the consumers that
// were refused, then each consumer's tokens equally among its readers that were refused. So
// neither the order in which readers ask back nor asking more often gets anyone more than its
// share, and no connection of a segmented download starves while its siblings read. A share
// that cannot be used (a lower own limit, a slower server) goes to the others, at once or at
// the next tick. Buckets are shallow (a few ticks' worth), so a limit holds over every second,
// not just on average.
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

    // Ids (consumers and readers alike) start at 1 and are never reused.
    quint64 addConsumer(qint64 bytesPerSecond = 0);
    void setConsumerLimit(quint64 consumer, qint64 bytesPerSecond);
    qint64 consumerLimit(quint64 consumer) const;
    // Also removes its readers.
    void removeConsumer(quint64 consumer);

    quint64 addReader(quint64 consumer);
    void removeReader(quint64 reader);

    // How many of `wanted` bytes the reader may read now (0..wanted), charged at once to its
    // consumer and to the global limit. Less than `wanted` means: read what was granted, then
    // wait for refilled().
    qint64 take(quint64 reader, qint64 wanted);

    // The timer's work, public so tests can drive a fake clock: adds the tokens earned since the
    // last refill, shares them out among the consumers and readers that were refused, and emits
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
        qint64 reserved = 0;  // of its tokens, set aside for its readers at the last tick
        qint64 refused = 0;   // bytes refused since the last tick; > 0 means waiting
    };

    struct Reader
    {
        quint64 consumer = 0;
        qint64 reserved = 0;
        qint64 refused = 0;
    };

    void advance();
    void shareOut();
    void shareAmongReaders();
    void reclaimShares();
    bool isLimited(const Consumer &consumer) const;
    qint64 available(const Consumer &consumer, bool unshared) const;

    Clock m_clock;
    QTimer m_timer;
    Bucket m_global;
    qint64 m_allowances = 0; // sum of the consumers' allowances
    qint64 m_lastMs = 0;
    QHash<quint64, Consumer> m_consumers;
    QHash<quint64, Reader> m_readers;
    int m_limitedConsumers = 0;
    quint64 m_nextId = 1;
};

} // namespace Ferry
