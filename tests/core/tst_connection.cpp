#include "core/connection.h"
#include "core/filesink.h"
#include "core/memorybudget.h"
#include "core/ratelimiter.h"
#include "core/segmentplan.h"
#include "tests/support/generateddata.h"
#include "tests/support/testhttpserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>
#include <optional>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = 20000; // ms; generous bound for QTRY_ on a loaded machine
constexpr quint32 Seed = 20261121;
constexpr qint64 FileSize = 300000;
constexpr qint64 NoStall = 600000;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// What a Connection reported through finished().
struct Outcome
{
    int count = 0;
    std::optional<TransferError> error;
    int progressed = 0;
};

void watch(Connection &connection, Outcome &outcome)
{
    QObject::connect(
        &connection, &Connection::finished, &connection, [&outcome](const TransferError &error) {
            ++outcome.count;
            outcome.error = error;
        });
    QObject::connect(
        &connection, &Connection::progressed, &connection, [&outcome] { ++outcome.progressed; });
}

} // namespace

class TestConnection : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void segment_matching206_writesBytesAtLaneOffset();
    void segment_mismatch_finishesAsMismatchAndWritesNothing_data();
    void segment_mismatch_finishesAsMismatchAndWritesNothing();
    void segment_errorStatus_isHttpErrorNotMismatch();
    void segment_endMovedBeforeBody_stopsAtNewEnd();
    void segment_endMovedWhileRunning_stopsExactlyAtNewEnd();
    void segment_serverDropsEarly_reportsNetworkErrorWithLaneOpen();
    void segment_stallAfterHeaders_reportedByCheckStallAfterTimeout();

private:
    QString filePath() const { return QDir(m_dir->path()).filePath(u"file.part"_s); }

    Connection::Context context(SegmentPlan &plan, FileSink &sink, qint64 stallTimeoutMs);
    Connection::Expectation expectation(const QString &path) const;
    // Sends a segment request for the lane ("bytes=<from>-<lane end - 1>", from defaulting to
    // the lane's position) and hands it to a new Connection.
    std::unique_ptr<Connection> startSegment(const QString &path,
                                             SegmentPlan &plan,
                                             FileSink &sink,
                                             int lane,
                                             const Connection::Expectation &expected,
                                             qint64 from = -1,
                                             qint64 stallTimeoutMs = NoStall);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QThreadPool> m_pool;
    std::unique_ptr<FileJobQueue> m_jobs; // over m_pool
    std::unique_ptr<MemoryBudget> m_budget;
    std::unique_ptr<RateLimiter> m_limiter;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<Test::TestHttpServer> m_server;
    QSet<QString> m_http1Hosts;
    quint64 m_consumer = 0;
};

void TestConnection::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_pool = std::make_unique<QThreadPool>();
    m_pool->setMaxThreadCount(1);
    m_jobs = std::make_unique<FileJobQueue>(m_pool.get());
    m_budget = std::make_unique<MemoryBudget>(64 << 20);
    m_limiter = std::make_unique<RateLimiter>();
    m_consumer = m_limiter->addConsumer();
    m_network = std::make_unique<QNetworkAccessManager>();
    m_network->setAutoDeleteReplies(false);
    m_server = std::make_unique<Test::TestHttpServer>();
    QVERIFY(m_server->listen());
    m_server->addGeneratedFile(u"/file"_s, FileSize, Seed);
    m_http1Hosts.clear();
}

void TestConnection::cleanup()
{
    m_jobs.reset(); // starts what it still held
    QVERIFY(m_pool->waitForDone(Patience));
    m_server.reset();
    m_network.reset();
    m_limiter.reset();
    m_budget.reset();
    m_pool.reset();
    m_dir.reset();
}

Connection::Context
TestConnection::context(SegmentPlan &plan, FileSink &sink, qint64 stallTimeoutMs)
{
    Connection::Context context;
    context.plan = &plan;
    context.sink = &sink;
    context.budget = m_budget.get();
    context.limiter = m_limiter.get();
    context.rateConsumer = m_consumer;
    context.http1Hosts = &m_http1Hosts;
    context.bufferBytes = 8 << 20;
    context.http2SpillBytes = 8 << 20;
    context.stallTimeoutMs = stallTimeoutMs;
    return context;
}

