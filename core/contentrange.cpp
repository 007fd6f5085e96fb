#include "contentrange.h"

namespace Ferry {

std::optional<ContentRange> ContentRange::parse(const QByteArray &value)
{
    const QByteArray text = value.trimmed();
    if (text.size() < 6 || text.left(6).toLower() != "bytes ") // units are case-insensitive
        return std::nullopt;
    const QByteArray spec = text.mid(6).trimmed();
    const qsizetype slash = spec.indexOf('/');
    if (slash < 0)
        return std::nullopt;
    ContentRange range;
    const QByteArray totalText = spec.mid(slash + 1);
    bool ok = true;
    if (totalText != "*") {
        range.total = totalText.toLongLong(&ok);
        if (!ok || range.total < 0)
            return std::nullopt;
    }
    const QByteArray span = spec.left(slash);
    if (span == "*") // "*/<size>", as a 416 carries; "*/*" says nothing
        return range.total >= 0 ? std::optional(range) : std::nullopt;
    const qsizetype dash = span.indexOf('-');
    if (dash <= 0)
        return std::nullopt;
    bool firstOk = false;
    bool lastOk = false;
    range.first = span.left(dash).toLongLong(&firstOk);
    range.last = span.mid(dash + 1).toLongLong(&lastOk);
    if (!firstOk || !lastOk || range.first < 0 || range.last < range.first
        || (range.total >= 0 && range.last >= range.total)) {
        return std::nullopt;
    }
    return range;
}

} // namespace Ferry
