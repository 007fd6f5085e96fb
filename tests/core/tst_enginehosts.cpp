// The engine's per-host rules: cool-down of a failing host, automatic concurrency against a
// server that throttles, politeness pacing and per-host caps.

#include "core/engine.h"
#include "tests/support/enginetestbed.h"
#include "tests/support/generateddata.h"
#include "tests/support/testhttpserver.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = EngineTestBed::Patience;
constexpr qint64 FileSize = 48 * 1024;

QString pathOf(int i)
{
    return u"/f%1.bin"_s.arg(i);
}

} // namespace

class TestEngineHosts : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void hostDown_itemsWaitForIt_thenEveryFileOnce();
    void hostNeverBack_itsItemsFail_afterMaxTriesCoolDowns();
    void throttlingServer_auto_noItemFails();
    void wait_spacesRequestStartsOnOneHost();
    void hostLimit_capsConnectionsToThatHost();

private:
    QList<TransferId> addFiles(Engine &engine, int count);
    void verifyFiles(Engine &engine, const QList<TransferId> &ids);

    std::unique_ptr<EngineTestBed> m_bed;
};

void TestEngineHosts::init()
{
    m_bed = std::make_unique<EngineTestBed>();
    QVERIFY(m_bed->setUp());
}

void TestEngineHosts::cleanup()
{
    m_bed->tearDown();
}

QList<TransferId> TestEngineHosts::addFiles(Engine &engine, int count)
{
    QList<TransferRequest> requests;
    for (int i = 0; i < count; ++i) {
        m_bed->server().addGeneratedFile(pathOf(i), FileSize, quint32(i));
        requests.append(m_bed->request(pathOf(i)));
    }
    return engine.add(requests);
}

void TestEngineHosts::verifyFiles(Engine &engine, const QList<TransferId> &ids)
{
    for (int i = 0; i < ids.size(); ++i) {
        const TransferSnapshot done = *engine.snapshot(ids.at(i));
        QCOMPARE(done.state, TransferState::Completed);
        QCOMPARE(firstDifferenceFromGenerated(done.filePath, FileSize, quint32(i)), -1);
    }
}

void TestEngineHosts::hostDown_itemsWaitForIt_thenEveryFileOnce()
{
    EngineOptions options;
    options.maxActive = 3;
    options.split = 1;
    options.maxTries = 2; // without the cool-down, items would run out of tries while it is down
    options.hostFailuresInARow = 3;
    options.hostCoolDownMs = 300;
    std::unique_ptr<Engine> engine = m_bed->makeEngine(options);
    TestHttpServer &server = m_bed->server();
    constexpr int Count = 30;
    for (int i = 0; i < Count; ++i)
        server.setThrottle(pathOf(i), 1 << 20); // ~50 ms per file: time to go down mid-batch
    QSignalSpy drained(engine.get(), &Engine::drained);
    bool sawHostWait = false;
    int mostFailed = 0;
    connect(engine.get(),
            &Engine::transfersChanged,
            this,
            [&](const QList<TransferSnapshot> &changed, const TransferTotals &totals) {
                mostFailed = std::max(mostFailed, totals.failed);
                for (const TransferSnapshot &snapshot : changed) {
                    if (snapshot.state == TransferState::Queued && snapshot.hostWaitUntilMs > 0)
                        sawHostWait = true;
                }
            });
    const QList<TransferId> ids = addFiles(*engine, Count);
    QTRY_VERIFY_WITH_TIMEOUT(engine->totals().completed >= 6, Patience);

    server.goDown();
    QTRY_VERIFY_WITH_TIMEOUT(sawHostWait, Patience); // "waiting for host", not failed
    QList<int> doneBefore;
    for (int i = 0; i < Count; ++i) {
        if (engine->snapshot(ids.at(i))->state == TransferState::Completed)
            doneBefore.append(i);
    }
    QVERIFY(doneBefore.size() < Count);
    server.resetRecords();
    QVERIFY(server.comeBack());

    QVERIFY(drained.wait(Patience) || drained.count() > 0);
    QCOMPARE(mostFailed, 0);
    verifyFiles(*engine, ids);
    // Files finished before the outage were not fetched again; the others once each after it.
    for (int i = 0; i < Count; ++i) {
        const int expected = doneBefore.contains(i) ? 0 : 1;
        QVERIFY2(
            server.requestCount(pathOf(i)) == expected,
            qPrintable(u"%1: %2 requests"_s.arg(pathOf(i)).arg(server.requestCount(pathOf(i)))));
    }
}

