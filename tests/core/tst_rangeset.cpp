#include "core/rangeset.h"

#include <QBitArray>
#include <QRandomGenerator>
#include <QStringList>
#include <QTest>

#include <algorithm>
#include <limits>
#include <utility>

Q_DECLARE_METATYPE(Ferry::ByteRange)

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 Max = std::numeric_limits<qint64>::max();

// "[0,10) [20,30)", so a failing comparison shows both sides readably.
QString show(const QList<ByteRange> &ranges)
{
    QStringList parts;
    for (const ByteRange &range : ranges)
        parts.append(u"[%1,%2)"_s.arg(range.begin).arg(range.end));
    return parts.join(u' ');
}

qint64 sumOfLengths(const QList<ByteRange> &ranges)
{
    qint64 sum = 0;
    for (const ByteRange &range : ranges)
        sum += range.length();
    return sum;
}

// Empty where the invariants hold, else what is wrong.
QString invariantViolation(const RangeSet &set)
{
    const QList<ByteRange> &ranges = set.ranges();
    for (qsizetype i = 0; i < ranges.size(); ++i) {
        if (ranges.at(i).begin >= ranges.at(i).end)
            return u"empty or reversed range at %1: %2"_s.arg(i).arg(show(ranges));
        if (i > 0 && ranges.at(i).begin <= ranges.at(i - 1).end)
            return u"ranges %1 and %2 overlap, touch or are unsorted: %3"_s.arg(i - 1).arg(i).arg(
                show(ranges));
    }
    if (set.size() != sumOfLengths(ranges))
        return u"size() %1 but the ranges hold %2"_s.arg(set.size()).arg(sumOfLengths(ranges));
    if (set.isEmpty() != ranges.isEmpty())
        return u"isEmpty() disagrees with ranges()"_s;
    return {};
}

// The runs of set bits, as ranges.
QList<ByteRange> rangesOf(const QBitArray &bits)
{
    QList<ByteRange> ranges;
    qint64 position = 0;
    const qint64 size = bits.size();
    while (position < size) {
        if (!bits.testBit(position)) {
            ++position;
            continue;
        }
        const qint64 begin = position;
        while (position < size && bits.testBit(position))
            ++position;
        ranges.append({begin, position});
    }
    return ranges;
}

} // namespace

class TestRangeSet : public QObject
{
    Q_OBJECT

private slots:
    void construct_default_isEmpty();
    void add_sequence_mergesToExpectedRanges_data();
    void add_sequence_mergesToExpectedRanges();
    void construct_fromList_sameAsAddingInAnyOrder();
    void contains_position_matchesHalfOpenRanges_data();
    void contains_position_matchesHalfOpenRanges();
    void gaps_window_listsUncoveredParts_data();
    void gaps_window_listsUncoveredParts();
    void firstGapFrom_position_skipsCoveredRange_data();
    void firstGapFrom_position_skipsCoveredRange();
    void nextCoveredFrom_position_findsCoveredByteOrLimit_data();
    void nextCoveredFrom_position_findsCoveredByteOrLimit();
    void intersected_twoSets_keepsCommonBytesBothWays_data();
    void intersected_twoSets_keepsCommonBytesBothWays();
    void randomAdds_againstBitmapModel_keepInvariantsAndAgree();
};

void TestRangeSet::construct_default_isEmpty()
{
    const RangeSet set;
    QVERIFY(set.isEmpty());
    QCOMPARE(set.size(), qint64(0));
    QVERIFY(set.ranges().isEmpty());
    QVERIFY(!set.contains(0));
    QCOMPARE(set, RangeSet(QList<ByteRange>{{3, 3}, {9, 2}}));
}

