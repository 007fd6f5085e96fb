#include "download.h"

#include "core/checkpointstore.h"
#include "core/connection.h"
#include "core/connectionpool.h"
#include "core/contentrange.h"
#include "core/cookiestore.h"
#include "core/downloadlock.h"
#include "core/filename.h"
#include "core/filesink.h"
#include "core/finalizejob.h"
#include "core/http1accessmanager.h"
#include "core/http1reply.h"
#include "core/httpdate.h"
#include "core/leftovercheck.h"
#include "core/memorybudget.h"
#include "core/nameregistry.h"
#include "core/ratelimiter.h"
#include "core/redirectpolicy.h"
#include "core/segmentplan.h"
#include "core/tlspolicy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThreadPool>
#include <QtConcurrentRun>

#include <algorithm>
#include <filesystem>
#include <system_error>

using namespace Qt::StringLiterals;

namespace Ferry {

Q_LOGGING_CATEGORY(lcDownload, "ferry.core.download", QtWarningMsg)

namespace {

constexpr qint64 ReplyReadBufferBytes = 1 << 20;
// With many connections, each reply buffers less; the sum stays near one reply's.
constexpr qint64 MinReplyReadBufferBytes = 256 << 10;
// Extra connections that fail while others go on; past this the attempt fails.
constexpr int MaxSegmentFailures = 8;
// A connection's part is split only if it would take longer than this at the connection's own
// speed, judged once the connection has run this long.
constexpr qint64 SplitWorthMs = 1000;
constexpr qint64 SplitJudgeAfterMs = 300;
// Quick checkpoints come every checkpointEveryBytes, but at most this often: at loopback speed
// 2 MiB pass every 3 ms, and a save per 2 MiB was 6% of a 2 GiB download's CPU.
constexpr qint64 MinCheckpointGapMs = 250;
// Files up to this size (and up to one checkpoint interval) are written in one go at the end.
constexpr qint64 SmallFileBytes = 1 << 20;

// Why `directory` cannot be created ("File name too long", "Permission denied"): QDir::mkpath()
// only says that it failed, and a per-item error should say why.
QString whyNoFolder(const QString &directory)
{
    std::error_code error;
    std::filesystem::create_directories(QFile::encodeName(directory).toStdString(), error);
    return error ? QString::fromLocal8Bit(error.message().c_str()) : u"unknown reason"_s;
}

bool isHttpScheme(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == "http"_L1 || scheme == "https"_L1;
}

QString displayUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo);
}

} // namespace

Download::Download(const TransferRequest &request,
                   const EngineOptions &options,
                   const Services &services,
                   QObject *parent)
    : QObject(parent)
    , m_request(request)
    , m_options(options)
    , m_services(services)
    , m_checkpointPath(
          services.checkpoints->pathFor(request.directory, request.url, request.fileName))
    , m_currentUrl(request.url)
    , m_maxConnections(std::max(1, std::min(options.split, options.maxConnectionsPerServer)))
{
    m_tickTimer.setInterval(int(std::clamp<qint64>(m_options.stallTimeoutMs / 4, 50, 1000)));
    connect(&m_tickTimer, &QTimer::timeout, this, &Download::handleTick);
    connect(m_services.budget, &MemoryBudget::released, this, &Download::pumpConnections);
    m_rateConsumer = m_services.limiter->addConsumer(m_options.maxBytesPerSecond);
    connect(m_services.limiter, &RateLimiter::refilled, this, &Download::pumpConnections);
    m_clock.start();
}

void Download::setSpeedLimit(qint64 bytesPerSecond)
{
    m_options.maxBytesPerSecond = bytesPerSecond;
    if (m_rateConsumer != 0)
        m_services.limiter->setConsumerLimit(m_rateConsumer, bytesPerSecond);
}

Download::~Download()
{
    releaseReply();
    for (Connection *connection : std::as_const(m_connections)) {
        connection->disconnect(this);
        giveBackSlot(connection->network());
    }
    if (m_baseSlotHeld)
        m_services.pool->release(m_services.poolHost, m_services.network);
    if (m_rateConsumer != 0)
        m_services.limiter->removeConsumer(m_rateConsumer);
    if (!m_reservedPath.isEmpty())
        m_services.names->release(m_reservedPath);
}

qint64 Download::bytesDone() const
{
    if (m_alreadyComplete || m_skipped)
        return std::max<qint64>(m_checkpoint.totalSize, m_resumeRanges.size());
    return m_plan ? m_plan->bytesDone() : m_resumeRanges.size();
}

qint64 Download::bytesReceived() const
{
    qint64 sum = m_received;
    for (const Connection *connection : m_connections)
        sum += connection->bytesReceived();
    return sum;
}

