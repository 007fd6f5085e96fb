// RateLimiter against a fake clock: simulated readers on an endless fast network ask for bytes
// the way a QNetworkReply reader would, ticks come with jitter, and what each reader got is
// measured over simulated time. Nothing here sleeps or depends on the machine's speed, except
// one test that checks the real timer wakes a waiting reader.

#include "core/ratelimiter.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <array>
#include <deque>

using Ferry::RateLimiter;

namespace {

constexpr qint64 KiB = 1 << 10;
constexpr qint64 MiB = 1 << 20;

// Intervals between timer ticks, in ms: mostly on time, sometimes late (a busy engine thread).
constexpr std::array<qint64, 10> TickJitterMs{20, 21, 20, 24, 19, 20, 35, 20, 22, 45};

// Readers whose network is always faster than the limit: each asks for `chunk` bytes (a full
// read buffer) and asks again at once while it gets all of it. Refused readers ask again on
// refilled(), in the order they were added. `asksBetweenTicks` extra asks per tick model
// readyRead arriving between ticks; such a reader must not get more than the others.
class Simulation
{
public:
    struct Reader
    {
        quint64 consumer = 0;
        quint64 id = 0;
        qint64 chunk = 256 * KiB;
        int asksBetweenTicks = 0;
        bool listening = true;            // reacts to refilled()
        qint64 networkBytesPerSecond = 0; // 0: data is always there, `chunk` at a time
        qint64 buffered = 0;              // arrived, not yet read (slow network only)
        qint64 arrivedUntil = 0;
        qint64 received = 0;
    };

    Simulation()
        : limiter([this] { return now; })
    {
        QObject::connect(&limiter, &RateLimiter::refilled, &limiter, [this] {
            for (Reader &reader : readers) {
                if (reader.listening)
                    ask(reader);
            }
        });
    }

    // A download with one connection.
    Reader &addDownload(qint64 limit = 0) { return addConnection(limiter.addConsumer(limit)); }

    // Another connection of the same download.
    Reader &addConnection(quint64 consumer)
    {
        Reader &reader = readers.emplace_back();
        reader.consumer = consumer;
        reader.id = limiter.addReader(consumer);
        return reader;
    }

    void ask(Reader &reader)
    {
        if (reader.networkBytesPerSecond > 0) {
            arrive(reader);
            if (reader.buffered == 0)
                return;
            const qint64 granted = limiter.take(reader.id, reader.buffered);
            QVERIFY(granted >= 0 && granted <= reader.buffered);
            reader.buffered -= granted;
            reader.received += granted;
            return;
        }
        // Bounded, for when no limit applies and every ask is granted.
        for (int i = 0; i < 1000; ++i) {
            const qint64 granted = limiter.take(reader.id, reader.chunk);
            QVERIFY(granted >= 0 && granted <= reader.chunk);
            reader.received += granted;
            if (granted < reader.chunk)
                return;
        }
    }

    // The network fills the reply's read buffer (`chunk` bytes) at its own speed.
    void arrive(Reader &reader)
    {
        if (reader.arrivedUntil == 0)
            reader.arrivedUntil = now;
        const qint64 arrived = reader.networkBytesPerSecond * (now - reader.arrivedUntil) / 1000;
        reader.buffered = std::min(reader.chunk, reader.buffered + arrived);
        reader.arrivedUntil = now;
    }

    // Runs for `durationMs` of simulated time, calling `window` at every full second.
    template<typename Window>
    void run(qint64 durationMs, Window &&window)
    {
        const qint64 end = now + durationMs;
        qint64 nextWindow = now + 1000;
        for (Reader &reader : readers)
            ask(reader);
        while (now < end) {
            const qint64 tickStart = now;
            const qint64 step = TickJitterMs.at(m_tick++ % TickJitterMs.size());
            for (Reader &reader : readers) {
                for (int i = 1; i <= reader.asksBetweenTicks; ++i) {
                    now = std::max(now, tickStart + step * i / (reader.asksBetweenTicks + 1));
                    ask(reader);
                }
            }
            now = tickStart + step;
            if (limiter.isWaiting())
                limiter.refill();
            else
                runAll();
            if (now >= nextWindow) {
                window();
                nextWindow += 1000;
            }
        }
    }

