#include "core/checkpointstore.h"
#include "core/filesink.h"
#include "core/filewritejob.h"
#include "core/memorybudget.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <csignal>
#include <functional>
#include <memory>
#include <optional>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = 20000; // ms; generous bound for QTRY_ on a loaded machine
constexpr qint64 BudgetLimit = 1 << 20;

// Bytes that depend on their offset, so a misplaced or shifted chunk shows.
QByteArray pattern(qint64 offset, qint64 length)
{
    QByteArray bytes(length, Qt::Uninitialized);
    for (qint64 i = 0; i < length; ++i) {
        const quint64 at = quint64(offset + i);
        bytes[i] = char((at * 131 + (at >> 8) * 7 + 1) & 0xff);
    }
    return bytes;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestFileSink : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void write_atOffsets_landsExactly();
    void write_outOfOrderOffsets_landsExactly();
    void write_sameRangeTwice_laterWriteWins();
    void open_withoutTruncate_keepsExistingBytes();
    void open_truncate_discardsOldContent();
    void write_allDone_pendingBytesZeroAndIdleEmitted();
    void budget_whileJobsWait_chargesQueuedBytes();
    void saveCheckpoint_afterWrites_claimsExactlyWrittenBytes();
    void saveCheckpoint_neverLandsBeforeItsData();
    void open_unusableFolder_reportsFileSystemErrorAndDropsWrites();
    void open_folderRemoved_isMadeAgain();
    void createUnnamed_getsItsNameOnlyWhenLinked();
    void createUnnamed_nameTakenMeanwhile_getsANumberedName();
    void createUnnamed_deferred_recordNamesNoPart();
    void createUnnamed_deferralEnds_writesANamedPart();
    void write_failsMidJob_reportsErrorAndReturnsAllBudget();
    void destroy_withQueuedWrites_returnsBudget();

private:
    // Occupies the pool's only thread until unblockPool(), so queued jobs can be observed.
    void blockPool();
    void unblockPool();

    QString path(const QString &name) const { return QDir(m_dir->path()).filePath(name); }

    // Writes `bytes` as a small file's sink does (FileSink::create(true)), leaving it unnamed
    // until the caller's `beforeFinalize` has run; then finalizes with the record first.
    Result<QString> writeUnnamed(const QString &name,
                                 const QByteArray &bytes,
                                 const std::function<void()> &beforeFinalize,
                                 bool deferred = false);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QThreadPool> m_pool;
    std::unique_ptr<FileJobQueue> m_jobs; // over m_pool
    std::unique_ptr<MemoryBudget> m_budget;
    QSemaphore m_gate;
    int m_blocked = 0;
};

void TestFileSink::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_pool = std::make_unique<QThreadPool>();
    m_pool->setMaxThreadCount(1);
    m_jobs = std::make_unique<FileJobQueue>(m_pool.get());
    m_budget = std::make_unique<MemoryBudget>(BudgetLimit);
}

void TestFileSink::cleanup()
{
    unblockPool();
    m_jobs.reset(); // starts what it still held
    QVERIFY(m_pool->waitForDone(Patience));
    m_pool.reset();
    m_budget.reset();
    m_dir.reset();
}

void TestFileSink::blockPool()
{
    ++m_blocked;
    m_pool->start([this] { m_gate.acquire(); });
}

void TestFileSink::unblockPool()
{
    m_gate.release(std::exchange(m_blocked, 0));
}

void TestFileSink::write_atOffsets_landsExactly()
{
    FileSink sink(m_jobs.get(), m_budget.get(), path(u"a.part"_s));
    QCOMPARE(sink.path(), path(u"a.part"_s));
    sink.open(true);
    sink.write(0, "hello"_ba);
    sink.write(10, "world"_ba);
    sink.write(5, "--"_ba);
    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
    QVERIFY(!sink.error());
    // The hole at 7..9 reads as zeros.
    QCOMPARE(readAll(path(u"a.part"_s)), QByteArray("hello--\0\0\0world", 15));
}

