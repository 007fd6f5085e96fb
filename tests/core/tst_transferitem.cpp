#include "core/transferitem.h"

#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestTransferItem : public QObject
{
    Q_OBJECT

private slots:
    void snapshot_carriesTheItem();
    void snapshot_timesOnlyWhereTheyApply();
    void snapshot_endedAttemptsUrlUntilCleared();
    void setError_keepsRealErrorsOnly();
};

void TestTransferItem::snapshot_carriesTheItem()
{
    TransferItem item;
    item.id = 4;
    item.encodedUrl = "https://example.org/a%20b.zip";
    item.request.directory = u"/srv/dl"_s;
    item.request.fileName = u"asked.zip"_s;
    item.fileName = u"asked (1).zip"_s;
    item.state = TransferState::Active;
    item.bytesDone = 500;
    item.bytesTotal = 1500;
    item.speed = 100;
    item.attempts = 2;
    item.key = {0, 9};
    const TransferSnapshot snapshot = item.snapshot(0);
    QCOMPARE(snapshot.id, TransferId(4));
    QCOMPARE(snapshot.url, QUrl(u"https://example.org/a b.zip"_s));
    QCOMPARE(snapshot.filePath, u"/srv/dl/asked (1).zip"_s);
    QCOMPARE(snapshot.directory, u"/srv/dl"_s);
    QCOMPARE(snapshot.requestedName, u"asked.zip"_s);
    QCOMPARE(snapshot.etaSeconds, 10);
    item.speed = 300; // 1,000 bytes left: 3.3 s reads 4 s, never less than what is left
    QCOMPARE(item.snapshot(0).etaSeconds, 4);
    item.speed = 100;
    QCOMPARE(snapshot.attempts, 2);
    QCOMPARE(snapshot.queueOrder, 9);
    QCOMPARE(item.fullRequest().url, snapshot.url);
}

void TestTransferItem::snapshot_endedAttemptsUrlUntilCleared()
{
    TransferItem item;
    item.encodedUrl = "http://example.org/now";
    item.state = TransferState::Failed;
    QCOMPARE(item.snapshot(0).url, QUrl(u"http://example.org/now"_s));
    // The engine keeps the attempt's parsed URL (the same one) for the snapshot after it.
    item.endedUrl = QUrl(u"http://example.org/parsed"_s);
    QCOMPARE(item.snapshot(0).url, QUrl(u"http://example.org/parsed"_s));
    item.endedUrl.clear();
    QCOMPARE(item.snapshot(0).url, QUrl(u"http://example.org/now"_s));
}

void TestTransferItem::snapshot_timesOnlyWhereTheyApply()
{
    TransferItem item;
    item.encodedUrl = "http://h/f";
    item.retryAtMs = 111;
    item.firstStartedAtMs = 50;
    item.finishedAtMs = 99;
    item.state = TransferState::Queued;
    TransferSnapshot snapshot = item.snapshot(777);
    QCOMPARE(snapshot.hostWaitUntilMs, 777);
    QCOMPARE(snapshot.retryAtMs, 0);
    QCOMPARE(snapshot.finishedAtMs, 0);
    QCOMPARE(snapshot.startedAtMs, 50);
    item.state = TransferState::Waiting;
    snapshot = item.snapshot(777);
    QCOMPARE(snapshot.hostWaitUntilMs, 0);
    QCOMPARE(snapshot.retryAtMs, 111);
    item.state = TransferState::Failed;
    QCOMPARE(item.snapshot(0).finishedAtMs, 99);
}

void TestTransferItem::setError_keepsRealErrorsOnly()
{
    TransferItem item;
    item.setError(TransferError::make(
        TransferError::Kind::Network, TransferError::Recovery::Retry, u"reset"_s));
    QVERIFY(item.error);
    QCOMPARE(item.snapshot(0).error.kind, TransferError::Kind::Network);
    item.setError(TransferError::make(
        TransferError::Kind::Cancelled, TransferError::Recovery::Fatal, u"stopped"_s));
    QVERIFY(!item.error);
    QVERIFY(item.snapshot(0).error.isNone());
}

QTEST_GUILESS_MAIN(TestTransferItem)
#include "tst_transferitem.moc"
