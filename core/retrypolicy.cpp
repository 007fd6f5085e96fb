#include "retrypolicy.h"

#include "core/httpdate.h"

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
    if (std::all_of(trimmed.begin(), trimmed.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        // Delta-seconds; anything longer than the cap (however many digits) is the cap.
        bool fits = false;
        const qint64 seconds = trimmed.toLongLong(&fits);
        if (!fits || seconds > MaxRetryAfterMs / 1000)
            return MaxRetryAfterMs;
        return seconds * 1000;
    }

    const std::optional<QDateTime> when = HttpDate::parse(trimmed);
    if (!when)
        return std::nullopt;
    return std::clamp(now.msecsTo(*when), qint64(0), MaxRetryAfterMs);
}

} // namespace Ferry::RetryPolicy
