#include "download.h"

#include "core/checkpointstore.h"
#include "core/downloadlock.h"
#include "core/filename.h"
#include "core/filesink.h"
#include "core/finalizejob.h"
#include "core/httpdate.h"
#include "core/memorybudget.h"
#include "core/nameregistry.h"
#include "core/redirectpolicy.h"
#include "core/retrypolicy.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QThreadPool>
#include <QtConcurrentRun>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ferry {

Q_LOGGING_CATEGORY(lcDownload, "ferry.core.download", QtWarningMsg)

namespace {

constexpr qint64 ReplyReadBufferBytes = 1 << 20;
constexpr qint64 MaxChunkBytes = 1 << 20;

struct ContentRange
{
    qint64 first = -1;
    qint64 last = -1;
    qint64 total = -1; // -1 for "*"
};

// "bytes 100-199/1000", "bytes 100-199/*" or "bytes */1000" (first = last = -1).
std::optional<ContentRange> parseContentRange(const QByteArray &value)
{
    const QByteArray text = value.trimmed();
    if (!text.startsWith("bytes "))
        return std::nullopt;
    const QByteArray spec = text.mid(6).trimmed();
    const qsizetype slash = spec.indexOf('/');
    if (slash < 0)
        return std::nullopt;
    ContentRange range;
    const QByteArray totalText = spec.mid(slash + 1);
    bool ok = true;
    if (totalText != "*") {
        range.total = totalText.toLongLong(&ok);
        if (!ok || range.total < 0)
            return std::nullopt;
    }
    const QByteArray span = spec.left(slash);
    if (span == "*")
        return range;
    const qsizetype dash = span.indexOf('-');
    if (dash <= 0)
        return std::nullopt;
    bool firstOk = false;
    bool lastOk = false;
    range.first = span.left(dash).toLongLong(&firstOk);
    range.last = span.mid(dash + 1).toLongLong(&lastOk);
    if (!firstOk || !lastOk || range.first < 0 || range.last < range.first
        || (range.total >= 0 && range.last >= range.total)) {
        return std::nullopt;
    }
    return range;
}

bool isStrongEtag(const QByteArray &etag)
{
    return etag.startsWith('"');
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
{
    m_stallTimer.setInterval(int(std::clamp<qint64>(m_options.stallTimeoutMs / 4, 50, 1000)));
    connect(&m_stallTimer, &QTimer::timeout, this, &Download::handleStallCheck);
    connect(m_services.budget, &MemoryBudget::released, this, &Download::pump);
    m_clock.start();
}

Download::~Download()
{
    releaseReply();
    if (!m_reservedPath.isEmpty())
        m_services.names->release(m_reservedPath);
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
    if (!QDir().mkpath(m_request.directory)) {
        finish(TransferError::make(
            TransferError::Kind::FileSystem,
            TransferError::Recovery::Fatal,
            u"cannot create the folder %1"_s.arg(QDir::toNativeSeparators(m_request.directory))));
        return;
    }

    // One process and one item per download: a second would write into the same .part.
    m_lock = std::make_unique<DownloadLock>(m_checkpointPath + u".lock"_s);
    const QString stateFolder = QFileInfo(m_checkpointPath).absolutePath();
    if (!QDir().mkpath(stateFolder)) {
        m_lock.reset();
        finish(TransferError::make(TransferError::Kind::FileSystem,
                                   TransferError::Recovery::Fatal,
                                   u"cannot create the folder for resume records %1"_s.arg(
                                       QDir::toNativeSeparators(stateFolder))));
        return;
    }
    if (!m_lock->tryLock()) {
        m_lock.reset();
        finish(TransferError::make(
            TransferError::Kind::FileSystem,
            TransferError::Recovery::Fatal,
            u"this URL is already being downloaded into %1 (by another run or item)"_s.arg(
                QDir::toNativeSeparators(m_request.directory))));
        return;
    }

    if (std::optional<Checkpoint> saved =
            m_services.checkpoints->load(m_request.directory, url, m_request.fileName)) {
        if (saved->completed) {
            const QFileInfo done(saved->finalPath);
            if (done.isFile() && (saved->totalSize < 0 || done.size() == saved->totalSize)) {
                m_checkpoint = *saved;
                m_offset = done.size();
                m_skipped = true;
                if (m_request.checksum)
                    verifyExisting(); // asked to check: the file on disk, not the record, decides
                else
                    finish({});
                return;
            }
            CheckpointStore::remove(m_checkpointPath); // the file went away: fetch it again
        } else if (!m_services.names->isReserved(saved->finalPath)) {
            const QFileInfo part(saved->partPath);
            const QByteArray bootId = Checkpoint::currentBootId();
            const qint64 trusted = Checkpoint::prefixOf(saved->trustedRanges(bootId));
            // Without a strong validator a changed file cannot be told from the old one, and
            // resuming could splice two versions: start over instead.
            const bool verifiable = isStrongEtag(saved->etag) || !saved->lastModified.isEmpty();
            if (part.isFile() && part.size() >= trusted && verifiable) {
                m_checkpoint = *saved;
                m_offset = trusted;
                m_checkpointedOffset = m_offset;
                m_checkpoint.ranges.clear();
                if (m_offset > 0)
                    m_checkpoint.ranges.append({0, m_offset});
                m_durableOffset = qMin(m_offset, Checkpoint::prefixOf(saved->durableRanges));
                m_checkpoint.durableRanges.clear();
                if (m_durableOffset > 0)
                    m_checkpoint.durableRanges.append({0, m_durableOffset});
                m_reservedPath = m_checkpoint.finalPath;
                m_services.names->claim(m_reservedPath);
                openSink(false);
                qCDebug(lcDownload) << "resuming" << displayUrl(url) << "at" << m_offset;
            } else {
                // Its .part (checked to be inside the folder) cannot be continued: starting
                // over under the same name beats leaving it behind and saving "name (1)".
                QFile::remove(saved->partPath);
                CheckpointStore::remove(m_checkpointPath);
            }
        }
    }
    emit metadataChanged();
    sendRequest(m_request.url);
}

void Download::stop(const TransferError &reason)
{
    if (m_phase != Phase::Requesting)
        return; // finalizing finishes by itself, and soon
    if (!m_error)
        m_error = reason;
    if (m_reply && !m_replyDone)
        m_reply->abort(); // emits finished() right away
}

void Download::sendRequest(const QUrl &target)
{
    QNetworkRequest request(target);
    // Offsets must mean the same on every attempt: no transparent decompression.
    request.setRawHeader("Accept-Encoding", "identity");
    // Redirects are followed here, not by Qt, so every hop is checked the same way.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    // HTTP/2 when the server offers it, unless this host's HTTP/2 already outran the disk
    // (see pump()).
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute,
                         !m_services.http1Hosts->contains(target.host().toLower()));
    if (!m_services.caCertificates->isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(*m_services.caCertificates);
        request.setSslConfiguration(tls);
    }
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setTransferTimeout(0); // our own stall detection knows when we stopped reading
    if (!m_options.userAgent.isEmpty())
        request.setHeader(QNetworkRequest::UserAgentHeader, m_options.userAgent);

    m_requestedOffset = m_offset;
    if (m_offset > 0) {
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_offset) + '-');
        if (isStrongEtag(m_checkpoint.etag))
            request.setRawHeader("If-Range", m_checkpoint.etag);
        else if (!m_checkpoint.lastModified.isEmpty())
            request.setRawHeader("If-Range", m_checkpoint.lastModified);
    }

    m_headersHandled = false;
    m_bodyAccepted = false;
    m_bodyEnd = -1;
    m_replyDone = false;
    m_alreadyComplete = false;
    m_httpStatus = 0;
    m_redirectTarget.clear();
    m_currentUrl = target;

    QNetworkReply *reply = m_services.network->get(request);
    m_reply = reply;
    reply->setReadBufferSize(ReplyReadBufferBytes);
    connect(reply, &QNetworkReply::metaDataChanged, this, &Download::handleMetaData);
    connect(reply, &QNetworkReply::readyRead, this, &Download::handleReadyRead);
    connect(reply, &QNetworkReply::finished, this, &Download::handleReplyFinished);
    m_lastActivityMs = m_clock.elapsed();
    m_stallTimer.start();
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
    m_http2 = m_reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
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
            const auto range = parseContentRange(m_reply->rawHeader("Content-Range"));
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
    const bool accepted =
        status == 206 ? acceptPartialBody() : acceptFreshBody(m_requestedOffset > 0);
    if (!accepted)
        return;
    m_bodyAccepted = true;
    emit metadataChanged();
}