void TestFileSink::write_outOfOrderOffsets_landsExactly()
{
    constexpr int Chunks = 64;
    constexpr qint64 ChunkSize = 4096 + 17; // not aligned to anything
    FileSink sink(m_jobs.get(), m_budget.get(), path(u"b.part"_s));
    sink.open(true);
    for (int i = 0; i < Chunks; ++i) {
        const qint64 chunk = (i * 37) % Chunks; // every chunk once, scattered
        sink.write(chunk * ChunkSize, pattern(chunk * ChunkSize, ChunkSize));
    }
    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
    QVERIFY(!sink.error());
    const QByteArray onDisk = readAll(path(u"b.part"_s));
    QCOMPARE(onDisk.size(), Chunks * ChunkSize);
    QVERIFY(onDisk == pattern(0, Chunks * ChunkSize));
}

void TestFileSink::write_sameRangeTwice_laterWriteWins()
{
    // Jobs run in the order they were queued, one at a time.
    FileSink sink(m_jobs.get(), m_budget.get(), path(u"c.part"_s));
    sink.open(true);
    for (char c = 'a'; c <= 'z'; ++c)
        sink.write(0, QByteArray(1000, c));
    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
    QCOMPARE(readAll(path(u"c.part"_s)), QByteArray(1000, 'z'));
}

