#include "core/nameregistry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using Ferry::NameRegistry;
using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype MaxNameBytes = 255;

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString repeated(const QString &piece, qsizetype times)
{
    return piece.repeated(times);
}

} // namespace

class TestNameRegistry : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void reserve_freeName_returnsItInDirectory();
    void reserve_existingFile_getsNumberedName();
    void reserve_existingPartFile_getsNumberedName();
    void reserve_existingNumberedFiles_areSkipped();
    void reserve_sameNameTwice_givesDistinctPaths();
    void reserve_nameWithoutExtension_getsNumberSuffix();
    void reserve_differentDirectories_doNotCollide();
    void release_reservedName_makesItFreeAgain();
    void claim_pathBecomesTaken();
    void reserve_allowOverwrite_existingFile_returnsSameName();
    void reserve_allowOverwrite_reservedByAnother_getsNumberedName();
    void reserve_allowOverwrite_existingPart_getsNumberedName();
    void partPathFor_shortName_appendsSuffix();
    void partPathFor_longName_staysWithin255Bytes_data();
    void partPathFor_longName_staysWithin255Bytes();
    void reserve_longNamesSharingPrefix_getDistinctPartPaths();
    void reserve_manyNamesInOneFolder_avoidEveryFileOnDisk();
    void reserve_listedFolder_seesAFileRemovedAfterTheListing();
    void reserve_notExclusive_looksUpEveryName();

private:
    QString path(const QString &name) const { return QDir(m_dir->path()).filePath(name); }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestNameRegistry::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestNameRegistry::cleanup()
{
    m_dir.reset();
}

void TestNameRegistry::reserve_freeName_returnsItInDirectory()
{
    NameRegistry names;
    const QString reserved = names.reserve(m_dir->path(), u"report.pdf"_s, false);
    QCOMPARE(reserved, path(u"report.pdf"_s));
    QVERIFY(names.isReserved(reserved));
    // Reserving touches nothing on disk.
    QVERIFY(QDir(m_dir->path()).isEmpty());
}

void TestNameRegistry::reserve_existingFile_getsNumberedName()
{
    QVERIFY(writeFile(path(u"report.pdf"_s), "mine"_ba));
    NameRegistry names;
    QCOMPARE(names.reserve(m_dir->path(), u"report.pdf"_s, false), path(u"report (1).pdf"_s));
    QCOMPARE(readAll(path(u"report.pdf"_s)), "mine"_ba);
    QVERIFY(!names.isReserved(path(u"report.pdf"_s)));
}

void TestNameRegistry::reserve_existingPartFile_getsNumberedName()
{
    // Another download (maybe of an earlier run) owns this name.
    QVERIFY(writeFile(path(u"report.pdf.part"_s), "partial"_ba));
    NameRegistry names;
    QCOMPARE(names.reserve(m_dir->path(), u"report.pdf"_s, false), path(u"report (1).pdf"_s));
    QCOMPARE(readAll(path(u"report.pdf.part"_s)), "partial"_ba);
}

void TestNameRegistry::reserve_existingNumberedFiles_areSkipped()
{
    QVERIFY(writeFile(path(u"a.tar.gz"_s), "0"_ba));
    QVERIFY(writeFile(path(u"a (1).tar.gz"_s), "1"_ba));
    QVERIFY(writeFile(path(u"a (2).tar.gz.part"_s), "2"_ba));
    NameRegistry names;
    QCOMPARE(names.reserve(m_dir->path(), u"a.tar.gz"_s, false), path(u"a (3).tar.gz"_s));
}

void TestNameRegistry::reserve_sameNameTwice_givesDistinctPaths()
{
    NameRegistry names;
    const QString first = names.reserve(m_dir->path(), u"index.html"_s, false);
    const QString second = names.reserve(m_dir->path(), u"index.html"_s, false);
    const QString third = names.reserve(m_dir->path(), u"index.html"_s, false);
    QCOMPARE(first, path(u"index.html"_s));
    QCOMPARE(second, path(u"index (1).html"_s));
    QCOMPARE(third, path(u"index (2).html"_s));
    QVERIFY(names.isReserved(first) && names.isReserved(second) && names.isReserved(third));
    // Their .part files differ too, so two downloads never write into one file.
    QVERIFY(NameRegistry::partPathFor(first) != NameRegistry::partPathFor(second));
    QVERIFY(NameRegistry::partPathFor(second) != NameRegistry::partPathFor(third));
}

void TestNameRegistry::reserve_nameWithoutExtension_getsNumberSuffix()
{
    NameRegistry names;
    QCOMPARE(names.reserve(m_dir->path(), u"README"_s, false), path(u"README"_s));
    QCOMPARE(names.reserve(m_dir->path(), u"README"_s, false), path(u"README (1)"_s));
}

void TestNameRegistry::reserve_differentDirectories_doNotCollide()
{
    QVERIFY(QDir(m_dir->path()).mkdir(u"other"_s));
    NameRegistry names;
    QCOMPARE(names.reserve(m_dir->path(), u"a.bin"_s, false), path(u"a.bin"_s));
    QCOMPARE(names.reserve(path(u"other"_s), u"a.bin"_s, false), path(u"other/a.bin"_s));
}