void Download::start()
{
    m_phase = Phase::Requesting;
    const QUrl &url = m_request.url;
    if (!url.isValid() || !isHttpScheme(url) || url.host().isEmpty()) {
        finish(TransferError::make(
            TransferError::Kind::InvalidUrl, TransferError::Recovery::Fatal, displayUrl(url)));
        return;
    }
    const Result<QNetworkCookieJar *> jar =
        m_services.cookies->jarFor(m_request.headers.cookieFile());
    if (!jar) {
        finish(jar.error());
        return;
    }
    m_cookieJar = *jar;
    if (!m_services.names->ensureFolder(m_request.directory)) {
        finish(TransferError::make(
            TransferError::Kind::FileSystem,
            TransferError::Recovery::Fatal,
            u"cannot create the folder %1: %2"_s.arg(QDir::toNativeSeparators(m_request.directory),
                                                     whyNoFolder(m_request.directory))));
        return;
    }

    // One process and one item per download: a second would write into the same .part.
    m_lock = std::make_unique<DownloadLock>(m_services.checkpoints->lockFilePath(),
                                            m_checkpointPath.toUtf8());
    if (const std::optional<QString> why = m_lock->lockOrExplain(m_request.directory)) {
        m_lock.reset();
        finish(TransferError::make(
            TransferError::Kind::FileSystem, TransferError::Recovery::Fatal, *why));
        return;
    }

    bool recordFile = true;
    const std::optional<Checkpoint> saved =
        m_services.checkpoints->loadFrom(m_checkpointPath, m_request.directory, url, &recordFile);
    m_recordFileMayExist = recordFile;
    if (saved) {
        const bool inUseHere = m_services.names->isReserved(saved->finalPath);
        const LeftoverCheck::Outcome found =
            LeftoverCheck::judge(*saved, m_checkpointPath, inUseHere);
        if (found.verdict == LeftoverCheck::Verdict::Finished) {
            skipFinished(found.record);
            return;
        }
        if (found.verdict == LeftoverCheck::Verdict::ReadFile) {
            checkSmallFileRecord(found.record, inUseHere);
            return;
        }
        if (found.verdict == LeftoverCheck::Verdict::Resume) {
            m_checkpoint = found.record;
            m_resumeRanges = RangeSet(found.record.ranges);
            m_checkpointedBytes = m_resumeRanges.size();
            m_durableBytes = RangeSet(found.record.durableRanges).size();
            m_reservedPath = m_checkpoint.finalPath;
            m_services.names->claim(m_reservedPath);
            openSink(false);
            qCDebug(lcDownload) << "resuming" << displayUrl(url) << "with" << m_resumeRanges.size()
                                << "bytes on disk";
        }
    }
    sendFirstRequest();
}

void Download::sendFirstRequest()
{
    m_phase = Phase::Requesting;
    emit metadataChanged();
    m_baseSlotInUse = true; // the first request goes out on the engine's slot
    sendRequest(m_request.url);
}

void Download::skipFinished(const Checkpoint &record)
{
    m_checkpoint = record;
    m_checkpoint.totalSize = QFileInfo(record.finalPath).size();
    m_skipped = true;
    if (!m_request.checksum) {
        finish({});
        return;
    }
    // Asked to check: the file on disk, not the record, decides.
    m_phase = Phase::Finalizing;
    runFileJob(
        [path = m_checkpoint.finalPath, checksum = *m_request.checksum] {
            if (std::optional<TransferError> error = FinalizeJob::verify(path, checksum))
                return Result<QString>(*error);
            return Result<QString>(path);
        },
        [this](const Result<QString> &result) { handleFinalResult(result); });
}

void Download::checkSmallFileRecord(const Checkpoint &record, bool inUseHere)
{
    m_phase = Phase::Finalizing; // stop() waits for this like for a rename
    m_checkingRecord = true;
    runFileJob([record,
                path = m_checkpointPath,
                inUseHere] { return LeftoverCheck::checkSmallFile(record, path, inUseHere); },
               [this, record](const Result<QString> &found) {
                   m_checkingRecord = false;
                   if (found) {
                       Checkpoint done = record;
                       done.finalPath = found.value();
                       skipFinished(done);
                   } else if (m_error) {
                       finish(*m_error); // stopped while the check ran
                   } else {
                       sendFirstRequest();
                   }
               });
}

void Download::stop(const TransferError &reason)
{
    if (m_checkingRecord && !m_error) {
        m_error = reason; // checkSmallFileRecord() ends soon, and then sends no request
        return;
    }
    if (m_phase != Phase::Requesting)
        return; // finalizing finishes by itself, and soon
    fail(reason);
}

