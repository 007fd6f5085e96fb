#pragma once

#include "core/filejobqueue.h"
#include "core/filewritejob.h"
#include "core/rangeset.h"

#include <QObject>

#include <memory>
#include <optional>

namespace Ferry {

class MemoryBudget;

// The writing side of one download: queues positional writes and checkpoint saves, and runs
// them in order as FileWriteJobs through the engine's FileJobQueue, one job at a time. Queued
// bytes are charged to the shared MemoryBudget until they are on disk.
class FileSink final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileSink)

public:
    FileSink(FileJobQueue *jobs,
             MemoryBudget *budget,
             const QString &path,
             QObject *parent = nullptr);
    ~FileSink() override;

    QString path() const;

    void open(bool truncate);
    // Opens a new file, failing if the name exists (see FileWriteJob::Open::create); `unnamed`:
    // see FileWriteJob::Open::unnamed.
    void create(bool unnamed = false);
    void write(qint64 offset, QByteArray data);
    void saveCheckpoint(const QString &path, const Checkpoint &checkpoint, bool durable = true);
    // After a failure, records what did reach the file, so the download can continue from there
    // once the user made room: `checkpoint` with the ranges it `resumed` with and those written
    // since (see written()), as far as `done` counts them. Quick: the data is not flushed first.
    void saveCheckpointAfterFailure(const QString &path,
                                    Checkpoint checkpoint,
                                    const RangeSet &resumed,
                                    const RangeSet &done);

    // Every byte range a completed write put into the file since the sink was made.
    const RangeSet &written() const { return m_written; }

    // The durable ranges of the last durable checkpoint that really reached the disk.
    const QList<ByteRange> &confirmedDurable() const { return m_confirmedDurable; }

    // Small files: operations wait in memory (nothing touches the disk) until finalize() or
    // until more than `limitBytes` are waiting or the memory budget runs short.
    void setDeferred(qint64 limitBytes);

    bool isDeferred() const { return m_deferred; }

    // Forgets what waits while deferred (a small download that failed or was stopped).
    void dropDeferred();
    // Queues the final step after everything else; finalized() reports its result. With
    // `recordFirst`, its record is saved before the file is made (FileWriteJob::Finalize).
    void finalize(const FinalizeJob &job, bool recordFirst = false);
    // Closes the file now if no job holds it; otherwise the last job's reference closes it.
    void closeWhenIdle();

    qint64 pendingBytes() const { return m_pendingBytes; }

    bool isIdle() const { return !m_running && m_queue.isEmpty(); }

    // The first failure; once set, queued work is dropped and nothing more is written.
    const std::optional<TransferError> &error() const { return m_error; }

signals:
    void progressed(); // a batch finished (or failed)
    void finalized(const Ferry::Result<QString> &result);
    void idle(); // nothing queued, nothing running

private:
    friend class FileJobQueue; // hands back outcomes

    void startNext();
    void handleJobFinished(const FileWriteJob::Outcome &outcome);

    FileJobQueue *m_jobs;
    MemoryBudget *m_budget;
    std::shared_ptr<QFile> m_file;
    QString m_path;
    QList<FileWriteJob::Operation> m_queue;

    // Where the queue sends a job's outcome: this sink while it lives.
    std::shared_ptr<FileJobQueue::Recipient> m_recipient;
    qint64 m_pendingBytes = 0;
    qint64 m_runningBytes = 0;
    RangeSet m_written;
    QList<ByteRange> m_confirmedDurable;
    qint64 m_deferLimit = 0;
    bool m_running = false;
    bool m_deferred = false;
    std::optional<TransferError> m_error;
};

} // namespace Ferry