    void run(qint64 durationMs)
    {
        run(durationMs, [] {});
    }

    void runAll()
    {
        for (Reader &reader : readers)
            ask(reader);
    }

    qint64 total() const
    {
        qint64 sum = 0;
        for (const Reader &reader : readers)
            sum += reader.received;
        return sum;
    }

    qint64 now = 1000000; // an arbitrary monotonic start
    RateLimiter limiter;
    std::deque<Reader> readers; // stable addresses

private:
    std::size_t m_tick = 0;
};

bool within(double measured, double expected, double tolerance)
{
    return measured >= expected * (1 - tolerance) && measured <= expected * (1 + tolerance);
}

QByteArray describe(double measured, double expected)
{
    return QByteArray::number(measured / MiB, 'f', 4) + " MiB/s, expected "
           + QByteArray::number(expected / MiB, 'f', 4) + " MiB/s";
}

#define VERIFY_RATE(measured, expected, tolerance)                                                 \
    QVERIFY2(within((measured), (expected), (tolerance)),                                          \
             describe((measured), (expected)).constData())

} // namespace

class TestRateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void take_unlimited_grantsAllWithoutTimer();
    void take_globalLimit_holdsRateOverRunAndEverySecond_data();
    void take_globalLimit_holdsRateOverRunAndEverySecond();
    void take_consumerLimit_holdsRate();
    void take_afterIdle_grantsAtMostOneBucket();
    void take_sharedGlobalLimit_equalShares_data();
    void take_sharedGlobalLimit_equalShares();
    void take_slowReader_leavesItsShareToOthers();
    void take_consumerLimitBelowShare_othersGetTheRest();
    void take_connectionsOfOneDownload_shareItsLimit();
    void take_downloadsShareEquallyWhateverTheirConnections();
    void removeReader_withOutstandingShare_returnsItToSiblings();
    void setGlobalLimit_midRun_appliesWithoutBurst();
    void setConsumerLimit_midRun_appliesWithoutBurst();
    void setLimit_lower_cutsSavedUpTokens();
    void setLimit_toZero_meansUnlimited();
    void removeConsumer_withOutstandingShare_returnsItToOthers();
    void removeConsumer_midRun_othersKeepTheLimit();
    void refilled_emittedOnlyWhileSomeoneWaits();
    void refilled_realTimer_wakesAWaitingReader();
};

void TestRateLimiter::take_unlimited_grantsAllWithoutTimer()
{
    qint64 now = 0;
    RateLimiter limiter([&now] { return now; });
    QSignalSpy refilled(&limiter, &RateLimiter::refilled);
    const quint64 consumer = limiter.addConsumer();
    const quint64 a = limiter.addReader(consumer);
    const quint64 b = limiter.addReader(limiter.addConsumer(0));
    QCOMPARE(limiter.take(a, 64 * MiB), 64 * MiB);
    QCOMPARE(limiter.take(b, 1), qint64(1));
    QCOMPARE(limiter.take(a, 0), qint64(0));
    QVERIFY(!limiter.isWaiting());
    limiter.refill();
    QCOMPARE(refilled.size(), 0);
    QCOMPARE(limiter.globalLimit(), qint64(0));
    QCOMPARE(limiter.consumerLimit(consumer), qint64(0));
}

void TestRateLimiter::take_globalLimit_holdsRateOverRunAndEverySecond_data()
{
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<int>("readers");
    QTest::addColumn<qint64>("chunk");

    QTest::newRow("10 MiB/s, one reader") << 10 * MiB << 1 << 256 * KiB;
    QTest::newRow("10 MiB/s, small reads") << 10 * MiB << 1 << 16 * KiB;
    QTest::newRow("10 MiB/s, three readers") << 10 * MiB << 3 << 64 * KiB;
    QTest::newRow("1 KiB/s") << KiB << 1 << 256 * KiB;
    QTest::newRow("700 KiB/s") << 700 * KiB << 2 << 256 * KiB;
    QTest::newRow("1 GiB/s") << 1024 * MiB << 2 << 4 * MiB;
}