QNetworkRequest Download::makeRequest(const QUrl &target, bool allowHttp2) const
{
    QNetworkRequest request(target);
    // Offsets must mean the same on every attempt: no transparent decompression.
    request.setRawHeader("Accept-Encoding", "identity");
    // Redirects are followed here, not by Qt, so every hop is checked the same way.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, allowHttp2);
    m_services.tls->configure(request);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setTransferTimeout(0); // our own stall detection knows when we stopped reading
    if (!m_options.userAgent.isEmpty())
        request.setHeader(QNetworkRequest::UserAgentHeader, m_options.userAgent);
    CookieStore::addCookies(request, target, m_cookieJar);
    m_request.headers.applyTo(request, m_request.url, target);
    return request;
}

void Download::sendRequest(const QUrl &target)
{
    // HTTP/2 when the server offers it, unless this host's HTTP/2 already outran the disk (see
    // Connection::pump()).
    // A speed limit works by reading less, which HTTP/2 in Qt 6.4 does not feel: HTTP/1.1 then.
    const bool limited = m_options.maxBytesPerSecond > 0 || m_services.limiter->globalLimit() > 0;
    QNetworkRequest request =
        makeRequest(target, !limited && !m_services.http1Hosts->contains(target.host().toLower()));
    m_requestedOffset = m_resumeRanges.firstGapFrom(0);
    if (m_requestedOffset > 0) {
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_requestedOffset) + '-');
        if (m_checkpoint.hasStrongEtag())
            request.setRawHeader("If-Range", m_checkpoint.etag);
        else if (!m_checkpoint.lastModified.isEmpty())
            request.setRawHeader("If-Range", m_checkpoint.lastModified);
    }

    m_headersHandled = false;
    m_replyDone = false;
    m_alreadyComplete = false;
    m_httpStatus = 0;
    m_redirectTarget.clear();
    m_currentUrl = target;

    m_services.pool->prepare(request, m_services.network);
    QNetworkReply *reply = Http1AccessManager::startGet(m_services.network, request);
    m_services.tls->watch(reply);
    m_reply = reply;
    reply->setReadBufferSize(ReplyReadBufferBytes);
    m_replyLinks.add(
        connect(reply, &QNetworkReply::metaDataChanged, this, &Download::handleMetaData));
    m_replyLinks.add(connect(reply, &QNetworkReply::readyRead, this, &Download::handleReadyRead));
    m_replyLinks.add(
        connect(reply, &QNetworkReply::finished, this, &Download::handleReplyFinished));
    m_lastActivityMs = m_clock.elapsed();
    m_tickTimer.start();
}

void Download::handleMetaData()
{
    if (!m_reply || m_headersHandled)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return;
    m_headersHandled = true;
    m_httpStatus = status;
    CookieStore::keepCookies(m_reply, m_currentUrl, m_cookieJar);
    m_lastActivityMs = m_clock.elapsed();

    if (status >= 300 && status < 400 && status != 304) {
        const QByteArray location = m_reply->rawHeader("Location");
        if (location.isEmpty()) {
            fail(TransferError::make(TransferError::Kind::Protocol,
                                     TransferError::Recovery::Fatal,
                                     u"status %1 without a Location to follow"_s.arg(status)));
            return;
        }
        m_redirectTarget = m_currentUrl.resolved(QUrl::fromEncoded(location.trimmed()));
        return;
    }

    if (status >= 400) {
        if (status == 416 && m_requestedOffset > 0) {
            const auto range = ContentRange::parse(m_reply->rawHeader("Content-Range"));
            if (range && range->total == m_requestedOffset
                && (m_checkpoint.totalSize < 0 || m_checkpoint.totalSize == range->total)) {
                m_checkpoint.totalSize = range->total;
                m_alreadyComplete = true;
                return;
            }
            restartFromZero(u"the server refused the resume range"_s);
        }
        return; // the body is an error page
    }
    if (status != 200 && status != 206) {
        fail(TransferError::make(TransferError::Kind::Protocol,
                                 TransferError::Recovery::Fatal,
                                 u"status %1 carries no file"_s.arg(status)));
        return;
    }
    ByteRange body{0, -1}; // where the answer's bytes go; end -1 while unknown
    if (status == 206) {
        if (!acceptPartialBody())
            return;
        const auto range = ContentRange::parse(m_reply->rawHeader("Content-Range"));
        body = {range->first, range->last + 1};
    } else {
        acceptFreshBody(m_requestedOffset > 0);
        body.end = m_checkpoint.totalSize;
    }
    const bool rangesOffered =
        status == 206 || m_reply->rawHeader("Accept-Ranges").toLower().contains("bytes");
    // Other parts of the file may come over other connections only when each answer can be
    // checked to belong to the same version: a known size and a strong validator for If-Range.
    m_rangesWork = rangesOffered && m_checkpoint.totalSize > 0
                   && (m_checkpoint.hasStrongEtag() || !m_checkpoint.lastModified.isEmpty());
    m_services.pool->noteAnswerSize(m_currentUrl.host(), body.end < 0 ? -1 : body.length());
    emit metadataChanged();
    startTransfer(body);
}

