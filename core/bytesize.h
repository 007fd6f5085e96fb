#pragma once

#include <QStringView>
#include <QtGlobal>

#include <optional>

namespace Ferry::ByteSize {

// A size or a speed as aria2 writes it on the command line: decimal digits with an optional
// binary suffix in either case, K = 1024, M = 1024 K, G = 1024 M ("1048576", "512K", "10m").
// Nothing else is accepted: no sign, space, fraction or other unit, and no value that does not
// fit in a qint64. Zero is a valid size; what it means is up to the caller.
std::optional<qint64> parse(QStringView text);

} // namespace Ferry::ByteSize