void TestRateLimiter::take_globalLimit_holdsRateOverRunAndEverySecond()
{
    QFETCH(qint64, limit);
    QFETCH(int, readers);
    QFETCH(qint64, chunk);

    Simulation sim;
    sim.limiter.setGlobalLimit(limit);
    QCOMPARE(sim.limiter.globalLimit(), limit);
    for (int i = 0; i < readers; ++i)
        sim.addDownload().chunk = chunk;

    const qint64 start = sim.now;
    qint64 windowStart = sim.now;
    qint64 windowBytes = 0;
    int windows = 0;
    sim.run(20000, [&] {
        const double rate = double(sim.total() - windowBytes) * 1000 / (sim.now - windowStart);
        VERIFY_RATE(rate, double(limit), 0.10);
        windowStart = sim.now;
        windowBytes = sim.total();
        ++windows;
    });
    QCOMPARE(windows, 20);
    VERIFY_RATE(double(sim.total()) * 1000 / (sim.now - start), double(limit), 0.05);
}

void TestRateLimiter::take_consumerLimit_holdsRate()
{
    Simulation sim;
    Simulation::Reader &reader = sim.addDownload(10 * MiB);
    QCOMPARE(sim.limiter.consumerLimit(reader.consumer), 10 * MiB);
    const qint64 start = sim.now;
    qint64 windowStart = sim.now;
    qint64 windowBytes = 0;
    sim.run(20000, [&] {
        VERIFY_RATE(double(reader.received - windowBytes) * 1000 / (sim.now - windowStart),
                    10.0 * MiB,
                    0.10);
        windowStart = sim.now;
        windowBytes = reader.received;
    });
    VERIFY_RATE(double(reader.received) * 1000 / (sim.now - start), 10.0 * MiB, 0.05);
}

void TestRateLimiter::take_afterIdle_grantsAtMostOneBucket()
{
    qint64 now = 0;
    RateLimiter limiter([&now] { return now; });
    limiter.setGlobalLimit(10 * MiB);
    const quint64 id = limiter.addReader(limiter.addConsumer(MiB));
    now += 60000; // a minute without reading
    const qint64 granted = limiter.take(id, 64 * MiB);
    QCOMPARE(granted, RateLimiter::depth(MiB));
    QVERIFY(granted < 64 * KiB); // tens of milliseconds of the rate, not a minute's savings
    QVERIFY(limiter.isWaiting());
}

void TestRateLimiter::take_sharedGlobalLimit_equalShares_data()
{
    QTest::addColumn<int>("readers");
    QTest::addColumn<int>("greedyAsks"); // the first reader also asks this often between ticks

    QTest::newRow("two") << 2 << 0;
    QTest::newRow("five") << 5 << 0;
    QTest::newRow("two, first greedy") << 2 << 4;
    QTest::newRow("five, first greedy") << 5 << 4;
}

void TestRateLimiter::take_sharedGlobalLimit_equalShares()
{
    QFETCH(int, readers);
    QFETCH(int, greedyAsks);

    Simulation sim;
    sim.limiter.setGlobalLimit(10 * MiB);
    for (int i = 0; i < readers; ++i)
        sim.addDownload().chunk = (i + 1) * 64 * KiB; // different read sizes, too
    sim.readers.front().asksBetweenTicks = greedyAsks;
    const qint64 start = sim.now;
    sim.run(20000);

    const double seconds = double(sim.now - start) / 1000;
    VERIFY_RATE(double(sim.total()) / seconds, 10.0 * MiB, 0.05);
    for (const Simulation::Reader &reader : sim.readers)
        VERIFY_RATE(double(reader.received) / seconds, 10.0 * MiB / readers, 0.10);
}