bool Download::acceptFreshBody(bool restarting)
{
    if (restarting) {
        qCInfo(lcDownload) << displayUrl(m_request.url)
                           << "server sent the whole file instead of the rest; starting over";
    }
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    // Within half the download's buffer, so that reading never stops before the sink gives up
    // waiting (FileSink::write()).
    const qint64 smallLimit = std::min(
        {SmallFileBytes, m_options.checkpointEveryBytes, m_options.transferBufferBytes / 2});
    const bool small = !restarting && length.isValid() && length.toLongLong() >= 0
                       && length.toLongLong() <= smallLimit;
    const bool newName = !m_sink; // not one a checkpoint holds, with its .part
    if (newName)
        chooseName(small);
    m_resumeRanges = {};
    m_plan.reset();
    m_checkpointedBytes = 0;
    m_checkpoint.etag = m_reply->rawHeader("ETag");
    m_checkpoint.lastModified = HttpDate::strongLastModified(Http1Reply::lastModifiedOf(*m_reply),
                                                             m_reply->rawHeader("Date"));
    m_checkpoint.totalSize = length.isValid() ? length.toLongLong() : -1;
    m_checkpoint.ranges.clear();
    m_durableBytes = 0;
    m_checkpoint.durableRanges.clear();
    if (small) {
        // A small file waits in memory and reaches the disk in one job at its end, its only
        // record saved first in that job; no checkpoints (FileWriteJob::Finalize).
        m_smallFile = true;
        m_sink->setDeferred(smallLimit);
        m_sink->create(newName && !m_request.checksum && !m_request.allowOverwrite);
        return true;
    }
    // The record of this URL's name goes first: if it cannot be saved, no .part appears.
    saveCheckpoint(CheckpointKind::Quick);
    m_sink->open(true);
    return true;
}

bool Download::acceptPartialBody()
{
    const auto range = ContentRange::parse(m_reply->rawHeader("Content-Range"));
    if (!range || range->first < 0) {
        restartFromZero(u"unreadable Content-Range"_s);
        return false;
    }
    if (range->first != m_requestedOffset) {
        restartFromZero(u"asked for bytes from %1, got bytes from %2"_s.arg(m_requestedOffset)
                            .arg(range->first));
        return false;
    }
    if (m_requestedOffset == 0) {
        acceptFreshBody(false);
        m_checkpoint.totalSize = range->total;
        return true;
    }
    if (range->total >= 0 && m_checkpoint.totalSize >= 0
        && range->total != m_checkpoint.totalSize) {
        restartFromZero(
            u"the size changed from %1 to %2"_s.arg(m_checkpoint.totalSize).arg(range->total));
        return false;
    }
    const QByteArray etag = m_reply->rawHeader("ETag");
    if (!etag.isEmpty() && !m_checkpoint.etag.isEmpty() && etag != m_checkpoint.etag) {
        restartFromZero(u"the ETag changed"_s);
        return false;
    }
    const QByteArray lastModified = Http1Reply::lastModifiedOf(*m_reply);
    if (!lastModified.isEmpty() && !m_checkpoint.lastModified.isEmpty()
        && lastModified != m_checkpoint.lastModified) {
        restartFromZero(u"Last-Modified changed"_s);
        return false;
    }
    if (range->total >= 0)
        m_checkpoint.totalSize = range->total;
    return true;
}

void Download::restartFromZero(const QString &why)
{
    if (m_restartedOnce) {
        fail(TransferError::make(
            TransferError::Kind::Protocol, TransferError::Recovery::Retry, why));
        return;
    }
    qCInfo(lcDownload) << displayUrl(m_request.url) << "restarting from zero:" << why;
    m_restartedOnce = true;
    m_restartPending = true;
    m_reply->abort();
}

void Download::chooseName(bool exclusiveCreate)
{
    QString name = m_request.fileName;
    if (name.isEmpty()) {
        if (auto fromHeader =
                FileName::fromContentDisposition(m_reply->rawHeader("Content-Disposition"))) {
            name = *fromHeader;
        }
    }
    if (name.isEmpty())
        name = FileName::fromUrl(m_currentUrl);
    if (name.isEmpty())
        name = FileName::fromUrl(m_request.url);
    if (name.isEmpty())
        name = u"index.html"_s;
    name = FileName::sanitize(name);

    m_checkpoint.url = CheckpointStore::storedUrl(m_request.url);
    m_checkpoint.directory = m_request.directory;
    m_checkpoint.finalPath = m_services.names->reserve(
        m_request.directory, name, m_request.allowOverwrite, exclusiveCreate);
    m_checkpoint.partPath = NameRegistry::partPathFor(m_checkpoint.finalPath);
    m_reservedPath = m_checkpoint.finalPath;
    openSink(true);
}

