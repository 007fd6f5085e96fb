#include "httpdate.h"

#include <QByteArrayView>

#include <array>

namespace Ferry::HttpDate {

namespace {

// The number `count` ASCII digits at `at` spell, or -1. Read by hand: QLocale's date parser cost more per
// answer than all the rest of a small file's header handling.
int digits(QByteArrayView text, qsizetype at, qsizetype count)
{
    int value = 0;
    for (qsizetype i = at; i < at + count; ++i) {
        const char c = text.at(i);
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

int month(QByteArrayView name)
{
    static constexpr std::array<const char *, 12> names = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 12; ++i) {
        if (name == QByteArrayView(names[i], 3))
            return i + 1;
    }
    return 0;
}

bool isLetter(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

} // namespace

std::optional<QDateTime> parse(const QByteArray &value)
{
    // "Sun, 06 Nov 1994 08:49:37 GMT": every field at a fixed place.
    const QByteArrayView text = QByteArrayView(value).trimmed();
    if (text.size() != 29 || !isLetter(text[0]) || !isLetter(text[1]) || !isLetter(text[2])
        || text.sliced(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' || text[16] != ' '
        || text[19] != ':' || text[22] != ':' || text.sliced(25) != " GMT") {
        return std::nullopt;
    }
    const int year = digits(text, 12, 4);
    const int day = digits(text, 5, 2);
    const int hour = digits(text, 17, 2);
    const int minute = digits(text, 20, 2);
    const int second = digits(text, 23, 2);
    const QDate date(year, month(text.sliced(8, 3)), day);
    // QDate takes year -1 (1 BC), so a non-digit year needs its own check.
    if (year < 0 || !date.isValid() || !QTime::isValid(hour, minute, second))
        return std::nullopt;
    return QDateTime(date, QTime(hour, minute, second), Qt::UTC);
}

QByteArray strongLastModified(const QByteArray &lastModified, const QByteArray &date)
{
    const auto modified = parse(lastModified);
    const auto now = parse(date);
    if (!modified || !now || modified->secsTo(*now) < 60)
        return {};
    return lastModified;
}

} // namespace Ferry::HttpDate
