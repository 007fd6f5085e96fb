#pragma once

#include "core/transfererror.h"

#include <QByteArray>
#include <QDateTime>
#include <QNetworkReply>

#include <optional>

namespace Ferry::RetryPolicy {

// Whether a failed request is worth another attempt. An HTTP status, when there is one, decides:
// 408, 429 and 5xx are retried, other 4xx are not. Otherwise the network error decides:
// connection trouble and timeouts are retried; TLS, bad URLs and refused redirects are not.
TransferError::Recovery classify(QNetworkReply::NetworkError error, int httpStatus);

// Delay before attempt `failedAttempts + 1`: base * 2^(failedAttempts - 1), at most cap, scaled
// by a jitter factor in [0.5, 1.5) taken from `jitter01` in [0, 1).
qint64 backoffMs(int failedAttempts, qint64 baseMs, qint64 capMs, double jitter01);

// Retry-After as delta-seconds or an HTTP-date, relative to `now`; nullopt when unparsable.
// Capped at one hour so a hostile server cannot park an item forever.
std::optional<qint64> parseRetryAfterMs(const QByteArray &value, const QDateTime &now);

} // namespace Ferry::RetryPolicy
