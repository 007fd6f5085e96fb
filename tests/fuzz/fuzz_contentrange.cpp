// Content-Range: what parses is ordered and within the total, and survives a round trip.
#include "core/contentrange.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace Ferry;

namespace {

QByteArray serialise(const ContentRange &range)
{
    const QByteArray total = range.total < 0 ? QByteArray("*") : QByteArray::number(range.total);
    if (range.first < 0)
        return QByteArray("bytes */") + total;
    return QByteArray("bytes ") + QByteArray::number(range.first) + '-'
           + QByteArray::number(range.last) + '/' + total;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<ContentRange> range = ContentRange::parse(bytes);
    if (!range)
        return 0;
    if (range->first < 0) {
        // "bytes */total": an unsatisfied range names the size.
        FERRY_FUZZ_CHECK(range->first == -1 && range->last == -1);
        FERRY_FUZZ_CHECK(range->total >= 0);
    } else {
        FERRY_FUZZ_CHECK(range->first <= range->last);
        FERRY_FUZZ_CHECK(range->total == -1 || range->last < range->total);
    }
    const std::optional<ContentRange> again = ContentRange::parse(serialise(*range));
    FERRY_FUZZ_CHECK(again.has_value());
    FERRY_FUZZ_CHECK(again->first == range->first && again->last == range->last
                     && again->total == range->total);
    return 0;
}