void TestRateLimiter::take_slowReader_leavesItsShareToOthers()
{
    Simulation sim;
    sim.limiter.setGlobalLimit(10 * MiB);
    Simulation::Reader &slow = sim.addDownload();
    slow.networkBytesPerSecond = MiB;
    slow.asksBetweenTicks = 4; // readyRead as its data trickles in
    Simulation::Reader &fast = sim.addDownload();
    const qint64 start = sim.now;
    sim.run(20000);

    const double seconds = double(sim.now - start) / 1000;
    VERIFY_RATE(double(slow.received) / seconds, 1.0 * MiB, 0.05);
    VERIFY_RATE(double(fast.received) / seconds, 9.0 * MiB, 0.05);
}

void TestRateLimiter::take_consumerLimitBelowShare_othersGetTheRest()
{
    Simulation sim;
    sim.limiter.setGlobalLimit(10 * MiB);
    Simulation::Reader &slow = sim.addDownload(MiB);
    Simulation::Reader &fast1 = sim.addDownload();
    Simulation::Reader &fast2 = sim.addDownload(20 * MiB); // above its share: the global decides
    const qint64 start = sim.now;
    sim.run(20000);

    const double seconds = double(sim.now - start) / 1000;
    VERIFY_RATE(double(slow.received) / seconds, 1.0 * MiB, 0.05);
    VERIFY_RATE(double(fast1.received) / seconds, 4.5 * MiB, 0.10);
    VERIFY_RATE(double(fast2.received) / seconds, 4.5 * MiB, 0.10);
    VERIFY_RATE(double(sim.total()) / seconds, 10.0 * MiB, 0.05);
}

void TestRateLimiter::take_connectionsOfOneDownload_shareItsLimit()
{
    // No connection of a segmented download may starve while its siblings read: the engine
    // would take it for a stalled or slow connection.
    Simulation sim;
    Simulation::Reader &first = sim.addDownload(10 * MiB);
    for (int i = 1; i < 6; ++i)
        sim.addConnection(first.consumer).chunk = (i + 1) * 64 * KiB;
    const qint64 start = sim.now;
    sim.run(20000);

    const double seconds = double(sim.now - start) / 1000;
    VERIFY_RATE(double(sim.total()) / seconds, 10.0 * MiB, 0.05);
    for (const Simulation::Reader &reader : sim.readers)
        VERIFY_RATE(double(reader.received) / seconds, 10.0 * MiB / 6, 0.10);
}

void TestRateLimiter::take_downloadsShareEquallyWhateverTheirConnections()
{
    Simulation sim;
    sim.limiter.setGlobalLimit(10 * MiB);
    Simulation::Reader &single = sim.addDownload();
    const quint64 segmented = sim.addDownload().consumer;
    for (int i = 1; i < 8; ++i)
        sim.addConnection(segmented);
    const qint64 start = sim.now;
    sim.run(20000);

    const double seconds = double(sim.now - start) / 1000;
    VERIFY_RATE(double(single.received) / seconds, 5.0 * MiB, 0.10);
    for (const Simulation::Reader &reader : sim.readers) {
        if (reader.consumer == segmented)
            VERIFY_RATE(double(reader.received) / seconds, 5.0 * MiB / 8, 0.10);
    }
}

void TestRateLimiter::removeReader_withOutstandingShare_returnsItToSiblings()
{
    qint64 now = 0;
    RateLimiter limiter([&now] { return now; });
    constexpr qint64 Limit = 1000000; // 40 ms of it halves evenly
    const quint64 download = limiter.addConsumer(Limit);
    const quint64 a = limiter.addReader(download);
    const quint64 b = limiter.addReader(download);
    QCOMPARE(limiter.take(a, MiB), qint64(0)); // buckets start empty
    QCOMPARE(limiter.take(b, MiB), qint64(0));

    now += 40;
    limiter.refill(); // half each, set aside
    const qint64 earned = Limit * 40 / 1000;
    QCOMPARE(limiter.take(a, MiB), earned / 2); // not a byte of b's half
    limiter.removeReader(b);
    QCOMPARE(limiter.take(a, MiB), earned / 2);
    QCOMPARE(limiter.take(a, MiB), qint64(0));
}

