#pragma once

#include <QByteArray>
#include <QDateTime>

#include <optional>

namespace Ferry::HttpDate {

// An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT", the only form HTTP senders may produce),
// as UTC. Date and time are read apart and joined as UTC: read as local time, an hour that a
// local clock skips (daylight saving) would not exist.
std::optional<QDateTime> parse(const QByteArray &value);

} // namespace Ferry::HttpDate
