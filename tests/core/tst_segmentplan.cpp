#include "core/segmentplan.h"

#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

#include <algorithm>
#include <limits>
#include <optional>
#include <utility>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

// A lane opened over [begin, end), then advanced by `fetched` bytes.
struct LaneSpec
{
    qint64 begin = 0;
    qint64 end = 0;
    qint64 fetched = 0;
};

QString show(const QList<ByteRange> &ranges)
{
    QStringList parts;
    for (const ByteRange &range : ranges)
        parts.append(u"[%1,%2)"_s.arg(range.begin).arg(range.end));
    return parts.join(u' ');
}

QList<int> openLanes(SegmentPlan &plan, const QList<LaneSpec> &lanes)
{
    QList<int> ids;
    for (const LaneSpec &spec : lanes) {
        const int id = plan.openLane(spec.begin, spec.end);
        if (spec.fetched > 0)
            plan.advance(id, spec.fetched);
        ids.append(id);
    }
    return ids;
}

} // namespace

Q_DECLARE_METATYPE(Ferry::ByteRange)
Q_DECLARE_METATYPE(LaneSpec)

class TestSegmentPlan : public QObject
{
    Q_OBJECT

private slots:
    void construct_doneRanges_reportsProgress_data();
    void construct_doneRanges_reportsProgress();
    void openLane_givesIncreasingIdsAndBounds();
    void advance_movesPositionAndRecordsDone();
    void advance_wholeFile_isComplete();
    void unassigned_doneAndLanes_leaveTheRest_data();
    void unassigned_doneAndLanes_leaveTheRest();
    void closeLane_unfetchedRest_becomesUnassigned();
    void openNextLane_takesGapElseStealsBackHalf_data();
    void openNextLane_takesGapElseStealsBackHalf();
    void openNextLane_afterSteal_victimStopsAtNewEnd();
    void openNextLane_unknownSize_neverOpensOrSteals();
    void openNextLane_filterRefusesLargest_stealsFromNextLargest();
    void unboundedLane_unknownSize_advancesWithoutEnd();
    void randomWork_withStealsAndCloses_coversFileExactlyOnce();
};

void TestSegmentPlan::construct_doneRanges_reportsProgress_data()
{
    QTest::addColumn<qint64>("total");
    QTest::addColumn<QList<ByteRange>>("done");
    QTest::addColumn<qint64>("bytesDone");
    QTest::addColumn<bool>("complete");

    using L = QList<ByteRange>;
    QTest::newRow("fresh") << qint64(100) << L{} << qint64(0) << false;
    QTest::newRow("partly done") << qint64(100) << L{{0, 10}, {50, 60}} << qint64(20) << false;
    QTest::newRow("all done") << qint64(100) << L{{0, 100}} << qint64(100) << true;
    QTest::newRow("all done in pieces")
        << qint64(100) << L{{50, 100}, {0, 50}} << qint64(100) << true;
    QTest::newRow("empty file") << qint64(0) << L{} << qint64(0) << true;
    QTest::newRow("unknown size, nothing") << qint64(-1) << L{} << qint64(0) << false;
    QTest::newRow("unknown size, some bytes") << qint64(-1) << L{{0, 10}} << qint64(10) << false;
}

void TestSegmentPlan::construct_doneRanges_reportsProgress()
{
    QFETCH(qint64, total);
    QFETCH(QList<ByteRange>, done);
    QFETCH(qint64, bytesDone);
    QFETCH(bool, complete);

    const SegmentPlan plan(total, RangeSet(done));
    QCOMPARE(plan.totalSize(), total);
    QCOMPARE(plan.bytesDone(), bytesDone);
    QCOMPARE(plan.done(), RangeSet(done));
    QCOMPARE(plan.isComplete(), complete);
    QCOMPARE(plan.openLaneCount(), 0);
}

void TestSegmentPlan::openLane_givesIncreasingIdsAndBounds()
{
    SegmentPlan plan(100, {});
    const int a = plan.openLane(0, 40);
    const int b = plan.openLane(40, 100);
    QVERIFY(a != b);
    QCOMPARE(plan.openLaneCount(), 2);
    QCOMPARE(plan.begin(b), qint64(40));
    QCOMPARE(plan.position(b), qint64(40));
    QCOMPARE(plan.end(b), qint64(100));
    QCOMPARE(plan.remaining(b), qint64(60));
    plan.closeLane(a);
    const int c = plan.openLane(0, 40);
    QVERIFY(c != a); // ids are not reused, so a stale id never names a new lane
    QVERIFY(c != b);
    QCOMPARE(plan.openLaneCount(), 2);
}

