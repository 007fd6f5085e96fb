#include "core/filejobqueue.h"
#include "core/filesink.h"
#include "core/memorybudget.h"

#include <QCoreApplication>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>
#include <vector>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = 20000; // ms; generous bound for QTRY_ on a loaded machine
constexpr int PoolThreads = 4;

// Bytes that differ with the file and the offset, so a write that reached the wrong file shows.
QByteArray bytesFor(int file, qint64 offset, qint64 length)
{
    QByteArray bytes(length, Qt::Uninitialized);
    for (qint64 i = 0; i < length; ++i) {
        const quint64 at = quint64(offset + i);
        bytes[i] = char((at * 131 + quint64(file) * 29 + (at >> 8)) & 0xff);
    }
    return bytes;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestFileJobQueue : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void manySinks_inOneRound_fewTasksAndEachFileItsOwnBytes();
    void sinkGoneBeforeItsOutcome_othersStillGetTheirs();
    void destroyed_withJobsNotStarted_theyStillRun();

private:
    QString path(const QString &name) const { return m_dir->filePath(name); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QThreadPool> m_pool;
    std::unique_ptr<FileJobQueue> m_jobs;
    std::unique_ptr<MemoryBudget> m_budget;
};

void TestFileJobQueue::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_pool = std::make_unique<QThreadPool>();
    m_pool->setMaxThreadCount(PoolThreads);
    m_jobs = std::make_unique<FileJobQueue>(m_pool.get());
    m_budget = std::make_unique<MemoryBudget>(64 << 20);
}

void TestFileJobQueue::cleanup()
{
    m_jobs.reset();
    QVERIFY(m_pool->waitForDone(Patience));
    m_pool.reset();
    m_budget.reset();
    m_dir.reset();
}

void TestFileJobQueue::manySinks_inOneRound_fewTasksAndEachFileItsOwnBytes()
{
    constexpr int Files = 60;
    std::vector<std::unique_ptr<FileSink>> sinks;
    std::vector<qint64> sizes;
    for (int i = 0; i < Files; ++i) {
        sinks.push_back(
            std::make_unique<FileSink>(m_jobs.get(), m_budget.get(), path(u"f%1.part"_s.arg(i))));
        sizes.push_back(1 + (i * 997) % 6000);
        sinks.back()->setDeferred(0); // so the open and the write go as one job
        sinks.back()->open(true);
        sinks.back()->write(0, bytesFor(i, 0, sizes.back()));
    }
    const auto allIdle = [&sinks] {
        return std::all_of(
            sinks.begin(), sinks.end(), [](const auto &sink) { return sink->isIdle(); });
    };
    QTRY_VERIFY_WITH_TIMEOUT(allIdle(), Patience);
    // A job per sink, all submitted in one round: a few tasks drained them, not a task per job
    // (a task that seems stuck gets company, hence some room over the pool's thread count).
    QVERIFY2(m_jobs->tasksStarted() >= 1 && m_jobs->tasksStarted() <= Files / 4,
             qPrintable(QString::number(m_jobs->tasksStarted())));

    // A second round, at the end of each file: every outcome went back to its own sink.
    for (int i = 0; i < Files; ++i)
        sinks[i]->write(sizes[i], bytesFor(i, sizes[i], 100));
    QTRY_VERIFY_WITH_TIMEOUT(allIdle(), Patience);
    for (int i = 0; i < Files; ++i) {
        QVERIFY(!sinks[i]->error());
        QCOMPARE(sinks[i]->written().ranges(), QList<ByteRange>({ByteRange{0, sizes[i] + 100}}));
        QCOMPARE(sinks[i]->pendingBytes(), qint64(0));
        QVERIFY2(readAll(path(u"f%1.part"_s.arg(i))) == bytesFor(i, 0, sizes[i] + 100),
                 qPrintable(u"file %1"_s.arg(i)));
    }
    QCOMPARE(m_budget->used(), qint64(0));
}

void TestFileJobQueue::sinkGoneBeforeItsOutcome_othersStillGetTheirs()
{
    auto gone = std::make_unique<FileSink>(m_jobs.get(), m_budget.get(), path(u"gone.part"_s));
    FileSink kept(m_jobs.get(), m_budget.get(), path(u"kept.part"_s));
    QSignalSpy keptIdle(&kept, &FileSink::idle);
    // Deferred until the write outgrows it: then the open and the write go as one job.
    gone->setDeferred(100);
    gone->open(true);
    gone->write(0, bytesFor(1, 0, 5000));
    kept.open(true);
    kept.write(0, bytesFor(2, 0, 7000));
    gone.reset(); // its job is queued: it runs, and its outcome has nobody to go to
    QCOMPARE(m_budget->used(), qint64(7000));

    QTRY_VERIFY_WITH_TIMEOUT(keptIdle.size() > 0, Patience);
    QVERIFY(!kept.error());
    QVERIFY(readAll(path(u"kept.part"_s)) == bytesFor(2, 0, 7000));
    QTRY_VERIFY_WITH_TIMEOUT(readAll(path(u"gone.part"_s)) == bytesFor(1, 0, 5000), Patience);
    QCOMPARE(m_budget->used(), qint64(0));
}

void TestFileJobQueue::destroyed_withJobsNotStarted_theyStillRun()
{
    FileSink sink(m_jobs.get(), m_budget.get(), path(u"late.part"_s));
    sink.setDeferred(100); // see sinkGoneBeforeItsOutcome_othersStillGetTheirs()
    sink.open(true);
    sink.write(0, bytesFor(3, 0, 9000));
    // No event loop turn in between: the job still waits for the end of the round.
    QCOMPARE(m_jobs->tasksStarted(), 0);
    m_jobs.reset();
    QVERIFY(m_pool->waitForDone(Patience));
    QVERIFY(readAll(path(u"late.part"_s)) == bytesFor(3, 0, 9000));
    QCoreApplication::processEvents(); // an outcome would have nowhere to go: nothing happens
    QVERIFY(!sink.isIdle());
}

QTEST_GUILESS_MAIN(TestFileJobQueue)
#include "tst_filejobqueue.moc"
