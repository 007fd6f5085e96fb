#pragma once

#include <QByteArray>
#include <QDateTime>

#include <optional>

namespace Ferry::HttpDate {

// An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT", the only form HTTP senders may produce),
// as UTC. Date and time are read apart and joined as UTC: read as local time, an hour that a
// local clock skips (daylight saving) would not exist.
std::optional<QDateTime> parse(const QByteArray &value);

// `lastModified` when it may serve as a strong validator (If-Range), else empty: RFC 9110
// 8.8.2.2 allows that only when the server's own clock (`date`, its Date header) says it is at
// least a minute old, as a newer file may change again within the same second.
QByteArray strongLastModified(const QByteArray &lastModified, const QByteArray &date);

} // namespace Ferry::HttpDate
