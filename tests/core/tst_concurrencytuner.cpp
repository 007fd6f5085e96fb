#include "core/concurrencytuner.h"

#include <QTest>

#include <algorithm>
#include <functional>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestConcurrencyTuner : public QObject
{
    Q_OBJECT

private slots:
    void climbs_whileThroughputGrows_thenSettles();
    void returnsToBest_whenMoreIsSlower();
    void flatThroughput_descendsToFewer();
    void periodsNotBoundByTheLimit_changeNothing();
    void climbingLatency_backsOff();
    void throttledHost_cappedBelowWhatItTook_thenProbedUpwards();
    void staysWithinBounds();

private:
    // Runs `periods` measurement periods of a server whose rate depends on the limit only.
    static void run(ConcurrencyTuner &tuner,
                    const std::function<double(int)> &rateAt,
                    int periods,
                    QList<int> *limits = nullptr);
};

void TestConcurrencyTuner::run(ConcurrencyTuner &tuner,
                               const std::function<double(int)> &rateAt,
                               int periods,
                               QList<int> *limits)
{
    static qint64 now = 0;
    static qint64 bytes = 0;
    tuner.sample(now, bytes, true);
    for (int i = 0; i < periods; ++i) {
        const double rate = rateAt(tuner.limit());
        for (int tick = 0; tick < 5; ++tick) { // 5 samples of 100 ms per 500 ms period
            now += 100;
            bytes += qint64(rate / 10);
            tuner.sample(now, bytes, true);
        }
        if (limits)
            limits->append(tuner.limit());
    }
}

namespace {

// The mean rate over periods [from, end) as a share of the best any limit could bring.
double shareOfBest(const QList<int> &limits, const std::function<double(int)> &rateAt, int from)
{
    double best = 0;
    for (int limit = 1; limit <= 64; ++limit)
        best = std::max(best, rateAt(limit));
    double sum = 0;
    for (qsizetype i = from; i < limits.size(); ++i)
        sum += rateAt(limits.at(i));
    return sum / double(limits.size() - from) / best;
}

} // namespace

void TestConcurrencyTuner::climbs_whileThroughputGrows_thenSettles()
{
    ConcurrencyTuner::Options options;
    options.initial = 2;
    ConcurrencyTuner tuner(options);
    // Each download brings 1 MB/s until the server's 12 MB/s are used up.
    const auto rateAt = [](int limit) { return std::min(limit, 12) * 1e6; };
    QList<int> limits;
    run(tuner, rateAt, 60, &limits);
    // It finds the knee within a few periods, then stays near it (probes cost a little).
    const qsizetype firstAtKnee =
        std::find_if(limits.begin(), limits.end(), [](int l) { return l >= 12; }) - limits.begin();
    QVERIFY2(firstAtKnee <= 6, QByteArray::number(firstAtKnee));
    const double share = shareOfBest(limits, rateAt, 10);
    QVERIFY2(share >= 0.95, QByteArray::number(share));
    QVERIFY(*std::max_element(limits.begin() + 10, limits.end()) <= 20);
}

void TestConcurrencyTuner::returnsToBest_whenMoreIsSlower()
{
    ConcurrencyTuner::Options options;
    options.initial = 4;
    ConcurrencyTuner tuner(options);
    // Best at 8; beyond that the server thrashes.
    const auto rateAt = [](int limit) {
        return limit <= 8 ? limit * 1e6 : 8e6 - (limit - 8) * 5e5;
    };
    QList<int> limits;
    run(tuner, rateAt, 80, &limits);
    const double share = shareOfBest(limits, rateAt, 10);
    QVERIFY2(share >= 0.9, QByteArray::number(share));
}

void TestConcurrencyTuner::flatThroughput_descendsToFewer()
{
    ConcurrencyTuner::Options options;
    options.initial = 16;
    options.holdPeriods = 4;
    ConcurrencyTuner tuner(options);
    // A link that gives 4 MB/s however many share it: fewer downloads are as good.
    QList<int> limits;
    run(
        tuner, [](int) { return 4e6; }, 60, &limits);
    QVERIFY2(limits.last() <= 4, QByteArray::number(limits.last()));
}

void TestConcurrencyTuner::periodsNotBoundByTheLimit_changeNothing()
{
    ConcurrencyTuner::Options options;
    options.initial = 4;
    ConcurrencyTuner tuner(options);
    qint64 now = 0;
    qint64 bytes = 0;
    for (int i = 0; i < 100; ++i) {
        now += 100;
        bytes += 1000000;
        tuner.sample(now, bytes, false); // the queue is what holds work back
    }
    QCOMPARE(tuner.limit(), 4);
}

void TestConcurrencyTuner::climbingLatency_backsOff()
{
    ConcurrencyTuner::Options options;
    options.initial = 16;
    ConcurrencyTuner tuner(options);
    qint64 now = 0;
    qint64 bytes = 0;
    tuner.sample(now, bytes, true);
    const auto period = [&](qint64 latency) {
        for (int tick = 0; tick < 5; ++tick) {
            tuner.noteFirstByteLatency(latency);
            now += 100;
            bytes += 100000; // flat throughput
            tuner.sample(now, bytes, true);
        }
    };
    for (int i = 0; i < 6; ++i)
        period(10);
    const int before = tuner.limit();
    for (int i = 0; i < 6; ++i)
        period(100); // ten times slower to answer, no more throughput
    QVERIFY2(tuner.limit() < before, qPrintable(u"%1 -> %2"_s.arg(before).arg(tuner.limit())));
}

void TestConcurrencyTuner::throttledHost_cappedBelowWhatItTook_thenProbedUpwards()
{
    ConcurrencyTuner::Options options;
    options.hostQuietMs = 1000;
    ConcurrencyTuner tuner(options);
    QVERIFY(tuner.hostCeiling(u"a"_s) > 1000);
    tuner.noteThrottled(u"a"_s, 5, 0);
    QCOMPARE(tuner.hostCeiling(u"a"_s), 4);
    tuner.noteThrottled(u"a"_s, 7, 10); // a later, bigger number never raises it
    QCOMPARE(tuner.hostCeiling(u"a"_s), 4);
    tuner.noteHostSuccess(u"a"_s, 500);
    QCOMPARE(tuner.hostCeiling(u"a"_s), 4);
    tuner.noteHostSuccess(u"a"_s, 1010);
    QCOMPARE(tuner.hostCeiling(u"a"_s), 5);
    tuner.noteHostSuccess(u"a"_s, 1500); // one step per quiet spell
    QCOMPARE(tuner.hostCeiling(u"a"_s), 5);
    tuner.noteThrottled(u"a"_s, 1, 2000);
    QCOMPARE(tuner.hostCeiling(u"a"_s), 1); // never below one
    QVERIFY(tuner.hostCeiling(u"b"_s) > 1000);
}

void TestConcurrencyTuner::staysWithinBounds()
{
    ConcurrencyTuner::Options options;
    options.initial = 3;
    options.minimum = 2;
    options.maximum = 6;
    ConcurrencyTuner tuner(options);
    QList<int> limits;
    run(
        tuner, [](int limit) { return limit * 1e6; }, 40, &limits);
    QCOMPARE(*std::max_element(limits.begin(), limits.end()), 6);
    QVERIFY(*std::min_element(limits.begin(), limits.end()) >= 2);
}

QTEST_GUILESS_MAIN(TestConcurrencyTuner)
#include "tst_concurrencytuner.moc"