void TestNameRegistry::release_reservedName_makesItFreeAgain()
{
    NameRegistry names;
    const QString reserved = names.reserve(m_dir->path(), u"a.bin"_s, false);
    QVERIFY(names.isReserved(reserved));
    names.release(reserved);
    QVERIFY(!names.isReserved(reserved));
    QCOMPARE(names.reserve(m_dir->path(), u"a.bin"_s, false), reserved);
    // Releasing what is not reserved changes nothing.
    names.release(path(u"never.bin"_s));
    QVERIFY(names.isReserved(reserved));
}

void TestNameRegistry::claim_pathBecomesTaken()
{
    NameRegistry names;
    const QString resumed = path(u"movie.mkv"_s);
    names.claim(resumed);
    QVERIFY(names.isReserved(resumed));
    QCOMPARE(names.reserve(m_dir->path(), u"movie.mkv"_s, false), path(u"movie (1).mkv"_s));
    // Even with overwrite permission: the claimant is still downloading into it.
    QVERIFY(names.reserve(m_dir->path(), u"movie.mkv"_s, true) != resumed);
    names.release(resumed);
    QCOMPARE(names.reserve(m_dir->path(), u"movie.mkv"_s, false), resumed);
}

void TestNameRegistry::reserve_allowOverwrite_existingFile_returnsSameName()
{
    QVERIFY(writeFile(path(u"data.csv"_s), "old"_ba));
    NameRegistry names;
    QCOMPARE(names.reserve(m_dir->path(), u"data.csv"_s, true), path(u"data.csv"_s));
    QCOMPARE(readAll(path(u"data.csv"_s)), "old"_ba); // replaced later, by the rename
}

void TestNameRegistry::reserve_allowOverwrite_reservedByAnother_getsNumberedName()
{
    QVERIFY(writeFile(path(u"data.csv"_s), "old"_ba));
    NameRegistry names;
    const QString first = names.reserve(m_dir->path(), u"data.csv"_s, true);
    QCOMPARE(first, path(u"data.csv"_s));
    const QString second = names.reserve(m_dir->path(), u"data.csv"_s, true);
    QVERIFY(second != first);
    QCOMPARE(second, path(u"data (1).csv"_s));
}

void TestNameRegistry::reserve_allowOverwrite_existingPart_getsNumberedName()
{
    // A .part belongs to a download (of this run or an earlier one): never share it.
    QVERIFY(writeFile(path(u"data.csv.part"_s), "partial"_ba));
    NameRegistry names;
    QCOMPARE(names.reserve(m_dir->path(), u"data.csv"_s, true), path(u"data (1).csv"_s));
}

void TestNameRegistry::partPathFor_shortName_appendsSuffix()
{
    QCOMPARE(NameRegistry::partPathFor(u"/srv/dl/a.iso"_s), u"/srv/dl/a.iso.part"_s);
    QCOMPARE(NameRegistry::partPathFor(u"/srv/dl/README"_s), u"/srv/dl/README.part"_s);
    QCOMPARE(NameRegistry::partPathFor(u"/srv/dl/文件.zip"_s), u"/srv/dl/文件.zip.part"_s);
    // 250 bytes + ".part" is exactly the limit: nothing is cut.
    const QString exact = repeated(u"x"_s, 246) + u".bin"_s;
    QCOMPARE(NameRegistry::partPathFor(u"/srv/dl/"_s + exact), u"/srv/dl/"_s + exact + u".part"_s);
}

void TestNameRegistry::partPathFor_longName_staysWithin255Bytes_data()
{
    QTest::addColumn<QString>("name");

    QTest::newRow("255 ASCII bytes") << repeated(u"a"_s, 251) + u".iso"_s;
    QTest::newRow("251 ASCII bytes") << repeated(u"b"_s, 247) + u".iso"_s;
    QTest::newRow("CJK, 3 bytes each") << repeated(u"文"_s, 83) + u".zip"_s;
    QTest::newRow("CJK only") << repeated(u"数据"_s, 42) + u"数"_s;
    QTest::newRow("emoji, surrogate pairs") << repeated(u"😀"_s, 63);
    QTest::newRow("emoji at the cut") << repeated(u"a"_s, 248) + u"😀😀"_s.left(2) + u"z"_s;
    QTest::newRow("mixed widths") << repeated(u"aé文😀"_s, 25) + u".7z"_s;
}

