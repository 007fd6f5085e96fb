#include "core/bytesize.h"

#include <QLocale>
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
    void format_usesIecUnits_data();
    void format_usesIecUnits();
    void format_followsTheLocalesNumbers();
    void formatRate_addsPerSecond();
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

void TestByteSize::format_usesIecUnits_data()
{
    using Ferry::ByteSize::Style;
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<Style>("style");
    QTest::addColumn<QString>("text");

    constexpr qint64 KiB = 1024;
    constexpr qint64 MiB = 1024 * KiB;
    constexpr qint64 GiB = 1024 * MiB;
    const Style rounded = Style::Rounded;
    const Style exact = Style::Exact;
    QTest::newRow("unknown") << qint64(-1) << rounded << QString();
    QTest::newRow("zero") << qint64(0) << rounded << u"0 B"_s;
    QTest::newRow("bytes") << qint64(1023) << rounded << u"1,023 B"_s;
    QTest::newRow("one KiB") << KiB << rounded << u"1 KiB"_s;
    QTest::newRow("KiB and a half") << KiB + 512 << rounded << u"1.5 KiB"_s;
    QTest::newRow("rounds to a tenth") << KiB + 51 << rounded << u"1 KiB"_s;
    QTest::newRow("rounds up to a tenth") << KiB + 52 << rounded << u"1.1 KiB"_s;
    QTest::newRow("just below a MiB") << MiB - 1 << rounded << u"1 MiB"_s;
    QTest::newRow("not 1,024.0 KiB") << MiB - 40 << rounded << u"1 MiB"_s;
    QTest::newRow("1,023.9 KiB") << MiB - 100 << rounded << u"1,023.9 KiB"_s;
    QTest::newRow("MiB") << 1536 * KiB + 1 << rounded << u"1.5 MiB"_s;
    QTest::newRow("whole MiB") << 256 * MiB << rounded << u"256 MiB"_s;
    QTest::newRow("GiB") << 5 * GiB / 2 << rounded << u"2.5 GiB"_s;
    QTest::newRow("TiB") << 3 * 1024 * GiB << rounded << u"3 TiB"_s;
    QTest::newRow("beyond TiB") << 4096 * 1024 * GiB << rounded << u"4,096 TiB"_s;
    QTest::newRow("exact MiB") << MiB << exact << u"1 MiB"_s;
    QTest::newRow("exact KiB above a MiB") << 3000 * KiB << exact << u"3,000 KiB"_s;
    QTest::newRow("exact falls back to rounded") << 1536 * KiB + 1 << exact << u"1.5 MiB"_s;
    QTest::newRow("exact zero") << qint64(0) << exact << u"0 B"_s;
    QTest::newRow("exact GiB") << 2 * GiB << exact << u"2 GiB"_s;
}

void TestByteSize::format_usesIecUnits()
{
    QFETCH(qint64, bytes);
    QFETCH(Ferry::ByteSize::Style, style);
    QFETCH(QString, text);
    QCOMPARE(
        Ferry::ByteSize::format(bytes, style, QLocale(QLocale::English, QLocale::UnitedStates)),
        text);
}

void TestByteSize::format_followsTheLocalesNumbers()
{
    const QLocale german(QLocale::German, QLocale::Germany);
    QCOMPARE(Ferry::ByteSize::format(1536 * 1024 + 1, Ferry::ByteSize::Style::Rounded, german),
             u"1,5 MiB"_s);
    QCOMPARE(Ferry::ByteSize::format(3000 * 1024, Ferry::ByteSize::Style::Exact, german),
             u"3.000 KiB"_s);
    const QLocale chinese(QLocale::Chinese, QLocale::China);
    QCOMPARE(Ferry::ByteSize::format(1536 * 1024 + 1, Ferry::ByteSize::Style::Rounded, chinese),
             u"1.5 MiB"_s);
}

void TestByteSize::formatRate_addsPerSecond()
{
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    using Ferry::ByteSize::Style;
    QCOMPARE(Ferry::ByteSize::formatRate(1024 * 1024, Style::Rounded, english), u"1 MiB/s"_s);
    QCOMPARE(Ferry::ByteSize::formatRate(1000 * 1024, Style::Rounded, english), u"1,000 KiB/s"_s);
    QCOMPARE(Ferry::ByteSize::formatRate(700 * 1024 + 300, Style::Rounded, english),
             u"700.3 KiB/s"_s);
    QCOMPARE(Ferry::ByteSize::formatRate(256 * 1024, Style::Exact, english), u"256 KiB/s"_s);
    QCOMPARE(Ferry::ByteSize::formatRate(-1, Style::Rounded, english), QString());
}

QTEST_GUILESS_MAIN(TestByteSize)
#include "tst_bytesize.moc"
