#pragma once

#include "core/credentialkey.h"
#include "core/credentials.h"
#include "core/engineoptions.h"
#include "core/hostscheduler.h"
#include "core/queuemove.h"
#include "core/transferid.h"
#include "core/transferrecord.h"
#include "core/transferrequest.h"
#include "core/transfersnapshot.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QSslCertificate>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <memory>
#include <optional>
#include <unordered_map>

namespace Ferry {

class AuthHandler;
class CheckpointStore;
class ConcurrencyTuner;
class ConnectionPool;
class CredentialStore;
class Download;
class FileJobQueue;
class MemoryBudget;
class NameRegistry;
class CookieStore;
class TlsPolicy;
class RateLimiter;
class SnapshotBatcher;
struct TransferItem;

// The download engine: a queue of transfers run under a global and a per-host cap, with
// retries and backoff, publishing batched snapshots. It lives on one thread (the engine
// thread in the apps, the test thread in tests); other threads talk to it via TransferClient.
class Engine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Engine)

public:
    explicit Engine(const EngineOptions &options, QObject *parent = nullptr);
    ~Engine() override;

    // Thread-safe: the first of `count` consecutive fresh ids, for addWithIds().
    TransferId allocateIds(int count);

    QList<TransferId> add(const QList<TransferRequest> &requests);
    void addWithIds(TransferId firstId, const QList<TransferRequest> &requests);
    // Items of an earlier session, under ids from allocateIds(). Active and Waiting items come
    // back Queued (their bytes resume from the checkpoints); the others keep their state. Only
    // items whose state changed get a snapshot (the caller has the records), plus new totals.
    void addRestored(TransferId firstId, const QList<TransferRecord> &records);

    void pause(const QList<TransferId> &ids);
    void resume(const QList<TransferId> &ids); // also retries failed and cancelled items
    void cancel(const QList<TransferId> &ids);
    void remove(const QList<TransferId> &ids, bool deleteFiles);
    // Reorders unfinished items (finished ones have no place in the queue); the order shows in
    // TransferSnapshot::queueOrder. An item's place in the queue is its id until it is moved.
    void move(const QList<TransferId> &ids, QueueMove where);
    // Points an item that is not running at a new URL (an expired link), keeping what is on
    // disk: its checkpoint moves to the new URL, so the next attempt asks for the rest with
    // If-Range, and the usual rules keep the bytes only if the server confirms the same file
    // (validator and size) and start over otherwise. False for a running or unknown item, or
    // a URL that is not http(s).
    bool changeUrl(TransferId id, const QUrl &url);
    void pauseAll();
    void resumeAll();
    // Stops every running download (they go back to Queued, their state saved) and starts no
    // more until resumeAll(); stopped() follows once nothing runs. For quitting.
    void stopAll();

    EngineOptions options() const { return m_options; }

    void setOptions(const EngineOptions &options);

    // Logins (see AuthHandler). The store is not owned, may live on another thread and must
    // outlive the engine; without one, a missing login fails the item at once.
    void setCredentialStore(CredentialStore *store);
    void setDefaultCredentials(const Credentials &credentials, bool saveWhenAccepted);
    // The user's answer for a space: items waiting on it, or failed for want of it, run again.
    void
    provideCredentials(const CredentialKey &key, const Credentials &credentials, bool remember);

    std::optional<TransferSnapshot> snapshot(TransferId id) const;
    TransferTotals totals() const;

signals:
    void transfersChanged(const QList<Ferry::TransferSnapshot> &changed,
                          const Ferry::TransferTotals &totals);
    void transfersRemoved(const QList<Ferry::TransferId> &ids);
    void drained(); // nothing queued, running or waiting any more
    void stopped(); // after stopAll(): nothing runs any more
    // provideCredentials() took effect: later failures for `key` are fresh ones.
    void credentialsProvided(const Ferry::CredentialKey &key);

