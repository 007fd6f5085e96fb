#include "core/snapshotbatcher.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Ferry;

class TestSnapshotBatcher : public QObject
{
    Q_OBJECT

private slots:
    void flushAll_deliversEverything_inBatchesOf4096();
    void flushSoon_oneBatchPerInterval();
    void tick_stopsWhenNothingIsDirtyAndNothingRuns();
    void goneTransfers_leftOut();

private:
    struct Bed
    {
        QList<QList<TransferSnapshot>> batches;
        QSet<TransferId> gone;
        int samples = 0;
        bool busy = false;
    };

    static SnapshotBatcher::Hooks hooks(Bed &bed);
};

SnapshotBatcher::Hooks TestSnapshotBatcher::hooks(Bed &bed)
{
    SnapshotBatcher::Hooks hooks;
    hooks.sample = [&bed] { ++bed.samples; };
    hooks.take = [&bed](TransferId id) -> std::optional<TransferSnapshot> {
        if (bed.gone.contains(id))
            return std::nullopt;
        TransferSnapshot snapshot;
        snapshot.id = id;
        return snapshot;
    };
    hooks.deliver = [&bed](const QList<TransferSnapshot> &batch) { bed.batches.append(batch); };
    hooks.busy = [&bed] { return bed.busy; };
    return hooks;
}

void TestSnapshotBatcher::flushAll_deliversEverything_inBatchesOf4096()
{
    Bed bed;
    SnapshotBatcher batcher(250, hooks(bed));
    for (TransferId id = 1; id <= 5000; ++id)
        batcher.markDirty(id);
    batcher.flushAll();
    QCOMPARE(bed.batches.size(), 2);
    QCOMPARE(bed.batches.at(0).size(), 4096);
    QCOMPARE(bed.batches.at(1).size(), 904);
    QCOMPARE(bed.batches.at(1).last().id, TransferId(5000));
    QCOMPARE(bed.samples, 1);
}

void TestSnapshotBatcher::flushSoon_oneBatchPerInterval()
{
    Bed bed;
    SnapshotBatcher batcher(400, hooks(bed));
    batcher.markDirty(1);
    batcher.flushSoon();
    QTRY_COMPARE_WITH_TIMEOUT(bed.batches.size(), 1, 5000);
    // Right after a batch, another state change waits for the interval.
    batcher.markDirty(2);
    batcher.flushSoon();
    QCoreApplication::processEvents(); // an immediate flush would have gone out here
    QCOMPARE(bed.batches.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(bed.batches.size(), 2, 5000);
    QCOMPARE(bed.batches.at(1).first().id, TransferId(2));
}

void TestSnapshotBatcher::tick_stopsWhenNothingIsDirtyAndNothingRuns()
{
    Bed bed;
    bed.busy = true;
    SnapshotBatcher batcher(20, hooks(bed));
    batcher.keepTicking();
    QTRY_VERIFY_WITH_TIMEOUT(bed.samples >= 3, 5000); // ticks while busy, dirty or not
    QVERIFY(batcher.isTicking());
    bed.busy = false;
    QTRY_VERIFY_WITH_TIMEOUT(!batcher.isTicking(), 5000);
    batcher.markDirty(1); // and starts again with something to send
    QVERIFY(batcher.isTicking());
}

void TestSnapshotBatcher::goneTransfers_leftOut()
{
    Bed bed;
    SnapshotBatcher batcher(250, hooks(bed));
    batcher.markDirty(1);
    batcher.markDirty(2);
    bed.gone.insert(1);
    batcher.flushAll();
    QCOMPARE(bed.batches.size(), 1);
    QCOMPARE(bed.batches.at(0).size(), 1);
    QCOMPARE(bed.batches.at(0).at(0).id, TransferId(2));
}

QTEST_GUILESS_MAIN(TestSnapshotBatcher)
#include "tst_snapshotbatcher.moc"