bool Download::acceptFreshBody(bool restarting)
{
    if (restarting) {
        qCInfo(lcDownload) << displayUrl(m_request.url)
                           << "server sent the whole file instead of the rest; starting over";
    }
    if (!m_sink)
        chooseName();
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    m_offset = 0;
    m_checkpointedOffset = 0;
    m_checkpoint.etag = m_reply->rawHeader("ETag");
    m_checkpoint.lastModified = strongLastModified();
    m_checkpoint.totalSize = length.isValid() ? length.toLongLong() : -1;
    m_bodyEnd = m_checkpoint.totalSize;
    m_checkpoint.ranges.clear();
    m_durableOffset = 0;
    m_checkpoint.durableRanges.clear();
    // The record of this URL's name goes first: if it cannot be saved, no .part appears.
    saveCheckpoint(CheckpointKind::Quick);
    m_sink->open(true);
    return true;
}

QByteArray Download::strongLastModified() const
{
    // RFC 9110 8.8.2.2: a modification date is a strong validator only when the server's own
    // clock says it is at least a minute old; a newer one may change again within its second.
    const QByteArray lastModified = m_reply->rawHeader("Last-Modified");
    const auto modified = HttpDate::parse(lastModified);
    const auto now = HttpDate::parse(m_reply->rawHeader("Date"));
    if (!modified || !now || modified->secsTo(*now) < 60)
        return {};
    return lastModified;
}