void TestEngineHosts::hostNeverBack_itsItemsFail_afterMaxTriesCoolDowns()
{
    EngineOptions options;
    options.maxActive = 2;
    options.split = 1;
    options.maxTries = 2;
    options.hostFailuresInARow = 2;
    options.hostCoolDownMs = 100;
    std::unique_ptr<Engine> engine = m_bed->makeEngine(options);
    m_bed->server().goDown();
    const QList<TransferId> ids = addFiles(*engine, 12);
    QSignalSpy drained(engine.get(), &Engine::drained);
    QVERIFY(drained.wait(Patience));
    const TransferTotals totals = engine->totals();
    QCOMPARE(totals.failed, 12);
    for (const TransferId id : ids) {
        const TransferSnapshot failed = *engine->snapshot(id);
        QCOMPARE(failed.error.kind, TransferError::Kind::Network);
        QVERIFY(failed.attempts <= 2);
    }
}

void TestEngineHosts::throttlingServer_auto_noItemFails()
{
    EngineOptions options;
    options.autoConcurrency = true;
    options.maxActive = 8; // where auto starts: above what the server takes
    options.split = 1;
    options.maxTries = 3;
    std::unique_ptr<Engine> engine = m_bed->makeEngine(options);
    TestHttpServer &server = m_bed->server();
    constexpr int Limit = 3;
    constexpr int Count = 40;
    server.setMaxInFlight(Limit, 1);
    for (int i = 0; i < Count; ++i)
        server.setThrottle(pathOf(i), 2 << 20);
    QSignalSpy drained(engine.get(), &Engine::drained);
    const QList<TransferId> ids = addFiles(*engine, Count);
    QVERIFY(drained.wait(Patience * 3));
    QCOMPARE(engine->totals().failed, 0);
    verifyFiles(*engine, ids);
    // It learnt the limit: a few 429s while it found it, not one per file.
    qInfo("429 answers: %d for %d files (server limit %d)", server.throttledCount(), Count, Limit);
    QVERIFY(server.throttledCount() > 0);
    QVERIFY2(server.throttledCount() <= Count / 2, QByteArray::number(server.throttledCount()));
}

void TestEngineHosts::wait_spacesRequestStartsOnOneHost()
{
    EngineOptions options;
    options.maxActive = 4;
    options.split = 1;
    options.waitMs = 200;
    std::unique_ptr<Engine> engine = m_bed->makeEngine(options);
    QElapsedTimer clock;
    clock.start();
    QList<qint64> arrivals;
    connect(&m_bed->server(), &TestHttpServer::requestReceived, this, [&] {
        arrivals.append(clock.elapsed());
    });
    QSignalSpy drained(engine.get(), &Engine::drained);
    const QList<TransferId> ids = addFiles(*engine, 4);
    QVERIFY(drained.wait(Patience));
    verifyFiles(*engine, ids);
    QCOMPARE(arrivals.size(), 4);
    for (qsizetype i = 1; i < arrivals.size(); ++i) {
        const qint64 gap = arrivals.at(i) - arrivals.at(i - 1);
        QVERIFY2(gap >= 190, QByteArray::number(gap)); // timers may fire a few ms early
    }
}

void TestEngineHosts::hostLimit_capsConnectionsToThatHost()
{
    EngineOptions options;
    options.maxActive = 8;
    options.split = 4;
    options.minSplitBytes = 16 * 1024;
    options.hostConnectionLimits.insert(u"127.0.0.1"_s, 2);
    std::unique_ptr<Engine> engine = m_bed->makeEngine(options);
    TestHttpServer &server = m_bed->server();
    for (int i = 0; i < 8; ++i)
        server.setThrottle(pathOf(i), 1 << 20);
    QSignalSpy drained(engine.get(), &Engine::drained);
    const QList<TransferId> ids = addFiles(*engine, 8);
    QVERIFY(drained.wait(Patience));
    verifyFiles(*engine, ids);
    QVERIFY2(server.peakInFlight() <= 2, QByteArray::number(server.peakInFlight()));
    QCOMPARE(server.peakInFlight(), 2); // and it used what it was given
}

QTEST_GUILESS_MAIN(TestEngineHosts)
#include "tst_enginehosts.moc"
