#include "core/bytesize.h"

#include <QCoreApplication>

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

namespace {

constexpr int UnitCount = 5; // B, KiB, MiB, GiB, TiB

qint64 unitBytes(int unit)
{
    return qint64(1) << (10 * unit);
}

QString withUnit(const QString &number, int unit)
{
    // IEC unit symbols; translators may write them in their script, but most keep them.
    switch (unit) {
    case 0:
        //: A size in bytes, such as "512 B"
        return QCoreApplication::translate("Ferry::ByteSize", "%1 B").arg(number);
    case 1:
        return QCoreApplication::translate("Ferry::ByteSize", "%1 KiB").arg(number);
    case 2:
        return QCoreApplication::translate("Ferry::ByteSize", "%1 MiB").arg(number);
    case 3:
        return QCoreApplication::translate("Ferry::ByteSize", "%1 GiB").arg(number);
    default:
        return QCoreApplication::translate("Ferry::ByteSize", "%1 TiB").arg(number);
    }
}

QString formatRounded(qint64 bytes, const QLocale &locale)
{
    if (bytes < 1024)
        return withUnit(locale.toString(bytes), 0);
    int unit = 1;
    // Tenths of the unit, rounded; 1,023.96 KiB reads "1 MiB", not "1,024.0 KiB".
    qint64 tenths = 0;
    for (;; ++unit) {
        const qint64 size = unitBytes(unit);
        tenths = (bytes / size) * 10 + ((bytes % size) * 10 + size / 2) / size;
        if (tenths < 10240 || unit == UnitCount - 1)
            break;
    }
    if (tenths % 10 == 0)
        return withUnit(locale.toString(tenths / 10), unit);
    return withUnit(locale.toString(double(tenths) / 10.0, 'f', 1), unit);
}

} // namespace

QString format(qint64 bytes, Style style, const QLocale &locale)
{
    if (bytes < 0)
        return QString();
    if (style == Style::Exact && bytes > 0) {
        for (int unit = UnitCount - 1; unit > 0; --unit) {
            if (bytes % unitBytes(unit) == 0)
                return withUnit(locale.toString(bytes / unitBytes(unit)), unit);
        }
    }
    return formatRounded(bytes, locale);
}

QString formatRate(qint64 bytesPerSecond, Style style, const QLocale &locale)
{
    if (bytesPerSecond < 0)
        return QString();
    //: A speed: a size such as "1.5 MiB", per second
    return QCoreApplication::translate("Ferry::ByteSize", "%1/s")
        .arg(format(bytesPerSecond, style, locale));
}

} // namespace Ferry::ByteSize
