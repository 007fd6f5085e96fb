#include "core/hostbreaker.h"

#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestHostBreaker : public QObject
{
    Q_OBJECT

private slots:
    void healthyHost_mayAlwaysStart();
    void failuresInARow_startCoolDown();
    void answerInBetween_resetsTheRun();
    void mostOfWindowFailed_startsCoolDown();
    void coolDownOver_letsOneProbeThrough();
    void failedProbe_doublesTheCoolDown_upToTheCap();
    void goodProbe_opensTheHostAgain();
    void otherHosts_unaffected();

private:
    static HostBreaker::Options options();
    static void fail(HostBreaker &breaker, const QString &host, int times, qint64 now);
};

HostBreaker::Options TestHostBreaker::options()
{
    HostBreaker::Options options;
    options.failuresInARow = 3;
    options.window = 10;
    options.windowFailures = 8;
    options.coolDownMs = 1000;
    options.maxCoolDownMs = 5000;
    return options;
}

void TestHostBreaker::fail(HostBreaker &breaker, const QString &host, int times, qint64 now)
{
    for (int i = 0; i < times; ++i)
        breaker.recordResult(host, true, now);
}

void TestHostBreaker::healthyHost_mayAlwaysStart()
{
    HostBreaker breaker(options());
    QVERIFY(breaker.mayStart(u"a"_s, 0));
    breaker.started(u"a"_s, 0);
    QVERIFY(breaker.mayStart(u"a"_s, 0));
    QCOMPARE(breaker.coolingUntil(u"a"_s, 0), 0);
    QVERIFY(!breaker.isCooling(u"a"_s));
}

void TestHostBreaker::failuresInARow_startCoolDown()
{
    HostBreaker breaker(options());
    QVERIFY(!breaker.recordResult(u"a"_s, true, 100));
    QVERIFY(!breaker.recordResult(u"a"_s, true, 100));
    QVERIFY(breaker.mayStart(u"a"_s, 100));
    QVERIFY(breaker.recordResult(u"a"_s, true, 100)); // the third in a row
    QVERIFY(breaker.isCooling(u"a"_s));
    QVERIFY(!breaker.mayStart(u"a"_s, 100));
    QVERIFY(!breaker.mayStart(u"a"_s, 1099));
    QCOMPARE(breaker.coolingUntil(u"a"_s, 500), 1100);
    // Requests that were out when it began change nothing.
    QVERIFY(!breaker.recordResult(u"a"_s, true, 600));
    QCOMPARE(breaker.coolingUntil(u"a"_s, 600), 1100);
}

void TestHostBreaker::answerInBetween_resetsTheRun()
{
    HostBreaker breaker(options());
    for (int i = 0; i < 5; ++i) {
        fail(breaker, u"a"_s, 2, 0);
        QVERIFY(!breaker.recordResult(u"a"_s, false, 0)); // a 404 is an answer
    }
    QVERIFY(!breaker.isCooling(u"a"_s));
}

void TestHostBreaker::mostOfWindowFailed_startsCoolDown()
{
    HostBreaker::Options lenient = options();
    lenient.failuresInARow = 100; // only the window decides here
    HostBreaker breaker(lenient);
    // 2 failures, 1 success, repeated: 6-7 of every 10 failed, below the 8 needed.
    for (int i = 0; i < 10; ++i) {
        fail(breaker, u"a"_s, 2, 0);
        breaker.recordResult(u"a"_s, false, 0);
    }
    QVERIFY(!breaker.isCooling(u"a"_s));
    // 4 failures, 1 success: 8 of the last 10 failed.
    bool opened = false;
    for (int i = 0; i < 3 && !opened; ++i) {
        for (int j = 0; j < 4 && !opened; ++j)
            opened = breaker.recordResult(u"a"_s, true, 0);
        if (!opened)
            breaker.recordResult(u"a"_s, false, 0);
    }
    QVERIFY(opened);
    QVERIFY(breaker.isCooling(u"a"_s));
}

void TestHostBreaker::coolDownOver_letsOneProbeThrough()
{
    HostBreaker breaker(options());
    fail(breaker, u"a"_s, 3, 0);
    QVERIFY(!breaker.mayStart(u"a"_s, 999));
    QVERIFY(breaker.mayStart(u"a"_s, 1000));
    QCOMPARE(breaker.coolingUntil(u"a"_s, 1000), 0);
    breaker.started(u"a"_s, 1000); // the probe
    QVERIFY(!breaker.mayStart(u"a"_s, 1000));
    QVERIFY(!breaker.mayStart(u"a"_s, 100000)); // until it ends
    QVERIFY(breaker.isCooling(u"a"_s));
}

void TestHostBreaker::failedProbe_doublesTheCoolDown_upToTheCap()
{
    HostBreaker breaker(options());
    fail(breaker, u"a"_s, 3, 0);
    QCOMPARE(breaker.failedCoolDowns(u"a"_s), 0);
    qint64 now = 1000;
    const QList<qint64> expected = {2000, 4000, 5000, 5000};
    for (const qint64 wait : expected) {
        breaker.started(u"a"_s, now);
        QVERIFY(breaker.recordResult(u"a"_s, true, now));
        QCOMPARE(breaker.coolingUntil(u"a"_s, now), now + wait);
        now += wait;
    }
    QCOMPARE(breaker.failedCoolDowns(u"a"_s), 4);
    breaker.reset(u"a"_s);
    QVERIFY(breaker.mayStart(u"a"_s, now));
    QCOMPARE(breaker.failedCoolDowns(u"a"_s), 0);
}

void TestHostBreaker::goodProbe_opensTheHostAgain()
{
    HostBreaker breaker(options());
    fail(breaker, u"a"_s, 3, 0);
    breaker.started(u"a"_s, 1000);
    QVERIFY(!breaker.recordResult(u"a"_s, false, 1200));
    QVERIFY(!breaker.isCooling(u"a"_s));
    QVERIFY(breaker.mayStart(u"a"_s, 1200));
    QCOMPARE(breaker.failedCoolDowns(u"a"_s), 0);
    // The next trouble starts from the first cool-down again.
    fail(breaker, u"a"_s, 3, 2000);
    QCOMPARE(breaker.coolingUntil(u"a"_s, 2000), 3000);
}

void TestHostBreaker::otherHosts_unaffected()
{
    HostBreaker breaker(options());
    fail(breaker, u"a"_s, 3, 0);
    QVERIFY(!breaker.mayStart(u"a"_s, 0));
    QVERIFY(breaker.mayStart(u"b"_s, 0));
    QVERIFY(!breaker.isCooling(u"b"_s));
}

QTEST_GUILESS_MAIN(TestHostBreaker)
#include "tst_hostbreaker.moc"
