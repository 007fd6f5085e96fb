// Byte sizes from the command line (-k 1M, --max-download-limit 512K): only digits with an
// optional K/M/G are accepted, the value fits, and printing it back gives the same size.
#include "core/bytesize.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

using namespace Ferry;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString text = QString::fromUtf8(bytes);
    const std::optional<qint64> value = ByteSize::parse(text);
    if (!value)
        return 0;
    FERRY_FUZZ_CHECK(*value >= 0);
    // Accepted text is ASCII digits and at most one unit letter at the end.
    FERRY_FUZZ_CHECK(!text.isEmpty());
    qsizetype digits = text.size();
    const QChar unit = text.back().toUpper();
    if (unit == u'K' || unit == u'M' || unit == u'G')
        --digits;
    FERRY_FUZZ_CHECK(digits > 0);
    for (qsizetype i = 0; i < digits; ++i)
        FERRY_FUZZ_CHECK(text[i] >= u'0' && text[i] <= u'9');

    FERRY_FUZZ_CHECK(ByteSize::parse(QString::number(*value)) == value);
    if (*value % 1024 == 0)
        FERRY_FUZZ_CHECK(ByteSize::parse(QString(QString::number(*value / 1024) + u'k')) == value);
    if (*value % (1024 * 1024) == 0)
        FERRY_FUZZ_CHECK(ByteSize::parse(QString(QString::number(*value / (1024 * 1024)) + u'M'))
                         == value);
    return 0;
}
