#pragma once

#include <QLocale>
#include <QString>
#include <QStringView>
#include <QtGlobal>

#include <optional>

namespace Ferry::ByteSize {

// A size or a speed as aria2 writes it on the command line: decimal digits with an optional
// binary suffix in either case, K = 1024, M = 1024 K, G = 1024 M ("1048576", "512K", "10m").
// Nothing else is accepted: no sign, space, fraction or other unit, and no value that does not
// fit in a qint64. Zero is a valid size; what it means is up to the caller.
std::optional<qint64> parse(QStringView text);

// How a size is written for people. Ferry writes every size and speed, in the window, the tray
// and ferry-cli, in IEC binary units (B, KiB, MiB, GiB, TiB), through these functions only.
enum class Style {
    // The largest unit that keeps the number below 1,024, with one decimal ("1.5 MiB",
    // "512 B"); a value that is a whole number of that unit drops the decimal ("256 MiB").
    Rounded,
    // A value someone chose, such as a speed limit: the largest unit that divides it without a
    // remainder ("3,000 KiB", "1 MiB"); Rounded when none does.
    Exact,
};

// "1.5 MiB"; empty for a negative (unknown) size. Numbers follow the locale's separators.
QString format(qint64 bytes, Style style = Style::Rounded, const QLocale &locale = QLocale());

// "1.5 MiB/s"; empty for a negative speed.
QString
formatRate(qint64 bytesPerSecond, Style style = Style::Rounded, const QLocale &locale = QLocale());

} // namespace Ferry::ByteSize
