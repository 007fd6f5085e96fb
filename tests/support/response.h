#pragma once

#include <QByteArray>
#include <QList>

#include <utility>

namespace Ferry::Test {

// A canned answer for TestHttpServer::setStatusSequence(), e.g. {503, {{"Retry-After", "1"}}}.
// The server adds Content-Length (none for 1xx, 204 and 304, which also get no body) and the
// Connection header. If `headers` carry their own Content-Length or Transfer-Encoding they are
// sent as given and the connection is closed after the response.
struct Response
{
    Response() = default;

    Response(int status,
             QList<std::pair<QByteArray, QByteArray>> headers = {},
             QByteArray body = {})
        : status(status)
        , headers(std::move(headers))
        , body(std::move(body))
    {}

    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
};

} // namespace Ferry::Test
