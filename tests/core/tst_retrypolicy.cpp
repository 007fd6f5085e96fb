#include "core/retrypolicy.h"

#include <QDateTime>
#include <QFile>
#include <QScopeGuard>
#include <QTest>

#include <limits>
#include <optional>

Q_DECLARE_METATYPE(Ferry::TransferError::Recovery)
Q_DECLARE_METATYPE(std::optional<qint64>)

using namespace Ferry;
using namespace Qt::StringLiterals;

using Recovery = TransferError::Recovery;

namespace {

// Monday, 6 May 2024, noon UTC.
const QDateTime Now(QDate(2024, 5, 6), QTime(12, 0, 0), Qt::UTC);
constexpr qint64 HourMs = 3600 * 1000;

} // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private slots:
    void classify_decidesRecovery_data();
    void classify_decidesRecovery();
    void backoffMs_middleJitter_doublesUntilCap_data();
    void backoffMs_middleJitter_doublesUntilCap();
    void backoffMs_jitter_staysWithinHalfToOneAndAHalf_data();
    void backoffMs_jitter_staysWithinHalfToOneAndAHalf();
    void backoffMs_manyAttempts_neverOverflows();
    void parseRetryAfterMs_value_givesDelay_data();
    void parseRetryAfterMs_value_givesDelay();
    void parseRetryAfterMs_deltaSecondsTooLargeForMs_isCapped_data();
    void parseRetryAfterMs_deltaSecondsTooLargeForMs_isCapped();
    void parseRetryAfterMs_dateInLocalDaylightSavingGap_isStillParsed();
};

void TestRetryPolicy::classify_decidesRecovery_data()
{
    QTest::addColumn<QNetworkReply::NetworkError>("error");
    QTest::addColumn<int>("httpStatus");
    QTest::addColumn<Recovery>("expected");

    // With an HTTP status, the status decides (Qt pairs each with its own error code).
    QTest::newRow("408") << QNetworkReply::UnknownContentError << 408 << Recovery::Retry;
    QTest::newRow("429") << QNetworkReply::UnknownContentError << 429 << Recovery::Retry;
    QTest::newRow("500") << QNetworkReply::InternalServerError << 500 << Recovery::Retry;
    QTest::newRow("502") << QNetworkReply::UnknownServerError << 502 << Recovery::Retry;
    QTest::newRow("503") << QNetworkReply::ServiceUnavailableError << 503 << Recovery::Retry;
    QTest::newRow("504") << QNetworkReply::UnknownServerError << 504 << Recovery::Retry;
    QTest::newRow("400") << QNetworkReply::ProtocolInvalidOperationError << 400 << Recovery::Fatal;
    QTest::newRow("403") << QNetworkReply::ContentAccessDenied << 403 << Recovery::Fatal;
    QTest::newRow("404") << QNetworkReply::ContentNotFoundError << 404 << Recovery::Fatal;
    QTest::newRow("410") << QNetworkReply::ContentGoneError << 410 << Recovery::Fatal;
    QTest::newRow("416") << QNetworkReply::UnknownContentError << 416 << Recovery::Fatal;
    QTest::newRow("401") << QNetworkReply::AuthenticationRequiredError << 401 << Recovery::AskUser;
    QTest::newRow("407") << QNetworkReply::ProxyAuthenticationRequiredError << 407
                         << Recovery::AskUser;
    QTest::newRow("404 wins over a retryable error")
        << QNetworkReply::RemoteHostClosedError << 404 << Recovery::Fatal;
    QTest::newRow("503 wins over a fatal error")
        << QNetworkReply::ContentNotFoundError << 503 << Recovery::Retry;

    // Without one, the network error decides.
    QTest::newRow("connection refused")
        << QNetworkReply::ConnectionRefusedError << 0 << Recovery::Retry;
    QTest::newRow("remote host closed")
        << QNetworkReply::RemoteHostClosedError << 0 << Recovery::Retry;
    QTest::newRow("timeout") << QNetworkReply::TimeoutError << 0 << Recovery::Retry;
    QTest::newRow("host not found") << QNetworkReply::HostNotFoundError << 0 << Recovery::Retry;
    QTest::newRow("temporary failure")
        << QNetworkReply::TemporaryNetworkFailureError << 0 << Recovery::Retry;
    QTest::newRow("proxy timeout") << QNetworkReply::ProxyTimeoutError << 0 << Recovery::Retry;
    QTest::newRow("TLS handshake")
        << QNetworkReply::SslHandshakeFailedError << 0 << Recovery::Fatal;
    QTest::newRow("too many redirects")
        << QNetworkReply::TooManyRedirectsError << 0 << Recovery::Fatal;
    QTest::newRow("insecure redirect")
        << QNetworkReply::InsecureRedirectError << 0 << Recovery::Fatal;
    QTest::newRow("unknown protocol")
        << QNetworkReply::ProtocolUnknownError << 0 << Recovery::Fatal;
    QTest::newRow("authentication")
        << QNetworkReply::AuthenticationRequiredError << 0 << Recovery::AskUser;
    QTest::newRow("proxy authentication")
        << QNetworkReply::ProxyAuthenticationRequiredError << 0 << Recovery::AskUser;
    // A body cut short after a 200 is the connection's fault, not the file's.
    QTest::newRow("closed during a 200")
        << QNetworkReply::RemoteHostClosedError << 200 << Recovery::Retry;
    QTest::newRow("closed during a 206")
        << QNetworkReply::RemoteHostClosedError << 206 << Recovery::Retry;
}