void TestNameRegistry::partPathFor_longName_staysWithin255Bytes()
{
    QFETCH(QString, name);
    QVERIFY2(name.toUtf8().size() <= MaxNameBytes && name.toUtf8().size() > MaxNameBytes - 8,
             qPrintable(QString::number(name.toUtf8().size())));

    const QString finalPath = path(name);
    const QString partPath = NameRegistry::partPathFor(finalPath);
    const QFileInfo info(partPath);
    QCOMPARE(info.absolutePath(), QFileInfo(finalPath).absolutePath());
    const QString partName = info.fileName();
    QVERIFY(partName.endsWith(u".part"_s));
    const QByteArray utf8 = partName.toUtf8();
    QVERIFY2(utf8.size() <= MaxNameBytes, qPrintable(QString::number(utf8.size())));
    // Whole characters only: it survives a round trip through UTF-8, and no lone surrogate.
    QCOMPARE(QString::fromUtf8(utf8), partName);
    for (qsizetype i = 0; i < partName.size(); ++i) {
        if (partName.at(i).isHighSurrogate())
            QVERIFY(i + 1 < partName.size() && partName.at(i + 1).isLowSurrogate());
        else
            QVERIFY(!partName.at(i).isLowSurrogate()
                    || (i > 0 && partName.at(i - 1).isHighSurrogate()));
    }
    // A prefix of the final name, cut no shorter than needed.
    const QString kept = partName.chopped(5);
    QVERIFY(name.startsWith(kept));
    QVERIFY2(kept.toUtf8().size() > MaxNameBytes - 5 - 4,
             qPrintable(QString::number(kept.toUtf8().size())));
    // And the filesystem really takes it, next to the final file.
    QVERIFY2(writeFile(partPath, "part"_ba), qPrintable(partPath));
    QVERIFY2(writeFile(finalPath, "final"_ba), qPrintable(finalPath));
    QCOMPARE(readAll(partPath), "part"_ba);
}

void TestNameRegistry::reserve_longNamesSharingPrefix_getDistinctPartPaths()
{
    // Two downloads whose names (at the 255-byte limit) differ only in the last few bytes:
    // "take-1.bin" and "take-2.bin" after a long common title. Both final names are free, but
    // if their .part names are cut to the same 250 bytes, both downloads write into one file.
    const QString title = repeated(u"t"_s, 249);
    NameRegistry names;
    const QString first = names.reserve(m_dir->path(), title + u"-1.bin"_s, false);
    const QString second = names.reserve(m_dir->path(), title + u"-2.bin"_s, false);
    QVERIFY(first != second);
    QVERIFY2(NameRegistry::partPathFor(first) != NameRegistry::partPathFor(second),
             "two reserved names share one .part file");
}

void TestNameRegistry::reserve_manyNamesInOneFolder_avoidEveryFileOnDisk()
{
    // Enough names of small files (made exclusively) for the folder to be listed instead of
    // looked up name by name; the answers must be the same.
    for (int i = 0; i < 300; i += 3) {
        QVERIFY(writeFile(path(u"f%1.bin"_s.arg(i)), "old"_ba));
        QVERIFY(writeFile(path(u"f%1.bin.part"_s.arg(i + 1)), "partial"_ba));
    }
    NameRegistry names;
    for (int i = 0; i < 300; ++i) {
        const QString wanted = u"f%1.bin"_s.arg(i);
        const QString got = names.reserve(m_dir->path(), wanted, false, true);
        const bool onDisk = i % 3 != 2;
        QCOMPARE(got, onDisk ? path(u"f%1 (1).bin"_s.arg(i)) : path(wanted));
        names.release(got);
    }
    QCOMPARE(readAll(path(u"f0.bin"_s)), "old"_ba);
}

void TestNameRegistry::reserve_listedFolder_seesAFileRemovedAfterTheListing()
{
    QVERIFY(writeFile(path(u"gone.bin"_s), "old"_ba));
    NameRegistry names;
    for (int i = 0; i < 100; ++i) // past the lookups made one by one: the folder is listed
        names.release(names.reserve(m_dir->path(), u"n%1.bin"_s.arg(i), false, true));
    const auto reserveAndRelease = [&] {
        const QString got = names.reserve(m_dir->path(), u"gone.bin"_s, false, true);
        names.release(got);
        return got;
    };
    QCOMPARE(reserveAndRelease(), path(u"gone (1).bin"_s));
    QVERIFY(QFile::remove(path(u"gone.bin"_s)));
    // The listing is renewed within seconds. (Once handed out, the name counts as taken again
    // until the next listing: the download may have made the file.)
    bool freed = false;
    QTRY_VERIFY_WITH_TIMEOUT(freed = freed || reserveAndRelease() == path(u"gone.bin"_s), 10000);
}

void TestNameRegistry::reserve_notExclusive_looksUpEveryName()
{
    // A large download's .part is opened truncating: its name never comes from a listing,
    // so a .part made after a listing is still seen at once.
    NameRegistry names;
    for (int i = 0; i < 100; ++i) // the folder is listed for small files
        names.release(names.reserve(m_dir->path(), u"n%1.bin"_s.arg(i), false, true));
    QVERIFY(writeFile(path(u"late.bin.part"_s), "another run's"_ba));
    QCOMPARE(names.reserve(m_dir->path(), u"late.bin"_s, false, false), path(u"late (1).bin"_s));
}

QTEST_GUILESS_MAIN(TestNameRegistry)
#include "tst_nameregistry.moc"
