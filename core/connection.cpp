#include "connection.h"

#include "core/authhandler.h"
#include "core/contentrange.h"
#include "core/cookiestore.h"
#include "core/filesink.h"
#include "core/http1reply.h"
#include "core/memorybudget.h"
#include "core/ratelimiter.h"
#include "core/retrypolicy.h"
#include "core/segmentplan.h"
#include "core/tlspolicy.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace Ferry {

Q_LOGGING_CATEGORY(lcConnection, "ferry.core.connection", QtWarningMsg)

namespace {

constexpr qint64 MaxChunkBytes = 1 << 20;

TransferError mismatch(const QString &why)
{
    return TransferError::make(TransferError::Kind::Protocol,
                               TransferError::Recovery::Retry,
                               u"a segment answer does not match the file: "_s + why);
}

} // namespace

Connection::Connection(QNetworkReply *reply,
                       QNetworkAccessManager *network,
                       int lane,
                       qint64 bodyEnd,
                       const Context &context,
                       QObject *parent)
    : QObject(parent)
    , m_reply(reply)
    , m_network(network)
    , m_lane(lane)
    , m_context(context)
    , m_bodyEnd(bodyEnd)
    , m_accepted(true)
{
    m_httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_http2 = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    attach();
}

Connection::Connection(QNetworkReply *reply,
                       QNetworkAccessManager *network,
                       int lane,
                       const Expectation &expectation,
                       const Context &context,
                       QObject *parent)
    : QObject(parent)
    , m_reply(reply)
    , m_network(network)
    , m_lane(lane)
    , m_context(context)
    , m_expectation(expectation)
{
    attach();
}

Connection::~Connection()
{
    if (m_rateReader != 0)
        m_context.limiter->removeReader(m_rateReader);
    m_replyLinks.disconnectAll();
    if (m_reply) {
        if (!m_reply->isFinished())
            m_reply->abort();
        m_reply->deleteLater();
    }
}

void Connection::attach()
{
    m_rateReader = m_context.limiter->addReader(m_context.rateConsumer);
    m_clock.start();
    m_replyLinks.add(
        connect(m_reply, &QNetworkReply::metaDataChanged, this, &Connection::handleMetaData));
    m_replyLinks.add(
        connect(m_reply, &QNetworkReply::readyRead, this, &Connection::handleReadyRead));
    m_replyLinks.add(
        connect(m_reply, &QNetworkReply::finished, this, &Connection::handleReplyFinished));
}

void Connection::handleMetaData()
{
    if (!m_reply || m_accepted || m_done)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return;
    m_httpStatus = status;
    m_lastActivityMs = m_clock.elapsed();
    if (m_context.cookies) // any answer's cookies count, as a browser keeps them
        CookieStore::keepCookies(m_reply, m_reply->url(), m_context.cookies);
    if (status == 416) {
        // The file is shorter than the last answer said: another version.
        m_mismatch = true;
        fail(mismatch(u"the server refused the range"_s));
        return;
    }
    if (status >= 400)
        return; // the error page is skipped; finished() tells the rest
    if (status == 200) {
        // If-Range said "changed", or the server does not do ranges for this request.
        m_mismatch = true;
        fail(mismatch(u"the server sent the whole file"_s));
        return;
    }
    if (status != 206) {
        fail(TransferError::make(TransferError::Kind::Protocol,
                                 TransferError::Recovery::Retry,
                                 u"status %1 to a segment request"_s.arg(status)));
        return;
    }
    const Expectation &expected = *m_expectation;
    const qint64 begin = m_context.plan->position(m_lane);
    const auto range = ContentRange::parse(m_reply->rawHeader("Content-Range"));
    QString why;
    if (!range || range->first < 0)
        why = u"unreadable Content-Range"_s;
    else if (range->first != begin)
        why = u"asked for bytes from %1, got bytes from %2"_s.arg(begin).arg(range->first);
    else if (range->total != expected.totalSize)
        why = u"the size changed from %1 to %2"_s.arg(expected.totalSize).arg(range->total);
    else if (const QByteArray etag = m_reply->rawHeader("ETag");
             !etag.isEmpty() && !expected.etag.isEmpty() && etag != expected.etag)
        why = u"the ETag changed"_s;
    else if (const QByteArray modified = Http1Reply::lastModifiedOf(*m_reply);
             !modified.isEmpty() && !expected.lastModified.isEmpty()
             && modified != expected.lastModified)
        why = u"Last-Modified changed"_s;
    if (!why.isEmpty()) {
        m_mismatch = true;
        fail(mismatch(why));
        return;
    }
    m_bodyEnd = range->last + 1;
    m_http2 = m_reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool();
    m_expectation.reset();
    m_accepted = true;
}

bool Connection::hasUnreadBytes() const
{
    return m_reply && m_reply->bytesAvailable() > 0;
}

void Connection::handleReadyRead()
{
    m_lastActivityMs = m_clock.elapsed();
    if (m_accepted)
        pump();
    else if (m_reply && !m_done)
        m_reply->skip(m_reply->bytesAvailable()); // an error page
}

