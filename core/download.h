#pragma once

#include "core/checkpoint.h"
#include "core/engineoptions.h"
#include "core/result.h"
#include "core/transfererror.h"
#include "core/transferrequest.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSslCertificate>
#include <QTimer>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QThreadPool;

namespace Ferry {

class CheckpointStore;
class DownloadLock;
class FileSink;
class MemoryBudget;
class NameRegistry;

// One attempt at one file, on the engine thread: a GET (resuming with Range + If-Range when a
// checkpoint allows), its bytes handed to a FileSink, checkpoints as the data lands, then
// checksum and rename. It reports finished() exactly once, after all file work has stopped,
// so the next attempt can never race this one on the same .part file.
class Download final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Download)

public:
    struct Services
    {
        QNetworkAccessManager *network = nullptr;
        QThreadPool *filePool = nullptr;
        MemoryBudget *budget = nullptr;
        NameRegistry *names = nullptr;
        const CheckpointStore *checkpoints = nullptr;
        const QList<QSslCertificate> *caCertificates = nullptr; // trusted besides the system's
        QSet<QString> *http1Hosts = nullptr; // hosts whose HTTP/2 outran the disk
    };

    Download(const TransferRequest &request,
             const EngineOptions &options,
             const Services &services,
             QObject *parent = nullptr);
    ~Download() override;

    void start();
    // Stops the attempt; finished() then carries `reason` (a pause, cancel or removal).
    void stop(const TransferError &reason);

    qint64 bytesDone() const { return m_offset; }

    qint64 bytesTotal() const { return m_checkpoint.totalSize; }

    qint64 bytesReceived() const { return m_received; }

    QString filePath() const { return m_checkpoint.finalPath; }

    int httpStatus() const { return m_httpStatus; }

    bool wasSkipped() const { return m_skipped; }

signals:
    void finished(const Ferry::TransferError &error);
    void metadataChanged(); // name or size became known

private:
    enum class Phase {
        Idle,
        Requesting,
        Draining,   // the reply is over; waiting for the writer to catch up
        Finalizing, // checksum and rename
        Done,
    };

    void sendRequest(const QUrl &target);
    void handleMetaData();
    void handleReadyRead();
    void handleReplyFinished();
    void handleStallCheck();
    void pump();
    bool acceptFreshBody(bool restarting);
    bool acceptPartialBody();
    QByteArray strongLastModified() const;
    void chooseName();
    void openSink(bool truncate);
    enum class CheckpointKind {
        Quick,
        Durable,
    };

    void checkpointIfDue();
    void saveCheckpoint(CheckpointKind kind);
    void fail(const TransferError &error);
    void restartFromZero(const QString &why);
    void afterReply();
    void handleSinkIdle();
    void handleFinalized();
    void verifyExisting();
    void releaseReply();
    void discardSink();
    void finalize();
    void finish(const TransferError &error);
    TransferError errorFromReply() const;

    TransferRequest m_request;
    EngineOptions m_options;
    Services m_services;
    QString m_checkpointPath;
    QString m_reservedPath;  // the final path this download holds in the NameRegistry
    Checkpoint m_checkpoint; // what is safely on disk, as last queued for saving
    std::unique_ptr<FileSink> m_sink;
    std::unique_ptr<DownloadLock> m_lock; // held from start() to finish()
    QPointer<QNetworkReply> m_reply;
    QUrl m_currentUrl;     // where the last redirect led
    QUrl m_redirectTarget; // the current answer's Location, resolved
    int m_redirects = 0;
    std::unique_ptr<QFutureWatcher<Result<QString>>> m_finalizer;
    QTimer m_stallTimer;
    QElapsedTimer m_clock;
    qint64 m_lastActivityMs = 0;
    qint64 m_lastCheckpointMs = 0;
    qint64 m_checkpointedOffset = 0;
    qint64 m_durableOffset = 0; // end of the bytes last made durable
    qint64 m_lastDurableMs = 0;
    qint64 m_requestedOffset = 0; // where the current request asked to start
    qint64 m_offset = 0;          // next byte position in the file
    qint64 m_bodyEnd = -1;        // where the current answer's body must end; -1 unknown
    qint64 m_received = 0;        // body bytes read from the network, all requests
    int m_httpStatus = 0;
    Phase m_phase = Phase::Idle;
    bool m_bodyAccepted = false;
    bool m_http2 = false;
    bool m_replyDone = false;
    bool m_alreadyComplete = false; // a 416 told us every byte is already on disk
    bool m_headersHandled = false;
    bool m_restartPending = false;
    bool m_restartedOnce = false;
    bool m_skipped = false;
    std::optional<TransferError> m_error; // set by us: stop, stall, refused redirect, bad answer
};

} // namespace Ferry