void TestRateLimiter::setGlobalLimit_midRun_appliesWithoutBurst()
{
    Simulation sim;
    sim.limiter.setGlobalLimit(10 * MiB);
    sim.addDownload();
    sim.addDownload();
    sim.run(5000);

    // Lower it: the very next tick grants no more than the new limit allows.
    sim.limiter.setGlobalLimit(MiB);
    qint64 before = sim.total();
    qint64 start = sim.now;
    sim.now += RateLimiter::TickMs;
    sim.limiter.refill();
    QVERIFY2(sim.total() - before <= RateLimiter::depth(MiB),
             QByteArray::number(sim.total() - before).constData());
    sim.run(5000);
    VERIFY_RATE(double(sim.total() - before) * 1000 / (sim.now - start), 1.0 * MiB, 0.05);

    // Raise it.
    sim.limiter.setGlobalLimit(20 * MiB);
    before = sim.total();
    start = sim.now;
    sim.run(5000);
    VERIFY_RATE(double(sim.total() - before) * 1000 / (sim.now - start), 20.0 * MiB, 0.05);
}

void TestRateLimiter::setConsumerLimit_midRun_appliesWithoutBurst()
{
    Simulation sim;
    sim.limiter.setGlobalLimit(10 * MiB);
    Simulation::Reader &a = sim.addDownload(4 * MiB);
    Simulation::Reader &b = sim.addDownload();
    sim.run(5000);

    sim.limiter.setConsumerLimit(a.consumer, 256 * KiB);
    QCOMPARE(sim.limiter.consumerLimit(a.consumer), 256 * KiB);
    qint64 aBefore = a.received;
    qint64 bBefore = b.received;
    qint64 start = sim.now;
    sim.now += RateLimiter::TickMs;
    sim.limiter.refill();
    QVERIFY(a.received - aBefore <= RateLimiter::depth(256 * KiB));
    sim.run(5000);
    double seconds = double(sim.now - start) / 1000;
    VERIFY_RATE(double(a.received - aBefore) / seconds, 256.0 * KiB, 0.05);
    VERIFY_RATE(double(b.received - bBefore) / seconds, 10.0 * MiB - 256 * KiB, 0.05);

    sim.limiter.setConsumerLimit(a.consumer, 0); // only the global limit now: equal shares
    aBefore = a.received;
    bBefore = b.received;
    start = sim.now;
    sim.run(5000);
    seconds = double(sim.now - start) / 1000;
    VERIFY_RATE(double(a.received - aBefore) / seconds, 5.0 * MiB, 0.10);
    VERIFY_RATE(double(b.received - bBefore) / seconds, 5.0 * MiB, 0.10);
}

void TestRateLimiter::setLimit_lower_cutsSavedUpTokens()
{
    qint64 now = 0;
    RateLimiter limiter([&now] { return now; });
    limiter.setGlobalLimit(100 * MiB);
    const quint64 download = limiter.addConsumer(100 * MiB);
    const quint64 reader = limiter.addReader(download);
    now += 1000; // idle: both buckets fill up at the high rate
    limiter.setGlobalLimit(MiB);
    QCOMPARE(limiter.take(reader, 64 * MiB), RateLimiter::depth(MiB));

    limiter.setGlobalLimit(0);
    now += 1000;
    limiter.setConsumerLimit(download, 2 * MiB);
    QCOMPARE(limiter.take(reader, 64 * MiB), RateLimiter::depth(2 * MiB));
}

void TestRateLimiter::setLimit_toZero_meansUnlimited()
{
    Simulation sim;
    sim.limiter.setGlobalLimit(MiB);
    Simulation::Reader &reader = sim.addDownload(512 * KiB);
    sim.run(1000);
    QVERIFY(sim.limiter.take(reader.id, 64 * MiB) < 64 * MiB);

    sim.limiter.setConsumerLimit(reader.consumer, 0);
    QVERIFY(sim.limiter.take(reader.id, 64 * MiB) < 64 * MiB); // the global one still holds
    sim.limiter.setGlobalLimit(0);
    QCOMPARE(sim.limiter.take(reader.id, 64 * MiB), 64 * MiB);
    sim.limiter.refill(); // the waiters are told once, then the timer stops
    QVERIFY(!sim.limiter.isWaiting());
}