void TestSegmentPlan::advance_movesPositionAndRecordsDone()
{
    SegmentPlan plan(100, RangeSet({{0, 10}}));
    const int lane = plan.openLane(10, 60);
    plan.advance(lane, 15);
    plan.advance(lane, 5);
    QCOMPARE(plan.begin(lane), qint64(10));
    QCOMPARE(plan.position(lane), qint64(30));
    QCOMPARE(plan.remaining(lane), qint64(30));
    QCOMPARE(plan.bytesDone(), qint64(30));
    QCOMPARE(show(plan.done().ranges()), u"[0,30)"_s);
    plan.advance(lane, 0);
    QCOMPARE(plan.position(lane), qint64(30));
    QCOMPARE(plan.bytesDone(), qint64(30));
    QVERIFY(!plan.isComplete());
}

void TestSegmentPlan::advance_wholeFile_isComplete()
{
    SegmentPlan plan(100, {});
    const int first = *plan.openNextLane(10);
    const int second = *plan.openNextLane(10); // steals [50,100)
    QCOMPARE(plan.end(first), qint64(50));
    QCOMPARE(plan.begin(second), qint64(50));
    plan.advance(second, 50);
    QVERIFY(!plan.isComplete());
    plan.advance(first, 50);
    QVERIFY(plan.isComplete());
    QCOMPARE(plan.remaining(first), qint64(0));
    QCOMPARE(plan.remaining(second), qint64(0));
    QVERIFY(!plan.hasWorkFor(1));
    QVERIFY(!plan.openNextLane(1));
}

void TestSegmentPlan::unassigned_doneAndLanes_leaveTheRest_data()
{
    QTest::addColumn<qint64>("total");
    QTest::addColumn<QList<ByteRange>>("done");
    QTest::addColumn<QList<LaneSpec>>("lanes");
    QTest::addColumn<QList<ByteRange>>("expected");

    using L = QList<ByteRange>;
    using Lanes = QList<LaneSpec>;
    QTest::newRow("fresh: everything") << qint64(100) << L{} << Lanes{} << L{{0, 100}};
    QTest::newRow("done at both ends")
        << qint64(100) << L{{0, 10}, {90, 100}} << Lanes{} << L{{10, 90}};
    QTest::newRow("all done") << qint64(100) << L{{0, 100}} << Lanes{} << L{};
    QTest::newRow("one lane over all") << qint64(100) << L{} << Lanes{{0, 100, 0}} << L{};
    QTest::newRow("a lane's fetched bytes are done, not free")
        << qint64(100) << L{} << Lanes{{0, 100, 30}} << L{};
    QTest::newRow("lane over the front half")
        << qint64(100) << L{} << Lanes{{0, 50, 10}} << L{{50, 100}};
    QTest::newRow("lanes and done leave holes")
        << qint64(100) << L{{0, 10}} << Lanes{{20, 30, 5}, {60, 70, 0}}
        << L{{10, 20}, {30, 60}, {70, 100}};
    QTest::newRow("unbounded lane with a known size")
        << qint64(100) << L{} << Lanes{{40, SegmentPlan::Unbounded, 0}} << L{{0, 40}};
    QTest::newRow("unknown size: nothing to hand out")
        << qint64(-1) << L{{0, 10}} << Lanes{} << L{};
    QTest::newRow("empty file") << qint64(0) << L{} << Lanes{} << L{};
}

void TestSegmentPlan::unassigned_doneAndLanes_leaveTheRest()
{
    QFETCH(qint64, total);
    QFETCH(QList<ByteRange>, done);
    QFETCH(QList<LaneSpec>, lanes);
    QFETCH(QList<ByteRange>, expected);

    SegmentPlan plan(total, RangeSet(done));
    openLanes(plan, lanes);
    QCOMPARE(show(plan.unassigned()), show(expected));
}