void TestRetryPolicy::classify_decidesRecovery()
{
    QFETCH(QNetworkReply::NetworkError, error);
    QFETCH(int, httpStatus);
    QFETCH(Recovery, expected);

    QCOMPARE(RetryPolicy::classify(error, httpStatus), expected);
}

void TestRetryPolicy::backoffMs_middleJitter_doublesUntilCap_data()
{
    QTest::addColumn<qint64>("baseMs");
    QTest::addColumn<qint64>("capMs");
    QTest::addColumn<QList<qint64>>("expected"); // for failedAttempts 1, 2, 3, ...

    QTest::newRow("1 s, cap 2 min")
        << qint64(1000) << qint64(120000)
        << QList<qint64>{1000, 2000, 4000, 8000, 16000, 32000, 64000, 120000, 120000, 120000};
    QTest::newRow("20 ms, cap 100 ms")
        << qint64(20) << qint64(100) << QList<qint64>{20, 40, 80, 100, 100};
    QTest::newRow("cap below base")
        << qint64(5000) << qint64(3000) << QList<qint64>{3000, 3000, 3000};
}

void TestRetryPolicy::backoffMs_middleJitter_doublesUntilCap()
{
    QFETCH(qint64, baseMs);
    QFETCH(qint64, capMs);
    QFETCH(QList<qint64>, expected);

    // jitter01 = 0.5 is the factor 1.0: the unjittered schedule.
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const int failedAttempts = int(i) + 1;
        QCOMPARE(RetryPolicy::backoffMs(failedAttempts, baseMs, capMs, 0.5), expected.at(i));
    }
    // Before any failure there is nothing to double.
    QCOMPARE(RetryPolicy::backoffMs(0, baseMs, capMs, 0.5), expected.first());
}

void TestRetryPolicy::backoffMs_jitter_staysWithinHalfToOneAndAHalf_data()
{
    QTest::addColumn<int>("failedAttempts");
    QTest::addColumn<double>("jitter01");
    QTest::addColumn<qint64>("atLeast");
    QTest::addColumn<qint64>("below");

    // base 1000 ms, cap 60 s; the unjittered delay is 1000 * 2^(attempts - 1).
    QTest::newRow("jitter 0, attempt 1") << 1 << 0.0 << qint64(500) << qint64(501);
    QTest::newRow("jitter 0, attempt 4") << 4 << 0.0 << qint64(4000) << qint64(4001);
    QTest::newRow("jitter 0.999, attempt 1") << 1 << 0.999 << qint64(1490) << qint64(1500);
    QTest::newRow("jitter 0.999, attempt 4") << 4 << 0.999 << qint64(11900) << qint64(12000);
    QTest::newRow("jitter 0.999, capped") << 20 << 0.999 << qint64(89000) << qint64(90000);
    QTest::newRow("jitter 0.25") << 2 << 0.25 << qint64(1500) << qint64(1501);
    // Out-of-range jitter is held to the same bounds.
    QTest::newRow("jitter 1.0") << 1 << 1.0 << qint64(1490) << qint64(1500);
    QTest::newRow("jitter 7") << 1 << 7.0 << qint64(1490) << qint64(1500);
    QTest::newRow("jitter -3") << 1 << -3.0 << qint64(500) << qint64(501);
}

void TestRetryPolicy::backoffMs_jitter_staysWithinHalfToOneAndAHalf()
{
    QFETCH(int, failedAttempts);
    QFETCH(double, jitter01);
    QFETCH(qint64, atLeast);
    QFETCH(qint64, below);

    const qint64 delay = RetryPolicy::backoffMs(failedAttempts, 1000, 60000, jitter01);
    QVERIFY2(delay >= atLeast && delay < below,
             qPrintable(u"%1 not in [%2, %3)"_s.arg(delay).arg(atLeast).arg(below)));
}

void TestRetryPolicy::backoffMs_manyAttempts_neverOverflows()
{
    const qint64 cap = 120000;
    for (const int attempts : {31, 32, 63, 64, 1000, std::numeric_limits<int>::max()}) {
        const qint64 delay = RetryPolicy::backoffMs(attempts, 1000, cap, 0.5);
        QCOMPARE(delay, cap);
    }
    // Larger jitter never goes below smaller jitter.
    qint64 previous = 0;
    for (int step = 0; step < 100; ++step) {
        const qint64 delay = RetryPolicy::backoffMs(3, 1000, cap, step / 100.0);
        QVERIFY(delay >= previous);
        previous = delay;
    }
}

