#include "core/hostscheduler.h"

#include <QSet>
#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestHostScheduler : public QObject
{
    Q_OBJECT

private slots:
    void takeNext_earliestHeadAmongHosts();
    void takeNext_skipsHostsWithoutRoom();
    void coolingHost_skipped_untilItsProbe();
    void pacing_holdsTheHostBetweenStarts();
    void randomWait_staysWithinHalfToOneAndAHalf();
    void erase_andWaiting();

private:
    static HostBreaker::Options breaker();
};

HostBreaker::Options TestHostScheduler::breaker()
{
    HostBreaker::Options options;
    options.failuresInARow = 2;
    options.coolDownMs = 1000;
    return options;
}

namespace {

bool anyRoom(const QString &)
{
    return true;
}

} // namespace

void TestHostScheduler::takeNext_earliestHeadAmongHosts()
{
    HostScheduler scheduler(breaker(), {});
    scheduler.push(u"a"_s, {0, 5}, 5);
    scheduler.push(u"b"_s, {0, 2}, 2);
    scheduler.push(u"a"_s, {-1, 9}, 9); // higher priority
    scheduler.push(u"b"_s, {0, 7}, 7);
    QList<TransferId> order;
    while (const std::optional<TransferId> id = scheduler.takeNext(0, anyRoom))
        order.append(*id);
    QCOMPARE(order, (QList<TransferId>{9, 2, 5, 7}));
    QCOMPARE(scheduler.wakeAtMs(), 0);
}

void TestHostScheduler::takeNext_skipsHostsWithoutRoom()
{
    HostScheduler scheduler(breaker(), {});
    scheduler.push(u"a"_s, {0, 1}, 1);
    scheduler.push(u"b"_s, {0, 2}, 2);
    const auto onlyB = [](const QString &host) { return host == u"b"_s; };
    QCOMPARE(scheduler.takeNext(0, onlyB), std::optional<TransferId>(2));
    QCOMPARE(scheduler.takeNext(0, onlyB), std::nullopt);
    QCOMPARE(scheduler.wakeAtMs(), 0); // a slot frees it, not the clock
    QCOMPARE(scheduler.waiting(u"a"_s), 1);
}

void TestHostScheduler::coolingHost_skipped_untilItsProbe()
{
    HostScheduler scheduler(breaker(), {});
    scheduler.push(u"a"_s, {0, 1}, 1);
    scheduler.push(u"a"_s, {0, 2}, 2);
    scheduler.push(u"b"_s, {0, 3}, 3);
    scheduler.breaker().recordResult(u"a"_s, true, 100);
    scheduler.breaker().recordResult(u"a"_s, true, 100);
    QCOMPARE(scheduler.takeNext(200, anyRoom), std::optional<TransferId>(3));
    QCOMPARE(scheduler.takeNext(200, anyRoom), std::nullopt);
    QCOMPARE(scheduler.wakeAtMs(), 1100);
    QCOMPARE(scheduler.heldUntil(u"a"_s, 200), 1100);
    // The cool-down is over: one probe, then nothing until it ends.
    QCOMPARE(scheduler.takeNext(1100, anyRoom), std::optional<TransferId>(1));
    scheduler.noteStart(u"a"_s, 1100, 0.5);
    QCOMPARE(scheduler.takeNext(1100, anyRoom), std::nullopt);
    scheduler.breaker().recordResult(u"a"_s, false, 1200);
    QCOMPARE(scheduler.takeNext(1200, anyRoom), std::optional<TransferId>(2));
}

void TestHostScheduler::pacing_holdsTheHostBetweenStarts()
{
    HostScheduler scheduler(breaker(), {300, false});
    for (int i = 1; i <= 3; ++i)
        scheduler.push(u"a"_s, {0, i}, TransferId(i));
    scheduler.push(u"b"_s, {0, 10}, 10);
    QCOMPARE(scheduler.takeNext(0, anyRoom), std::optional<TransferId>(1));
    scheduler.noteStart(u"a"_s, 0, 0.0);
    QVERIFY(!scheduler.mayStart(u"a"_s, 299));
    QCOMPARE(scheduler.takeNext(100, anyRoom), std::optional<TransferId>(10)); // b is not held
    scheduler.noteStart(u"b"_s, 100, 0.0);
    QCOMPARE(scheduler.takeNext(299, anyRoom), std::nullopt);
    QCOMPARE(scheduler.wakeAtMs(), 300);
    QVERIFY(scheduler.mayStart(u"a"_s, 300));
    QCOMPARE(scheduler.takeNext(300, anyRoom), std::optional<TransferId>(2));
}

void TestHostScheduler::randomWait_staysWithinHalfToOneAndAHalf()
{
    HostScheduler scheduler(breaker(), {1000, true});
    QSet<qint64> seen;
    for (const double random : {0.0, 0.25, 0.5, 0.999}) {
        scheduler.noteStart(u"a"_s, 0, random);
        const qint64 until = scheduler.heldUntil(u"a"_s, 0);
        QVERIFY2(until >= 500 && until < 1500, QByteArray::number(until));
        seen.insert(until);
    }
    QCOMPARE(seen.size(), 4);
}

void TestHostScheduler::erase_andWaiting()
{
    HostScheduler scheduler(breaker(), {});
    scheduler.push(u"a"_s, {0, 1}, 1);
    scheduler.push(u"a"_s, {0, 2}, 2);
    QCOMPARE(scheduler.waiting(u"a"_s), 2);
    scheduler.erase(u"a"_s, {0, 1});
    QCOMPARE(scheduler.waiting(u"a"_s), 1);
    QVERIFY(scheduler.queue(u"a"_s));
    scheduler.erase(u"a"_s, {0, 2});
    QCOMPARE(scheduler.waiting(u"a"_s), 0);
    QVERIFY(!scheduler.queue(u"a"_s));
    QCOMPARE(scheduler.takeNext(0, anyRoom), std::nullopt);
}

QTEST_GUILESS_MAIN(TestHostScheduler)
#include "tst_hostscheduler.moc"
