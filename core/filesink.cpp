#include "filesink.h"

#include "core/memorybudget.h"

namespace Ferry {

FileSink::FileSink(FileJobQueue *jobs, MemoryBudget *budget, const QString &path, QObject *parent)
    : QObject(parent)
    , m_jobs(jobs)
    , m_budget(budget)
    , m_file(std::make_shared<QFile>(path))
    , m_path(path)
    , m_recipient(std::make_shared<FileJobQueue::Recipient>())
{
    m_recipient->sink = this;
}

FileSink::~FileSink()
{
    m_recipient->sink = nullptr; // an outcome on its way is dropped
    // A running job keeps the file alive through its shared pointer; owners wait for idle()
    // before letting go, so this only returns the budget of work that never ran.
    m_budget->release(m_pendingBytes);
}

QString FileSink::path() const
{
    return m_path;
}

void FileSink::open(bool truncate)
{
    m_queue.append(FileWriteJob::Open{truncate});
    startNext();
}

void FileSink::create(bool unnamed)
{
    m_queue.append(FileWriteJob::Open{true, true, unnamed});
    startNext();
}

void FileSink::write(qint64 offset, QByteArray data)
{
    if (m_error)
        return;
    const qint64 size = data.size();
    m_pendingBytes += size;
    m_budget->acquire(size);
    m_queue.append(FileWriteJob::Write{offset, std::move(data)});
    if (m_deferred && (m_pendingBytes > m_deferLimit || m_budget->available() < m_deferLimit)) {
        m_deferred = false; // too big to wait in memory after all: write as it comes
        // Then checkpoints may claim its bytes, so they must be in a .part of that name.
        for (FileWriteJob::Operation &operation : m_queue) {
            if (auto *open = std::get_if<FileWriteJob::Open>(&operation))
                open->unnamed = false;
        }
    }
    startNext();
}

void FileSink::saveCheckpoint(const QString &path, const Checkpoint &checkpoint, bool durable)
{
    m_queue.append(FileWriteJob::SaveCheckpoint{path, checkpoint, durable});
    startNext();
}

void FileSink::saveCheckpointAfterFailure(const QString &path,
                                          Checkpoint checkpoint,
                                          const RangeSet &resumed,
                                          const RangeSet &done)
{
    RangeSet onDisk = resumed;
    for (const ByteRange &range : m_written.ranges())
        onDisk.add(range);
    // Only what a durable save confirmed (or the resume started with) survives a reboot.
    RangeSet durable(m_confirmedDurable);
    const RangeSet resumedDurable = RangeSet(checkpoint.durableRanges).intersected(resumed);
    for (const ByteRange &range : resumedDurable.ranges()) // a named set: ranges() is a reference
        durable.add(range);
    checkpoint.ranges = onDisk.intersected(done).ranges();
    checkpoint.durableRanges = durable.intersected(onDisk).ranges();
    checkpoint.bootId = Checkpoint::currentBootId();
    m_queue.append(FileWriteJob::SaveCheckpoint{path, checkpoint, false, true});
    startNext();
}

void FileSink::setDeferred(qint64 limitBytes)
{
    m_deferLimit = limitBytes;
    m_deferred = true;
}

void FileSink::dropDeferred()
{
    if (!m_deferred)
        return;
    m_budget->release(std::exchange(m_pendingBytes, 0));
    m_queue.clear();
}

void FileSink::finalize(const FinalizeJob &job, bool recordFirst)
{
    m_queue.append(FileWriteJob::Finalize{job, recordFirst});
    m_deferred = false;
    startNext();
}

void FileSink::closeWhenIdle()
{
    if (isIdle())
        m_file->close();
}

void FileSink::startNext()
{
    if (m_running || m_queue.isEmpty() || m_deferred)
        return;
    if (m_error) {
        // Only a record of what is on disk may still go out.
        m_queue.removeIf([](const FileWriteJob::Operation &operation) {
            const auto *save = std::get_if<FileWriteJob::SaveCheckpoint>(&operation);
            return !save || !save->afterFailure;
        });
        if (m_queue.isEmpty())
            return;
    }
    FileWriteJob job{m_file, std::exchange(m_queue, {}), m_path};
    m_runningBytes = FileWriteJob::bytesToWrite(job.operations);
    m_running = true;
    m_jobs->submit(std::move(job), m_recipient);
}

void FileSink::handleJobFinished(const FileWriteJob::Outcome &outcome)
{
    m_running = false;
    for (const ByteRange &range : outcome.written)
        m_written.add(range);
    if (outcome.durableSaved)
        m_confirmedDurable = *outcome.durableSaved;
    if (outcome.error && !m_error)
        m_error = outcome.error;

    qint64 released = m_runningBytes;
    if (m_error) {
        // Nothing queued will be written: give back its budget too.
        released += FileWriteJob::bytesToWrite(m_queue);
        m_queue.clear();
    }
    m_pendingBytes -= released;
    m_runningBytes = 0;
    startNext();
    m_budget->release(released);
    if (outcome.finalized)
        emit finalized(*outcome.finalized);
    emit progressed();
    if (isIdle())
        emit idle();
}

} // namespace Ferry