Connection::Expectation TestConnection::expectation(const QString &path) const
{
    return {FileSize, m_server->eTag(path), m_server->lastModified(path)};
}

std::unique_ptr<Connection> TestConnection::startSegment(const QString &path,
                                                         SegmentPlan &plan,
                                                         FileSink &sink,
                                                         int lane,
                                                         const Connection::Expectation &expected,
                                                         qint64 from,
                                                         qint64 stallTimeoutMs)
{
    QNetworkRequest request(m_server->url(path));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    const qint64 first = from >= 0 ? from : plan.position(lane);
    const QByteArray range =
        "bytes=" + QByteArray::number(first) + '-' + QByteArray::number(plan.end(lane) - 1);
    request.setRawHeader("Range", range);
    QNetworkReply *reply = m_network->get(request);
    return std::make_unique<Connection>(
        reply, m_network.get(), lane, expected, context(plan, sink, stallTimeoutMs));
}

void TestConnection::segment_matching206_writesBytesAtLaneOffset()
{
    constexpr qint64 Begin = 100000;
    constexpr qint64 End = 200000;
    SegmentPlan plan(FileSize, {});
    FileSink sink(m_jobs.get(), m_budget.get(), filePath());
    sink.open(true);
    const int lane = plan.openLane(Begin, End);
    Outcome outcome;
    const auto connection = startSegment(u"/file"_s, plan, sink, lane, expectation(u"/file"_s));
    watch(*connection, outcome);

    QTRY_COMPARE_WITH_TIMEOUT(outcome.count, 1, Patience);
    QVERIFY2(outcome.error->isNone(), qPrintable(outcome.error->detail));
    QVERIFY(!connection->isMismatch());
    QCOMPARE(connection->httpStatus(), 206);
    QCOMPARE(connection->bytesReceived(), End - Begin);
    QVERIFY(outcome.progressed > 0);
    QCOMPARE(plan.position(lane), End);
    QCOMPARE(plan.done(), RangeSet({{Begin, End}}));
    QCOMPARE(plan.openLaneCount(), 1); // closing it is the download's call
    QCOMPARE(m_server->requests(u"/file"_s).first().header("range"), "bytes=100000-199999"_ba);

    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
    QVERIFY(!sink.error());
    const QByteArray onDisk = readAll(filePath());
    QCOMPARE(onDisk.size(), End);                            // nothing past the lane
    QVERIFY(onDisk.first(Begin) == QByteArray(Begin, '\0')); // nothing before it
    QVERIFY(onDisk.mid(Begin) == Test::generatedData(Begin, End - Begin, Seed));
    QCOMPARE(m_budget->used(), qint64(0));
}

void TestConnection::segment_mismatch_finishesAsMismatchAndWritesNothing_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<int>("status");

    QTest::newRow("200: the whole file") << u"ignoreRange"_s << 200;
    QTest::newRow("Content-Range from another start") << u"wrongStart"_s << 206;
    QTest::newRow("another total") << u"otherTotal"_s << 206;
    QTest::newRow("another ETag") << u"otherETag"_s << 206;
    QTest::newRow("another Last-Modified") << u"otherLastModified"_s << 206;
}

void TestConnection::segment_mismatch_finishesAsMismatchAndWritesNothing()
{
    QFETCH(QString, fault);
    QFETCH(int, status);

    constexpr qint64 Begin = 1000;
    SegmentPlan plan(FileSize, {});
    FileSink sink(m_jobs.get(), m_budget.get(), filePath());
    sink.open(true);
    const int lane = plan.openLane(Begin, FileSize);
    Connection::Expectation expected = expectation(u"/file"_s);
    qint64 from = -1;
    if (fault == "ignoreRange"_L1) {
        m_server->setIgnoreRange(u"/file"_s, true);
    } else if (fault == "wrongStart"_L1) {
        from = 0; // the server answers for bytes the lane did not ask for
    } else if (fault == "otherTotal"_L1) {
        expected.totalSize = FileSize + 1;
    } else if (fault == "otherETag"_L1) {
        expected.etag = "\"another-version\""_ba;
    } else if (fault == "otherLastModified"_L1) {
        expected.etag.clear(); // no ETag to go by: Last-Modified decides
        expected.lastModified = "Thu, 01 Jan 1998 00:00:00 GMT"_ba;
    } else {
        QFAIL("unknown fault");
    }
    Outcome outcome;
    const auto connection = startSegment(u"/file"_s, plan, sink, lane, expected, from);
    watch(*connection, outcome);

    QTRY_COMPARE_WITH_TIMEOUT(outcome.count, 1, Patience);
    QVERIFY(connection->isMismatch());
    QCOMPARE(outcome.error->kind, TransferError::Kind::Protocol);
    QCOMPARE(outcome.error->recovery, TransferError::Recovery::Retry);
    QCOMPARE(connection->httpStatus(), status);
    QCOMPARE(connection->bytesReceived(), qint64(0));
    QCOMPARE(outcome.progressed, 0);
    QCOMPARE(plan.position(lane), Begin);
    QCOMPARE(plan.bytesDone(), qint64(0));

    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
    QVERIFY(QFileInfo::exists(filePath()));
    QCOMPARE(QFileInfo(filePath()).size(), qint64(0));
    QCOMPARE(outcome.count, 1); // finished() only once, whatever the reply did afterwards
}