void TestRangeSet::add_sequence_mergesToExpectedRanges_data()
{
    QTest::addColumn<QList<ByteRange>>("adds");
    QTest::addColumn<QList<ByteRange>>("expected");

    using L = QList<ByteRange>;
    QTest::newRow("nothing") << L{} << L{};
    QTest::newRow("empty range ignored") << L{{5, 5}} << L{};
    QTest::newRow("reversed range ignored") << L{{7, 3}} << L{};
    QTest::newRow("empty range inside a gap ignored")
        << L{{0, 10}, {20, 30}, {15, 15}} << L{{0, 10}, {20, 30}};
    QTest::newRow("empty range at a range's end ignored") << L{{0, 10}, {10, 10}} << L{{0, 10}};
    QTest::newRow("one at zero") << L{{0, 10}} << L{{0, 10}};
    QTest::newRow("one byte") << L{{4, 5}} << L{{4, 5}};
    QTest::newRow("disjoint in order") << L{{0, 10}, {20, 30}} << L{{0, 10}, {20, 30}};
    QTest::newRow("disjoint reversed") << L{{20, 30}, {0, 10}} << L{{0, 10}, {20, 30}};
    QTest::newRow("into the middle")
        << L{{0, 10}, {40, 50}, {20, 30}} << L{{0, 10}, {20, 30}, {40, 50}};
    QTest::newRow("one byte gap stays") << L{{0, 10}, {11, 20}} << L{{0, 10}, {11, 20}};
    QTest::newRow("adjacent after") << L{{0, 10}, {10, 20}} << L{{0, 20}};
    QTest::newRow("adjacent before") << L{{10, 20}, {0, 10}} << L{{0, 20}};
    QTest::newRow("adjacent before, with a later range")
        << L{{10, 20}, {30, 40}, {0, 10}} << L{{0, 20}, {30, 40}};
    QTest::newRow("adjacent after a middle range")
        << L{{0, 10}, {30, 40}, {10, 15}} << L{{0, 15}, {30, 40}};
    QTest::newRow("fills a gap exactly") << L{{0, 10}, {20, 30}, {10, 20}} << L{{0, 30}};
    QTest::newRow("overlaps the end") << L{{0, 10}, {5, 15}} << L{{0, 15}};
    QTest::newRow("overlaps the start") << L{{5, 15}, {0, 10}} << L{{0, 15}};
    QTest::newRow("inside") << L{{0, 100}, {10, 20}} << L{{0, 100}};
    QTest::newRow("same twice") << L{{10, 20}, {10, 20}} << L{{10, 20}};
    QTest::newRow("covers several") << L{{10, 20}, {30, 40}, {50, 60}, {0, 100}} << L{{0, 100}};
    QTest::newRow("spans several partly")
        << L{{10, 20}, {30, 40}, {50, 60}, {15, 55}} << L{{10, 60}};
    QTest::newRow("spans from a gap into a range")
        << L{{10, 20}, {30, 40}, {50, 60}, {25, 35}} << L{{10, 20}, {25, 40}, {50, 60}};
    QTest::newRow("touches two ranges at once")
        << L{{0, 10}, {20, 30}, {40, 50}, {10, 40}} << L{{0, 50}};
    QTest::newRow("before the first") << L{{10, 20}, {2, 5}} << L{{2, 5}, {10, 20}};
    QTest::newRow("at the end of qint64")
        << L{{Max - 10, Max}, {0, 1}} << L{{0, 1}, {Max - 10, Max}};
    QTest::newRow("adjacent at the end of qint64")
        << L{{Max - 5, Max}, {Max - 10, Max - 5}} << L{{Max - 10, Max}};
    QTest::newRow("whole qint64 range") << L{{Max - 1, Max}, {0, Max}} << L{{0, Max}};
}

void TestRangeSet::add_sequence_mergesToExpectedRanges()
{
    QFETCH(QList<ByteRange>, adds);
    QFETCH(QList<ByteRange>, expected);

    RangeSet set;
    for (const ByteRange &range : adds) {
        set.add(range);
        const QString violation = invariantViolation(set);
        QVERIFY2(violation.isEmpty(), qPrintable(violation));
    }
    QCOMPARE(show(set.ranges()), show(expected));
    QCOMPARE(set.size(), sumOfLengths(expected));
    QCOMPARE(set.isEmpty(), expected.isEmpty());
}

