// HTTP dates and Retry-After: a parsed date is a real UTC time that prints and parses back to
// itself, and a Retry-After delay is never negative or beyond the one-hour cap.
#include "core/httpdate.h"
#include "core/retrypolicy.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QByteArray>
#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <cstddef>
#include <cstdint>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MaxRetryAfterMs = 3600 * 1000;

QByteArray imfFixdate(const QDateTime &when)
{
    return QLocale::c().toString(when, u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QDateTime now(QDate(2026, 11, 21), QTime(10, 0), QTimeZone::utc());

    const std::optional<QDateTime> when = HttpDate::parse(bytes);
    if (when) {
        FERRY_FUZZ_CHECK(when->isValid());
        FERRY_FUZZ_CHECK(when->timeSpec() == Qt::UTC);
        const std::optional<QDateTime> again = HttpDate::parse(imfFixdate(*when));
        FERRY_FUZZ_CHECK(again.has_value() && *again == *when);
    }

    const std::optional<qint64> delay = RetryPolicy::parseRetryAfterMs(bytes, now);
    if (delay) {
        FERRY_FUZZ_CHECK(*delay >= 0 && *delay <= MaxRetryAfterMs);
        if (when && !bytes.trimmed().isEmpty())
            FERRY_FUZZ_CHECK(*delay == std::clamp(now.msecsTo(*when), qint64(0), MaxRetryAfterMs));
    }
    return 0;
}
