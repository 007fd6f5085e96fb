#include "core/threadpriority.h"

#include <QTest>
#include <QThread>

#include <memory>

using namespace Ferry;

class TestThreadPriority : public QObject
{
    Q_OBJECT

private slots:
    void lowerCurrentThread_onlyThatThreadAndItsChildren();
};

void TestThreadPriority::lowerCurrentThread_onlyThatThreadAndItsChildren()
{
#ifndef __linux__
    QSKIP("threads have their own nice value on Linux only");
#endif
    const int mainBefore = ThreadPriority::currentThreadNice();
    if (mainBefore + 3 > 19)
        QSKIP("this test already runs at the lowest priority");

    bool lowered = false;
    int niceAfter = -100;
    int childNice = -100;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        lowered = ThreadPriority::lowerCurrentThread(3);
        niceAfter = ThreadPriority::currentThreadNice();
        // A thread started from here, like the file pool's workers from the engine thread.
        std::unique_ptr<QThread> child(
            QThread::create([&] { childNice = ThreadPriority::currentThreadNice(); }));
        child->start();
        child->wait();
    }));
    worker->start();
    QVERIFY(worker->wait(30000));

    QVERIFY(lowered);
    QCOMPARE(niceAfter, mainBefore + 3);
    QCOMPARE(childNice, mainBefore + 3);
    QCOMPARE(ThreadPriority::currentThreadNice(), mainBefore); // the rest of the process keeps it
}

QTEST_GUILESS_MAIN(TestThreadPriority)
#include "tst_threadpriority.moc"