void Download::openSink(bool truncate)
{
    m_sink =
        std::make_unique<FileSink>(m_services.fileJobs, m_services.budget, m_checkpoint.partPath);
    connect(m_sink.get(), &FileSink::idle, this, &Download::handleSinkIdle);
    connect(m_sink.get(), &FileSink::progressed, this, [this] {
        if (m_sink && m_sink->error() && m_phase == Phase::Requesting)
            fail(*m_sink->error());
        else
            pumpConnections(); // the writer took bytes: there is room again
    });
    if (!truncate)
        m_sink->open(false);
}

void Download::handleReadyRead()
{
    m_lastActivityMs = m_clock.elapsed();
    if (m_reply && !m_restartPending)
        m_reply->skip(m_reply->bytesAvailable()); // an error page or a redirect body
}

void Download::startTransfer(ByteRange body)
{
    // A 200 starts at byte 0 whatever was asked for (acceptFreshBody() forgot the old bytes).
    const qint64 total = m_checkpoint.totalSize;
    m_plan = std::make_unique<SegmentPlan>(total, m_resumeRanges);
    const qint64 laneEnd =
        total < 0 ? SegmentPlan::Unbounded : m_resumeRanges.nextCoveredFrom(body.begin, total);
    const int lane = m_plan->openLane(body.begin, laneEnd);
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    m_replyLinks.disconnectAll();
    addConnection(
        new Connection(reply, m_services.network, lane, body.end, connectionContext(), this));
    openConnections();
}

Connection::Context Download::connectionContext()
{
    Connection::Context context;
    context.plan = m_plan.get();
    context.sink = m_sink.get();
    context.budget = m_services.budget;
    context.limiter = m_services.limiter;
    context.rateConsumer = m_rateConsumer;
    context.http1Hosts = m_services.http1Hosts;
    context.bufferBytes = m_options.transferBufferBytes;
    context.http2SpillBytes = m_options.http2SpillBytes;
    context.stallTimeoutMs = m_options.stallTimeoutMs;
    context.cookies = m_cookieJar;
    return context;
}

void Download::addConnection(Connection *connection)
{
    m_connections.append(connection);
    connect(connection, &Connection::progressed, this, &Download::checkpointIfDue);
    connect(
        connection, &Connection::finished, this, [this, connection](const TransferError &error) {
            handleConnectionFinished(connection, error);
        });
    connection->pump();
}

QNetworkAccessManager *Download::takeSlot()
{
    if (!m_baseSlotInUse) {
        m_baseSlotInUse = true;
        return m_services.network;
    }
    if (m_services.mayAddConnection && !m_services.mayAddConnection())
        return nullptr;
    return m_services.pool->acquire(m_services.poolHost, m_currentUrl.scheme() == "http"_L1);
}

void Download::giveBackSlot(QNetworkAccessManager *network)
{
    if (m_baseSlotInUse && network == m_services.network)
        m_baseSlotInUse = false;
    else
        m_services.pool->release(m_services.poolHost, network);
}

void Download::openConnections()
{
    if (m_error || m_phase != Phase::Requesting || !m_plan || !m_rangesWork)
        return;
    const qint64 minSplit = std::max<qint64>(1, m_options.minSplitBytes);
    // Lanes are cut before any of their requests goes out: a request asks for its lane's end,
    // and a lane split after its request was sent wastes what the server sends beyond the cut.
    // A running connection's part is split only when it would not end soon at its own speed:
    // the cut costs a new request and whatever the server already sent past it.
    const auto worthSplitting = [this](int lane) {
        for (const Connection *connection : std::as_const(m_connections)) {
            if (connection->lane() != lane)
                continue;
            const qint64 age = connection->ageMs();
            if (age < SplitJudgeAfterMs)
                return true; // too early to tell
            const qint64 rate = connection->bytesReceived() * 1000 / age;
            return rate <= 0 || m_plan->remaining(lane) * 1000 / rate > SplitWorthMs;
        }
        return true; // its request has not gone out yet
    };
    QList<std::pair<int, QNetworkAccessManager *>> lanes;
    while (m_connections.size() + lanes.size() < m_maxConnections
           && m_plan->hasWorkFor(minSplit, worthSplitting)) {
        QNetworkAccessManager *network = takeSlot();
        if (!network)
            break; // the host is busy; the tick asks again
        lanes.append({*m_plan->openNextLane(minSplit, worthSplitting), network});
    }
    for (const auto &[lane, network] : lanes)
        sendSegment(lane, network);
}

