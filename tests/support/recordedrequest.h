#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace Ferry::Test {

// One request as TestHttpServer received it.
struct RecordedRequest
{
    QByteArray method;      // "GET", "HEAD", ...
    QByteArray target;      // the request target as sent, with its query string
    QString path;           // the path the server's records use: no query, percent-decoded
    QByteArray httpVersion; // "HTTP/1.1"
    QList<std::pair<QByteArray, QByteArray>> headers; // lower-cased names, in arrival order

    // The value of the first header called `name` (compared case-insensitively), or a null
    // QByteArray when there is none.
    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
};

} // namespace Ferry::Test