private:
    using Item = TransferItem;
    class DirectoryCleaner;

    Item &insertItem(TransferId id, const TransferRequest &request, DirectoryCleaner &directories);
    Item *find(TransferId id);
    const Item *find(TransferId id) const;
    void setState(Item &item, TransferState state);
    void setBytes(Item &item, qint64 done, qint64 total);
    void enqueue(Item &item);
    void dequeue(Item &item);
    void scheduleSoon();
    void schedule();
    int activeLimit() const;
    // Active downloads that count against activeLimit().
    int slotsInUse() const;
    void handleDownloadTransferred(TransferId id);
    bool hostHasRoom(const QString &host) const;
    bool mayAddConnection(const QString &host);
    // Feeds a finished attempt to the host's breaker and the tuner.
    HostScheduler::Verdict noteHostResult(Item &item, const TransferError &error);
    void markQueuedDirty(const QString &host);
    void failWaitingOn(const QString &host, const TransferError &error);
    void handleTuneTimer();
    void startItem(Item &item);
    void stopItem(Item &item, TransferState target, bool removeAfter, bool deleteFiles);
    void handleDownloadFinished(TransferId id, const TransferError &error);
    // Waiting, then Queued again after the backoff (at least `atLeastMs`).
    void scheduleRetry(Item &item, const TransferError &error, qint64 atLeastMs);
    void handleLookupFinished(const CredentialKey &key, bool found);
    void armRetryTimer();
    void handleRetryTimer();
    void markDirty(Item &item);
    void flushSoon();
    void flushAll();
    void sampleSpeeds();
    void checkIdle();
    void eraseItem(TransferId id, bool deleteFiles);
    TransferSnapshot makeSnapshot(const Item &item) const;
    QString internHost(const QString &host);

    EngineOptions m_options;
    std::atomic<TransferId> m_nextId{1};
    ConnectionPool *m_pool;     // child
    RateLimiter *m_limiter;     // child
    SnapshotBatcher *m_batcher; // child
    AuthHandler *m_auth;        // child
    QThreadPool m_filePool;
    FileJobQueue *m_fileJobs; // child, so it moves with the engine; ~Engine deletes it first
    std::unique_ptr<MemoryBudget> m_budget;
    std::unique_ptr<NameRegistry> m_names;
    std::unique_ptr<CookieStore> m_cookies;
    std::unique_ptr<TlsPolicy> m_tls;
    std::unique_ptr<CheckpointStore> m_checkpoints;

    std::unordered_map<TransferId, Item> m_items;
    std::unique_ptr<HostScheduler> m_scheduler; // the ready queues, per host
    std::unique_ptr<ConcurrencyTuner> m_tuner;  // with autoConcurrency
    QHash<QString, QString> m_hosts;
    QSet<QString> m_http1Hosts;
    std::multimap<qint64, TransferId> m_retryAt;           // ms since epoch
    QHash<CredentialKey, QList<TransferId>> m_authWaiting; // while the keychain is asked
    QList<TransferId> m_running;                           // downloads in flight, at most maxActive
    qint64 m_firstSequence = 0;                            // moves to the top go below every id
    int m_active = 0;
    int m_transferred = 0; // active downloads past their last byte (slotsInUse())
    int m_counts[7] = {};
    qint64 m_sumDone = 0;
    qint64 m_sumTotal = 0;
    qint64 m_fetchedByFinished = 0; // bytesReceived of downloads that have ended
    bool m_busy = false;
    bool m_stopping = false; // stopAll() waits for running downloads to save their state
    bool m_halted = false;   // after stopAll(): nothing starts until resumeAll()
    // The last schedule() left items queued that no host would take (caps, cool-downs,
    // pacing): then the concurrency limit is not what holds them back.
    bool m_queueStarved = false;
    QTimer m_scheduleTimer;
    QTimer m_retryTimer;
    QTimer m_wakeTimer; // a host's cool-down or pacing ends
    QTimer m_tuneTimer;
    QElapsedTimer m_clock;
};

} // namespace Ferry