void Connection::pump()
{
    if (!m_reply || !m_accepted || m_done)
        return;
    SegmentPlan &plan = *m_context.plan;
    FileSink &sink = *m_context.sink;
    bool wrote = false;
    while (m_reply->bytesAvailable() > 0 && !sink.error()) {
        const qint64 position = plan.position(m_lane);
        const qint64 laneLeft = plan.end(m_lane) - position;
        if (laneLeft <= 0)
            break;
        const qint64 room =
            std::min(m_context.bufferBytes - sink.pendingBytes(), m_context.budget->available());
        if (room <= 0) {
            m_context.budget->noteWaiting();
            break; // the writer lags: leave the bytes in the reply, so TCP pushes back
        }
        // Asked last, for exactly what is read now: granted bytes are spent.
        const qint64 allowed = m_context.limiter->take(
            m_rateReader, std::min({room, MaxChunkBytes, m_reply->bytesAvailable(), laneLeft}));
        if (allowed <= 0)
            break; // a speed limit: the limiter's refilled() brings us back
        QByteArray chunk = m_reply->read(allowed);
        if (chunk.isEmpty())
            break;
        const qint64 size = chunk.size();
        if (m_bodyEnd >= 0 && position + size > m_bodyEnd) {
            fail(TransferError::make(
                TransferError::Kind::Protocol,
                TransferError::Recovery::Retry,
                u"the server sent more than it announced (the body should end at byte %1)"_s.arg(
                    m_bodyEnd)));
            return;
        }
        sink.write(position, std::move(chunk));
        plan.advance(m_lane, size);
        m_received += size;
        wrote = true;
    }
    if (wrote)
        emit progressed(); // may stop us
    if (m_done || !m_reply)
        return;
    if (plan.position(m_lane) >= plan.end(m_lane)) {
        finish({}); // the lane is complete; the rest of the body belongs to another lane
        return;
    }
    // Qt 6.4 acknowledges HTTP/2 data as it arrives whether or not it is read, so the reply's
    // read buffer limit stops nothing there: past a bound, continue over HTTP/1.1.
    if (m_http2 && !m_replyDone && m_reply->bytesAvailable() > m_context.http2SpillBytes) {
        m_context.http1Hosts->insert(m_reply->url().host().toLower());
        fail(TransferError::make(TransferError::Kind::Network,
                                 TransferError::Recovery::Retry,
                                 u"HTTP/2 data came faster than the disk takes it; continuing "
                                 u"over HTTP/1.1"_s));
        return;
    }
    if (m_replyDone && (m_reply->bytesAvailable() == 0 || sink.error()))
        handleReplyFinished();
}

void Connection::handleReplyFinished()
{
    if (m_done)
        return;
    if (!m_replyDone) {
        m_replyDone = true;
        if (!m_error && m_reply->error() != QNetworkReply::NoError)
            m_error = errorFrom(m_reply);
        if (!m_error && !m_accepted) {
            m_error = TransferError::make(TransferError::Kind::Protocol,
                                          TransferError::Recovery::Retry,
                                          u"status %1 without a body"_s.arg(m_httpStatus));
        }
        if (m_accepted && !m_error) {
            pump(); // bytes that arrived before the end are good data; back here when empty
            return;
        }
    }
    if (m_error) {
        finish(*m_error);
        return;
    }
    const SegmentPlan &plan = *m_context.plan;
    const qint64 end = plan.end(m_lane);
    const qint64 position = plan.position(m_lane);
    if (end != SegmentPlan::Unbounded && position < end) {
        finish(TransferError::make(
            TransferError::Kind::Network,
            TransferError::Recovery::Retry,
            u"the connection ended at byte %1, before byte %2"_s.arg(position).arg(end)));
        return;
    }
    finish({});
}

void Connection::stop(const TransferError &reason)
{
    fail(reason);
}

void Connection::checkStall()
{
    if (!m_reply || m_replyDone || m_done)
        return;
    const qint64 now = m_clock.elapsed();
    if (m_accepted && m_reply->bytesAvailable() > 0) {
        m_lastActivityMs = now; // we are the ones not reading
        return;
    }
    if (now - m_lastActivityMs >= m_context.stallTimeoutMs) {
        fail(TransferError::make(
            TransferError::Kind::Timeout,
            TransferError::Recovery::Retry,
            u"no data for %1 s"_s.arg(double(m_context.stallTimeoutMs) / 1000)));
    }
}

void Connection::fail(const TransferError &error)
{
    if (m_done)
        return;
    if (!m_error)
        m_error = error;
    finish(*m_error);
}

void Connection::finish(const TransferError &error)
{
    if (m_done)
        return;
    m_done = true;
    m_replyLinks.disconnectAll();
    if (m_reply) {
        if (!m_reply->isFinished())
            m_reply->abort();
    }
    m_context.limiter->removeReader(std::exchange(m_rateReader, 0));
    emit finished(error);
}

TransferError Connection::errorFrom(const QNetworkReply *reply)
{
    if (std::optional<TransferError> login = AuthHandler::errorFor(reply))
        return *login;
    TransferError error;
    error.networkError = reply->error();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 400) {
        error.kind = TransferError::Kind::Http;
        error.httpStatus = status;
        error.detail = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        if (const QByteArray retryAfter = reply->rawHeader("Retry-After"); !retryAfter.isEmpty()) {
            error.retryAfterMs =
                RetryPolicy::parseRetryAfterMs(retryAfter, QDateTime::currentDateTimeUtc())
                    .value_or(-1);
        }
    } else {
        switch (error.networkError) {
        case QNetworkReply::SslHandshakeFailedError:
            error.kind = TransferError::Kind::Tls;
            TlsPolicy::describeFailure(reply, error);
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
        if (error.detail.isEmpty())
            error.detail = reply->errorString();
    }
    error.recovery = RetryPolicy::classify(error.networkError, error.httpStatus);
    return error;
}

} // namespace Ferry
