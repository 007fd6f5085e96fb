#pragma once

#include "core/signallinks.h"
#include "core/transfererror.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <optional>

class QNetworkAccessManager;
class QNetworkCookieJar;
class QNetworkReply;

namespace Ferry {

class FileSink;
class MemoryBudget;
class RateLimiter;
class SegmentPlan;

// One HTTP request fetching one lane of a download's SegmentPlan into its FileSink: reads what
// the memory budget allows, stops at the lane's end (which may move closer while it runs), and
// notices stalls and servers that send more than they announced. Engine thread.
class Connection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Connection)

public:
    struct Context
    {
        SegmentPlan *plan = nullptr;
        FileSink *sink = nullptr;
        MemoryBudget *budget = nullptr;
        RateLimiter *limiter = nullptr;
        quint64 rateConsumer = 0;            // the download, in the limiter
        QSet<QString> *http1Hosts = nullptr; // see EngineOptions::http2SpillBytes
        qint64 bufferBytes = 0;              // the download's share of unwritten bytes
        qint64 http2SpillBytes = 0;
        qint64 stallTimeoutMs = 0;
        // Where Set-Cookie of a segment's answer goes, as the first answer's do; null: nowhere.
        QNetworkCookieJar *cookies = nullptr;
    };

    // What a segment answer must match: a 206 for the lane's start, of the same file.
    struct Expectation
    {
        qint64 totalSize = -1;
        QByteArray etag;
        QByteArray lastModified;
    };

    // Takes over a reply whose headers the download already accepted; its body runs up to
    // bodyEnd (-1: until the server closes it).
    Connection(QNetworkReply *reply,
               QNetworkAccessManager *network,
               int lane,
               qint64 bodyEnd,
               const Context &context,
               QObject *parent = nullptr);
    // Watches a segment request just sent for the lane; its headers are checked here.
    Connection(QNetworkReply *reply,
               QNetworkAccessManager *network,
               int lane,
               const Expectation &expectation,
               const Context &context,
               QObject *parent = nullptr);
    ~Connection() override;

    int lane() const { return m_lane; }

    QNetworkAccessManager *network() const { return m_network; }

    qint64 bytesReceived() const { return m_received; }

    qint64 ageMs() const { return m_clock.elapsed(); }

    int httpStatus() const { return m_httpStatus; }

    // The answer did not match the file the download has: another version, or no range support.
    bool isMismatch() const { return m_mismatch; }

    bool hasUnreadBytes() const;
    // Reads what may be read now; called when room frees up (budget, writer).
    void pump();
    void stop(const TransferError &reason);
    void checkStall();

    // Maps a failed reply to an error; shared with the download's first request.
    static TransferError errorFrom(const QNetworkReply *reply);

signals:
    void progressed(); // bytes were handed to the sink
    // The lane is done (error none), or the connection failed. Emitted once; the lane is still
    // open in the plan, for the download to close.
    void finished(const Ferry::TransferError &error);

private:
    void attach();
    void handleMetaData();
    void handleReadyRead();
    void handleReplyFinished();
    void fail(const TransferError &error);
    void finish(const TransferError &error);

    QPointer<QNetworkReply> m_reply;
    SignalLinks m_replyLinks; // this connection's connections to m_reply
    QNetworkAccessManager *m_network;
    int m_lane;
    quint64 m_rateReader = 0;
    Context m_context;
    std::optional<Expectation> m_expectation; // until the headers were checked
    QElapsedTimer m_clock;
    qint64 m_lastActivityMs = 0;
    qint64 m_bodyEnd = -1;
    qint64 m_received = 0;
    int m_httpStatus = 0;
    bool m_accepted = false;
    bool m_http2 = false;
    bool m_replyDone = false;
    bool m_done = false;
    bool m_mismatch = false;
    std::optional<TransferError> m_error;
};

} // namespace Ferry
