#include "core/engineclient.h"
#include "core/urllistwriter.h"
#include "tests/support/enginetestbed.h"
#include "tests/support/generateddata.h"
#include "tests/support/testhttpserver.h"
#include "ui/reportactions.h"
#include "ui/transferlistmodel.h"

#include <QAction>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QWidget>

#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = EngineTestBed::Patience;
constexpr qint64 Size = 50000;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestReportActions : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void failedItems_exportedAsList_andRetriedInOneAction();
    void exportReport_everyRowWithTheHashOfCompletedFiles();

private:
    void addOneGoodOneMissing();

    std::unique_ptr<EngineTestBed> m_bed;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<TransferClient> m_client;
    std::unique_ptr<TransferListModel> m_model;
    std::unique_ptr<QWidget> m_window;
    std::unique_ptr<QThreadPool> m_pool;
    ReportActions *m_actions = nullptr; // child of m_window
    QTemporaryDir m_out;
};

void TestReportActions::init()
{
    m_bed = std::make_unique<EngineTestBed>();
    QVERIFY(m_bed->setUp());
    EngineOptions options;
    options.maxTries = 1;
    m_engine = m_bed->makeEngine(options);
    m_client = std::make_unique<EngineClient>(m_engine.get());
    m_model = std::make_unique<TransferListModel>();
    connect(m_client.get(),
            &TransferClient::transfersAdded,
            m_model.get(),
            &TransferListModel::handleTransfersAdded);
    connect(m_client.get(),
            &TransferClient::transfersChanged,
            m_model.get(),
            &TransferListModel::handleTransfersChanged);
    m_window = std::make_unique<QWidget>();
    m_pool = std::make_unique<QThreadPool>();
    m_actions = new ReportActions(m_model.get(), m_client.get(), m_pool.get(), m_window.get());
}

void TestReportActions::cleanup()
{
    m_window.reset();
    m_pool.reset();
    m_model.reset();
    m_client.reset();
    m_engine.reset();
    m_bed->tearDown();
}

void TestReportActions::addOneGoodOneMissing()
{
    m_bed->server().addGeneratedFile(u"/good.bin"_s, Size, 3);
    QVERIFY(!m_actions->retryFailedAction()->isEnabled());
    m_client->add({m_bed->request(u"/good.bin"_s), m_bed->request(u"/later.bin"_s)});
    QTRY_VERIFY_WITH_TIMEOUT(m_model->totals().completed == 1 && m_model->totals().failed == 1,
                             Patience);
}

void TestReportActions::failedItems_exportedAsList_andRetriedInOneAction()
{
    addOneGoodOneMissing();
    QVERIFY(m_actions->retryFailedAction()->isEnabled());
    QVERIFY(m_actions->exportFailedAction()->isEnabled());

    const QString list = m_out.filePath(u"failed.txt"_s);
    QString error;
    QVERIFY2(m_actions->exportFailed(list, &error), qPrintable(error));
    QCOMPARE(readAll(list),
             UrlListWriter::entry(m_bed->server().url(u"/later.bin"_s), m_bed->downloads(), {}));

    m_bed->server().addGeneratedFile(u"/later.bin"_s, Size, 4);
    m_actions->retryFailedAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_model->totals().completed, 2, Patience);
    QCOMPARE(firstDifferenceFromGenerated(m_bed->downloadPath(u"later.bin"_s), Size, 4), -1);
    QVERIFY(!m_actions->retryFailedAction()->isEnabled());
    QCOMPARE(m_bed->server().requestCount(u"/good.bin"_s), 1); // only the failed one again
}

void TestReportActions::exportReport_everyRowWithTheHashOfCompletedFiles()
{
    addOneGoodOneMissing();
    const QString path = m_out.filePath(u"report.jsonl"_s);
    QSignalSpy exported(m_actions, &ReportActions::reportExported);
    m_actions->exportReport(path);
    QVERIFY(exported.wait(Patience));
    QCOMPARE(exported.at(0).at(1).toLongLong(), 2);
    QVERIFY(exported.at(0).at(2).toString().isEmpty());
    const QList<QByteArray> lines = readAll(path).trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    bool sawGood = false;
    for (const QByteArray &line : lines) {
        const QJsonObject item = QJsonDocument::fromJson(line).object();
        if (item.value("url"_L1).toString().endsWith(u"/good.bin"_s)) {
            sawGood = true;
            QCOMPARE(item.value("state"_L1).toString(), u"completed"_s);
            QCOMPARE(item.value("sha256"_L1).toString(),
                     QString::fromLatin1(generatedSha256(Size, 3).toHex()));
        } else {
            QCOMPARE(item.value("state"_L1).toString(), u"failed"_s);
            QCOMPARE(item.value("http_status"_L1).toInt(), 404);
        }
    }
    QVERIFY(sawGood);
}

QTEST_MAIN(TestReportActions)
#include "tst_reportactions.moc"
