#include "core/checkpoint.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(Ferry::ByteRange)
Q_DECLARE_METATYPE(Ferry::Checkpoint)

namespace Ferry {

// Found by QTest through argument-dependent lookup, so failed comparisons print the ranges.
char *toString(const ByteRange &range)
{
    return qstrdup(QByteArray("[" + QByteArray::number(range.begin) + ", "
                              + QByteArray::number(range.end) + ")")
                       .constData());
}

} // namespace Ferry

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

const QString Directory = u"/data/downloads"_s;

// A checkpoint that fromJson() must accept; rejection tests spoil one field of it at a time.
Checkpoint validCheckpoint()
{
    Checkpoint checkpoint;
    checkpoint.url = QUrl(u"https://example.org/files/a%20b.iso?mirror=2"_s);
    checkpoint.directory = Directory;
    checkpoint.partPath = Directory + u"/a b.iso.part"_s;
    checkpoint.finalPath = Directory + u"/a b.iso"_s;
    checkpoint.totalSize = 1000;
    checkpoint.etag = "\"5f3c-1a2b\""_ba;
    checkpoint.lastModified = "Wed, 01 Jan 2020 00:00:00 GMT"_ba;
    checkpoint.ranges = {ByteRange{0, 100}, ByteRange{200, 300}};
    return checkpoint;
}

QJsonObject validObject()
{
    return QJsonDocument::fromJson(validCheckpoint().toJson()).object();
}

