#include "core/memorybudget.h"

#include <QSignalSpy>
#include <QTest>

using Ferry::MemoryBudget;

class TestMemoryBudget : public QObject
{
    Q_OBJECT

private slots:
    void construct_nothingUsed_allAvailable();
    void acquire_reducesAvailable_withoutSignal();
    void acquire_beyondLimit_availableIsZeroNotNegative();
    void release_returnsBytes_andEmitsReleasedOnlyToAWaitingReader();
    void release_partOfOverdraft_staysAtZeroUntilBelowLimit();
    void setLimit_changesAvailable_andEmitsReleased_data();
    void setLimit_changesAvailable_andEmitsReleased();
};

void TestMemoryBudget::construct_nothingUsed_allAvailable()
{
    const MemoryBudget budget(64 << 20);
    QCOMPARE(budget.used(), qint64(0));
    QCOMPARE(budget.available(), qint64(64 << 20));
}

void TestMemoryBudget::acquire_reducesAvailable_withoutSignal()
{
    MemoryBudget budget(1000);
    QSignalSpy released(&budget, &MemoryBudget::released);
    budget.acquire(300);
    budget.acquire(200);
    QCOMPARE(budget.used(), qint64(500));
    QCOMPARE(budget.available(), qint64(500));
    QCOMPARE(released.size(), 0);
}

void TestMemoryBudget::acquire_beyondLimit_availableIsZeroNotNegative()
{
    // Readers may overshoot by one chunk: acquire never refuses, it only accounts.
    MemoryBudget budget(1000);
    budget.acquire(1500);
    QCOMPARE(budget.used(), qint64(1500));
    QCOMPARE(budget.available(), qint64(0));
}

void TestMemoryBudget::release_returnsBytes_andEmitsReleasedOnlyToAWaitingReader()
{
    MemoryBudget budget(1000);
    QSignalSpy released(&budget, &MemoryBudget::released);
    budget.acquire(600);
    budget.release(250);
    QCOMPARE(released.size(), 0); // nobody stopped for room
    QCOMPARE(budget.used(), qint64(350));
    QCOMPARE(budget.available(), qint64(650));

    budget.noteWaiting();
    budget.release(100);
    QCOMPARE(released.size(), 1);
    budget.release(50);
    QCOMPARE(released.size(), 1); // told once; a reader still short of room says so again
    budget.noteWaiting();
    budget.noteWaiting();
    budget.release(200);
    QCOMPARE(released.size(), 2);
    QCOMPARE(budget.used(), qint64(0));
    QCOMPARE(budget.available(), qint64(1000));
}

void TestMemoryBudget::release_partOfOverdraft_staysAtZeroUntilBelowLimit()
{
    MemoryBudget budget(1000);
    QSignalSpy released(&budget, &MemoryBudget::released);
    budget.acquire(1800);
    budget.noteWaiting();
    budget.release(500);
    QCOMPARE(released.size(), 1);
    QCOMPARE(budget.used(), qint64(1300));
    QCOMPARE(budget.available(), qint64(0));
    budget.noteWaiting();
    budget.release(800);
    QCOMPARE(released.size(), 2);
    QCOMPARE(budget.available(), qint64(500));
}

void TestMemoryBudget::setLimit_changesAvailable_andEmitsReleased_data()
{
    QTest::addColumn<qint64>("used");
    QTest::addColumn<qint64>("newLimit");
    QTest::addColumn<qint64>("available");

    QTest::newRow("raise") << qint64(400) << qint64(5000) << qint64(4600);
    QTest::newRow("lower, still room") << qint64(400) << qint64(600) << qint64(200);
    QTest::newRow("lower below use") << qint64(400) << qint64(100) << qint64(0);
    QTest::newRow("zero") << qint64(0) << qint64(0) << qint64(0);
}

void TestMemoryBudget::setLimit_changesAvailable_andEmitsReleased()
{
    QFETCH(qint64, used);
    QFETCH(qint64, newLimit);
    QFETCH(qint64, available);

    MemoryBudget budget(1000);
    budget.acquire(used);
    QSignalSpy released(&budget, &MemoryBudget::released);
    budget.setLimit(newLimit);
    // Readers waiting for room are told to look again, whichever way the limit moved.
    QCOMPARE(released.size(), 1);
    QCOMPARE(budget.used(), used);
    QCOMPARE(budget.available(), available);
}

QTEST_GUILESS_MAIN(TestMemoryBudget)
#include "tst_memorybudget.moc"
