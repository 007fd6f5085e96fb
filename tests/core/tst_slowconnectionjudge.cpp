#include "core/slowconnectionjudge.h"

#include <QTest>

using namespace Ferry;

namespace {

// Distinct, never dereferenced.
Connection *fake(quintptr n)
{
    return reinterpret_cast<Connection *>(n * 16);
}

} // namespace

class TestSlowConnectionJudge : public QObject
{
    Q_OBJECT

private slots:
    void farSlowerForFiveSeconds_isReplaced_once();
    void slowButHeldBackByUs_orTooLittleLeft_isKept();
    void disabled_judgesNobody();
    void finishedConnection_setsTheBestRate();
};

void TestSlowConnectionJudge::farSlowerForFiveSeconds_isReplaced_once()
{
    SlowConnectionJudge judge;
    qint64 fast = 0;
    qint64 slow = 0;
    Connection *replaced = nullptr;
    qint64 at = 0;
    for (qint64 now = 100; now <= 8000 && !replaced; now += 100) {
        fast += 1000000; // 10 MB/s
        slow += 10000;   // 100 kB/s
        replaced =
            judge.judge(now, {{fake(1), fast, false, true}, {fake(2), slow, false, true}}, true);
        at = now;
    }
    QCOMPARE(replaced, fake(2));
    QVERIFY2(at >= 5000 && at <= 5300, QByteArray::number(at));
    QCOMPARE(judge.bestRate(), 0); // learnt again after a replacement
}

void TestSlowConnectionJudge::slowButHeldBackByUs_orTooLittleLeft_isKept()
{
    SlowConnectionJudge judge;
    qint64 fast = 0;
    qint64 slow = 0;
    for (qint64 now = 100; now <= 10000; now += 100) {
        fast += 1000000;
        slow += 10000;
        QCOMPARE(judge.judge(now,
                             {{fake(1), fast, false, true},
                              {fake(2), slow, true, true},    // unread bytes: our writer lags
                              {fake(3), slow, false, false}}, // its part is nearly done
                             true),
                 nullptr);
    }
}

void TestSlowConnectionJudge::disabled_judgesNobody()
{
    SlowConnectionJudge judge;
    qint64 fast = 0;
    qint64 slow = 0;
    for (qint64 now = 100; now <= 10000; now += 100) {
        fast += 1000000;
        slow += 10000;
        QCOMPARE(
            judge.judge(now, {{fake(1), fast, false, true}, {fake(2), slow, false, true}}, false),
            nullptr);
    }
    QCOMPARE(judge.bestRate(), 0);
}

void TestSlowConnectionJudge::finishedConnection_setsTheBestRate()
{
    SlowConnectionJudge judge;
    judge.noteFinished(fake(1), 100 << 10, 10, true); // too little to tell a rate
    QCOMPARE(judge.bestRate(), 0);
    judge.noteFinished(fake(2), 4 << 20, 1000, false); // failed: says nothing
    QCOMPARE(judge.bestRate(), 0);
    judge.noteFinished(fake(3), 4 << 20, 1000, true);
    QCOMPARE(judge.bestRate(), qint64(4 << 20));
}

QTEST_GUILESS_MAIN(TestSlowConnectionJudge)
#include "tst_slowconnectionjudge.moc"
