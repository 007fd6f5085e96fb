#include "retrypolicy.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Ferry::RetryPolicy {

namespace {

constexpr qint64 MaxRetryAfterMs = 3600 * 1000;

} // namespace

TransferError::Recovery classify(QNetworkReply::NetworkError error, int httpStatus)
{
    using Recovery = TransferError::Recovery;
    if (httpStatus >= 400) {
        if (httpStatus == 408 || httpStatus == 429 || httpStatus >= 500)
            return Recovery::Retry;
        if (httpStatus == 401 || httpStatus == 407)
            return Recovery::AskUser;
        return Recovery::Fatal;
    }
    switch (error) {
    case QNetworkReply::NoError:
        return Recovery::Fatal; // nothing failed; callers do not ask
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownProxyError:
    case QNetworkReply::ProtocolFailure:
    case QNetworkReply::InternalServerError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::UnknownServerError:
    case QNetworkReply::ContentReSendError:
        return Recovery::Retry;
    case QNetworkReply::AuthenticationRequiredError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return Recovery::AskUser;
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TooManyRedirectsError:
    case QNetworkReply::InsecureRedirectError:
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
    case QNetworkReply::BackgroundRequestNotAllowedError:
    case QNetworkReply::ContentAccessDenied:
    case QNetworkReply::ContentOperationNotPermittedError:
    case QNetworkReply::ContentNotFoundError:
    case QNetworkReply::ContentConflictError:
    case QNetworkReply::ContentGoneError:
    case QNetworkReply::UnknownContentError:
    case QNetworkReply::OperationNotImplementedError:
    default:
        return Recovery::Fatal;
    }
}

qint64 backoffMs(int failedAttempts, qint64 baseMs, qint64 capMs, double jitter01)
{
    const int doublings = std::clamp(failedAttempts - 1, 0, 30);
    const double raw = std::min(double(baseMs) * std::ldexp(1.0, doublings), double(capMs));
    const double factor = 0.5 + std::clamp(jitter01, 0.0, 0.999999);
    return qint64(raw * factor);
}

std::optional<qint64> parseRetryAfterMs(const QByteArray &value, const QDateTime &now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qint64 seconds = trimmed.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? std::nullopt
                           : std::optional(std::min(seconds * 1000, MaxRetryAfterMs));

    // IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT" (the only form senders may produce).
    const QDateTime when =
        QLocale::c().toDateTime(QString::fromLatin1(trimmed), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    if (!when.isValid())
        return std::nullopt;
    QDateTime utc = when;
    utc.setTimeSpec(Qt::UTC);
    return std::clamp(now.msecsTo(utc), qint64(0), MaxRetryAfterMs);
}

} // namespace Ferry::RetryPolicy
