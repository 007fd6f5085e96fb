#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <optional>

namespace Ferry {

// A Content-Range header value: "bytes 100-199/1000", "bytes 100-199/*" or "bytes */1000".
struct ContentRange
{
    qint64 first = -1; // -1 for "*"
    qint64 last = -1;
    qint64 total = -1; // -1 for "*"

    // Rejects anything malformed, and a span that reaches past the total.
    static std::optional<ContentRange> parse(const QByteArray &value);
};

} // namespace Ferry