QByteArray withField(const QString &key, const QJsonValue &value)
{
    QJsonObject object = validObject();
    object.insert(key, value);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray withoutField(const QString &key)
{
    QJsonObject object = validObject();
    object.remove(key);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonArray rangesArray(std::initializer_list<std::pair<qint64, qint64>> ranges)
{
    QJsonArray array;
    for (const auto &[begin, end] : ranges)
        array.append(QJsonArray{begin, end});
    return array;
}

void compareCheckpoints(const Checkpoint &actual, const Checkpoint &expected)
{
    QCOMPARE(actual.url, expected.url);
    QCOMPARE(actual.directory, expected.directory);
    QCOMPARE(actual.partPath, expected.partPath);
    QCOMPARE(actual.finalPath, expected.finalPath);
    QCOMPARE(actual.totalSize, expected.totalSize);
    QCOMPARE(actual.etag, expected.etag);
    QCOMPARE(actual.lastModified, expected.lastModified);
    QCOMPARE(actual.ranges, expected.ranges);
    QCOMPARE(actual.completed, expected.completed);
    QCOMPARE(actual.contentDigest, expected.contentDigest);
}

} // namespace

class TestCheckpoint : public QObject
{
    Q_OBJECT

private slots:
    void trustedRanges_sameBootTrustsAll_otherwiseDurableOnly();
    void fromJson_twoTiers_roundTrip();
    void toJson_fromJson_roundTripsEveryField_data();
    void toJson_fromJson_roundTripsEveryField();
    void bytesOnDisk_contiguousPrefix_followRanges_data();
    void bytesOnDisk_contiguousPrefix_followRanges();
    void contiguousPrefix_adjacentRanges_spansTheWholeRun();
    void fromJson_adjacentRangesAndRangeEndingAtSize_areAccepted();
    void fromJson_unknownSize_acceptsAnyRangeEnd();
    void fromJson_malformedDocument_isRejected_data();
    void fromJson_malformedDocument_isRejected();
    void fromJson_badDirectory_isRejected_data();
    void fromJson_badDirectory_isRejected();
    void fromJson_pathOutsideDirectory_isRejected_data();
    void fromJson_pathOutsideDirectory_isRejected();
    void fromJson_badRanges_areRejected_data();
    void fromJson_badRanges_areRejected();
    void fromJson_badSizeOrUrl_isRejected_data();
    void fromJson_badSizeOrUrl_isRejected();
    void fromJson_truncatedFile_isRejected();
    void fromJson_badContentDigest_isRejected_data();
    void fromJson_badContentDigest_isRejected();
};

void TestCheckpoint::toJson_fromJson_roundTripsEveryField_data()
{
    QTest::addColumn<Checkpoint>("checkpoint");

    Checkpoint noRanges = validCheckpoint();
    noRanges.ranges.clear();
    QTest::newRow("no ranges") << noRanges;

    Checkpoint oneRange = validCheckpoint();
    oneRange.ranges = {ByteRange{0, 1000}};
    oneRange.completed = true;
    QTest::newRow("one range, completed") << oneRange;

    Checkpoint several = validCheckpoint();
    several.ranges = {
        ByteRange{0, 10}, ByteRange{10, 20}, ByteRange{500, 600}, ByteRange{999, 1000}};
    QTest::newRow("several ranges") << several;

    Checkpoint unknownSize = validCheckpoint();
    unknownSize.totalSize = -1;
    unknownSize.etag.clear();
    unknownSize.lastModified.clear();
    unknownSize.ranges = {ByteRange{0, 123456}};
    QTest::newRow("unknown size, no validators") << unknownSize;

    Checkpoint empty = validCheckpoint();
    empty.totalSize = 0;
    empty.ranges.clear();
    empty.completed = true;
    QTest::newRow("empty file") << empty;

    Checkpoint big = validCheckpoint();
    big.totalSize = qint64(5) << 40;
    big.ranges = {ByteRange{0, qint64(3) << 40}, ByteRange{qint64(4) << 40, qint64(5) << 40}};
    QTest::newRow("beyond 32 bits") << big;

    Checkpoint unicode = validCheckpoint();
    unicode.url = QUrl(u"https://user@例子.测试:8443/数据/文件.zip#frag"_s);
    unicode.directory = u"/home/用户/下载"_s;
    unicode.partPath = u"/home/用户/下载/文件 (1).zip.part"_s;
    unicode.finalPath = u"/home/用户/下载/文件 (1).zip"_s;
    unicode.etag = "W/\"weak\""_ba;
    QTest::newRow("non-ASCII url and paths") << unicode;

    Checkpoint small = validCheckpoint();
    small.ranges = {ByteRange{0, 1000}};
    small.completed = true;
    small.contentDigest = "0123456789abcdef"_ba;
    QTest::newRow("small file, saved before its bytes") << small;

    Checkpoint escapes = validCheckpoint();
    escapes.directory = u"/srv/a \"quoted\" \\back\\slash\ttab\nline\u0001\u007f"_s;
    escapes.partPath = escapes.directory + u"/x\u001f\"y.part"_s;
    escapes.finalPath = escapes.directory + u"/x\u001f\"y"_s;
    escapes.etag = "\"caf\xe9 \\ \x01\""_ba; // Latin-1 and control bytes from a header
    escapes.lastModified = "Sat, 21 Nov 2026 17:14:27 GMT"_ba;
    QTest::newRow("quotes, backslashes, control and Latin-1 characters") << escapes;

    Checkpoint asciiEscapes = validCheckpoint();
    asciiEscapes.etag = "\"a\\b\x7f\x1f\"\"end"_ba; // escapes at both ends and side by side
    asciiEscapes.bootId = "\\"_ba;
    QTest::newRow("ASCII header values with quotes, backslashes and control bytes") << asciiEscapes;

    Checkpoint root = validCheckpoint();
    root.directory = u"/"_s;
    root.partPath = u"/x.part"_s;
    root.finalPath = u"/x"_s;
    QTest::newRow("root directory") << root;
}

void TestCheckpoint::toJson_fromJson_roundTripsEveryField()
{
    QFETCH(Checkpoint, checkpoint);

    const QByteArray json = checkpoint.toJson();
    const Result<Checkpoint> parsed = Checkpoint::fromJson(json);
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().detail));
    compareCheckpoints(parsed.value(), checkpoint);
    if (QTest::currentTestFailed())
        return;
    // Serialising what was read gives the same bytes: nothing is lost or reinterpreted.
    QCOMPARE(parsed->toJson(), json);
}

void TestCheckpoint::bytesOnDisk_contiguousPrefix_followRanges_data()
{
    QTest::addColumn<QList<ByteRange>>("ranges");
    QTest::addColumn<qint64>("bytesOnDisk");
    QTest::addColumn<qint64>("contiguousPrefix");

    QTest::newRow("nothing") << QList<ByteRange>{} << qint64(0) << qint64(0);
    QTest::newRow("prefix only") << QList<ByteRange>{{0, 100}} << qint64(100) << qint64(100);
    QTest::newRow("hole at the start") << QList<ByteRange>{{10, 100}} << qint64(90) << qint64(0);
    QTest::newRow("prefix and later pieces")
        << QList<ByteRange>{{0, 10}, {20, 30}, {50, 95}} << qint64(65) << qint64(10);
    QTest::newRow("pieces after a hole")
        << QList<ByteRange>{{5, 10}, {20, 30}} << qint64(15) << qint64(0);
}

void TestCheckpoint::bytesOnDisk_contiguousPrefix_followRanges()
{
    QFETCH(QList<ByteRange>, ranges);
    QFETCH(qint64, bytesOnDisk);
    QFETCH(qint64, contiguousPrefix);

    Checkpoint checkpoint = validCheckpoint();
    checkpoint.ranges = ranges;
    QCOMPARE(checkpoint.bytesOnDisk(), bytesOnDisk);
    QCOMPARE(checkpoint.contiguousPrefix(), contiguousPrefix);
}