void TestRangeSet::construct_fromList_sameAsAddingInAnyOrder()
{
    QList<ByteRange> ranges{{50, 60}, {0, 10}, {9, 12}, {30, 30}, {12, 20}, {55, 70}, {80, 90}};
    const QList<ByteRange> expected{{0, 20}, {50, 70}, {80, 90}};
    std::sort(ranges.begin(), ranges.end(), [](const ByteRange &a, const ByteRange &b) {
        return std::pair(a.begin, a.end) < std::pair(b.begin, b.end);
    });
    int orders = 0;
    do {
        const RangeSet set(ranges);
        QCOMPARE(show(set.ranges()), show(expected));
        QCOMPARE(set.size(), qint64(50));
        ++orders;
    } while (std::next_permutation(
        ranges.begin(), ranges.end(), [](const ByteRange &a, const ByteRange &b) {
            return std::pair(a.begin, a.end) < std::pair(b.begin, b.end);
        }));
    QCOMPARE(orders, 5040); // 7!: every order was tried
}

void TestRangeSet::contains_position_matchesHalfOpenRanges_data()
{
    QTest::addColumn<QList<ByteRange>>("ranges");
    QTest::addColumn<qint64>("position");
    QTest::addColumn<bool>("expected");

    const QList<ByteRange> two{{10, 20}, {30, 40}};
    QTest::newRow("empty set") << QList<ByteRange>{} << qint64(0) << false;
    QTest::newRow("before all") << two << qint64(0) << false;
    QTest::newRow("just before the first") << two << qint64(9) << false;
    QTest::newRow("first byte") << two << qint64(10) << true;
    QTest::newRow("last byte of the first") << two << qint64(19) << true;
    QTest::newRow("end of the first (exclusive)") << two << qint64(20) << false;
    QTest::newRow("in the gap") << two << qint64(25) << false;
    QTest::newRow("start of the second") << two << qint64(30) << true;
    QTest::newRow("last byte of all") << two << qint64(39) << true;
    QTest::newRow("end of all") << two << qint64(40) << false;
    QTest::newRow("far after") << two << Max << false;
    QTest::newRow("zero in a range at zero") << QList<ByteRange>{{0, 1}} << qint64(0) << true;
    QTest::newRow("qint64 max - 1") << QList<ByteRange>{{Max - 2, Max}} << Max - 1 << true;
}

void TestRangeSet::contains_position_matchesHalfOpenRanges()
{
    QFETCH(QList<ByteRange>, ranges);
    QFETCH(qint64, position);
    QFETCH(bool, expected);

    QCOMPARE(RangeSet(ranges).contains(position), expected);
}

void TestRangeSet::gaps_window_listsUncoveredParts_data()
{
    QTest::addColumn<QList<ByteRange>>("ranges");
    QTest::addColumn<qint64>("begin");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<QList<ByteRange>>("expected");

    using L = QList<ByteRange>;
    const L two{{10, 20}, {30, 40}};
    QTest::newRow("empty set: all of it") << L{} << qint64(0) << qint64(100) << L{{0, 100}};
    QTest::newRow("empty window") << two << qint64(5) << qint64(5) << L{};
    QTest::newRow("empty window in a gap") << two << qint64(25) << qint64(25) << L{};
    QTest::newRow("whole file") << two << qint64(0) << qint64(50) << L{{0, 10}, {20, 30}, {40, 50}};
    QTest::newRow("window inside a range") << two << qint64(12) << qint64(18) << L{};
    QTest::newRow("window equal to a range") << two << qint64(10) << qint64(20) << L{};
    QTest::newRow("window inside a gap") << two << qint64(22) << qint64(28) << L{{22, 28}};
    QTest::newRow("starts inside a range") << two << qint64(15) << qint64(35) << L{{20, 30}};
    QTest::newRow("ends inside a range") << two << qint64(0) << qint64(15) << L{{0, 10}};
    QTest::newRow("ends at a range's start") << two << qint64(0) << qint64(10) << L{{0, 10}};
    QTest::newRow("starts at a range's end")
        << two << qint64(20) << qint64(50) << L{{20, 30}, {40, 50}};
    QTest::newRow("window before all") << two << qint64(0) << qint64(5) << L{{0, 5}};
    QTest::newRow("window after all") << two << qint64(45) << qint64(60) << L{{45, 60}};
    QTest::newRow("covered from zero to the end") << L{{0, 100}} << qint64(0) << qint64(100) << L{};
    QTest::newRow("covered at both edges")
        << L{{0, 10}, {90, 100}} << qint64(0) << qint64(100) << L{{10, 90}};
    QTest::newRow("up to qint64 max") << L{{0, 10}} << qint64(0) << Max << L{{10, Max}};
}