void TestSegmentPlan::closeLane_unfetchedRest_becomesUnassigned()
{
    SegmentPlan plan(100, {});
    const int front = plan.openLane(0, 50);
    const int back = plan.openLane(50, 100);
    plan.advance(front, 20);
    plan.advance(back, 10);
    QVERIFY(plan.unassigned().isEmpty());

    plan.closeLane(front);
    QCOMPARE(plan.openLaneCount(), 1);
    QCOMPARE(show(plan.unassigned()), u"[20,50)"_s);
    QCOMPARE(plan.bytesDone(), qint64(30)); // what it fetched stays done

    // The next lane picks up exactly where the closed one stopped.
    const auto next = plan.openNextLane(1000);
    QVERIFY(next);
    QCOMPARE(plan.position(*next), qint64(20));
    QCOMPARE(plan.end(*next), qint64(50));

    plan.closeLane(back);
    QCOMPARE(show(plan.unassigned()), u"[60,100)"_s);
}

void TestSegmentPlan::openNextLane_takesGapElseStealsBackHalf_data()
{
    QTest::addColumn<qint64>("total");
    QTest::addColumn<QList<ByteRange>>("done");
    QTest::addColumn<QList<LaneSpec>>("lanes");
    QTest::addColumn<qint64>("minSplit");
    QTest::addColumn<bool>("opens");
    QTest::addColumn<ByteRange>("newLane"); // [position, end) of the lane opened
    QTest::addColumn<int>("victim");        // index in `lanes` of the lane stolen from, or -1
    QTest::addColumn<qint64>("victimEnd");

    using L = QList<ByteRange>;
    using Lanes = QList<LaneSpec>;
    const qint64 none = -1;
    QTest::newRow("fresh file: all of it")
        << qint64(100) << L{} << Lanes{} << qint64(10) << true << ByteRange{0, 100} << -1 << none;
    QTest::newRow("fresh file, minSplit bigger than the file")
        << qint64(100) << L{} << Lanes{} << qint64(1000) << true << ByteRange{0, 100} << -1 << none;
    QTest::newRow("resume after done bytes") << qint64(100) << L{{0, 40}} << Lanes{} << qint64(10)
                                             << true << ByteRange{40, 100} << -1 << none;
    QTest::newRow("first gap between done ranges")
        << qint64(100) << L{{0, 10}, {20, 100}} << Lanes{} << qint64(10) << true
        << ByteRange{10, 20} << -1 << none;
    QTest::newRow("gap comes before stealing, however small")
        << qint64(100) << L{} << Lanes{{0, 99, 0}} << qint64(10) << true << ByteRange{99, 100} << -1
        << none;
    QTest::newRow("steal the back half") << qint64(100) << L{} << Lanes{{0, 100, 0}} << qint64(10)
                                         << true << ByteRange{50, 100} << 0 << qint64(50);
    QTest::newRow("steal counts from the position")
        << qint64(100) << L{} << Lanes{{0, 100, 20}} << qint64(10) << true << ByteRange{60, 100}
        << 0 << qint64(60);
    QTest::newRow("odd rest: the thief gets the extra byte")
        << qint64(100) << L{} << Lanes{{0, 100, 19}} << qint64(10) << true << ByteRange{59, 100}
        << 0 << qint64(59);
    QTest::newRow("exactly twice minSplit: halves of minSplit")
        << qint64(100) << L{} << Lanes{{0, 100, 80}} << qint64(10) << true << ByteRange{90, 100}
        << 0 << qint64(90);
    QTest::newRow("one byte short of twice minSplit: refused")
        << qint64(100) << L{} << Lanes{{0, 100, 81}} << qint64(10) << false << ByteRange{} << -1
        << none;
    QTest::newRow("nothing left to split: refused")
        << qint64(100) << L{} << Lanes{{0, 100, 100}} << qint64(1) << false << ByteRange{} << -1
        << none;
    QTest::newRow("minSplit 0 counts as 1: two bytes split")
        << qint64(100) << L{} << Lanes{{0, 100, 98}} << qint64(0) << true << ByteRange{99, 100} << 0
        << qint64(99);
    QTest::newRow("minSplit 0 counts as 1: one byte is not split")
        << qint64(100) << L{} << Lanes{{0, 100, 99}} << qint64(0) << false << ByteRange{} << -1
        << none;
    QTest::newRow("steal from the lane with the most left")
        << qint64(300) << L{} << Lanes{{0, 100, 0}, {100, 200, 90}, {200, 300, 0}} << qint64(10)
        << true << ByteRange{50, 100} << 0 << qint64(50);
    QTest::newRow("most left wins even when later")
        << qint64(300) << L{} << Lanes{{0, 100, 50}, {100, 300, 10}} << qint64(10) << true
        << ByteRange{205, 300} << 1 << qint64(205);
    QTest::newRow("biggest too small, none stolen")
        << qint64(60) << L{} << Lanes{{0, 30, 12}, {30, 60, 15}} << qint64(10) << false
        << ByteRange{} << -1 << none;
    QTest::newRow("skips small lanes for one big enough")
        << qint64(200) << L{} << Lanes{{0, 100, 90}, {100, 200, 40}} << qint64(10) << true
        << ByteRange{170, 200} << 1 << qint64(170);
    QTest::newRow("all done: nothing")
        << qint64(100) << L{{0, 100}} << Lanes{} << qint64(1) << false << ByteRange{} << -1 << none;
    QTest::newRow("one-byte file")
        << qint64(1) << L{} << Lanes{} << qint64(1) << true << ByteRange{0, 1} << -1 << none;
    const qint64 huge = std::numeric_limits<qint64>::max() - 1;
    QTest::newRow("huge file, split in the middle")
        << huge << L{} << Lanes{{0, huge, 0}} << qint64(1) << true << ByteRange{huge / 2, huge} << 0
        << huge / 2;
}

