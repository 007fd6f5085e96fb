#include "core/transferreport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestTransferReport : public QObject
{
    Q_OBJECT

private slots:
    void formatFor_csvByExtension();
    void jsonLine_completedItem();
    void jsonLine_failedItem_nullsWhereUnknown();
    void csvLine_quotesWhatNeedsIt();
    void file_headerAndLines();
    void open_unwritable_saysWhy();
    void fileSha256_ofTheBytes_orEmptyWhenGone();

private:
    static TransferSnapshot completed();
};

TransferSnapshot TestTransferReport::completed()
{
    TransferSnapshot item;
    item.id = 7;
    item.url = QUrl(u"https://user:secret@example.org/a.bin"_s);
    item.filePath = u"/srv/a.bin"_s;
    item.state = TransferState::Completed;
    item.bytesDone = 1234;
    item.bytesTotal = 1234;
    item.httpStatus = 200;
    item.attempts = 2;
    item.startedAtMs = 1700000000000;
    item.finishedAtMs = 1700000001500;
    return item;
}

void TestTransferReport::formatFor_csvByExtension()
{
    QCOMPARE(TransferReport::formatFor(u"/x/report.CSV"_s), TransferReport::Format::Csv);
    QCOMPARE(TransferReport::formatFor(u"report.jsonl"_s), TransferReport::Format::JsonLines);
    QCOMPARE(TransferReport::formatFor(u"report"_s), TransferReport::Format::JsonLines);
}

void TestTransferReport::jsonLine_completedItem()
{
    const QByteArray hash = QByteArray(32, '\x01');
    const QByteArray line =
        TransferReport::line(TransferReport::Format::JsonLines, completed(), hash);
    QVERIFY(line.endsWith('\n'));
    QVERIFY(!line.contains("secret"));
    const QJsonObject object = QJsonDocument::fromJson(line).object();
    QCOMPARE(object.value("url"_L1).toString(), u"https://user@example.org/a.bin"_s);
    QCOMPARE(object.value("path"_L1).toString(), u"/srv/a.bin"_s);
    QCOMPARE(object.value("state"_L1).toString(), u"completed"_s);
    QCOMPARE(object.value("http_status"_L1).toInt(), 200);
    QCOMPARE(object.value("bytes"_L1).toInteger(), 1234);
    QCOMPARE(object.value("size"_L1).toInteger(), 1234);
    QCOMPARE(object.value("sha256"_L1).toString(), QString::fromLatin1(hash.toHex()));
    QCOMPARE(object.value("started"_L1).toString(), u"2023-11-14T22:13:20.000Z"_s);
    QCOMPARE(object.value("finished"_L1).toString(), u"2023-11-14T22:13:21.500Z"_s);
    QCOMPARE(object.value("duration_s"_L1).toDouble(), 1.5);
    QCOMPARE(object.value("attempts"_L1).toInt(), 2);
    QVERIFY(object.value("error"_L1).isNull());
}

void TestTransferReport::jsonLine_failedItem_nullsWhereUnknown()
{
    TransferSnapshot item;
    item.url = QUrl(u"http://h/x"_s);
    item.state = TransferState::Failed;
    item.error = TransferError::make(
        TransferError::Kind::Network, TransferError::Recovery::Retry, u"refused"_s);
    const QJsonObject object =
        QJsonDocument::fromJson(TransferReport::line(TransferReport::Format::JsonLines, item, {}))
            .object();
    QCOMPARE(object.value("state"_L1).toString(), u"failed"_s);
    QVERIFY(object.value("path"_L1).isNull());
    QVERIFY(object.value("size"_L1).isNull());
    QVERIFY(object.value("sha256"_L1).isNull());
    QVERIFY(object.value("http_status"_L1).isNull());
    QVERIFY(object.value("started"_L1).isNull());
    QVERIFY(object.value("duration_s"_L1).isNull());
    QCOMPARE(object.value("error"_L1).toString(), item.error.message());
    QVERIFY(!item.error.message().isEmpty());
}

void TestTransferReport::csvLine_quotesWhatNeedsIt()
{
    TransferSnapshot item = completed();
    item.filePath = u"/srv/a, \"b\".bin"_s;
    const QByteArray line = TransferReport::line(TransferReport::Format::Csv, item, {});
    QCOMPARE(line,
             "https://user@example.org/a.bin,\"/srv/a, \"\"b\"\".bin\",completed,200,1234,1234,,"
             "2023-11-14T22:13:20.000Z,2023-11-14T22:13:21.500Z,1.500,2,\n"_ba);
}

void TestTransferReport::file_headerAndLines()
{
    QTemporaryDir folder;
    TransferReport report;
    QString error;
    QVERIFY(report.open(folder.filePath(u"r.csv"_s), &error));
    QVERIFY(report.add(completed(), {}));
    QVERIFY(report.add(completed(), {}));
    QVERIFY(report.close(&error));
    QCOMPARE(report.count(), 2);
    QFile file(folder.filePath(u"r.csv"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines.at(0) + '\n', TransferReport::header(TransferReport::Format::Csv));
}

void TestTransferReport::open_unwritable_saysWhy()
{
    TransferReport report;
    QString error;
    QVERIFY(!report.open(u"/nonexistent-folder/r.jsonl"_s, &error));
    QVERIFY2(error.contains(u"/nonexistent-folder/r.jsonl"_s), qPrintable(error));
}

void TestTransferReport::fileSha256_ofTheBytes_orEmptyWhenGone()
{
    QTemporaryDir folder;
    const QString path = folder.filePath(u"f.bin"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("ferry");
    file.close();
    QCOMPARE(TransferReport::fileSha256(path),
             QCryptographicHash::hash("ferry", QCryptographicHash::Sha256));
    QVERIFY(TransferReport::fileSha256(folder.filePath(u"gone.bin"_s)).isEmpty());
}

QTEST_GUILESS_MAIN(TestTransferReport)
#include "tst_transferreport.moc"