void TestFileSink::open_withoutTruncate_keepsExistingBytes()
{
    {
        QFile file(path(u"d.part"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(pattern(0, 1000)), qint64(1000));
    }
    FileSink sink(m_jobs.get(), m_budget.get(), path(u"d.part"_s));
    sink.open(false);
    sink.write(1000, pattern(1000, 500)); // resuming after the first 1000 bytes
    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
    QVERIFY(!sink.error());
    QVERIFY(readAll(path(u"d.part"_s)) == pattern(0, 1500));
}

void TestFileSink::open_truncate_discardsOldContent()
{
    {
        QFile file(path(u"e.part"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(QByteArray(5000, 'x')), qint64(5000));
    }
    FileSink sink(m_jobs.get(), m_budget.get(), path(u"e.part"_s));
    sink.open(true);
    sink.write(0, "new"_ba);
    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
    QCOMPARE(readAll(path(u"e.part"_s)), "new"_ba);
}

void TestFileSink::write_allDone_pendingBytesZeroAndIdleEmitted()
{
    FileSink sink(m_jobs.get(), m_budget.get(), path(u"f.part"_s));
    QSignalSpy idle(&sink, &FileSink::idle);
    QSignalSpy progressed(&sink, &FileSink::progressed);
    QVERIFY(sink.isIdle());
    sink.open(true);
    qint64 queued = 0;
    for (int i = 0; i < 20; ++i) {
        sink.write(queued, pattern(queued, 3000));
        queued += 3000;
    }
    // Nothing has come back yet (the results arrive through this thread's event loop).
    QCOMPARE(sink.pendingBytes(), queued);
    QCOMPARE(m_budget->used(), queued);
    QVERIFY(!sink.isIdle());
    QCOMPARE(idle.size(), 0);

    QTRY_VERIFY_WITH_TIMEOUT(idle.size() > 0 && sink.isIdle(), Patience);
    QCOMPARE(sink.pendingBytes(), qint64(0));
    QCOMPARE(m_budget->used(), qint64(0));
    QCOMPARE(m_budget->available(), BudgetLimit);
    QVERIFY(progressed.size() >= idle.size());
    QVERIFY(readAll(path(u"f.part"_s)) == pattern(0, queued));
}

void TestFileSink::budget_whileJobsWait_chargesQueuedBytes()
{
    FileSink first(m_jobs.get(), m_budget.get(), path(u"g1.part"_s));
    FileSink second(m_jobs.get(), m_budget.get(), path(u"g2.part"_s));
    QSignalSpy released(m_budget.get(), &MemoryBudget::released);
    blockPool();
    first.open(true);
    second.open(true);
    first.write(0, pattern(0, 300000));
    first.write(300000, pattern(300000, 200000));
    second.write(0, pattern(0, 400000));
    QCOMPARE(first.pendingBytes(), qint64(500000));
    QCOMPARE(second.pendingBytes(), qint64(400000));
    QCOMPARE(m_budget->used(), qint64(900000));
    QCOMPARE(m_budget->available(), BudgetLimit - 900000);

    // While the writers are held up, nothing is written and nothing is given back.
    QCoreApplication::processEvents();
    QCOMPARE(m_budget->used(), qint64(900000));
    QCOMPARE(released.size(), 0);
    QVERIFY(readAll(path(u"g1.part"_s)).isEmpty());

    m_budget->noteWaiting(); // as a reader short of room does
    unblockPool();
    QTRY_VERIFY_WITH_TIMEOUT(first.isIdle() && second.isIdle(), Patience);
    QCOMPARE(m_budget->used(), qint64(0));
    QVERIFY(released.size() > 0);
    QCOMPARE(first.pendingBytes() + second.pendingBytes(), qint64(0));
    QVERIFY(readAll(path(u"g1.part"_s)) == pattern(0, 500000));
    QVERIFY(readAll(path(u"g2.part"_s)) == pattern(0, 400000));
}

void TestFileSink::saveCheckpoint_afterWrites_claimsExactlyWrittenBytes()
{
    const QUrl url(u"https://example.org/h.bin"_s);
    const CheckpointStore store(path(u"state"_s));
    const QString checkpointPath = store.pathFor(m_dir->path(), url);

    Checkpoint checkpoint;
    checkpoint.url = url;
    checkpoint.directory = QDir::cleanPath(m_dir->path());
    checkpoint.partPath = path(u"h.bin.part"_s);
    checkpoint.finalPath = path(u"h.bin"_s);
    checkpoint.totalSize = 1 << 20;
    checkpoint.etag = "\"h-1\""_ba;

    FileSink sink(m_jobs.get(), m_budget.get(), checkpoint.partPath);
    sink.open(true);
    qint64 written = 0;
    for (; written < 150000; written += 25000)
        sink.write(written, pattern(written, 25000));
    checkpoint.ranges = {ByteRange{0, written}};
    sink.saveCheckpoint(checkpointPath, checkpoint);
    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
    QVERIFY2(!sink.error(), qPrintable(sink.error() ? sink.error()->detail : QString()));

    const Result<Checkpoint> raw = Checkpoint::fromJson(readAll(checkpointPath));
    QVERIFY(raw.has_value());
    const std::optional<Checkpoint> loaded = store.load(m_dir->path(), url);
    QVERIFY(loaded);
    QCOMPARE(loaded->ranges.size(), 1);
    QVERIFY(loaded->ranges.first() == (ByteRange{0, 150000}));
    QCOMPARE(loaded->bytesOnDisk(), qint64(150000));
    QCOMPARE(loaded->partPath, checkpoint.partPath);
    // Every byte the checkpoint claims is in the file.
    const QByteArray onDisk = readAll(loaded->partPath);
    QVERIFY(onDisk.size() >= loaded->contiguousPrefix());
    QVERIFY(onDisk.left(loaded->contiguousPrefix()) == pattern(0, 150000));
}

void TestFileSink::saveCheckpoint_neverLandsBeforeItsData()
{
    const QUrl url(u"https://example.org/i.bin"_s);
    const CheckpointStore store(path(u"state"_s));
    const QString checkpointPath = store.pathFor(m_dir->path(), url);
    Checkpoint checkpoint;
    checkpoint.url = url;
    checkpoint.directory = QDir::cleanPath(m_dir->path());
    checkpoint.partPath = path(u"i.bin.part"_s);
    checkpoint.finalPath = path(u"i.bin"_s);
    checkpoint.ranges = {ByteRange{0, 60000}};

    FileSink sink(m_jobs.get(), m_budget.get(), checkpoint.partPath);
    blockPool();
    sink.open(true);
    sink.write(0, pattern(0, 40000));
    sink.write(40000, pattern(40000, 20000));
    sink.saveCheckpoint(checkpointPath, checkpoint);
    QCoreApplication::processEvents();
    QVERIFY(!QFile::exists(checkpointPath));
    QVERIFY(readAll(checkpoint.partPath).isEmpty());

    unblockPool();
    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
    QVERIFY(QFile::exists(checkpointPath));
    const std::optional<Checkpoint> loaded = store.load(m_dir->path(), url);
    QVERIFY(loaded);
    QVERIFY(readAll(checkpoint.partPath).left(loaded->contiguousPrefix()) == pattern(0, 60000));
}

void TestFileSink::open_unusableFolder_reportsFileSystemErrorAndDropsWrites()
{
    // A missing folder is made (see open_folderRemoved_isMadeAgain); one under a file cannot be.
    QFile blocker(path(u"notafolder"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString partPath = path(u"notafolder/j.part"_s);
    FileSink sink(m_jobs.get(), m_budget.get(), partPath);
    QSignalSpy progressed(&sink, &FileSink::progressed);
    QSignalSpy idle(&sink, &FileSink::idle);
    sink.open(true);
    sink.write(0, pattern(0, 1000));
    sink.write(1000, pattern(1000, 2000));
    QCOMPARE(m_budget->used(), qint64(3000));

    QTRY_VERIFY_WITH_TIMEOUT(sink.error().has_value(), Patience);
    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
    const TransferError error = *sink.error();
    QCOMPARE(error.kind, TransferError::Kind::FileSystem);
    QCOMPARE(error.recovery, TransferError::Recovery::Fatal);
    QVERIFY2(error.detail.contains(u"j.part"_s), qPrintable(error.detail));
    QVERIFY(progressed.size() > 0);
    QVERIFY(idle.size() > 0);
    // The writes that were waiting behind the failed open are given back.
    QCOMPARE(sink.pendingBytes(), qint64(0));
    QCOMPARE(m_budget->used(), qint64(0));

    // Later work is dropped: no budget taken, nothing runs, nothing appears.
    sink.write(3000, pattern(3000, 500));
    QCOMPARE(sink.pendingBytes(), qint64(0));
    QCOMPARE(m_budget->used(), qint64(0));
    const QString checkpointPath = path(u"state/j.json"_s);
    Checkpoint checkpoint;
    checkpoint.url = QUrl(u"https://example.org/j"_s);
    checkpoint.directory = QDir::cleanPath(m_dir->path());
    checkpoint.partPath = partPath;
    checkpoint.finalPath = path(u"j"_s);
    sink.saveCheckpoint(checkpointPath, checkpoint);
    QVERIFY(sink.isIdle());
    QVERIFY(m_pool->waitForDone(Patience));
    QCoreApplication::processEvents();
    QVERIFY(!QFile::exists(checkpointPath));
    QVERIFY(!QFileInfo::exists(path(u"missing"_s)));
    QCOMPARE(sink.error()->detail, error.detail); // the first failure stays
}

void TestFileSink::open_folderRemoved_isMadeAgain()
{
    // The engine makes a download folder once per session; if the user removes it meanwhile,
    // the next file's open makes it again instead of failing the download.
    const QString partPath = path(u"removed/deeper/k.part"_s);
    FileSink sink(m_jobs.get(), m_budget.get(), partPath);
    sink.open(true);
    sink.write(0, pattern(0, 5000));
    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
    QVERIFY2(!sink.error(), qPrintable(sink.error() ? sink.error()->detail : QString()));
    QCOMPARE(readAll(partPath), pattern(0, 5000));
}

Result<QString> TestFileSink::writeUnnamed(const QString &name,
                                           const QByteArray &bytes,
                                           const std::function<void()> &beforeFinalize,
                                           bool deferred)
{
    const QUrl url(u"https://example.org/"_s + name);
    const CheckpointStore store(path(u"state"_s));
    FinalizeJob job;
    job.partPath = path(name + u".part"_s);
    job.finalPath = path(name);
    job.checkpointPath = store.pathFor(m_dir->path(), url);
    job.checkpoint.url = url;
    job.checkpoint.directory = QDir::cleanPath(m_dir->path());
    job.checkpoint.partPath = job.partPath;
    job.checkpoint.finalPath = job.finalPath;
    job.checkpoint.totalSize = bytes.size();

    FileSink sink(m_jobs.get(), m_budget.get(), job.partPath);
    std::optional<Result<QString>> result;
    connect(&sink, &FileSink::finalized, this, [&](const Result<QString> &got) { result = got; });
    if (deferred)
        sink.setDeferred(BudgetLimit / 2);
    sink.create(true);
    sink.write(0, bytes);
    // Deferred, nothing runs before finalize().
    if (!deferred && !QTest::qWaitFor([&] { return sink.isIdle(); }, Patience))
        return TransferError::make(TransferError::Kind::FileSystem,
                                   TransferError::Recovery::Fatal,
                                   u"the writes did not end"_s);
    beforeFinalize();
    sink.finalize(job, true);
    if (!QTest::qWaitFor([&] { return result.has_value(); }, Patience))
        return TransferError::make(TransferError::Kind::FileSystem,
                                   TransferError::Recovery::Fatal,
                                   u"finalize did not end"_s);
    return *result;
}

void TestFileSink::createUnnamed_getsItsNameOnlyWhenLinked()
{
    if (!FileWriteJob::unnamedFilesWork(m_dir->path()))
        QSKIP("this file system cannot make unnamed files (O_TMPFILE)");
    QStringList whileWritten{u"-"_s};
    const Result<QString> done = writeUnnamed(u"small.bin"_s, pattern(0, 3000), [&] {
        whileWritten = QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden);
    });
    QVERIFY2(done.has_value(), qPrintable(done ? QString() : done.error().detail));
    // Written and still open, but without a name: no .part, nothing a kill could leave.
    QCOMPARE(whileWritten, QStringList());
    QCOMPARE(done.value(), path(u"small.bin"_s));
    QCOMPARE(readAll(path(u"small.bin"_s)), pattern(0, 3000));
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{u"small.bin"_s});
    const std::optional<Checkpoint> record =
        CheckpointStore(path(u"state"_s))
            .load(m_dir->path(), QUrl(u"https://example.org/small.bin"_s));
    QVERIFY(record);
    QVERIFY(record->completed);
    QCOMPARE(record->finalPath, path(u"small.bin"_s));
}

void TestFileSink::createUnnamed_nameTakenMeanwhile_getsANumberedName()
{
    const Result<QString> done = writeUnnamed(u"taken.bin"_s, pattern(0, 5000), [&] {
        QFile other(path(u"taken.bin"_s));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write("someone else's");
    });
    QVERIFY2(done.has_value(), qPrintable(done ? QString() : done.error().detail));
    QCOMPARE(done.value(), path(u"taken (1).bin"_s));
    QCOMPARE(readAll(path(u"taken (1).bin"_s)), pattern(0, 5000));
    QCOMPARE(readAll(path(u"taken.bin"_s)), "someone else's"_ba);
}

void TestFileSink::createUnnamed_deferred_recordNamesNoPart()
{
    // As a download's small file: one job makes, writes, names and records it, the record
    // first and in the journal. It names no .part: one of that name would be someone else's.
    const Result<QString> done = writeUnnamed(
        u"kept.bin"_s, pattern(0, 7000), [] {}, true);
    QVERIFY2(done.has_value(), qPrintable(done ? QString() : done.error().detail));
    QCOMPARE(readAll(path(u"kept.bin"_s)), pattern(0, 7000));
    const CheckpointStore store(path(u"state"_s));
    const std::optional<Checkpoint> record =
        store.load(m_dir->path(), QUrl(u"https://example.org/kept.bin"_s));
    QVERIFY(record);
    QVERIFY(record->completed);
    QVERIFY(!record->contentDigest.isEmpty());
    if (!FileWriteJob::unnamedFilesWork(m_dir->path()))
        QSKIP("this file system cannot make unnamed files (O_TMPFILE)");
    QCOMPARE(record->partPath, QString());
    QVERIFY(!QFile::exists(store.pathFor(m_dir->path(), QUrl(u"https://example.org/kept.bin"_s))));
}

void TestFileSink::createUnnamed_deferralEnds_writesANamedPart()
{
    // Too big to wait in memory after all: its bytes go out as they come, and checkpoints may
    // claim them, so they must be in the .part by its name.
    FileSink sink(m_jobs.get(), m_budget.get(), path(u"grew.bin.part"_s));
    sink.setDeferred(4000);
    sink.create(true);
    sink.write(0, pattern(0, 3000));
    QVERIFY(sink.isDeferred());
    sink.write(3000, pattern(3000, 3000));
    QVERIFY(!sink.isDeferred());
    QTRY_VERIFY_WITH_TIMEOUT(sink.isIdle(), Patience);
    QVERIFY(!sink.error());
    QCOMPARE(readAll(path(u"grew.bin.part"_s)), pattern(0, 6000));
}

void TestFileSink::write_failsMidJob_reportsErrorAndReturnsAllBudget()
{
#ifdef Q_OS_UNIX
    // A file size limit of 10 000 bytes (as a quota would impose) makes the second of three
    // queued writes fail half way; the third never runs.
    struct rlimit saved = {};
    QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    struct rlimit limited = saved;
    limited.rlim_cur = 10000;
    QCOMPARE(::setrlimit(RLIMIT_FSIZE, &limited), 0);
    const auto restore = qScopeGuard([&] {
        ::setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previousHandler);
    });

    FileSink sink(m_jobs.get(), m_budget.get(), path(u"l.part"_s));
    blockPool();
    sink.open(true);
    sink.write(0, pattern(0, 8000));
    sink.write(8000, pattern(8000, 8000));
    sink.write(16000, pattern(16000, 8000));
    QCOMPARE(m_budget->used(), qint64(24000));
    unblockPool();

    QTRY_VERIFY_WITH_TIMEOUT(sink.error().has_value() && sink.isIdle(), Patience);
    QCOMPARE(sink.error()->kind, TransferError::Kind::FileSystem);
    QCOMPARE(sink.error()->recovery, TransferError::Recovery::Fatal);
    QVERIFY2(sink.error()->detail.contains(u"l.part"_s), qPrintable(sink.error()->detail));
    QCOMPARE(sink.pendingBytes(), qint64(0));
    QCOMPARE(m_budget->used(), qint64(0));
    // What did fit is there, and nothing past the failure was written.
    const QByteArray onDisk = readAll(path(u"l.part"_s));
    QCOMPARE(onDisk.size(), 10000);
    QVERIFY(onDisk == pattern(0, 10000));
#else
    QSKIP("needs RLIMIT_FSIZE");
#endif
}

void TestFileSink::destroy_withQueuedWrites_returnsBudget()
{
    auto sink = std::make_unique<FileSink>(m_jobs.get(), m_budget.get(), path(u"k.part"_s));
    blockPool();
    sink->open(true);
    sink->write(0, pattern(0, 7000));
    sink->write(7000, pattern(7000, 3000));
    QCOMPARE(m_budget->used(), qint64(10000));
    sink.reset();
    QCOMPARE(m_budget->used(), qint64(0));
    unblockPool();
    QVERIFY(m_pool->waitForDone(Patience));
    QCOMPARE(m_budget->used(), qint64(0));
}

QTEST_GUILESS_MAIN(TestFileSink)
#include "tst_filesink.moc"
