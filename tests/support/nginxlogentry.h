#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace Ferry::Test {

// One line of the access log NginxServer configures: what nginx saw and sent for one request.
// nginx writes the line when it finishes the request, also when the client went away early.
struct NginxLogEntry
{
    int status = 0;           // 499 when the client closed the connection before the answer
    QByteArray requestLine;   // "GET /a/b.bin HTTP/1.1"
    QByteArray method;        // "GET"
    QByteArray target;        // "/a/b.bin?x=1", as sent
    QByteArray range;         // the Range header; empty when none
    QByteArray ifRange;       // the If-Range header; empty when none
    qint64 bodyBytesSent = 0; // payload bytes handed to the socket, headers not counted
    qint64 bytesSent = 0;     // everything handed to the socket

    // The target without its query string.
    QByteArray path() const;
    // N of a "bytes=N-" or "bytes=N-M" Range header; nullopt without one (or another form).
    std::optional<qint64> rangeStart() const;

    // The nginx log_format that parse() reads: tab-separated fields, "-" for empty ones, and
    // nginx's default escaping ("\xHH" for quotes, backslashes and control bytes).
    static QByteArray logFormat();
    // nullopt for a line that does not have the logFormat() shape.
    static std::optional<NginxLogEntry> parse(QByteArrayView line);
    // Every well-formed line of a whole log, in order.
    static QList<NginxLogEntry> parseLog(QByteArrayView log);
};

} // namespace Ferry::Test