void Download::sendSegment(int lane, QNetworkAccessManager *network)
{
    // HTTP/1.1: Qt 6.4 would carry every HTTP/2 request to a host over one connection, and a
    // second connection is the point of a segment.
    QNetworkRequest request = makeRequest(m_currentUrl, false);
    const qint64 first = m_plan->position(lane);
    const qint64 last = m_plan->end(lane) - 1;
    request.setRawHeader("Range",
                         "bytes=" + QByteArray::number(first) + '-' + QByteArray::number(last));
    request.setRawHeader(
        "If-Range", m_checkpoint.hasStrongEtag() ? m_checkpoint.etag : m_checkpoint.lastModified);
    m_services.pool->prepare(request, network);
    QNetworkReply *reply = Http1AccessManager::startGet(network, request);
    m_services.tls->watch(reply);
    const int connections = int(m_connections.size()) + 1;
    reply->setReadBufferSize(std::max(MinReplyReadBufferBytes, ReplyReadBufferBytes / connections));
    qCDebug(lcDownload) << displayUrl(m_request.url) << "segment" << first << last;
    addConnection(new Connection(reply,
                                 network,
                                 lane,
                                 Connection::Expectation{m_checkpoint.totalSize,
                                                         m_checkpoint.etag,
                                                         m_checkpoint.lastModified},
                                 connectionContext(),
                                 this));
}

void Download::handleConnectionFinished(Connection *connection, const TransferError &error)
{
    m_connections.removeOne(connection);
    const bool retired = m_retiring.remove(connection);
    m_received += connection->bytesReceived();
    // A connection may come and go between two ticks: its average counts as what is possible.
    m_slowJudge.noteFinished(
        connection, connection->bytesReceived(), connection->ageMs(), error.isNone());
    m_plan->closeLane(connection->lane());
    giveBackSlot(connection->network());
    connection->disconnect(this);
    connection->deleteLater(); // we are inside its signal

    if (!error.isNone() && !m_error && !retired) {
        if (connection->isMismatch()) {
            m_segmentsRefused = true;
            m_error = error;
        } else if (error.recovery == TransferError::Recovery::Fatal || m_connections.isEmpty()) {
            m_error = error;
        } else {
            // The others take over its part. It may have hit the server's own connection limit
            // (429, 503, a reset): do not open more than are working now.
            m_maxConnections = std::max(1, int(m_connections.size()));
            if (++m_segmentFailures > MaxSegmentFailures)
                m_error = error;
            qCInfo(lcDownload) << displayUrl(m_request.url)
                               << "a connection failed:" << error.detail;
        }
        if (m_error)
            stopConnections(*m_error);
    }
    checkpointIfDue();
    openConnections();
    if (retired && m_connections.isEmpty() && !m_error)
        m_error = error; // nobody took its part over (no slot): the attempt ends and retries
    if (m_connections.isEmpty())
        concludeTransfer();
}

void Download::pumpConnections()
{
    // Room is shared: whoever reads first may take it all, so the first reader rotates.
    const QList<Connection *> connections = m_connections;
    const qsizetype count = connections.size();
    if (count == 0)
        return;
    m_pumpStart = (m_pumpStart + 1) % count;
    for (qsizetype i = 0; i < count; ++i)
        connections.at((m_pumpStart + i) % count)->pump();
}

void Download::stopConnections(const TransferError &reason)
{
    const QList<Connection *> connections = m_connections;
    for (Connection *connection : connections)
        connection->stop(reason); // reports back at once
}

void Download::checkpointIfDue()
{
    if (!m_sink || !m_plan || m_sink->isDeferred())
        return;
    const qint64 now = m_clock.elapsed();
    const qint64 done = m_plan->bytesDone();
    if (done > m_durableBytes && now - m_lastDurableMs >= m_options.durableCheckpointEveryMs) {
        saveCheckpoint(CheckpointKind::Durable);
        return;
    }
    const qint64 fresh = done - m_checkpointedBytes;
    const qint64 since = now - m_lastCheckpointMs;
    if ((fresh >= m_options.checkpointEveryBytes && since >= MinCheckpointGapMs)
        || (fresh > 0 && since >= m_options.checkpointEveryMs)) {
        saveCheckpoint(CheckpointKind::Quick);
    }
}

