#include "core/contentdigest.h"
#include "tests/support/generateddata.h"

#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

class TestContentDigest : public QObject
{
    Q_OBJECT

private slots:
    void result_isSixteenHexDigits_andStable();
    void addData_inPieces_equalsWhole_data();
    void addData_inPieces_equalsWhole();
    void of_tellsApartNearlyEqualInputs();
    void ofFile_equalsOfTheBytes_andMissingFileIsNullopt();
    void isWellFormed_acceptsOnlyResultsForm();
};

void TestContentDigest::result_isSixteenHexDigits_andStable()
{
    // Saved in records: a change of the function would make finished files look like strangers'.
    // The expected values come from a second implementation (a few lines of Python).
    QCOMPARE(ContentDigest::of("ferry"), "f3268db8a8220091"_ba);
    QCOMPARE(ContentDigest::of(QByteArray()), "c8d3d59d2514adb6"_ba);
    QCOMPARE(ContentDigest::of("hello, ferry\n"_ba.repeated(3)), "3c85962d87414ed3"_ba);
    QCOMPARE(ContentDigest::of("hello, ferry\n"_ba.repeated(4)), "29b65cff2a037a85"_ba);
    QVERIFY(ContentDigest::isWellFormed(ContentDigest::of("ferry")));
    QCOMPARE(ContentDigest::of(QByteArray()), ContentDigest().result());
    QCOMPARE(ContentDigest::of(generatedData(0, 1000, 5)),
             ContentDigest::of(generatedData(0, 1000, 5)));
}

void TestContentDigest::addData_inPieces_equalsWhole_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("piece");

    QTest::newRow("tail only") << 5 << 1;
    QTest::newRow("odd pieces") << 1000 << 3;
    QTest::newRow("word pieces") << 4096 << 8;
    QTest::newRow("across stripes") << 1000 << 31;
    QTest::newRow("uneven big") << 300 * 1024 + 7 << 65537;
    QTest::newRow("one byte at a time") << 77 << 1;
}

void TestContentDigest::addData_inPieces_equalsWhole()
{
    QFETCH(int, size);
    QFETCH(int, piece);

    const QByteArray data = generatedData(0, size, 11);
    ContentDigest digest;
    for (qsizetype at = 0; at < data.size(); at += piece)
        digest.addData(
            QByteArrayView(data).sliced(at, std::min<qsizetype>(piece, data.size() - at)));
    QCOMPARE(digest.result(), ContentDigest::of(data));
}

void TestContentDigest::of_tellsApartNearlyEqualInputs()
{
    const QByteArray base = generatedData(0, 64 * 1024, 3);
    QSet<QByteArray> seen{ContentDigest::of(base)};
    // One bit flipped anywhere, a byte more or less, zero padding: all different.
    for (qsizetype at :
         {qsizetype(0), qsizetype(7), qsizetype(8), base.size() / 2, base.size() - 1}) {
        for (int bit : {0, 7}) {
            QByteArray changed = base;
            changed[at] = char(changed.at(at) ^ (1 << bit));
            seen.insert(ContentDigest::of(changed));
        }
    }
    seen.insert(ContentDigest::of(QByteArray(base + '\0')));
    seen.insert(ContentDigest::of(base.chopped(1)));
    seen.insert(ContentDigest::of("ab"));
    seen.insert(ContentDigest::of("ab\0"_ba));
    seen.insert(ContentDigest::of(QByteArray(16, '\0')));
    seen.insert(ContentDigest::of(QByteArray(24, '\0')));
    QCOMPARE(seen.size(), 1 + 10 + 2 + 4);
}

void TestContentDigest::ofFile_equalsOfTheBytes_andMissingFileIsNullopt()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray data = generatedData(0, 200 * 1024 + 3, 8);
    QFile file(dir.filePath(u"f.bin"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(data), data.size());
    file.close();
    QCOMPARE(ContentDigest::ofFile(file.fileName()), ContentDigest::of(data));
    QCOMPARE(ContentDigest::ofFile(dir.filePath(u"missing"_s)), std::nullopt);
}

void TestContentDigest::isWellFormed_acceptsOnlyResultsForm()
{
    QVERIFY(ContentDigest::isWellFormed("0123456789abcdef"));
    QVERIFY(!ContentDigest::isWellFormed("0123456789ABCDEF"));
    QVERIFY(!ContentDigest::isWellFormed("0123456789abcde"));
    QVERIFY(!ContentDigest::isWellFormed("0123456789abcdef0"));
    QVERIFY(!ContentDigest::isWellFormed(""));
}

QTEST_GUILESS_MAIN(TestContentDigest)
#include "tst_contentdigest.moc"