void TestRateLimiter::removeConsumer_withOutstandingShare_returnsItToOthers()
{
    qint64 now = 0;
    RateLimiter limiter([&now] { return now; });
    limiter.setGlobalLimit(MiB);
    const quint64 a = limiter.addReader(limiter.addConsumer());
    const quint64 consumerB = limiter.addConsumer();
    const quint64 b = limiter.addReader(consumerB);
    QCOMPARE(limiter.take(a, MiB), qint64(0)); // buckets start empty
    QCOMPARE(limiter.take(b, MiB), qint64(0));

    now += 40; // 40 ms of 1 MiB/s, shared out between the two at the tick
    limiter.refill();
    const qint64 earned = MiB * 40 / 1000;
    QVERIFY(earned <= RateLimiter::depth(MiB));
    QCOMPARE(limiter.take(a, 1), qint64(1));
    limiter.removeConsumer(consumerB); // before it read its share
    QCOMPARE(limiter.take(a, MiB), earned - 1);
    QCOMPARE(limiter.take(a, MiB), qint64(0));
}

void TestRateLimiter::removeConsumer_midRun_othersKeepTheLimit()
{
    Simulation sim;
    sim.limiter.setGlobalLimit(10 * MiB);
    Simulation::Reader &stays = sim.addDownload();
    Simulation::Reader &goes = sim.addDownload();
    // Asks only between ticks, so right after a tick it always holds a share it has not read.
    goes.listening = false;
    goes.asksBetweenTicks = 1;
    const qint64 start = sim.now;
    sim.run(5000);
    sim.limiter.removeConsumer(goes.consumer);
    const qint64 gone = goes.received;
    QVERIFY(gone > 0);
    sim.readers.pop_back();
    const qint64 before = stays.received;
    const qint64 middle = sim.now;
    sim.run(5000);
    VERIFY_RATE(double(stays.received - before) * 1000 / (sim.now - middle), 10.0 * MiB, 0.05);
    // Over the whole run, never more than the limit plus one bucket.
    QVERIFY(stays.received + gone
            <= 10 * MiB * (sim.now - start) / 1000 + RateLimiter::depth(10 * MiB));
}

void TestRateLimiter::refilled_emittedOnlyWhileSomeoneWaits()
{
    qint64 now = 0;
    RateLimiter limiter([&now] { return now; });
    QSignalSpy refilled(&limiter, &RateLimiter::refilled);
    limiter.setGlobalLimit(MiB);
    const quint64 id = limiter.addReader(limiter.addConsumer());

    now += 1000;
    QCOMPARE(limiter.take(id, 4 * KiB), 4 * KiB); // satisfied: nobody waits
    QVERIFY(!limiter.isWaiting());
    now += RateLimiter::TickMs;
    limiter.refill();
    QCOMPARE(refilled.size(), 0);

    QVERIFY(limiter.take(id, 4 * MiB) < 4 * MiB); // refused: the timer starts
    QVERIFY(limiter.isWaiting());
    now += RateLimiter::TickMs;
    limiter.refill();
    QCOMPARE(refilled.size(), 1);
    QVERIFY(!limiter.isWaiting()); // the reader did not ask again, so nobody waits

    now += RateLimiter::TickMs;
    limiter.refill();
    QCOMPARE(refilled.size(), 1);
    QVERIFY(limiter.take(id, 4 * MiB) > 0); // nothing was lost: the tokens wait in the pool
}

void TestRateLimiter::refilled_realTimer_wakesAWaitingReader()
{
    RateLimiter limiter;
    limiter.setGlobalLimit(MiB);
    const quint64 consumer = limiter.addConsumer();
    const quint64 id = limiter.addReader(consumer);
    QSignalSpy refilled(&limiter, &RateLimiter::refilled);
    QCOMPARE(limiter.take(id, 4 * MiB), qint64(0)); // the bucket starts empty
    QVERIFY(limiter.isWaiting());
    QVERIFY(refilled.wait(5000));
    QVERIFY(limiter.take(id, 4 * MiB) > 0);
    limiter.removeConsumer(consumer);
    QTRY_VERIFY_WITH_TIMEOUT(!limiter.isWaiting(), 5000);
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