void TestConnection::segment_errorStatus_isHttpErrorNotMismatch()
{
    SegmentPlan plan(FileSize, {});
    FileSink sink(m_jobs.get(), m_budget.get(), filePath());
    sink.open(true);
    const int lane = plan.openLane(0, FileSize);
    Outcome outcome;
    const auto connection = startSegment(u"/missing"_s, plan, sink, lane, expectation(u"/file"_s));
    watch(*connection, outcome);

    QTRY_COMPARE_WITH_TIMEOUT(outcome.count, 1, Patience);
    QVERIFY(!connection->isMismatch());
    QCOMPARE(outcome.error->kind, TransferError::Kind::Http);
    QCOMPARE(outcome.error->httpStatus, 404);
    QCOMPARE(connection->bytesReceived(), qint64(0)); // the error page is no file data
    QCOMPARE(plan.bytesDone(), qint64(0));
    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
    QCOMPARE(QFileInfo(filePath()).size(), qint64(0));
}

void TestConnection::segment_endMovedBeforeBody_stopsAtNewEnd()
{
    SegmentPlan plan(FileSize, {});
    FileSink sink(m_jobs.get(), m_budget.get(), filePath());
    sink.open(true);
    const int lane = *plan.openNextLane(1);
    Outcome outcome;
    // Asks for the whole file ...
    const auto connection = startSegment(u"/file"_s, plan, sink, lane, expectation(u"/file"_s));
    watch(*connection, outcome);
    // ... but another lane takes the back half before a byte arrived.
    const int thief = *plan.openNextLane(1);
    const qint64 newEnd = plan.end(lane);
    QCOMPARE(newEnd, FileSize / 2);
    QCOMPARE(plan.position(thief), newEnd);

    QTRY_COMPARE_WITH_TIMEOUT(outcome.count, 1, Patience);
    QVERIFY2(outcome.error->isNone(), qPrintable(outcome.error->detail));
    QCOMPARE(plan.position(lane), newEnd);
    QCOMPARE(connection->bytesReceived(), newEnd);
    QCOMPARE(plan.done(), RangeSet({{0, newEnd}}));
    QCOMPARE(plan.position(thief), newEnd); // the thief's part is untouched

    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
    const QByteArray onDisk = readAll(filePath());
    QCOMPARE(onDisk.size(), newEnd);
    QVERIFY(onDisk == Test::generatedData(0, newEnd, Seed));
}