void Download::saveCheckpoint(CheckpointKind kind)
{
    // Queued behind the writes of every byte it claims, so it is never ahead of the data.
    const qint64 now = m_clock.elapsed();
    const RangeSet &done = m_plan ? m_plan->done() : m_resumeRanges;
    m_checkpoint.ranges = done.ranges();
    m_checkpoint.bootId = Checkpoint::currentBootId();
    if (kind == CheckpointKind::Durable) {
        m_checkpoint.durableRanges = m_checkpoint.ranges;
        m_durableBytes = done.size();
        m_lastDurableMs = now;
    }
    m_sink->saveCheckpoint(m_checkpointPath, m_checkpoint, kind == CheckpointKind::Durable);
    m_recordFileMayExist = true;
    m_checkpointedBytes = done.size();
    m_lastCheckpointMs = now;
}

void Download::handleTick()
{
    if (m_reply && !m_replyDone) {
        if (m_clock.elapsed() - m_lastActivityMs >= m_options.stallTimeoutMs) {
            fail(TransferError::make(
                TransferError::Kind::Timeout,
                TransferError::Recovery::Retry,
                u"no data for %1 s"_s.arg(double(m_options.stallTimeoutMs) / 1000)));
        }
        return;
    }
    const QList<Connection *> connections = m_connections;
    for (Connection *connection : connections)
        connection->checkStall(); // may report back at once
    retireSlowConnection();
    openConnections(); // slots may have come free
}

void Download::retireSlowConnection()
{
    // Under a speed limit slowness is ours; and only a part of a known file can move to
    // another connection (without ranges, stopping the only one would end the download early).
    const bool limited = m_options.maxBytesPerSecond > 0 || m_services.limiter->globalLimit() > 0;
    const bool movable = m_rangesWork && m_plan && m_plan->totalSize() >= 0;
    const qint64 minSplit = std::max<qint64>(1, m_options.minSplitBytes);
    QList<SlowConnectionJudge::Sample> samples;
    for (Connection *connection : std::as_const(m_connections)) {
        samples.append({connection,
                        connection->bytesReceived(),
                        connection->hasUnreadBytes(),
                        movable && m_plan->remaining(connection->lane()) >= minSplit});
    }
    Connection *slowest =
        m_slowJudge.judge(m_clock.elapsed(), samples, !limited && !m_error && movable);
    if (slowest) {
        qCInfo(lcDownload) << displayUrl(m_request.url) << "replacing a slow connection";
        m_retiring.insert(slowest);
        slowest->stop(TransferError::make(
            TransferError::Kind::Network, TransferError::Recovery::Retry, u"too slow"_s));
    }
}

void Download::fail(const TransferError &error)
{
    if (!m_error)
        m_error = error;
    if (m_reply && !m_replyDone) {
        m_reply->abort(); // handleReplyFinished() concludes
        return;
    }
    stopConnections(*m_error); // the last one to report concludes
    if (m_phase == Phase::Requesting && !m_reply && m_connections.isEmpty())
        concludeTransfer();
}

void Download::handleReplyFinished()
{
    if (m_restartPending) {
        m_restartPending = false;
        releaseReply();
        m_resumeRanges = {};
        m_checkpoint.ranges.clear();
        m_checkpoint.etag.clear();
        m_checkpoint.lastModified.clear();
        m_checkpoint.totalSize = -1;
        if (m_error) {
            concludeTransfer();
            return;
        }
        sendRequest(m_request.url);
        return;
    }
    if (!m_error && !m_redirectTarget.isEmpty()) {
        const QUrl next = m_redirectTarget;
        if (auto refused = RedirectPolicy::check(m_currentUrl, next, m_redirects)) {
            m_error = std::move(refused);
        } else {
            ++m_redirects;
            releaseReply();
            sendRequest(next);
            return;
        }
    }
    m_replyDone = true;
    if (!m_error && !m_alreadyComplete) {
        if (m_reply->error() != QNetworkReply::NoError) {
            m_error = Connection::errorFrom(m_reply);
        } else {
            m_error = TransferError::make(TransferError::Kind::Protocol,
                                          TransferError::Recovery::Retry,
                                          u"status %1 without a body"_s.arg(m_httpStatus));
        }
    }
    concludeTransfer();
}

