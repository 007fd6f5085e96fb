#include "core/speedmeter.h"

#include <QTest>

using Ferry::SpeedMeter;

class TestSpeedMeter : public QObject
{
    Q_OBJECT

private slots:
    void bytesPerSecond_constantRate_givesThatRate_data();
    void bytesPerSecond_constantRate_givesThatRate();
    void bytesPerSecond_oldBurst_isForgottenOutsideWindow();
    void bytesPerSecond_burstInsideWindow_counts();
    void bytesPerSecond_stalled_dropsToZero();
    void bytesPerSecond_fewerThanTwoSamples_isZero();
    void bytesPerSecond_timeNotAdvancing_isZero();
    void bytesPerSecond_counterGoingBack_isNeverNegative();
};

void TestSpeedMeter::bytesPerSecond_constantRate_givesThatRate_data()
{
    QTest::addColumn<qint64>("windowMs");
    QTest::addColumn<qint64>("stepMs");
    QTest::addColumn<int>("samples");
    QTest::addColumn<qint64>("rate"); // bytes per second

    QTest::newRow("1 KB/s, 250 ms steps") << qint64(3000) << qint64(250) << 10 << qint64(1000);
    QTest::newRow("10 MB/s, 100 ms steps")
        << qint64(3000) << qint64(100) << 20 << qint64(10'000'000);
    // More samples than the meter keeps: the ring buffer wraps several times.
    QTest::newRow("ring wraps") << qint64(3000) << qint64(100) << 200 << qint64(2'500'000);
    QTest::newRow("fast samples, long window")
        << qint64(10000) << qint64(10) << 500 << qint64(64'000);
    QTest::newRow("1 GB/s") << qint64(3000) << qint64(250) << 40 << qint64(1'000'000'000);
}

void TestSpeedMeter::bytesPerSecond_constantRate_givesThatRate()
{
    QFETCH(qint64, windowMs);
    QFETCH(qint64, stepMs);
    QFETCH(int, samples);
    QFETCH(qint64, rate);

    SpeedMeter meter(windowMs);
    const qint64 start = 123456; // an arbitrary clock origin
    for (int i = 0; i < samples; ++i) {
        const qint64 elapsed = i * stepMs;
        meter.addSample(start + elapsed, rate * elapsed / 1000);
        if (i > 0)
            QCOMPARE(meter.bytesPerSecond(), rate);
    }
}

void TestSpeedMeter::bytesPerSecond_oldBurst_isForgottenOutsideWindow()
{
    SpeedMeter meter(3000);
    // 50 MB arrive at once, then a steady 1000 B/s.
    meter.addSample(0, 0);
    meter.addSample(100, 50'000'000);
    QVERIFY(meter.bytesPerSecond() > 100'000'000);
    qint64 bytes = 50'000'000;
    for (qint64 t = 200; t <= 6000; t += 200) {
        bytes += 200;
        meter.addSample(t, bytes);
    }
    QCOMPARE(meter.bytesPerSecond(), qint64(1000));
}

void TestSpeedMeter::bytesPerSecond_burstInsideWindow_counts()
{
    SpeedMeter meter(3000);
    meter.addSample(0, 0);
    meter.addSample(1000, 1000);
    meter.addSample(2000, 31000); // 30 KB in the last second
    // Over the 2 s the window holds: 31000 bytes.
    QCOMPARE(meter.bytesPerSecond(), qint64(15500));
}

void TestSpeedMeter::bytesPerSecond_stalled_dropsToZero()
{
    SpeedMeter meter(3000);
    qint64 t = 0;
    for (; t <= 3000; t += 250)
        meter.addSample(t, t * 10);
    QCOMPARE(meter.bytesPerSecond(), qint64(10000));
    const qint64 frozen = (t - 250) * 10; // the last count seen
    // Nothing more arrives: the rate falls while the window slides and is 0 once it is past.
    qint64 previous = meter.bytesPerSecond();
    for (const qint64 end = t + 4000; t <= end; t += 250) {
        meter.addSample(t, frozen);
        QVERIFY(meter.bytesPerSecond() <= previous);
        previous = meter.bytesPerSecond();
    }
    QCOMPARE(meter.bytesPerSecond(), qint64(0));
}

void TestSpeedMeter::bytesPerSecond_fewerThanTwoSamples_isZero()
{
    SpeedMeter meter;
    QCOMPARE(meter.bytesPerSecond(), qint64(0));
    meter.addSample(1000, 5'000'000);
    QCOMPARE(meter.bytesPerSecond(), qint64(0));
    meter.addSample(2000, 6'000'000);
    QCOMPARE(meter.bytesPerSecond(), qint64(1'000'000));
}

void TestSpeedMeter::bytesPerSecond_timeNotAdvancing_isZero()
{
    SpeedMeter meter;
    meter.addSample(500, 0);
    meter.addSample(500, 1'000'000);
    QCOMPARE(meter.bytesPerSecond(), qint64(0));
    meter.addSample(500, 2'000'000);
    QCOMPARE(meter.bytesPerSecond(), qint64(0));
}

void TestSpeedMeter::bytesPerSecond_counterGoingBack_isNeverNegative()
{
    // A restarted download resets its byte counter.
    SpeedMeter meter;
    meter.addSample(0, 0);
    meter.addSample(1000, 800'000);
    meter.addSample(2000, 0);
    QCOMPARE(meter.bytesPerSecond(), qint64(0));
}

QTEST_GUILESS_MAIN(TestSpeedMeter)
#include "tst_speedmeter.moc"
