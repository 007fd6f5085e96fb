#pragma once

#include "core/filewritejob.h"

#include <QMutex>
#include <QObject>
#include <QTimer>
#include <QVarLengthArray>

#include <deque>
#include <memory>
#include <vector>

class QThreadPool;

namespace Ferry {

class FileSink;

// Hands FileWriteJobs to the file pool in batches and brings their outcomes back the same way.
// One pool task per job cost the engine thread a thread wake-up (QThreadPool::start) and a
// posted event per small file: 7% of its samples with 10,000 small files.
//
// Jobs submitted while the owning thread handles one round of events start together when that
// round is over. Pool tasks take jobs one at a time from a shared queue until it is empty, so a
// running task picks up new ones without a wake-up; outcomes gather in the shared state and go
// back in one posted event for many jobs. More tasks start only for a longer queue, or for one
// with more bytes to write, up to the pool's thread count. A task busy with a slow job (see
// isSlow()), or with one job for longer than a few milliseconds (a disk that stalls), does not
// count: jobs waiting behind it get another task. While tasks run, a timer checks for that
// every 20 ms and also delivers the outcomes gathered so far, so a job that blocks on the disk
// does not hold up the outcomes of jobs that are done.
//
// Lives in the thread its sinks live in. Jobs still waiting when it is destroyed are started
// then: the pool's owner waits for them (QThreadPool's destructor).
class FileJobQueue final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileJobQueue)

public:
    // Where a job's outcome goes: the sink while it exists (~FileSink clears it).
    struct Recipient
    {
        FileSink *sink = nullptr;
    };

    explicit FileJobQueue(QThreadPool *pool, QObject *parent = nullptr);
    ~FileJobQueue() override;

    QThreadPool *pool() const { return m_pool; }

    // Pool tasks started so far (each drains the queue): how well submissions were batched.
    int tasksStarted() const { return m_tasksStarted; }

    void submit(FileWriteJob job, std::shared_ptr<Recipient> recipient);

private:
    struct Entry
    {
        FileWriteJob job;
        std::shared_ptr<Recipient> recipient;
        qint64 bytes = 0; // FileWriteJob::bytesToWrite()
    };

    struct Finished
    {
        FileWriteJob::Outcome outcome;
        std::shared_ptr<Recipient> recipient;
    };

    struct Running
    {
        qint64 sinceNs = 0; // steady clock
        bool slow = false;

        friend bool operator==(const Running &, const Running &) = default;
    };

    // What the pool tasks share with this object, which may go first.
    struct Shared
    {
        QMutex mutex;
        std::deque<Entry> waiting;
        qint64 waitingBytes = 0;
        int tasks = 0;                       // started and not yet finished
        QVarLengthArray<Running, 8> running; // a job of each task running one
        std::vector<Finished> finished;      // outcomes not yet taken by deliver()
        qint64 finishedBytes = 0;
        bool deliveryPosted = false;   // a deliver() is on its way to the owner's thread
        FileJobQueue *owner = nullptr; // cleared by ~FileJobQueue
    };

    void flush();
    void recheck();
    // Starts the tasks the waiting jobs call for; callers hold m_shared->mutex.
    void startTasks();
    // Hands the outcomes gathered so far to their sinks.
    void deliver();
    static void drain(const std::shared_ptr<Shared> &shared);
    // Asks the owner to deliver(), unless that is already on its way; callers hold the mutex.
    static void postDelivery(Shared &shared);
    // Waits for the device, reads a whole file or writes much.
    static bool isSlow(const Entry &entry);

    QThreadPool *m_pool;
    std::shared_ptr<Shared> m_shared;
    std::vector<Entry> m_staged; // submitted in this round of events
    qint64 m_stagedBytes = 0;
    bool m_flushPosted = false;
    int m_tasksStarted = 0;
    QTimer m_recheck; // while tasks run: has one stalled? outcomes held?
};

} // namespace Ferry
