#pragma once

#include "tests/support/recordedrequest.h"

#include <QByteArray>
#include <QList>

#include <optional>
#include <utility>

class QDateTime;

// The HTTP/1.1 wire format as TestHttpServer needs it: request heads, byte ranges, header lists.
namespace Ferry::Test::HttpSyntax {

using HeaderList = QList<std::pair<QByteArray, QByteArray>>;

// Header names compare case-insensitively.
QByteArray headerValue(const HeaderList &headers, const QByteArray &name); // first; null if none
bool hasHeader(const HeaderList &headers, const QByteArray &name);
// Replaces the first header called `name` (dropping any later ones) or appends one.
void setHeader(HeaderList &headers, const QByteArray &name, const QByteArray &value);
void removeHeader(HeaderList &headers, const QByteArray &name);
// Whether a comma-separated list such as a Connection header holds `token` (any case).
bool hasToken(const QByteArray &list, const QByteArray &token);

// IMF-fixdate, e.g. "Wed, 01 Jan 2020 00:00:00 GMT".
QByteArray httpDate(const QDateTime &dateTime);
// "OK", "Partial Content", ...; "Status" for codes it does not know.
QByteArray reasonPhrase(int status);

// A non-empty run of decimal digits; saturates at the qint64 maximum instead of overflowing.
std::optional<qint64> parseDigits(const QByteArray &text);

struct ByteRangeSpec
{
    enum class Kind {
        Ignore, // malformed, or several ranges: answer with the whole body
        Satisfiable,
        Unsatisfiable,
    };

    Kind kind = Kind::Ignore;
    qint64 first = 0; // inclusive, clamped to the size
    qint64 last = 0;
};

// A Range header value ("bytes=a-b", "bytes=a-", "bytes=-n") against a body of `size` bytes.
ByteRangeSpec parseRange(const QByteArray &value, qint64 size);

struct RequestHead
{
    RecordedRequest request; // everything but `path`
    QByteArray rawPath;      // the target's path as sent: no scheme, authority, query or fragment
};

// A request line and header fields, without the terminating empty line. Bare LF line ends are
// tolerated. nullopt for anything that is not "METHOD target HTTP/1.x" with well-formed fields.
std::optional<RequestHead> parseRequestHead(const QByteArray &head);

} // namespace Ferry::Test::HttpSyntax
