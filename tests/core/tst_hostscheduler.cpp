#include "core/hostscheduler.h"

#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <map>

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
    void randomOperations_matchANaiveScanOfEveryHost();
    void keySharedByTwoHosts_neitherIsLost();

    void recordResult_verdicts();
    void recordResult_givesUpAfterMaxTriesCoolDowns();

private:
    static EngineOptions options(qint64 waitMs = 0, bool randomWait = false);
};

EngineOptions TestHostScheduler::options(qint64 waitMs, bool randomWait)
{
    EngineOptions options;
    options.hostFailuresInARow = 2;
    options.hostCoolDownMs = 1000;
    options.waitMs = waitMs;
    options.randomWait = randomWait;
    options.maxTries = 3;
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
    HostScheduler scheduler(options());
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
    HostScheduler scheduler(options());
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
    HostScheduler scheduler(options());
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
    HostScheduler scheduler(options(300));
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
    HostScheduler scheduler(options(1000, true));
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
    HostScheduler scheduler(options());
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

namespace {

TransferError httpError(int status)
{
    TransferError error =
        TransferError::make(TransferError::Kind::Http, TransferError::Recovery::Retry, u"status"_s);
    error.httpStatus = status;
    return error;
}

} // namespace

void TestHostScheduler::randomOperations_matchANaiveScanOfEveryHost()
{
    // takeNext() walks the hosts' heads in order instead of scanning every host: random
    // pushes, erases and takes, with hosts randomly full, must pick exactly what a scan of
    // every host's head picks.
    HostScheduler scheduler(options());
    std::map<QString, std::map<HostScheduler::Key, TransferId>> model;
    QRandomGenerator random(20261121);
    qint64 sequence = 0;
    int taken = 0;
    for (int step = 0; step < 20000; ++step) {
        const QString host = u"h%1"_s.arg(random.bounded(40));
        const int action = random.bounded(10);
        if (action < 5) {
            const HostScheduler::Key key{-random.bounded(3), ++sequence};
            scheduler.push(host, key, TransferId(sequence));
            model[host].emplace(key, TransferId(sequence));
        } else if (action < 7) {
            auto it = model.find(host);
            if (it == model.end())
                continue;
            auto victim = it->second.begin();
            std::advance(victim, random.bounded(int(it->second.size())));
            scheduler.erase(host, victim->first);
            it->second.erase(victim);
            if (it->second.empty())
                model.erase(it);
        } else {
            QSet<QString> full;
            for (int i = 0; i < 40; ++i) {
                if (random.bounded(4) == 0)
                    full.insert(u"h%1"_s.arg(i));
            }
            const auto hasRoom = [&full](const QString &h) { return !full.contains(h); };
            std::optional<std::pair<HostScheduler::Key, QString>> expected;
            for (const auto &[name, queue] : model) {
                if (!full.contains(name) && (!expected || queue.begin()->first < expected->first))
                    expected = std::pair(queue.begin()->first, name);
            }
            const std::optional<TransferId> id = scheduler.takeNext(0, hasRoom);
            QCOMPARE(id.has_value(), expected.has_value());
            if (!id)
                continue;
            auto &queue = model[expected->second];
            QCOMPARE(*id, queue.begin()->second);
            queue.erase(queue.begin());
            if (queue.empty())
                model.erase(expected->second);
            ++taken;
        }
        for (const auto &[name, queue] : model)
            QCOMPARE(scheduler.waiting(name), qsizetype(queue.size()));
    }
    QVERIFY(taken > 1000);
}

void TestHostScheduler::keySharedByTwoHosts_neitherIsLost()
{
    // Two hosts' items trading places in the queue: for a moment host a's item has the key b's
    // still holds. Neither host may drop out of the order.
    HostScheduler scheduler(options());
    scheduler.push(u"a"_s, {0, 10}, 1);
    scheduler.push(u"b"_s, {0, 9}, 2);
    scheduler.erase(u"a"_s, {0, 10});
    scheduler.push(u"a"_s, {0, 9}, 1); // the same key as b's head
    scheduler.erase(u"b"_s, {0, 9});
    scheduler.push(u"b"_s, {0, 10}, 2);
    QList<TransferId> order;
    while (const std::optional<TransferId> id = scheduler.takeNext(0, anyRoom))
        order.append(*id);
    QCOMPARE(order, (QList<TransferId>{1, 2}));
    QCOMPARE(scheduler.waiting(u"a"_s), 0);
    QCOMPARE(scheduler.waiting(u"b"_s), 0);
}

void TestHostScheduler::recordResult_verdicts()
{
    using Verdict = HostScheduler::Verdict;
    HostScheduler scheduler(options());
    const TransferError refused = TransferError::make(
        TransferError::Kind::Network, TransferError::Recovery::Retry, u"refused"_s);
    // A first failure is the item's; the second starts the cool-down, and is the host's.
    QCOMPARE(scheduler.recordResult(u"a"_s, refused, 0).verdict, Verdict::ItemsFault);
    const HostScheduler::Result second = scheduler.recordResult(u"a"_s, refused, 0);
    QCOMPARE(second.verdict, Verdict::HostsFault);
    QVERIFY(second.coolingChanged);
    // An answer ends it.
    const HostScheduler::Result answered = scheduler.recordResult(u"a"_s, httpError(404), 10);
    QCOMPARE(answered.verdict, Verdict::ItemsFault);
    QVERIFY(answered.coolingChanged);
    QVERIFY(!scheduler.breaker().isCooling(u"a"_s));
    // 429 never costs a try; 503 does while the host is healthy.
    QCOMPARE(scheduler.recordResult(u"b"_s, httpError(429), 0).verdict, Verdict::HostsFault);
    QCOMPARE(scheduler.recordResult(u"c"_s, httpError(503), 0).verdict, Verdict::ItemsFault);
    // Disk trouble says nothing about a host.
    const TransferError diskFull = TransferError::make(
        TransferError::Kind::DiskFull, TransferError::Recovery::Fatal, u"full"_s);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(scheduler.recordResult(u"d"_s, diskFull, 0).verdict, Verdict::ItemsFault);
    QVERIFY(!scheduler.breaker().isCooling(u"d"_s));
}

void TestHostScheduler::recordResult_givesUpAfterMaxTriesCoolDowns()
{
    HostScheduler scheduler(options()); // maxTries 3
    const TransferError refused = TransferError::make(
        TransferError::Kind::Network, TransferError::Recovery::Retry, u"refused"_s);
    scheduler.recordResult(u"a"_s, refused, 0);
    scheduler.recordResult(u"a"_s, refused, 0); // cool-down 1
    qint64 now = 0;
    QList<HostScheduler::Verdict> verdicts;
    for (int probe = 0; probe < 3; ++probe) {
        now = scheduler.heldUntil(u"a"_s, now);
        QVERIFY(scheduler.mayStart(u"a"_s, now));
        scheduler.noteStart(u"a"_s, now, 0.5);
        verdicts.append(scheduler.recordResult(u"a"_s, refused, now).verdict);
    }
    using Verdict = HostScheduler::Verdict;
    QCOMPARE(verdicts, (QList<Verdict>{Verdict::HostsFault, Verdict::HostsFault, Verdict::GaveUp}));
    QVERIFY(!scheduler.breaker().isCooling(u"a"_s)); // forgotten: the next item starts afresh
}

QTEST_GUILESS_MAIN(TestHostScheduler)
#include "tst_hostscheduler.moc"