void TestRetryPolicy::parseRetryAfterMs_value_givesDelay_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<std::optional<qint64>>("expected");

    const std::optional<qint64> none;
    QTest::newRow("0") << "0"_ba << std::optional<qint64>(0);
    QTest::newRow("120") << "120"_ba << std::optional<qint64>(120000);
    QTest::newRow("spaces around 5") << " 5 "_ba << std::optional<qint64>(5000);
    QTest::newRow("tab and newline") << "\t7\r\n"_ba << std::optional<qint64>(7000);
    QTest::newRow("one hour exactly") << "3600"_ba << std::optional<qint64>(HourMs);
    QTest::newRow("a day is capped at 1 h") << "86400"_ba << std::optional<qint64>(HourMs);
    QTest::newRow("a year is capped at 1 h") << "31536000"_ba << std::optional<qint64>(HourMs);
    QTest::newRow("negative") << "-1"_ba << none;
    QTest::newRow("negative large") << "-86400"_ba << none;
    QTest::newRow("empty") << QByteArray() << none;
    QTest::newRow("blank") << "   "_ba << none;
    QTest::newRow("word") << "soon"_ba << none;
    QTest::newRow("number with junk") << "12abc"_ba << none;
    QTest::newRow("fraction") << "1.5"_ba << none;
    QTest::newRow("date 90 s ahead")
        << "Mon, 06 May 2024 12:01:30 GMT"_ba << std::optional<qint64>(90000);
    QTest::newRow("date now") << "Mon, 06 May 2024 12:00:00 GMT"_ba << std::optional<qint64>(0);
    QTest::newRow("date in the past")
        << "Sun, 05 May 2024 23:59:59 GMT"_ba << std::optional<qint64>(0);
    QTest::newRow("date long ago")
        << "Sun, 06 Nov 1994 08:49:37 GMT"_ba << std::optional<qint64>(0);
    QTest::newRow("date next day is capped at 1 h")
        << "Tue, 07 May 2024 12:00:00 GMT"_ba << std::optional<qint64>(HourMs);
    QTest::newRow("date with spaces around")
        << "  Mon, 06 May 2024 12:00:10 GMT "_ba << std::optional<qint64>(10000);
    QTest::newRow("ISO date") << "2024-05-06T12:01:30Z"_ba << none;
    QTest::newRow("date without zone") << "Mon, 06 May 2024 12:01:30"_ba << none;
    QTest::newRow("date with an impossible day") << "Thu, 32 May 2024 12:00:00 GMT"_ba << none;
}

void TestRetryPolicy::parseRetryAfterMs_value_givesDelay()
{
    QFETCH(QByteArray, value);
    QFETCH(std::optional<qint64>, expected);

    const std::optional<qint64> parsed = RetryPolicy::parseRetryAfterMs(value, Now);
    QCOMPARE(parsed.has_value(), expected.has_value());
    if (expected)
        QCOMPARE(*parsed, *expected);
}

void TestRetryPolicy::parseRetryAfterMs_deltaSecondsTooLargeForMs_isCapped_data()
{
    QTest::addColumn<QByteArray>("value");

    // Representable as seconds in a qint64, but not as milliseconds.
    QTest::newRow("1e16 s") << "10000000000000000"_ba;
    QTest::newRow("qint64 max s") << "9223372036854775807"_ba;
}

void TestRetryPolicy::parseRetryAfterMs_deltaSecondsTooLargeForMs_isCapped()
{
    QFETCH(QByteArray, value);

    // "Capped at one hour so a hostile server cannot park an item forever": a hostile value
    // must give that hour, not an overflowed (negative or arbitrary) delay.
    const std::optional<qint64> parsed = RetryPolicy::parseRetryAfterMs(value, Now);
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, HourMs);
}

void TestRetryPolicy::parseRetryAfterMs_dateInLocalDaylightSavingGap_isStillParsed()
{
    // An HTTP-date is GMT; the machine's time zone must not matter. 02:30 on 31 March 2024 is
    // a fine UTC time, but that wall-clock time does not exist in Berlin (clocks jump 02:00 ->
    // 03:00), so a parser that reads the date as local time first loses it.
    if (!QFile::exists(u"/usr/share/zoneinfo/Europe/Berlin"_s))
        QSKIP("no time zone database");
    const QByteArray savedZone = qgetenv("TZ");
    const bool hadZone = qEnvironmentVariableIsSet("TZ");
    qputenv("TZ", "Europe/Berlin");
    const auto restore = qScopeGuard([&] {
        if (hadZone)
            qputenv("TZ", savedZone);
        else
            qunsetenv("TZ");
    });

    const QDateTime now(QDate(2024, 3, 31), QTime(2, 0, 0), Qt::UTC);
    // Outside the gap the same zone parses fine: the environment took effect as intended.
    QCOMPARE(RetryPolicy::parseRetryAfterMs("Sun, 31 Mar 2024 01:59:00 GMT"_ba, now),
             std::optional<qint64>(0));
    QCOMPARE(RetryPolicy::parseRetryAfterMs("Sun, 31 Mar 2024 03:10:00 GMT"_ba, now),
             std::optional<qint64>(HourMs));
    const std::optional<qint64> parsed =
        RetryPolicy::parseRetryAfterMs("Sun, 31 Mar 2024 02:30:00 GMT"_ba, now);
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, qint64(30 * 60 * 1000));
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