void Download::concludeTransfer()
{
    if (m_phase != Phase::Requesting)
        return;
    m_phase = Phase::Draining;
    m_tickTimer.stop();
    releaseReply();
    if (m_baseSlotHeld) { // no request goes out from here on: the host's slot is free
        m_baseSlotHeld = false;
        m_services.pool->release(m_services.poolHost, m_services.network);
    }
    if (!m_error && !m_alreadyComplete && m_plan && m_plan->totalSize() >= 0
        && !m_plan->isComplete()) {
        m_error =
            TransferError::make(TransferError::Kind::Network,
                                TransferError::Recovery::Retry,
                                u"the transfer ended with %1 of %2 bytes"_s.arg(m_plan->bytesDone())
                                    .arg(m_plan->totalSize()));
    }
    if (!m_sink) {
        finish(m_error.value_or(TransferError::make(
            TransferError::Kind::Protocol, TransferError::Recovery::Retry, u"no data"_s)));
        return;
    }
    if (!m_error && m_services.transferred)
        m_services.transferred();
    if (m_sink->isDeferred()) {
        // A small file still in memory: nothing on disk to keep or to wait for.
        if (m_error) {
            m_sink->dropDeferred();
            finish(*m_error);
        } else {
            finalize();
        }
        return;
    }
    // A download that stops early leaves a durable record of what it has.
    if (m_error && !m_sink->error()) {
        saveCheckpoint(CheckpointKind::Durable);
    } else if (m_sink->error() && m_plan) {
        // A full disk: keep what did reach the file, so it continues from there later.
        m_recordFileMayExist = true;
        m_sink->saveCheckpointAfterFailure(
            m_checkpointPath, m_checkpoint, m_resumeRanges, m_plan->done());
    }
    if (m_sink->isIdle())
        handleSinkIdle();
}

void Download::handleSinkIdle()
{
    if (m_phase == Phase::Requesting) {
        pumpConnections();
        return;
    }
    if (m_phase == Phase::Finalizing && m_smallFile && m_sink->error()) {
        finish(*m_sink->error()); // the job removed what it had written
        return;
    }
    if (m_phase != Phase::Draining)
        return;
    // A full disk outranks a network error and a user's stop: it is what the user must act on.
    if (m_sink->error())
        m_error = m_sink->error();
    if (m_error) {
        finish(*m_error);
        return;
    }
    finalize();
}

void Download::finalize()
{
    m_phase = Phase::Finalizing;
    if (!m_smallFile)
        discardSink(); // closes the file once the current signal is done
    if (m_checkpoint.totalSize < 0)
        m_checkpoint.totalSize = bytesDone();
    if (m_plan)
        m_checkpoint.ranges = m_plan->done().ranges();

    FinalizeJob job;
    job.partPath = m_checkpoint.partPath;
    job.finalPath = m_checkpoint.finalPath;
    job.checksum = m_request.checksum;
    job.allowOverwrite = m_request.allowOverwrite;
    job.checkpointPath = m_checkpointPath;
    job.checkpoint = m_checkpoint;
    job.recordFileMayExist = m_recordFileMayExist;
    if (m_smallFile) {
        // One job creates, writes, renames and records the file.
        connect(m_sink.get(), &FileSink::finalized, this, &Download::handleFinalResult);
        m_sink->finalize(job, true); // its record goes first, and is its only one
        return;
    }
    runFileJob([job] { return job.run(); },
               [this](const Result<QString> &result) { handleFinalResult(result); });
}

void Download::runFileJob(std::function<Result<QString>()> work,
                          std::function<void(const Result<QString> &)> then)
{
    // The watcher of a job whose result leads here may still be emitting: let it go later.
    if (m_finalizer)
        m_finalizer.release()->deleteLater();
    m_finalizer = std::make_unique<QFutureWatcher<Result<QString>>>();
    QFutureWatcher<Result<QString>> *watcher = m_finalizer.get();
    connect(watcher, &QFutureWatcher<Result<QString>>::finished, this, [watcher, then] {
        then(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(m_services.fileJobs->pool(), std::move(work)));
}

void Download::handleFinalResult(const Result<QString> &result)
{
    if (!result) {
        finish(result.error());
        return;
    }
    m_checkpoint.finalPath = result.value();
    emit metadataChanged();
    finish({});
}

void Download::finish(const TransferError &error)
{
    m_phase = Phase::Done;
    m_tickTimer.stop();
    releaseReply();
    discardSink();
    if (!m_reservedPath.isEmpty()) {
        m_services.names->release(std::exchange(m_reservedPath, {}));
    }
    if (m_baseSlotHeld) {
        m_baseSlotHeld = false;
        m_services.pool->release(m_services.poolHost, m_services.network);
    }
    if (m_rateConsumer != 0) {
        m_services.limiter->disconnect(this);
        m_services.limiter->removeConsumer(std::exchange(m_rateConsumer, 0));
    }
    m_lock.reset(); // unlocks
    emit finished(error);
}

void Download::discardSink()
{
    // Often reached from inside one of the sink's own signals: it must outlive that emission.
    if (m_sink) {
        m_sink->disconnect(this);
        m_sink->closeWhenIdle();
        m_sink->setParent(this); // gone with this download at the latest
        m_sink.release()->deleteLater();
    }
}

void Download::releaseReply()
{
    m_replyLinks.disconnectAll();
    if (!m_reply)
        return;
    if (!m_reply->isFinished())
        m_reply->abort();
    m_reply->deleteLater();
    m_reply = nullptr;
}

} // namespace Ferry