bool Download::acceptPartialBody()
{
    const auto range = parseContentRange(m_reply->rawHeader("Content-Range"));
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
        m_bodyEnd = range->last + 1;
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
    const QByteArray lastModified = m_reply->rawHeader("Last-Modified");
    if (!lastModified.isEmpty() && !m_checkpoint.lastModified.isEmpty()
        && lastModified != m_checkpoint.lastModified) {
        restartFromZero(u"Last-Modified changed"_s);
        return false;
    }
    if (range->total >= 0)
        m_checkpoint.totalSize = range->total;
    m_bodyEnd = range->last + 1;
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

void Download::chooseName()
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
    m_checkpoint.finalPath =
        m_services.names->reserve(m_request.directory, name, m_request.allowOverwrite);
    m_checkpoint.partPath = NameRegistry::partPathFor(m_checkpoint.finalPath);
    m_reservedPath = m_checkpoint.finalPath;
    openSink(true);
}

void Download::openSink(bool truncate)
{
    m_sink =
        std::make_unique<FileSink>(m_services.filePool, m_services.budget, m_checkpoint.partPath);
    connect(m_sink.get(), &FileSink::idle, this, &Download::handleSinkIdle);
    connect(m_sink.get(), &FileSink::progressed, this, [this] {
        if (m_sink && m_sink->error() && m_phase == Phase::Requesting)
            fail(*m_sink->error());
    });
    if (!truncate)
        m_sink->open(false);
}

void Download::handleReadyRead()
{
    m_lastActivityMs = m_clock.elapsed();
    if (m_bodyAccepted)
        pump();
    else if (m_reply && !m_restartPending)
        m_reply->skip(m_reply->bytesAvailable()); // an error page or a redirect body
}

