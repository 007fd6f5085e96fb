#pragma once

#include <QList>
#include <QtGlobal>

namespace Ferry {

// Half-open byte interval [begin, end) of a file.
struct ByteRange
{
    qint64 begin = 0;
    qint64 end = 0;

    qint64 length() const { return end - begin; }

    friend bool operator==(const ByteRange &, const ByteRange &) = default;
};

} // namespace Ferry