void TestCheckpoint::contiguousPrefix_adjacentRanges_spansTheWholeRun()
{
    // fromJson() accepts touching ranges (they are disjoint half-open intervals), and the
    // header promises "the end of the run of bytes starting at offset 0": here that is 300.
    const QByteArray json =
        withField(u"ranges"_s, rangesArray({{0, 100}, {100, 250}, {250, 300}, {400, 500}}));
    const Result<Checkpoint> parsed = Checkpoint::fromJson(json);
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->bytesOnDisk(), qint64(400));
    QCOMPARE(parsed->contiguousPrefix(), qint64(300));
}

void TestCheckpoint::fromJson_adjacentRangesAndRangeEndingAtSize_areAccepted()
{
    const Result<Checkpoint> parsed =
        Checkpoint::fromJson(withField(u"ranges"_s, rangesArray({{0, 10}, {10, 20}, {990, 1000}})));
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().detail));
    const QList<ByteRange> expected{{0, 10}, {10, 20}, {990, 1000}};
    QCOMPARE(parsed->ranges, expected);
}

void TestCheckpoint::fromJson_unknownSize_acceptsAnyRangeEnd()
{
    QJsonObject object = validObject();
    object.insert(u"totalSize"_s, -1);
    object.insert(u"ranges"_s, rangesArray({{0, qint64(1) << 45}}));
    const Result<Checkpoint> parsed =
        Checkpoint::fromJson(QJsonDocument(object).toJson(QJsonDocument::Compact));
    QVERIFY2(parsed.has_value(), qPrintable(parsed ? QString() : parsed.error().detail));
    QCOMPARE(parsed->totalSize, qint64(-1));
    QCOMPARE(parsed->contiguousPrefix(), qint64(1) << 45);
}

void TestCheckpoint::fromJson_malformedDocument_isRejected_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");

    const QString notJson = u"not a JSON object"_s;
    const QString version = u"unknown version"_s;
    QTest::newRow("empty") << QByteArray() << notJson;
    QTest::newRow("plain text") << "resume from byte 100"_ba << notJson;
    QTest::newRow("binary junk") << QByteArray("\x00\xff\xfe{\x01", 5) << notJson;
    QTest::newRow("array") << "[1, 2, 3]"_ba << notJson;
    QTest::newRow("string") << "\"checkpoint\""_ba << notJson;
    QTest::newRow("trailing junk") << validCheckpoint().toJson() + "}"_ba << notJson;
    QTest::newRow("version 2") << withField(u"version"_s, 2) << version;
    QTest::newRow("version 0") << withField(u"version"_s, 0) << version;
    QTest::newRow("version as text") << withField(u"version"_s, u"1"_s) << version;
    QTest::newRow("no version") << withoutField(u"version"_s) << version;
}

void TestCheckpoint::fromJson_malformedDocument_isRejected()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);

    const Result<Checkpoint> parsed = Checkpoint::fromJson(json);
    QVERIFY(!parsed.has_value());
    QCOMPARE(parsed.error().kind, TransferError::Kind::FileSystem);
    QVERIFY2(parsed.error().detail.contains(reason), qPrintable(parsed.error().detail));
}

void TestCheckpoint::fromJson_badDirectory_isRejected_data()
{
    QTest::addColumn<QString>("directory");

    QTest::newRow("empty") << QString();
    QTest::newRow("relative") << u"data/downloads"_s;
    QTest::newRow("dot") << u"."_s;
    QTest::newRow("dot segment") << u"/data/./downloads"_s;
    QTest::newRow("dot-dot segment") << u"/data/x/../downloads"_s;
    QTest::newRow("trailing slash") << u"/data/downloads/"_s;
    QTest::newRow("double slash") << u"/data//downloads"_s;
}

void TestCheckpoint::fromJson_badDirectory_isRejected()
{
    QFETCH(QString, directory);

    // The paths are left as they are: only the directory is wrong.
    const Result<Checkpoint> parsed = Checkpoint::fromJson(withField(u"directory"_s, directory));
    QVERIFY(!parsed.has_value());
    QCOMPARE(parsed.error().kind, TransferError::Kind::FileSystem);
    QVERIFY2(parsed.error().detail.contains(u"bad directory"_s), qPrintable(parsed.error().detail));
}