void Download::pump()
{
    if (!m_reply || !m_bodyAccepted || !m_sink)
        return;
    while (m_reply->bytesAvailable() > 0 && !m_sink->error()) {
        const qint64 room = std::min(m_options.transferBufferBytes - m_sink->pendingBytes(),
                                     m_services.budget->available());
        if (room <= 0)
            break; // the writer lags: leave the bytes in the reply, so TCP pushes back
        QByteArray chunk =
            m_reply->read(std::min({room, MaxChunkBytes, m_reply->bytesAvailable()}));
        if (chunk.isEmpty())
            break;
        if (m_bodyEnd >= 0 && m_offset + chunk.size() > m_bodyEnd) {
            fail(TransferError::make(TransferError::Kind::Protocol,
                                     TransferError::Recovery::Retry,
                                     u"the server sent more than the %1 bytes it announced"_s.arg(
                                         m_bodyEnd - m_requestedOffset)));
            return;
        }
        const qint64 size = chunk.size();
        m_sink->write(m_offset, std::move(chunk));
        m_offset += size;
        m_received += size;
    }
    checkpointIfDue();
    // Qt 6.4 acknowledges HTTP/2 data as it arrives whether or not it is read, so the reply's
    // read buffer limit stops nothing there: past a bound, continue over HTTP/1.1.
    if (m_http2 && !m_replyDone && m_reply->bytesAvailable() > m_options.http2SpillBytes) {
        m_services.http1Hosts->insert(m_currentUrl.host().toLower());
        fail(TransferError::make(TransferError::Kind::Network,
                                 TransferError::Recovery::Retry,
                                 u"HTTP/2 data came faster than the disk takes it; continuing "
                                 u"over HTTP/1.1"_s));
        return;
    }
    if (m_replyDone && m_reply && (m_reply->bytesAvailable() == 0 || m_sink->error()))
        afterReply();
}

void Download::checkpointIfDue()
{
    if (!m_sink)
        return;
    const qint64 now = m_clock.elapsed();
    if (m_offset > m_durableOffset && now - m_lastDurableMs >= m_options.durableCheckpointEveryMs) {
        saveCheckpoint(CheckpointKind::Durable);
        return;
    }
    const qint64 fresh = m_offset - m_checkpointedOffset;
    if (fresh >= m_options.checkpointEveryBytes
        || (fresh > 0 && now - m_lastCheckpointMs >= m_options.checkpointEveryMs)) {
        saveCheckpoint(CheckpointKind::Quick);
    }
}

void Download::saveCheckpoint(CheckpointKind kind)
{
    // Queued behind the writes of every byte it claims, so it is never ahead of the data.
    const qint64 now = m_clock.elapsed();
    m_checkpoint.ranges.clear();
    if (m_offset > 0)
        m_checkpoint.ranges.append({0, m_offset});
    m_checkpoint.bootId = Checkpoint::currentBootId();
    if (kind == CheckpointKind::Durable) {
        m_checkpoint.durableRanges = m_checkpoint.ranges;
        m_durableOffset = m_offset;
        m_lastDurableMs = now;
    }
    m_sink->saveCheckpoint(m_checkpointPath, m_checkpoint, kind == CheckpointKind::Durable);
    m_checkpointedOffset = m_offset;
    m_lastCheckpointMs = now;
}

void Download::handleStallCheck()
{
    if (!m_reply || m_replyDone)
        return;
    const qint64 now = m_clock.elapsed();
    if (m_bodyAccepted && m_reply->bytesAvailable() > 0) {
        m_lastActivityMs = now; // we are the ones not reading
        return;
    }
    if (now - m_lastActivityMs >= m_options.stallTimeoutMs) {
        fail(TransferError::make(
            TransferError::Kind::Timeout,
            TransferError::Recovery::Retry,
            u"no data for %1 s"_s.arg(double(m_options.stallTimeoutMs) / 1000)));
    }
}

void Download::fail(const TransferError &error)
{
    if (!m_error)
        m_error = error;
    if (m_reply && !m_replyDone)
        m_reply->abort();
    else if (m_phase == Phase::Requesting && !m_reply)
        afterReply();
}

void Download::handleReplyFinished()
{
    m_stallTimer.stop();
    if (m_restartPending) {
        m_restartPending = false;
        releaseReply();
        m_offset = 0;
        m_checkpoint.ranges.clear();
        m_checkpoint.etag.clear();
        m_checkpoint.lastModified.clear();
        m_checkpoint.totalSize = -1;
        if (m_error) {
            afterReply();
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
            m_error = errorFromReply();
        } else if (!m_bodyAccepted) {
            m_error = TransferError::make(TransferError::Kind::Protocol,
                                          TransferError::Recovery::Retry,
                                          u"status %1 without a body"_s.arg(m_httpStatus));
        }
    }
    if (m_bodyAccepted)
        pump(); // bytes that arrived before the end are good data; afterReply() when empty
    else
        afterReply();
}

