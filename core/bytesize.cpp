#include "core/bytesize.h"

#include <limits>

namespace Ferry::ByteSize {

std::optional<qint64> parse(QStringView text)
{
    qint64 multiplier = 1;
    if (!text.isEmpty()) {
        switch (text.back().toLower().unicode()) {
        case u'k':
            multiplier = qint64(1) << 10;
            break;
        case u'm':
            multiplier = qint64(1) << 20;
            break;
        case u'g':
            multiplier = qint64(1) << 30;
            break;
        default:
            break;
        }
        if (multiplier != 1)
            text.chop(1);
    }
    if (text.isEmpty())
        return std::nullopt;

    constexpr qint64 Max = std::numeric_limits<qint64>::max();
    qint64 value = 0;
    for (const QChar c : text) {
        // Only ASCII digits: QChar::isDigit would also take other scripts' digits.
        if (c < u'0' || c > u'9')
            return std::nullopt;
        const int digit = c.unicode() - u'0';
        if (value > (Max - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    if (value > Max / multiplier)
        return std::nullopt;
    return value * multiplier;
}

} // namespace Ferry::ByteSize