void TestSegmentPlan::openNextLane_takesGapElseStealsBackHalf()
{
    QFETCH(qint64, total);
    QFETCH(QList<ByteRange>, done);
    QFETCH(QList<LaneSpec>, lanes);
    QFETCH(qint64, minSplit);
    QFETCH(bool, opens);
    QFETCH(ByteRange, newLane);
    QFETCH(int, victim);
    QFETCH(qint64, victimEnd);

    SegmentPlan plan(total, RangeSet(done));
    const QList<int> ids = openLanes(plan, lanes);
    QList<qint64> endsBefore;
    for (const int id : ids)
        endsBefore.append(plan.end(id));

    QCOMPARE(plan.hasWorkFor(minSplit), opens);
    const std::optional<int> lane = plan.openNextLane(minSplit);
    QCOMPARE(lane.has_value(), opens);
    QCOMPARE(plan.openLaneCount(), int(lanes.size()) + (opens ? 1 : 0));
    if (opens) {
        QVERIFY(!ids.contains(*lane));
        QCOMPARE(plan.begin(*lane), newLane.begin);
        QCOMPARE(plan.position(*lane), newLane.begin);
        QCOMPARE(plan.end(*lane), newLane.end);
        if (victim >= 0) {
            QVERIFY(newLane.length() >= std::max<qint64>(minSplit, 1));
            QVERIFY(plan.remaining(ids.at(victim)) >= std::max<qint64>(minSplit, 1));
        }
    }
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const qint64 expectedEnd = i == victim ? victimEnd : endsBefore.at(i);
        QCOMPARE(plan.end(ids.at(i)), expectedEnd);
        QCOMPARE(plan.position(ids.at(i)), lanes.at(i).begin + lanes.at(i).fetched);
    }
}

void TestSegmentPlan::openNextLane_afterSteal_victimStopsAtNewEnd()
{
    SegmentPlan plan(1000, {});
    const int first = *plan.openNextLane(100);
    plan.advance(first, 200);
    const int second = *plan.openNextLane(100);
    QCOMPARE(plan.end(first), qint64(600));
    QCOMPARE(plan.remaining(first), qint64(400));
    QCOMPARE(plan.position(second), qint64(600));
    QCOMPARE(plan.end(second), qint64(1000));

    // A third steals from whichever has the most left: both have 400, the first in id order.
    const int third = *plan.openNextLane(100);
    QCOMPARE(plan.end(first), qint64(400));
    QCOMPARE(plan.position(third), qint64(400));
    QCOMPARE(plan.end(third), qint64(600));
    QCOMPARE(plan.end(second), qint64(1000));
    QVERIFY(plan.unassigned().isEmpty());

    // With 200 left in two lanes and 400 in one, minSplit 201 refuses every split.
    QVERIFY(!plan.hasWorkFor(201));
    QVERIFY(!plan.openNextLane(201));
    QCOMPARE(plan.openLaneCount(), 3);
}

void TestSegmentPlan::openNextLane_unknownSize_neverOpensOrSteals()
{
    SegmentPlan plan(-1, {});
    QVERIFY(!plan.hasWorkFor(1));
    QVERIFY(!plan.openNextLane(1));
    QCOMPARE(plan.openLaneCount(), 0);

    const int lane = plan.openLane(0, SegmentPlan::Unbounded);
    QVERIFY(!plan.hasWorkFor(1)); // an unbounded lane of unknown length cannot be halved
    QVERIFY(!plan.openNextLane(1));
    QCOMPARE(plan.end(lane), SegmentPlan::Unbounded);
    QCOMPARE(plan.openLaneCount(), 1);
}