void Download::afterReply()
{
    if (m_phase != Phase::Requesting)
        return;
    m_phase = Phase::Draining;
    m_stallTimer.stop();
    releaseReply();
    if (!m_error && m_checkpoint.totalSize >= 0 && m_offset != m_checkpoint.totalSize) {
        m_error =
            TransferError::make(TransferError::Kind::Network,
                                TransferError::Recovery::Retry,
                                u"the connection ended after %1 of %2 bytes"_s.arg(m_offset).arg(
                                    m_checkpoint.totalSize));
    }
    if (!m_sink) {
        finish(m_error.value_or(TransferError::make(
            TransferError::Kind::Protocol, TransferError::Recovery::Retry, u"no data"_s)));
        return;
    }
    // A download that stops early leaves a durable record of what it has.
    if (m_error && !m_sink->error())
        saveCheckpoint(CheckpointKind::Durable);
    if (m_sink->isIdle())
        handleSinkIdle();
}

void Download::handleSinkIdle()
{
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
    discardSink(); // closes the file once the current signal is done
    if (m_checkpoint.totalSize < 0)
        m_checkpoint.totalSize = m_offset;

    FinalizeJob job;
    job.partPath = m_checkpoint.partPath;
    job.finalPath = m_checkpoint.finalPath;
    job.checksum = m_request.checksum;
    job.allowOverwrite = m_request.allowOverwrite;
    job.checkpointPath = m_checkpointPath;
    job.checkpoint = m_checkpoint;
    m_finalizer = std::make_unique<QFutureWatcher<Result<QString>>>();
    connect(m_finalizer.get(),
            &QFutureWatcher<Result<QString>>::finished,
            this,
            &Download::handleFinalized);
    m_finalizer->setFuture(QtConcurrent::run(m_services.filePool, [job] { return job.run(); }));
}

void Download::verifyExisting()
{
    m_phase = Phase::Finalizing;
    const QString path = m_checkpoint.finalPath;
    const ChecksumSpec checksum = *m_request.checksum;
    m_finalizer = std::make_unique<QFutureWatcher<Result<QString>>>();
    connect(m_finalizer.get(),
            &QFutureWatcher<Result<QString>>::finished,
            this,
            &Download::handleFinalized);
    m_finalizer->setFuture(QtConcurrent::run(m_services.filePool, [path, checksum] {
        if (std::optional<TransferError> error = FinalizeJob::verify(path, checksum))
            return Result<QString>(*error);
        return Result<QString>(path);
    }));
}

void Download::handleFinalized()
{
    const Result<QString> result = m_finalizer->result();
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
    m_stallTimer.stop();
    releaseReply();
    discardSink();
    if (!m_reservedPath.isEmpty()) {
        m_services.names->release(std::exchange(m_reservedPath, {}));
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
    if (!m_reply)
        return;
    m_reply->disconnect(this);
    if (!m_reply->isFinished())
        m_reply->abort();
    m_reply->deleteLater();
    m_reply = nullptr;
}

TransferError Download::errorFromReply() const
{
    TransferError error;
    error.networkError = m_reply->error();
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 400) {
        error.kind = TransferError::Kind::Http;
        error.httpStatus = status;
        error.detail = m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        if (const QByteArray retryAfter = m_reply->rawHeader("Retry-After");
            !retryAfter.isEmpty()) {
            error.retryAfterMs =
                RetryPolicy::parseRetryAfterMs(retryAfter, QDateTime::currentDateTimeUtc())
                    .value_or(-1);
        }
    } else {
        switch (error.networkError) {
        case QNetworkReply::SslHandshakeFailedError:
            error.kind = TransferError::Kind::Tls;
            break;
        case QNetworkReply::TooManyRedirectsError:
        case QNetworkReply::InsecureRedirectError:
            error.kind = TransferError::Kind::Redirect;
            break;
        case QNetworkReply::TimeoutError:
            error.kind = TransferError::Kind::Timeout;
            break;
        case QNetworkReply::ProtocolUnknownError:
            error.kind = TransferError::Kind::InvalidUrl;
            break;
        default:
            error.kind = TransferError::Kind::Network;
            break;
        }
        error.detail = m_reply->errorString();
    }
    error.recovery = RetryPolicy::classify(error.networkError, error.httpStatus);
    return error;
}

} // namespace Ferry
