#include "core/bytesize.h"

#include <QTest>

#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

class TestByteSize : public QObject
{
    Q_OBJECT

private slots:
    void parse_acceptsNumbersAndBinarySuffixes_data();
    void parse_acceptsNumbersAndBinarySuffixes();
    void parse_rejectsEverythingElse_data();
    void parse_rejectsEverythingElse();
};

void TestByteSize::parse_acceptsNumbersAndBinarySuffixes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("bytes");

    QTest::newRow("zero") << u"0"_s << qint64(0);
    QTest::newRow("zero K") << u"0K"_s << qint64(0);
    QTest::newRow("plain bytes") << u"1048576"_s << qint64(1048576);
    QTest::newRow("leading zeros") << u"007"_s << qint64(7);
    QTest::newRow("K") << u"512K"_s << qint64(512 * 1024);
    QTest::newRow("k") << u"512k"_s << qint64(512 * 1024);
    QTest::newRow("M") << u"10M"_s << qint64(10) * 1024 * 1024;
    QTest::newRow("m") << u"10m"_s << qint64(10) * 1024 * 1024;
    QTest::newRow("G") << u"1G"_s << (qint64(1) << 30);
    QTest::newRow("g") << u"3g"_s << qint64(3) * 1024 * 1024 * 1024;
    QTest::newRow("largest plain")
        << u"9223372036854775807"_s << std::numeric_limits<qint64>::max();
    QTest::newRow("largest G") << u"8589934591G"_s << qint64(8589934591) * (qint64(1) << 30);
}

void TestByteSize::parse_acceptsNumbersAndBinarySuffixes()
{
    QFETCH(QString, text);
    QFETCH(qint64, bytes);
    const std::optional<qint64> parsed = Ferry::ByteSize::parse(text);
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, bytes);
}

void TestByteSize::parse_rejectsEverythingElse_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("suffix only") << u"K"_s;
    QTest::newRow("negative") << u"-1"_s;
    QTest::newRow("negative K") << u"-5K"_s;
    QTest::newRow("plus sign") << u"+5"_s;
    QTest::newRow("fraction") << u"1.5M"_s;
    QTest::newRow("leading space") << u" 10K"_s;
    QTest::newRow("trailing space") << u"10K "_s;
    QTest::newRow("word") << u"fast"_s;
    QTest::newRow("two suffixes") << u"10KK"_s;
    QTest::newRow("suffix first") << u"K10"_s;
    QTest::newRow("decimal unit") << u"10KB"_s;
    QTest::newRow("tera") << u"1T"_s;
    QTest::newRow("hex") << u"0x10"_s;
    QTest::newRow("arabic-indic digits") << u"\u0661\u0662"_s;
    QTest::newRow("overflow plain") << u"9223372036854775808"_s;
    QTest::newRow("overflow long") << u"99999999999999999999999"_s;
    QTest::newRow("overflow by suffix") << u"8589934592G"_s;
    QTest::newRow("overflow M") << u"9223372036854775807M"_s;
}

void TestByteSize::parse_rejectsEverythingElse()
{
    QFETCH(QString, text);
    QCOMPARE(Ferry::ByteSize::parse(text), std::nullopt);
}

QTEST_GUILESS_MAIN(TestByteSize)
#include "tst_bytesize.moc"
