#pragma once

#include "core/checkpoint.h"
#include "core/connection.h"
#include "core/engineoptions.h"
#include "core/rangeset.h"
#include "core/result.h"
#include "core/signallinks.h"
#include "core/slowconnectionjudge.h"
#include "core/transfererror.h"
#include "core/transferrequest.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSslCertificate>
#include <QTimer>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QNetworkCookieJar;
class QNetworkReply;
class QNetworkRequest;

namespace Ferry {

class CheckpointStore;
class ConnectionPool;
class CookieStore;
class DownloadLock;
class FileJobQueue;
class FileSink;
class MemoryBudget;
class NameRegistry;
class RateLimiter;
class SegmentPlan;
class TlsPolicy;

// One attempt at one file, on the engine thread. The first request (resuming with Range +
// If-Range when a checkpoint allows) learns the file's name, size and validators; its body then
// goes on as the first Connection, and when the server does ranges, more connections fetch other
// segments of the file (HTTP/1.1 range requests), each taking over half of the largest remaining
// segment when its own is done. Bytes go to one FileSink, checkpoints record every finished
// range, then checksum and rename. It reports finished() exactly once, after all file work has
// stopped, so the next attempt can never race this one on the same .part file.
class Download final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Download)

public:
    struct Services
    {
        QNetworkAccessManager *network = nullptr; // the slot the engine took for the first request
        ConnectionPool *pool = nullptr;           // where `network` came from, and more slots
        QString poolHost;                         // the host those slots count against
        std::function<bool()> mayAddConnection;   // the engine's say on slots beyond the first
        // Called once every byte has arrived, before the writing, renaming and recording.
        std::function<void()> transferred;
        FileJobQueue *fileJobs = nullptr; // and its pool, for other work on files
        MemoryBudget *budget = nullptr;
        RateLimiter *limiter = nullptr;
        NameRegistry *names = nullptr;
        const CheckpointStore *checkpoints = nullptr;
        const TlsPolicy *tls = nullptr;
        QSet<QString> *http1Hosts = nullptr; // hosts whose HTTP/2 outran the disk
        CookieStore *cookies = nullptr;
    };

    Download(const TransferRequest &request,
             const EngineOptions &options,
             const Services &services,
             QObject *parent = nullptr);
    ~Download() override;

    void start();
    // Stops the attempt; finished() then carries `reason` (a pause, cancel or removal).
    void stop(const TransferError &reason);

    // The URL asked for (redirects do not change it).
    const QUrl &url() const { return m_request.url; }

    qint64 bytesDone() const;

    qint64 bytesTotal() const { return m_checkpoint.totalSize; }

    qint64 bytesReceived() const;

    QString filePath() const { return m_checkpoint.finalPath; }

    int httpStatus() const { return m_httpStatus; }

    bool wasSkipped() const { return m_skipped; }

    // A segment answer showed another version of the file or no range support: the next attempt
    // should use one connection (and its If-Range decides about the bytes on disk).
    bool refusedSegments() const { return m_segmentsRefused; }

    // This download's own speed limit (bytes per second, 0 = none); takes effect at once.
    void setSpeedLimit(qint64 bytesPerSecond);

signals:
    void finished(const Ferry::TransferError &error);
    void metadataChanged(); // name or size became known