void TestSegmentPlan::unboundedLane_unknownSize_advancesWithoutEnd()
{
    SegmentPlan plan(-1, {});
    const int lane = plan.openLane(0, SegmentPlan::Unbounded);
    plan.advance(lane, 1000);
    plan.advance(lane, 24);
    QCOMPARE(plan.position(lane), qint64(1024));
    QCOMPARE(plan.end(lane), SegmentPlan::Unbounded);
    QCOMPARE(plan.remaining(lane), SegmentPlan::Unbounded - 1024);
    QCOMPARE(plan.bytesDone(), qint64(1024));
    QVERIFY(!plan.isComplete()); // only the end of the body can tell
    QVERIFY(plan.unassigned().isEmpty());
    plan.closeLane(lane);
    QVERIFY(plan.unassigned().isEmpty());
    QCOMPARE(plan.bytesDone(), qint64(1024));
}

void TestSegmentPlan::randomWork_withStealsAndCloses_coversFileExactlyOnce()
{
    constexpr qint64 Total = 10000;
    constexpr qint64 MinSplit = 64;
    QRandomGenerator random(7);
    SegmentPlan plan(Total, RangeSet({{1000, 1500}, {7000, 7100}}));
    QList<int> open;
    qint64 fetched = 600;
    int steps = 0;
    while (!plan.isComplete()) {
        QVERIFY2(++steps < 100000, "no progress");
        const int action = random.bounded(10);
        if (action < 2 && open.size() < 8) {
            if (const auto lane = plan.openNextLane(MinSplit))
                open.append(*lane);
        } else if (action == 2 && !open.isEmpty()) {
            plan.closeLane(open.takeAt(random.bounded(int(open.size()))));
        } else if (!open.isEmpty()) {
            const int lane = open.at(random.bounded(int(open.size())));
            const qint64 bytes = std::min<qint64>(plan.remaining(lane), random.bounded(1, 200));
            plan.advance(lane, bytes);
            fetched += bytes;
            if (plan.remaining(lane) == 0) {
                plan.closeLane(lane);
                open.removeOne(lane);
            }
        } else if (!plan.hasWorkFor(MinSplit)) {
            QFAIL("no lane open, nothing done, and nothing to hand out");
        } else {
            open.append(*plan.openNextLane(MinSplit));
        }

        // Invariants: open lanes own disjoint spans nobody fetched yet; together with the done
        // bytes and the unassigned ones they make up the file exactly once.
        RangeSet owned;
        qint64 ownedBytes = 0;
        for (const int lane : std::as_const(open)) {
            QVERIFY(plan.position(lane) <= plan.end(lane));
            const ByteRange span{plan.position(lane), plan.end(lane)};
            QVERIFY(plan.done().intersected(RangeSet({span})).isEmpty());
            owned.add(span);
            ownedBytes += span.length();
        }
        QCOMPARE(owned.size(), ownedBytes);
        qint64 free = 0;
        for (const ByteRange &range : plan.unassigned()) {
            QVERIFY(owned.intersected(RangeSet({range})).isEmpty());
            free += range.length();
        }
        QCOMPARE(plan.bytesDone() + ownedBytes + free, Total);
    }
    QCOMPARE(fetched, Total); // no byte was fetched twice
}

void TestSegmentPlan::openNextLane_filterRefusesLargest_stealsFromNextLargest()
{
    SegmentPlan plan(100, {});
    const int big = plan.openLane(0, 60);   // 60 left, but about to end (the filter says)
    const int mid = plan.openLane(60, 100); // 40 left
    const auto notBig = [big](int lane) { return lane != big; };
    QVERIFY(plan.hasWorkFor(10, notBig));
    const std::optional<int> lane = plan.openNextLane(10, notBig);
    QVERIFY(lane);
    QCOMPARE(plan.begin(*lane), 80);
    QCOMPARE(plan.end(*lane), 100);
    QCOMPARE(plan.end(mid), 80);
    QCOMPARE(plan.end(big), 60);
    // Nothing acceptable left to split: no work, and nothing changes.
    const auto none = [](int) { return false; };
    QVERIFY(!plan.hasWorkFor(10, none));
    QVERIFY(!plan.openNextLane(10, none));
    QCOMPARE(plan.end(big), 60);
}

QTEST_GUILESS_MAIN(TestSegmentPlan)
#include "tst_segmentplan.moc"