void TestCheckpoint::fromJson_pathOutsideDirectory_isRejected_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("path");

    for (const QString &field : {u"partPath"_s, u"finalPath"_s}) {
        const auto row = [&](const char *what, const QString &path) {
            QTest::addRow("%s: %s", qPrintable(field), what) << field << path;
        };
        row("relative ../x", u"../x"_s);
        row("relative name", u"a b.iso"_s);
        row("escaping with ..", Directory + u"/../a b.iso"_s);
        row("other directory", u"/data/other/a b.iso"_s);
        row("sibling with the same prefix", u"/data/downloads-old/a b.iso"_s);
        row("absolute elsewhere", u"/etc/passwd"_s);
        row("subdirectory", Directory + u"/sub/a b.iso"_s);
        row("the directory itself", Directory);
        row("dot", u"."_s);
        row("dot inside", Directory + u"/."_s);
        row("dot-dot inside", Directory + u"/.."_s);
        row("trailing slash", Directory + u"/a b.iso/"_s);
        row("empty", QString());
    }
}

void TestCheckpoint::fromJson_pathOutsideDirectory_isRejected()
{
    QFETCH(QString, field);
    QFETCH(QString, path);

    const Result<Checkpoint> parsed = Checkpoint::fromJson(withField(field, path));
    QVERIFY2(!parsed.has_value(), qPrintable(path));
    QCOMPARE(parsed.error().kind, TransferError::Kind::FileSystem);
    QVERIFY2(parsed.error().detail.contains(u"outside its directory"_s),
             qPrintable(parsed.error().detail));
}

void TestCheckpoint::fromJson_badRanges_areRejected_data()
{
    QTest::addColumn<QJsonValue>("ranges");

    // totalSize is 1000 in every row.
    QTest::newRow("overlapping") << QJsonValue(rangesArray({{0, 100}, {50, 200}}));
    QTest::newRow("duplicate") << QJsonValue(rangesArray({{0, 100}, {0, 100}}));
    QTest::newRow("unsorted") << QJsonValue(rangesArray({{200, 300}, {0, 100}}));
    QTest::newRow("empty range") << QJsonValue(rangesArray({{0, 100}, {150, 150}}));
    QTest::newRow("reversed range") << QJsonValue(rangesArray({{300, 200}}));
    QTest::newRow("negative begin") << QJsonValue(rangesArray({{-10, 100}}));
    QTest::newRow("past the size") << QJsonValue(rangesArray({{0, 1001}}));
    QTest::newRow("starting past the size") << QJsonValue(rangesArray({{1000, 1001}}));
    QTest::newRow("one number") << QJsonValue(QJsonArray{QJsonArray{5}});
    QTest::newRow("three numbers") << QJsonValue(QJsonArray{QJsonArray{0, 5, 10}});
    QTest::newRow("not a pair") << QJsonValue(QJsonArray{7});
    QTest::newRow("text bounds") << QJsonValue(QJsonArray{QJsonArray{u"0"_s, u"10"_s}});
    QTest::newRow("fractional bounds") << QJsonValue(QJsonArray{QJsonArray{0.5, 10.5}});
    QTest::newRow("ranges as object") << QJsonValue(QJsonObject{{u"0"_s, 10}});
    QTest::newRow("ranges as text") << QJsonValue(u"0-10"_s);
    QTest::newRow("ranges null") << QJsonValue(QJsonValue::Null);
}

void TestCheckpoint::fromJson_badRanges_areRejected()
{
    QFETCH(QJsonValue, ranges);

    const Result<Checkpoint> parsed = Checkpoint::fromJson(withField(u"ranges"_s, ranges));
    QVERIFY(!parsed.has_value());
    QCOMPARE(parsed.error().kind, TransferError::Kind::FileSystem);
    QVERIFY2(parsed.error().detail.contains(u"range"_s), qPrintable(parsed.error().detail));
}

void TestCheckpoint::fromJson_badSizeOrUrl_isRejected_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");

    const QString size = u"bad size"_s;
    const QString url = u"bad url"_s;
    QTest::newRow("size -2") << withField(u"totalSize"_s, -2) << size;
    QTest::newRow("size -1000") << withField(u"totalSize"_s, -1000) << size;
    QTest::newRow("size as text") << withField(u"totalSize"_s, u"1000"_s) << size;
    QTest::newRow("no size") << withoutField(u"totalSize"_s) << size;
    QTest::newRow("no url") << withoutField(u"url"_s) << url;
    QTest::newRow("relative url") << withField(u"url"_s, u"files/a.iso"_s) << url;
    QTest::newRow("broken url") << withField(u"url"_s, u"http://[::1/a"_s) << url;
    QTest::newRow("no ranges") << withoutField(u"ranges"_s) << u"no ranges"_s;
}

