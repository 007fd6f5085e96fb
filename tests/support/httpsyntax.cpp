#include "httpsyntax.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>
#include <limits>

namespace Ferry::Test::HttpSyntax {

namespace {

bool sameName(const QByteArray &a, const QByteArray &b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

struct Reason
{
    int status;
    const char *phrase;
};

constexpr Reason ReasonPhrases[] = {
    {200, "OK"},
    {204, "No Content"},
    {206, "Partial Content"},
    {301, "Moved Permanently"},
    {302, "Found"},
    {303, "See Other"},
    {304, "Not Modified"},
    {307, "Temporary Redirect"},
    {308, "Permanent Redirect"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {408, "Request Timeout"},
    {410, "Gone"},
    {413, "Content Too Large"},
    {416, "Range Not Satisfiable"},
    {429, "Too Many Requests"},
    {431, "Request Header Fields Too Large"},
    {500, "Internal Server Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Gateway Timeout"},
};

} // namespace

QByteArray headerValue(const HeaderList &headers, const QByteArray &name)
{
    for (const auto &[headerName, value] : headers) {
        if (sameName(headerName, name))
            return value;
    }
    return {};
}

bool hasHeader(const HeaderList &headers, const QByteArray &name)
{
    return std::any_of(headers.cbegin(), headers.cend(), [&name](const auto &header) {
        return sameName(header.first, name);
    });
}

void setHeader(HeaderList &headers, const QByteArray &name, const QByteArray &value)
{
    const auto it = std::find_if(headers.begin(), headers.end(), [&name](const auto &header) {
        return sameName(header.first, name);
    });
    if (it == headers.end()) {
        headers.emplaceBack(name, value);
        return;
    }
    *it = {name, value};
    const qsizetype index = std::distance(headers.begin(), it);
    for (qsizetype i = headers.size() - 1; i > index; --i) {
        if (sameName(headers.at(i).first, name))
            headers.removeAt(i);
    }
}

void removeHeader(HeaderList &headers, const QByteArray &name)
{
    headers.removeIf([&name](const auto &header) { return sameName(header.first, name); });
}

bool hasToken(const QByteArray &list, const QByteArray &token)
{
    const QList<QByteArray> items = list.split(',');
    return std::any_of(items.cbegin(), items.cend(), [&token](const QByteArray &item) {
        return sameName(item.trimmed(), token);
    });
}

QByteArray httpDate(const QDateTime &dateTime)
{
    return QLocale::c().toString(dateTime.toUTC(), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'").toLatin1();
}

QByteArray reasonPhrase(int status)
{
    const auto it =
        std::find_if(std::cbegin(ReasonPhrases),
                     std::cend(ReasonPhrases),
                     [status](const Reason &reason) { return reason.status == status; });
    return it == std::cend(ReasonPhrases) ? QByteArrayLiteral("Status") : QByteArray(it->phrase);
}

std::optional<qint64> parseDigits(const QByteArray &text)
{
    constexpr qint64 Max = std::numeric_limits<qint64>::max();
    if (text.isEmpty())
        return std::nullopt;
    qint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value > (Max - 9) / 10 ? Max : value * 10 + (c - '0');
    }
    return value;
}

ByteRangeSpec parseRange(const QByteArray &value, qint64 size)
{
    using Kind = ByteRangeSpec::Kind;
    const qsizetype equals = value.indexOf('=');
    if (equals < 0 || !sameName(value.left(equals).trimmed(), "bytes"))
        return {};
    const QByteArray set = value.mid(equals + 1).trimmed();
    const qsizetype dash = set.indexOf('-');
    if (set.contains(',') || dash < 0)
        return {};
    const QByteArray firstText = set.left(dash).trimmed();
    const QByteArray lastText = set.mid(dash + 1).trimmed();
    if (firstText.isEmpty()) {
        const std::optional<qint64> suffix = parseDigits(lastText);
        if (!suffix)
            return {};
        if (*suffix == 0 || size == 0)
            return {Kind::Unsatisfiable};
        return {Kind::Satisfiable, std::max<qint64>(0, size - *suffix), size - 1};
    }
    const std::optional<qint64> first = parseDigits(firstText);
    if (!first)
        return {};
    qint64 last = size - 1;
    if (!lastText.isEmpty()) {
        const std::optional<qint64> requestedLast = parseDigits(lastText);
        if (!requestedLast || *requestedLast < *first)
            return {};
        last = std::min(*requestedLast, last);
    }
    if (*first >= size)
        return {Kind::Unsatisfiable};
    return {Kind::Satisfiable, *first, last};
}

std::optional<RequestHead> parseRequestHead(const QByteArray &head)
{
    QList<QByteArray> lines = head.split('\n');
    for (QByteArray &line : lines) {
        if (line.endsWith('\r'))
            line.chop(1);
    }
    const QList<QByteArray> parts = lines.constFirst().split(' ');
    if (parts.size() != 3 || parts.at(0).isEmpty() || parts.at(1).isEmpty()
        || !parts.at(2).startsWith("HTTP/1.")) {
        return std::nullopt;
    }
    RequestHead parsed;
    parsed.request.method = parts.at(0);
    parsed.request.target = parts.at(1);
    parsed.request.httpVersion = parts.at(2);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        const QByteArray name = line.left(colon).trimmed().toLower();
        if (colon <= 0 || name.isEmpty())
            return std::nullopt;
        parsed.request.headers.emplaceBack(name, line.mid(colon + 1).trimmed());
    }
    QByteArray path = parsed.request.target;
    if (!path.startsWith('/')) { // absolute form, as sent to proxies
        const qsizetype schemeEnd = path.indexOf("://");
        if (schemeEnd <= 0)
            return std::nullopt;
        const qsizetype slash = path.indexOf('/', schemeEnd + 3);
        path = slash < 0 ? QByteArrayLiteral("/") : path.mid(slash);
    }
    for (const char separator : {'?', '#'}) {
        const qsizetype at = path.indexOf(separator);
        if (at >= 0)
            path.truncate(at);
    }
    parsed.rawPath = path;
    return parsed;
}

} // namespace Ferry::Test::HttpSyntax
