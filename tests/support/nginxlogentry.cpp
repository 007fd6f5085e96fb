#include "nginxlogentry.h"

namespace Ferry::Test {

namespace {

constexpr qsizetype FieldCount = 6;

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Undoes nginx's default log escaping ("\xHH"); "-" stands for an empty value.
QByteArray unescapeField(QByteArrayView field)
{
    if (field == "-")
        return {};
    QByteArray out;
    out.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field.at(i) == '\\' && i + 3 < field.size() && field.at(i + 1) == 'x') {
            const int high = hexValue(field.at(i + 2));
            const int low = hexValue(field.at(i + 3));
            if (high >= 0 && low >= 0) {
                out.append(static_cast<char>(high * 16 + low));
                i += 3;
                continue;
            }
        }
        out.append(field.at(i));
    }
    return out;
}

std::optional<qint64> number(QByteArrayView field)
{
    bool ok = false;
    const qint64 value = field.toByteArray().toLongLong(&ok);
    if (!ok || value < 0)
        return std::nullopt;
    return value;
}

} // namespace

QByteArray NginxLogEntry::path() const
{
    const qsizetype query = target.indexOf('?');
    return query < 0 ? target : target.left(query);
}

std::optional<qint64> NginxLogEntry::rangeStart() const
{
    const QByteArray value = range.trimmed();
    if (!value.startsWith("bytes="))
        return std::nullopt;
    const qsizetype dash = value.indexOf('-');
    if (dash <= 6 || value.indexOf(',') >= 0)
        return std::nullopt;
    return number(QByteArrayView(value).sliced(6, dash - 6));
}

QByteArray NginxLogEntry::logFormat()
{
    return QByteArrayLiteral(
        "$status\\t$request\\t$http_range\\t$http_if_range\\t$body_bytes_sent\\t$bytes_sent");
}

std::optional<NginxLogEntry> NginxLogEntry::parse(QByteArrayView line)
{
    if (line.endsWith('\n'))
        line.chop(1);
    const QList<QByteArray> fields = line.toByteArray().split('\t');
    if (fields.size() != FieldCount)
        return std::nullopt;
    const std::optional<qint64> status = number(fields.at(0));
    const std::optional<qint64> bodyBytes = number(fields.at(4));
    const std::optional<qint64> allBytes = number(fields.at(5));
    if (!status || *status > 999 || !bodyBytes || !allBytes)
        return std::nullopt;

    NginxLogEntry entry;
    entry.status = static_cast<int>(*status);
    entry.requestLine = unescapeField(fields.at(1));
    const QList<QByteArray> parts = entry.requestLine.split(' ');
    if (parts.size() >= 2) {
        entry.method = parts.at(0);
        entry.target = parts.at(1);
    }
    entry.range = unescapeField(fields.at(2));
    entry.ifRange = unescapeField(fields.at(3));
    entry.bodyBytesSent = *bodyBytes;
    entry.bytesSent = *allBytes;
    return entry;
}

QList<NginxLogEntry> NginxLogEntry::parseLog(QByteArrayView log)
{
    QList<NginxLogEntry> entries;
    qsizetype start = 0;
    while (start < log.size()) {
        qsizetype end = log.indexOf('\n', start);
        if (end < 0)
            break; // a line nginx is still writing
        if (std::optional<NginxLogEntry> entry = parse(log.sliced(start, end - start)))
            entries.append(std::move(*entry));
        start = end + 1;
    }
    return entries;
}

} // namespace Ferry::Test