void TestConnection::segment_endMovedWhileRunning_stopsExactlyAtNewEnd()
{
    constexpr qint64 Size = 1 << 20;
    m_server->addGeneratedFile(u"/slow"_s, Size, Seed);
    m_server->setThrottle(u"/slow"_s, 512 * 1024); // about two seconds for all of it
    SegmentPlan plan(Size, {});
    FileSink sink(m_jobs.get(), m_budget.get(), filePath());
    sink.open(true);
    const int lane = plan.openLane(0, Size);
    Connection::Expectation expected = expectation(u"/slow"_s);
    expected.totalSize = Size;
    Outcome outcome;
    const auto connection = startSegment(u"/slow"_s, plan, sink, lane, expected);
    watch(*connection, outcome);
    // At the first bytes, another lane steals the back half of what is left.
    std::optional<int> thief;
    qint64 newEnd = -1;
    qint64 positionAtSteal = -1;
    connect(connection.get(), &Connection::progressed, this, [&] {
        if (thief || plan.remaining(lane) < 2)
            return;
        positionAtSteal = plan.position(lane);
        thief = plan.openNextLane(1);
        newEnd = plan.end(lane);
    });

    QTRY_COMPARE_WITH_TIMEOUT(outcome.count, 1, Patience);
    QVERIFY2(outcome.error->isNone(), qPrintable(outcome.error->detail));
    QVERIFY(thief);
    QVERIFY2(positionAtSteal < Size / 2, "the throttle let most of the file through at once");
    QCOMPARE(newEnd, positionAtSteal + (Size - positionAtSteal) / 2);
    QCOMPARE(plan.position(lane), newEnd);
    QCOMPARE(connection->bytesReceived(), newEnd);
    QCOMPARE(plan.done(), RangeSet({{0, newEnd}}));

    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
    const QByteArray onDisk = readAll(filePath());
    QCOMPARE(onDisk.size(), newEnd);
    QVERIFY(onDisk == Test::generatedData(0, newEnd, Seed));
}

void TestConnection::segment_serverDropsEarly_reportsNetworkErrorWithLaneOpen()
{
    constexpr qint64 Sent = 50000;
    m_server->setDropAfter(u"/file"_s, Sent, 1);
    SegmentPlan plan(FileSize, {});
    FileSink sink(m_jobs.get(), m_budget.get(), filePath());
    sink.open(true);
    const int lane = plan.openLane(0, FileSize);
    Outcome outcome;
    const auto connection = startSegment(u"/file"_s, plan, sink, lane, expectation(u"/file"_s));
    watch(*connection, outcome);

    QTRY_COMPARE_WITH_TIMEOUT(outcome.count, 1, Patience);
    QCOMPARE(outcome.error->kind, TransferError::Kind::Network);
    QCOMPARE(outcome.error->recovery, TransferError::Recovery::Retry);
    QVERIFY(!connection->isMismatch());
    QCOMPARE(plan.openLaneCount(), 1); // still open, for the download to close
    const qint64 position = plan.position(lane);
    QVERIFY(position <= Sent);
    QCOMPARE(connection->bytesReceived(), position);
    QCOMPARE(plan.done().size(), position);
    QCOMPARE(plan.end(lane), FileSize);

    // What did arrive is good data, in place.
    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
    const QByteArray onDisk = readAll(filePath());
    QCOMPARE(onDisk.size(), position);
    QVERIFY(onDisk == Test::generatedData(0, position, Seed));
}

void TestConnection::segment_stallAfterHeaders_reportedByCheckStallAfterTimeout()
{
    constexpr qint64 StallMs = 300;
    m_server->setStallAfterHeaders(u"/file"_s, 1);
    SegmentPlan plan(FileSize, {});
    FileSink sink(m_jobs.get(), m_budget.get(), filePath());
    sink.open(true);
    const int lane = plan.openLane(0, FileSize);
    Outcome outcome;
    QElapsedTimer sinceStart;
    sinceStart.start();
    const auto connection =
        startSegment(u"/file"_s, plan, sink, lane, expectation(u"/file"_s), -1, StallMs);
    watch(*connection, outcome);
    connection->checkStall(); // just started: no stall yet
    QCOMPARE(outcome.count, 0);

    QTRY_COMPARE_WITH_TIMEOUT(connection->httpStatus(), 206, Patience);
    QTRY_VERIFY_WITH_TIMEOUT((connection->checkStall(), outcome.count == 1), Patience);
    QVERIFY(sinceStart.elapsed() >= StallMs);
    QCOMPARE(outcome.error->kind, TransferError::Kind::Timeout);
    QCOMPARE(outcome.error->recovery, TransferError::Recovery::Retry);
    QVERIFY(!connection->isMismatch());
    QCOMPARE(connection->bytesReceived(), qint64(0));
    QCOMPARE(plan.openLaneCount(), 1);
    QCOMPARE(plan.position(lane), qint64(0));

    connection->checkStall(); // reported once
    QCOMPARE(outcome.count, 1);
    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
}

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
