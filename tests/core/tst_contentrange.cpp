#include "core/contentrange.h"

#include <QTest>

#include <limits>

using namespace Ferry;

class TestContentRange : public QObject
{
    Q_OBJECT

private slots:
    void parse_valid_givesFields_data();
    void parse_valid_givesFields();
    void parse_malformed_isRejected_data();
    void parse_malformed_isRejected();
};

void TestContentRange::parse_valid_givesFields_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");
    QTest::addColumn<qint64>("total");

    constexpr qint64 Max = std::numeric_limits<qint64>::max();
    QTest::newRow("whole small file")
        << QByteArray("bytes 0-9/10") << qint64(0) << qint64(9) << qint64(10);
    QTest::newRow("middle") << QByteArray("bytes 100-199/1000") << qint64(100) << qint64(199)
                            << qint64(1000);
    QTest::newRow("last byte") << QByteArray("bytes 999-999/1000") << qint64(999) << qint64(999)
                               << qint64(1000);
    QTest::newRow("one-byte file")
        << QByteArray("bytes 0-0/1") << qint64(0) << qint64(0) << qint64(1);
    QTest::newRow("unknown total")
        << QByteArray("bytes 100-199/*") << qint64(100) << qint64(199) << qint64(-1);
    QTest::newRow("unsatisfied") << QByteArray("bytes */1000") << qint64(-1) << qint64(-1)
                                 << qint64(1000);
    QTest::newRow("unsatisfied, empty file")
        << QByteArray("bytes */0") << qint64(-1) << qint64(-1) << qint64(0);
    QTest::newRow("surrounding whitespace")
        << QByteArray("  bytes 5-9/10 \t") << qint64(5) << qint64(9) << qint64(10);
    QTest::newRow("unit in capitals")
        << QByteArray("BYTES 5-9/10") << qint64(5) << qint64(9) << qint64(10);
    QTest::newRow("beyond 4 GiB") << QByteArray("bytes 4294967296-8589934591/8589934592")
                                  << qint64(4294967296LL) << qint64(8589934591LL)
                                  << qint64(8589934592LL);
    QTest::newRow("qint64 max total") << QByteArray("bytes 0-9223372036854775806/"
                                                    "9223372036854775807")
                                      << qint64(0) << Max - 1 << Max;
    QTest::newRow("last byte below qint64 max, unknown total")
        << QByteArray("bytes 9223372036854775806-9223372036854775806/*") << Max - 1 << Max - 1
        << qint64(-1);
    QTest::newRow("unsatisfied, qint64 max")
        << QByteArray("bytes */9223372036854775807") << qint64(-1) << qint64(-1) << Max;
}

void TestContentRange::parse_valid_givesFields()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    QFETCH(qint64, total);

    const std::optional<ContentRange> range = ContentRange::parse(value);
    QVERIFY(range);
    QCOMPARE(range->first, first);
    QCOMPARE(range->last, last);
    QCOMPARE(range->total, total);
}

void TestContentRange::parse_malformed_isRejected_data()
{
    QTest::addColumn<QByteArray>("value");

    const char *const values[] = {
        "",
        "   ",
        "bytes",
        "bytes ",
        "bytes 0-9",
        "bytes 0-9/",
        "bytes /10",
        "bytes 0-9 10",
        "bytes=0-9/10",
        "bits 0-9/10",
        "0-9/10",
        "bytes 5-3/10",  // last before first
        "bytes 0-9/5",   // past the total
        "bytes 0-10/10", // one past the total
        "bytes 0-0/0",   // a byte of an empty file
        "bytes -1-2/3",  // negative first
        "bytes 1--2/3",  // negative last
        "bytes -5/10",   // a suffix request is no answer
        "bytes 0-/10",
        "bytes -/10",
        "bytes 09/10",
        "bytes a-9/10",
        "bytes 0-b/10",
        "bytes 0x0-9/10",
        "bytes 0-9/x",
        "bytes 0-9/-1",
        "bytes 0-9/10/20",
        "bytes 0-9/1e3",
        "bytes */x",
        "bytes */-1",
        "bytes */",
        "bytes */*", // an unsatisfied range must name the size
        "bytes *-9/10",
        "bytes 0-*/10",
        // Past qint64.
        "bytes 0-9/9223372036854775808",
        "bytes 0-9223372036854775808/*",
        "bytes 9223372036854775808-9223372036854775809/*",
        "bytes */99999999999999999999",
        // The last byte must be below a total of qint64 max.
        "bytes 0-9223372036854775807/9223372036854775807",
    };
    for (const char *value : values)
        QTest::newRow(value) << QByteArray(value);
}

void TestContentRange::parse_malformed_isRejected()
{
    QFETCH(QByteArray, value);

    const std::optional<ContentRange> range = ContentRange::parse(value);
    QVERIFY2(!range,
             range ? qPrintable(QStringLiteral("accepted as %1-%2/%3")
                                    .arg(range->first)
                                    .arg(range->last)
                                    .arg(range->total))
                   : "");
}

QTEST_GUILESS_MAIN(TestContentRange)
#include "tst_contentrange.moc"