void TestRangeSet::gaps_window_listsUncoveredParts()
{
    QFETCH(QList<ByteRange>, ranges);
    QFETCH(qint64, begin);
    QFETCH(qint64, end);
    QFETCH(QList<ByteRange>, expected);

    QCOMPARE(show(RangeSet(ranges).gaps(begin, end)), show(expected));
}

void TestRangeSet::firstGapFrom_position_skipsCoveredRange_data()
{
    QTest::addColumn<QList<ByteRange>>("ranges");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("expected");

    const QList<ByteRange> two{{0, 10}, {20, 30}};
    QTest::newRow("empty set") << QList<ByteRange>{} << qint64(7) << qint64(7);
    QTest::newRow("at a range at zero") << two << qint64(0) << qint64(10);
    QTest::newRow("inside a range") << two << qint64(5) << qint64(10);
    QTest::newRow("last byte of a range") << two << qint64(9) << qint64(10);
    QTest::newRow("at a range's end") << two << qint64(10) << qint64(10);
    QTest::newRow("in a gap") << two << qint64(15) << qint64(15);
    QTest::newRow("at the second range") << two << qint64(20) << qint64(30);
    QTest::newRow("after everything") << two << qint64(30) << qint64(30);
    QTest::newRow("range to qint64 max") << QList<ByteRange>{{5, Max}} << qint64(6) << Max;
}

void TestRangeSet::firstGapFrom_position_skipsCoveredRange()
{
    QFETCH(QList<ByteRange>, ranges);
    QFETCH(qint64, from);
    QFETCH(qint64, expected);

    QCOMPARE(RangeSet(ranges).firstGapFrom(from), expected);
}

void TestRangeSet::nextCoveredFrom_position_findsCoveredByteOrLimit_data()
{
    QTest::addColumn<QList<ByteRange>>("ranges");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<qint64>("expected");

    const QList<ByteRange> two{{10, 20}, {30, 40}};
    QTest::newRow("empty set: the limit")
        << QList<ByteRange>{} << qint64(3) << qint64(50) << qint64(50);
    QTest::newRow("before the first") << two << qint64(0) << qint64(100) << qint64(10);
    QTest::newRow("at the first") << two << qint64(10) << qint64(100) << qint64(10);
    QTest::newRow("inside the first") << two << qint64(15) << qint64(100) << qint64(15);
    QTest::newRow("at the first's end") << two << qint64(20) << qint64(100) << qint64(30);
    QTest::newRow("after all: the limit") << two << qint64(40) << qint64(100) << qint64(100);
    QTest::newRow("limit before the next range") << two << qint64(0) << qint64(5) << qint64(5);
    QTest::newRow("limit in a gap") << two << qint64(22) << qint64(28) << qint64(28);
    QTest::newRow("limit at the next range") << two << qint64(22) << qint64(30) << qint64(30);
    QTest::newRow("unbounded limit") << two << qint64(41) << Max << Max;
}

void TestRangeSet::nextCoveredFrom_position_findsCoveredByteOrLimit()
{
    QFETCH(QList<ByteRange>, ranges);
    QFETCH(qint64, from);
    QFETCH(qint64, limit);
    QFETCH(qint64, expected);

    QCOMPARE(RangeSet(ranges).nextCoveredFrom(from, limit), expected);
}

void TestRangeSet::intersected_twoSets_keepsCommonBytesBothWays_data()
{
    QTest::addColumn<QList<ByteRange>>("a");
    QTest::addColumn<QList<ByteRange>>("b");
    QTest::addColumn<QList<ByteRange>>("expected");

    using L = QList<ByteRange>;
    QTest::newRow("both empty") << L{} << L{} << L{};
    QTest::newRow("one empty") << L{{0, 10}} << L{} << L{};
    QTest::newRow("identical") << L{{0, 10}, {20, 30}} << L{{0, 10}, {20, 30}}
                               << L{{0, 10}, {20, 30}};
    QTest::newRow("disjoint") << L{{0, 10}} << L{{20, 30}} << L{};
    QTest::newRow("touching shares nothing") << L{{0, 10}} << L{{10, 20}} << L{};
    QTest::newRow("partial overlap") << L{{0, 10}} << L{{5, 15}} << L{{5, 10}};
    QTest::newRow("one inside the other")
        << L{{0, 100}} << L{{10, 20}, {30, 40}} << L{{10, 20}, {30, 40}};
    QTest::newRow("interleaved") << L{{0, 10}, {20, 30}, {40, 50}} << L{{5, 25}, {28, 45}}
                                 << L{{5, 10}, {20, 25}, {28, 30}, {40, 45}};
    QTest::newRow("one byte in common") << L{{0, 10}} << L{{9, 20}} << L{{9, 10}};
}