void TestCheckpoint::fromJson_badSizeOrUrl_isRejected()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);

    const Result<Checkpoint> parsed = Checkpoint::fromJson(json);
    QVERIFY(!parsed.has_value());
    QCOMPARE(parsed.error().kind, TransferError::Kind::FileSystem);
    QVERIFY2(parsed.error().detail.contains(reason), qPrintable(parsed.error().detail));
}

void TestCheckpoint::fromJson_truncatedFile_isRejected()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"checkpoint.json"_s);
    const QByteArray json = validCheckpoint().toJson();
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(json), json.size());
    }
    // As a crash in the middle of a non-atomic write would leave it.
    QVERIFY(QFile::resize(path, json.size() / 2));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray onDisk = file.readAll();
    QCOMPARE(onDisk.size(), json.size() / 2);
    const Result<Checkpoint> parsed = Checkpoint::fromJson(onDisk);
    QVERIFY(!parsed.has_value());
    QVERIFY2(parsed.error().detail.contains(u"not a JSON object"_s),
             qPrintable(parsed.error().detail));

    // No cut at any other place is accepted either.
    for (qsizetype length = 0; length < json.size(); ++length)
        QVERIFY2(!Checkpoint::fromJson(json.left(length)), qPrintable(QString::number(length)));
}

void TestCheckpoint::trustedRanges_sameBootTrustsAll_otherwiseDurableOnly()
{
    Checkpoint checkpoint;
    checkpoint.ranges = {ByteRange{0, 3000}};
    checkpoint.durableRanges = {ByteRange{0, 1000}};
    checkpoint.bootId = "boot-a";
    QCOMPARE(Checkpoint::prefixOf(checkpoint.trustedRanges("boot-a")), 3000);
    QCOMPARE(Checkpoint::prefixOf(checkpoint.trustedRanges("boot-b")), 1000);
    QCOMPARE(Checkpoint::prefixOf(checkpoint.trustedRanges(QByteArray())), 1000);
    checkpoint.bootId.clear(); // written where the boot could not be told: durable only
    QCOMPARE(Checkpoint::prefixOf(checkpoint.trustedRanges(QByteArray())), 1000);
    QCOMPARE(Checkpoint::prefixOf(checkpoint.trustedRanges("boot-a")), 1000);
}

void TestCheckpoint::fromJson_twoTiers_roundTrip()
{
    Checkpoint checkpoint;
    checkpoint.url = QUrl(u"http://example.com/f"_s);
    checkpoint.directory = u"/data"_s;
    checkpoint.partPath = u"/data/f.part"_s;
    checkpoint.finalPath = u"/data/f"_s;
    checkpoint.totalSize = 5000;
    checkpoint.ranges = {ByteRange{0, 3000}};
    checkpoint.durableRanges = {ByteRange{0, 1000}};
    checkpoint.bootId = "3f2c-boot";
    const Result<Checkpoint> back = Checkpoint::fromJson(checkpoint.toJson());
    QVERIFY(back);
    QVERIFY(back->ranges == checkpoint.ranges);
    QVERIFY(back->durableRanges == checkpoint.durableRanges);
    QCOMPARE(back->bootId, checkpoint.bootId);

    // Durable ranges obey the same rules as the others.
    checkpoint.durableRanges = {ByteRange{0, 9000}};
    QVERIFY(!Checkpoint::fromJson(checkpoint.toJson()));
}

void TestCheckpoint::fromJson_badContentDigest_isRejected_data()
{
    QTest::addColumn<QString>("digest");
    QTest::addColumn<bool>("completed");

    QTest::newRow("too short") << u"0123"_s << true;
    QTest::newRow("upper case") << u"0123456789ABCDEF"_s << true;
    QTest::newRow("not hex") << u"0123456789abcdeg"_s << true;
    // Only the record saved before a small file's bytes carries one, and it says "completed".
    QTest::newRow("on an unfinished record") << u"0123456789abcdef"_s << false;
}

void TestCheckpoint::fromJson_badContentDigest_isRejected()
{
    QFETCH(QString, digest);
    QFETCH(bool, completed);

    QJsonObject object = validObject();
    object.insert(u"contentDigest"_s, digest);
    object.insert(u"completed"_s, completed);
    const Result<Checkpoint> parsed =
        Checkpoint::fromJson(QJsonDocument(object).toJson(QJsonDocument::Compact));
    QVERIFY(!parsed.has_value());
    QVERIFY2(parsed.error().detail.contains(u"content digest"_s),
             qPrintable(parsed.error().detail));
}

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
