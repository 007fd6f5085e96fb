#include "core/transfersnapshot.h"

#include <QTest>

using namespace Ferry;

class TestTransferSnapshot : public QObject
{
    Q_OBJECT

private slots:
    void permilleDone_queuedSizesUnknown_countsFiles();
    void permilleDone_allSizesKnown_countsBytes();
};

void TestTransferSnapshot::permilleDone_queuedSizesUnknown_countsFiles()
{
    // One file done and four running, nearly complete; 9,995 more wait without a known size.
    TransferTotals totals;
    totals.completed = 1;
    totals.active = 4;
    totals.queued = 9995;
    totals.bytesTotal = 5 << 20;
    totals.bytesDone = totals.bytesTotal - 1024;
    QVERIFY(!totals.sizesKnown());
    QCOMPARE(totals.permilleDone(), 0); // 1 of 10,000 files, not 99.98% of the known bytes

    totals.queued = 0;
    totals.waiting = 5;
    QVERIFY(!totals.sizesKnown()); // a retry may learn a new size

    totals.waiting = 0;
    totals.failed = 2;
    totals.completed = 8;
    totals.active = 0;
    totals.paused = 0;
    totals.bytesTotal = 0; // all finished, none with a size (e.g. already downloaded)
    QCOMPARE(totals.permilleDone(), 1000);
}

void TestTransferSnapshot::permilleDone_allSizesKnown_countsBytes()
{
    TransferTotals totals;
    QCOMPARE(totals.permilleDone(), 0);
    totals.completed = 1;
    totals.active = 1;
    totals.bytesTotal = 4000;
    totals.bytesDone = 1000;
    QVERIFY(totals.sizesKnown());
    QCOMPARE(totals.permilleDone(), 250);
    totals.bytesDone = 5000; // a file that grew past its announced size
    QCOMPARE(totals.permilleDone(), 1000);
}

QTEST_GUILESS_MAIN(TestTransferSnapshot)
#include "tst_transfersnapshot.moc"