void TestRangeSet::intersected_twoSets_keepsCommonBytesBothWays()
{
    QFETCH(QList<ByteRange>, a);
    QFETCH(QList<ByteRange>, b);
    QFETCH(QList<ByteRange>, expected);

    const RangeSet first(a);
    const RangeSet second(b);
    const RangeSet ab = first.intersected(second);
    const RangeSet ba = second.intersected(first);
    QCOMPARE(show(ab.ranges()), show(expected));
    QCOMPARE(show(ba.ranges()), show(expected));
    QCOMPARE(ab.size(), sumOfLengths(expected));
    QVERIFY(invariantViolation(ab).isEmpty());
}

void TestRangeSet::randomAdds_againstBitmapModel_keepInvariantsAndAgree()
{
    constexpr qint64 FileSize = 200;
    constexpr int Rounds = 60;
    constexpr int AddsPerRound = 40;
    QRandomGenerator random(20261121); // fixed: a failure reproduces

    for (int round = 0; round < Rounds; ++round) {
        RangeSet set;
        QBitArray model(FileSize);
        // Short ranges make many separate pieces; now and then a long one merges them.
        const int maxLength = round % 3 == 0 ? 60 : 12;
        for (int step = 0; step < AddsPerRound; ++step) {
            const qint64 begin = random.bounded(int(FileSize) + 1);
            qint64 end = begin + random.bounded(maxLength + 1);
            end = std::min(end, FileSize);
            const bool reversed = random.bounded(10) == 0;
            const ByteRange range = reversed ? ByteRange{end, begin} : ByteRange{begin, end};
            set.add(range);
            if (!reversed) {
                for (qint64 i = begin; i < end; ++i)
                    model.setBit(i);
            }
            const QByteArray where = u"round %1 step %2 after adding [%3,%4)"_s.arg(round)
                                         .arg(step)
                                         .arg(range.begin)
                                         .arg(range.end)
                                         .toUtf8();

            const QString violation = invariantViolation(set);
            QVERIFY2(violation.isEmpty(), qPrintable(violation + u' ' + QString::fromUtf8(where)));
            QVERIFY2(show(set.ranges()) == show(rangesOf(model)), where.constData());
            QVERIFY2(set.size() == qint64(model.count(true)), where.constData());

            for (qint64 position = 0; position <= FileSize; ++position) {
                const bool covered = position < FileSize && model.testBit(position);
                QVERIFY2(set.contains(position) == covered, where.constData());
                qint64 gap = position;
                while (gap < FileSize && model.testBit(gap))
                    ++gap;
                QVERIFY2(set.firstGapFrom(position) == gap, where.constData());
                qint64 next = position;
                while (next < FileSize && !model.testBit(next))
                    ++next;
                QVERIFY2(set.nextCoveredFrom(position, FileSize) == next, where.constData());
            }
            QVERIFY2(show(set.gaps(0, FileSize)) == show(rangesOf(~model)), where.constData());
        }

        // Intersection against a second random set, checked bit by bit.
        RangeSet other;
        QBitArray otherModel(FileSize);
        for (int step = 0; step < AddsPerRound / 2; ++step) {
            const qint64 begin = random.bounded(int(FileSize));
            const qint64 end = std::min(FileSize, begin + random.bounded(1, 30));
            other.add({begin, end});
            for (qint64 i = begin; i < end; ++i)
                otherModel.setBit(i);
        }
        const RangeSet common = set.intersected(other);
        QVERIFY(invariantViolation(common).isEmpty());
        QCOMPARE(show(common.ranges()), show(rangesOf(model & otherModel)));
        QCOMPARE(common.size(), qint64((model & otherModel).count(true)));
    }
}

QTEST_GUILESS_MAIN(TestRangeSet)
#include "tst_rangeset.moc"
