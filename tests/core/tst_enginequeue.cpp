// Engine::move(): reordering the queue. Kept apart from tst_engine.cpp so the engine's own
// tests can change freely while the engine is reworked.

#include "core/engine.h"
#include "tests/support/enginetestbed.h"
#include "tests/support/testhttpserver.h"

#include <QTest>

#include <algorithm>
#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

class TestEngineQueue : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void order_isArrivalOrderAtFirst();
    void moveTop_startsNextWhenASlotFrees();
    void moveUpDown_chosenBlockPassesOneNeighbour();
    void moveBottom_goesBehindEverything();
    void moveUpDown_everyMovedItemStillStarts();
    void move_finishedItems_ignored();

private:
    QList<TransferId> queueOf(const QList<TransferId> &ids) const;
    QList<TransferId> addQueued(int count);

    std::unique_ptr<EngineTestBed> m_bed;
    std::unique_ptr<Engine> m_engine;
};

void TestEngineQueue::init()
{
    m_bed = std::make_unique<EngineTestBed>();
    QVERIFY(m_bed->setUp());
    EngineOptions options;
    options.maxActive = 1;
    m_engine = m_bed->makeEngine(options);
}

void TestEngineQueue::cleanup()
{
    m_engine.reset();
    m_bed->tearDown();
}

// The ids in queue order.
QList<TransferId> TestEngineQueue::queueOf(const QList<TransferId> &ids) const
{
    QList<TransferId> order = ids;
    std::stable_sort(order.begin(), order.end(), [this](TransferId a, TransferId b) {
        return m_engine->snapshot(a)->queueOrder < m_engine->snapshot(b)->queueOrder;
    });
    return order;
}

// One running (stalled) download holding the only slot, then `count` queued behind it (which
// stall too once started, so the order of starts can be read off the states).
QList<TransferId> TestEngineQueue::addQueued(int count)
{
    m_bed->server().addFile(u"/busy"_s, "b");
    m_bed->server().setStallAfterHeaders(u"/busy"_s, 1000);
    const TransferId busy = m_engine->add({m_bed->request(u"/busy"_s)}).first();
    [[maybe_unused]] const bool started =
        QTest::qWaitFor([&] { return m_engine->snapshot(busy)->state == TransferState::Active; },
                        EngineTestBed::Patience);
    QList<TransferRequest> requests;
    for (int i = 0; i < count; ++i) {
        m_bed->server().addFile(u"/q%1"_s.arg(i), "q");
        m_bed->server().setStallAfterHeaders(u"/q%1"_s.arg(i), 1000); // nothing finishes
        requests.append(m_bed->request(u"/q%1"_s.arg(i)));
    }
    return m_engine->add(requests);
}

void TestEngineQueue::order_isArrivalOrderAtFirst()
{
    const QList<TransferId> ids = addQueued(3);
    QCOMPARE(queueOf(ids), ids);
    QCOMPARE(m_engine->snapshot(ids.at(1))->queueOrder, qint64(ids.at(1)));
}

void TestEngineQueue::moveTop_startsNextWhenASlotFrees()
{
    const QList<TransferId> ids = addQueued(4);
    m_engine->move({ids.at(3), ids.at(2)}, QueueMove::Top);
    QCOMPARE(queueOf(ids), (QList<TransferId>{ids.at(2), ids.at(3), ids.at(0), ids.at(1)}));
    m_engine->pauseAll(); // frees the slot... and pauses the rest
    m_engine->resume({ids.at(0), ids.at(1), ids.at(2), ids.at(3)});
    // One slot: the first to start is the one moved to the top.
    QTRY_COMPARE(m_engine->snapshot(ids.at(2))->state, TransferState::Active);
    QCOMPARE(m_engine->snapshot(ids.at(0))->state, TransferState::Queued);
    QCOMPARE(m_engine->snapshot(ids.at(3))->state, TransferState::Queued);
    QCOMPARE(m_bed->server().requestCount(u"/q0"_s), 0);
    QCOMPARE(m_bed->server().requestCount(u"/q1"_s), 0);
}

void TestEngineQueue::moveUpDown_chosenBlockPassesOneNeighbour()
{
    const QList<TransferId> ids = addQueued(5); // a b c d e
    m_engine->move({ids.at(2), ids.at(3)}, QueueMove::Up);
    QCOMPARE(queueOf(ids),
             (QList<TransferId>{ids.at(0), ids.at(2), ids.at(3), ids.at(1), ids.at(4)}));
    m_engine->move({ids.at(0)}, QueueMove::Down);
    QCOMPARE(queueOf(ids),
             (QList<TransferId>{ids.at(2), ids.at(0), ids.at(3), ids.at(1), ids.at(4)}));
    // Already first: nothing moves.
    m_engine->move({ids.at(2)}, QueueMove::Up);
    QCOMPARE(queueOf(ids).first(), ids.at(2));
}

void TestEngineQueue::moveUpDown_everyMovedItemStillStarts()
{
    // Trading places gave two queued items one key for a moment, and one of them dropped out
    // of the scheduler's queue: it stayed Queued for ever.
    const QList<TransferId> ids = addQueued(3);
    m_engine->move({ids.at(2)}, QueueMove::Up);
    m_engine->move({ids.at(0)}, QueueMove::Down);
    EngineOptions options = m_engine->options();
    options.maxActive = 10;
    m_engine->setOptions(options);
    for (const TransferId id : ids) {
        QTRY_COMPARE_WITH_TIMEOUT(
            m_engine->snapshot(id)->state, TransferState::Active, EngineTestBed::Patience);
    }
}

void TestEngineQueue::moveBottom_goesBehindEverything()
{
    const QList<TransferId> ids = addQueued(3);
    m_engine->move({ids.at(0)}, QueueMove::Bottom);
    const QList<TransferId> later = m_engine->add({m_bed->request(u"/later"_s)});
    QCOMPARE(queueOf(ids), (QList<TransferId>{ids.at(1), ids.at(2), ids.at(0)}));
    // Added afterwards still comes after it.
    QVERIFY(m_engine->snapshot(later.first())->queueOrder
            > m_engine->snapshot(ids.at(0))->queueOrder);
}

void TestEngineQueue::move_finishedItems_ignored()
{
    m_bed->server().addFile(u"/done"_s, "d");
    const TransferId done = m_engine->add({m_bed->request(u"/done"_s)}).first();
    QCOMPARE(EngineTestBed::waitFinished(*m_engine, done).state, TransferState::Completed);
    const qint64 before = m_engine->snapshot(done)->queueOrder;
    m_engine->move({done}, QueueMove::Top);
    QCOMPARE(m_engine->snapshot(done)->queueOrder, before);
}

QTEST_GUILESS_MAIN(TestEngineQueue)
#include "tst_enginequeue.moc"
