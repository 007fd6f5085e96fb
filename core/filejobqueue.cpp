#include "filejobqueue.h"

#include "core/filesink.h"

#include <QThreadPool>

#include <algorithm>
#include <chrono>

namespace Ferry {

namespace {

// A waiting queue longer than this per task, or with more bytes to write, starts another task.
constexpr qsizetype JobsPerTask = 8;
constexpr qint64 BytesPerTask = qint64(512) << 10;
// A task reports what it has done after this many jobs or bytes even if more are waiting, so a
// sink waiting for its outcome to send its next job is not held up by other sinks' work.
constexpr qsizetype OutcomesPerReport = 16;
constexpr qint64 BytesPerReport = qint64(1) << 20;
// A task this long in one job is taken to be stuck on the disk, and how often that is checked.
constexpr qint64 StalledAfterNs = 5'000'000;
constexpr int RecheckMs = 20;

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

} // namespace

FileJobQueue::FileJobQueue(QThreadPool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_shared(std::make_shared<Shared>())
    , m_recheck(this) // moves to another thread with this object
{
    m_shared->owner = this;
    m_recheck.setSingleShot(true);
    m_recheck.setInterval(RecheckMs);
    connect(&m_recheck, &QTimer::timeout, this, &FileJobQueue::recheck);
}

FileJobQueue::~FileJobQueue()
{
    const QMutexLocker locker(&m_shared->mutex);
    m_shared->owner = nullptr; // outcomes from now on have nobody to go to
    for (Entry &entry : m_staged)
        m_shared->waiting.push_back(std::move(entry));
    m_shared->waitingBytes += m_stagedBytes;
    startTasks();
}

bool FileJobQueue::isSlow(const Entry &entry)
{
    for (const FileWriteJob::Operation &operation : entry.job.operations) {
        if (const auto *save = std::get_if<FileWriteJob::SaveCheckpoint>(&operation)) {
            if (save->durable)
                return true; // waits for the device
        } else if (const auto *finalize = std::get_if<FileWriteJob::Finalize>(&operation)) {
            if (finalize->job.checksum)
                return true; // reads the whole file
        }
    }
    return entry.bytes >= BytesPerTask / 2;
}

void FileJobQueue::submit(FileWriteJob job, std::shared_ptr<Recipient> recipient)
{
    const qint64 bytes = FileWriteJob::bytesToWrite(job.operations);
    m_stagedBytes += bytes;
    m_staged.push_back(Entry{std::move(job), std::move(recipient), bytes});
    if (!std::exchange(m_flushPosted, true))
        QMetaObject::invokeMethod(this, &FileJobQueue::flush, Qt::QueuedConnection);
}

void FileJobQueue::flush()
{
    m_flushPosted = false;
    const QMutexLocker locker(&m_shared->mutex);
    for (Entry &entry : m_staged)
        m_shared->waiting.push_back(std::move(entry));
    m_shared->waitingBytes += std::exchange(m_stagedBytes, 0);
    m_staged.clear();
    startTasks();
    if (m_shared->tasks > 0 && !m_recheck.isActive())
        m_recheck.start();
}

void FileJobQueue::recheck()
{
    bool busy = false;
    {
        const QMutexLocker locker(&m_shared->mutex);
        startTasks();
        busy = m_shared->tasks > 0;
    }
    deliver(); // what a task still holds, because its next job takes long
    if (busy)
        m_recheck.start();
}

void FileJobQueue::startTasks()
{
    Shared &shared = *m_shared;
    const auto jobs = qint64(shared.waiting.size());
    if (jobs == 0)
        return;
    // Tasks busy with a slow job (a sync, a big write), or stuck in one, will not come back to
    // the queue soon.
    int available = shared.tasks;
    if (!shared.running.isEmpty()) {
        const qint64 now = nowNs();
        for (const Running &job : std::as_const(shared.running))
            available -= (job.slow || now - job.sinceNs > StalledAfterNs) ? 1 : 0;
    }
    const qint64 wanted = std::max((jobs + JobsPerTask - 1) / JobsPerTask,
                                   (shared.waitingBytes + BytesPerTask - 1) / BytesPerTask);
    const int maxTasks = std::max(1, m_pool->maxThreadCount());
    const qint64 toStart = std::min(wanted - available, qint64(maxTasks - shared.tasks));
    for (qint64 i = 0; i < toStart; ++i) {
        ++shared.tasks;
        ++m_tasksStarted;
        m_pool->start([shared = m_shared] { drain(shared); });
    }
}

void FileJobQueue::postDelivery(Shared &shared)
{
    FileJobQueue *owner = shared.owner;
    if (!owner || std::exchange(shared.deliveryPosted, true))
        return;
    QMetaObject::invokeMethod(owner, &FileJobQueue::deliver, Qt::QueuedConnection);
}

void FileJobQueue::drain(const std::shared_ptr<Shared> &shared)
{
    QMutexLocker locker(&shared->mutex);
    for (;;) {
        const bool empty = shared->waiting.empty();
        const bool nextIsSlow = !empty && isSlow(shared->waiting.front());
        if (!shared->finished.empty()
            && (empty || nextIsSlow || qsizetype(shared->finished.size()) >= OutcomesPerReport
                || shared->finishedBytes >= BytesPerReport)) {
            postDelivery(*shared);
        }
        if (empty) {
            --shared->tasks;
            return;
        }
        Entry entry = std::move(shared->waiting.front());
        shared->waiting.pop_front();
        const qint64 bytes = entry.bytes;
        shared->waitingBytes -= bytes;
        const Running running{nowNs(), nextIsSlow};
        shared->running.append(running);
        locker.unlock();
        FileWriteJob::Outcome outcome = entry.job.run();
        std::shared_ptr<Recipient> recipient = std::move(entry.recipient);
        entry = {}; // the job's data, and perhaps the last reference to its file, unlocked
        locker.relock();
        shared->running.removeOne(running);
        shared->finished.push_back(Finished{std::move(outcome), std::move(recipient)});
        shared->finishedBytes += bytes;
    }
}

void FileJobQueue::deliver()
{
    std::vector<Finished> finished;
    {
        const QMutexLocker locker(&m_shared->mutex);
        finished.swap(m_shared->finished);
        m_shared->finishedBytes = 0;
        m_shared->deliveryPosted = false;
    }
    for (Finished &done : finished) {
        // A sink handling its outcome may end another sink of this report: that one is skipped.
        if (FileSink *sink = done.recipient->sink)
            sink->handleJobFinished(done.outcome);
    }
}

} // namespace Ferry