private:
    enum class Phase {
        Idle,
        Requesting, // the first request, then the connections
        Draining,   // every connection is over; waiting for the writer to catch up
        Finalizing, // checksum and rename
        Done,
    };

    QNetworkRequest makeRequest(const QUrl &target, bool allowHttp2) const;
    Connection::Context connectionContext();
    void sendRequest(const QUrl &target);
    void handleMetaData();
    void handleReadyRead();
    void handleReplyFinished();
    void handleTick();
    bool acceptFreshBody(bool restarting);
    bool acceptPartialBody();
    void chooseName(bool exclusiveCreate);
    void openSink(bool truncate);
    void startTransfer(ByteRange body);
    void openConnections();
    void sendSegment(int lane, QNetworkAccessManager *network);
    void addConnection(Connection *connection);
    void handleConnectionFinished(Connection *connection, const TransferError &error);
    void retireSlowConnection();
    void pumpConnections();
    void stopConnections(const TransferError &reason);
    QNetworkAccessManager *takeSlot();
    void giveBackSlot(QNetworkAccessManager *network);
    enum class CheckpointKind {
        Quick,
        Durable,
    };

    void checkpointIfDue();
    void saveCheckpoint(CheckpointKind kind);
    void fail(const TransferError &error);
    void restartFromZero(const QString &why);
    void sendFirstRequest();
    void skipFinished(const Checkpoint &record);
    void checkSmallFileRecord(const Checkpoint &record, bool inUseHere);
    void concludeTransfer();
    void handleSinkIdle();
    void handleFinalResult(const Result<QString> &result);
    // Runs `work` on the file pool; `then` gets its result here.
    void runFileJob(std::function<Result<QString>()> work,
                    std::function<void(const Result<QString> &)> then);
    void releaseReply();
    void discardSink();
    void finalize();
    void finish(const TransferError &error);

    TransferRequest m_request;
    EngineOptions m_options;
    Services m_services;
    QString m_checkpointPath;
    QString m_reservedPath;  // the final path this download holds in the NameRegistry
    Checkpoint m_checkpoint; // what is safely on disk, as last queued for saving
    RangeSet m_resumeRanges; // what an earlier attempt left on disk, until the plan takes over
    std::unique_ptr<SegmentPlan> m_plan;
    std::unique_ptr<FileSink> m_sink;
    std::unique_ptr<DownloadLock> m_lock;     // held from start() to finish()
    QPointer<QNetworkReply> m_reply;          // the first request, until its body is accepted
    SignalLinks m_replyLinks;                 // this download's connections to m_reply
    QNetworkCookieJar *m_cookieJar = nullptr; // the CookieStore's, for this download's file
    QList<Connection *> m_connections;        // children; each fetches one lane

    SlowConnectionJudge m_slowJudge;
    QSet<Connection *> m_retiring;
    qsizetype m_pumpStart = 0; // who reads first when room frees up, in turn
    QUrl m_currentUrl;         // where the last redirect led
    QUrl m_redirectTarget;     // the current answer's Location, resolved
    int m_redirects = 0;
    std::unique_ptr<QFutureWatcher<Result<QString>>> m_finalizer;
    QTimer m_tickTimer;
    QElapsedTimer m_clock;
    qint64 m_lastActivityMs = 0;
    qint64 m_lastCheckpointMs = 0;
    qint64 m_checkpointedBytes = 0;
    qint64 m_durableBytes = 0; // bytes on disk when the last durable checkpoint was queued
    qint64 m_lastDurableMs = 0;
    qint64 m_requestedOffset = 0; // where the first request asked to start
    qint64 m_received = 0;        // body bytes of connections that are over
    int m_httpStatus = 0;
    quint64 m_rateConsumer = 0; // this download in the limiter, from construction to finish()
    int m_maxConnections = 1;
    int m_segmentFailures = 0;
    Phase m_phase = Phase::Idle;
    bool m_baseSlotHeld = true; // the engine's slot, until the last byte is in or finish()
    // A record file may be at m_checkpointPath: one was there at start, or one was saved since.
    bool m_recordFileMayExist = true;
    bool m_baseSlotInUse = false;
    bool m_rangesWork = false; // more connections may fetch other parts of the file
    bool m_replyDone = false;
    bool m_alreadyComplete = false; // a 416 told us every byte is already on disk
    bool m_headersHandled = false;
    bool m_restartPending = false;
    bool m_restartedOnce = false;
    bool m_skipped = false;
    bool m_segmentsRefused = false;
    bool m_smallFile = false;      // written by the sink's own final job (see acceptFreshBody())
    bool m_checkingRecord = false; // checkSmallFileRecord() runs
    std::optional<TransferError> m_error; // set by us: stop, stall, refused redirect, bad answer
};

} // namespace Ferry
