// LeftoverCheck, through the engine: what a killed run leaves on disk, and how the next run
// takes it up. Each state is made from a finished download, taken back to the moment a SIGKILL
// could have stopped it (tests/hardening/crashtest.sh finds them at random; these find them
// every time). The rule checked throughout: the next run finishes the file under its own name,
// fetches it at most once more, leaves no .part and no "name (1)" copy, and never takes a
// stranger's file for its own.

#include "core/checkpoint.h"
#include "core/checkpointstore.h"
#include "core/engine.h"
#include "core/filewritejob.h"
#include "tests/support/enginetestbed.h"
#include "tests/support/generateddata.h"
#include "tests/support/testhttpserver.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <memory>

#ifdef Q_OS_UNIX
#include <sys/file.h>
#endif

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 SmallSize = 300 * 1024 + 7; // below the small-file limit (1 MiB)
constexpr qint64 LargeSize = 3 * (1 << 20) + 11;
constexpr quint32 Seed = 91;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
           && file.write(bytes) == bytes.size();
}

} // namespace

class TestLeftoverCheck : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void smallFile_killedMidJob_finishesUnderItsOwnName_data();
    void smallFile_killedMidJob_finishesUnderItsOwnName();
    void smallFile_strangersFileUnderTheName_isNotTakenForOurs();
    void smallFile_partOfALiveDownload_isLeftAlone();
    void smallFile_unnamed_aPartOfItsNameIsNotItsOwn();
    void largeFile_killedBetweenRenameAndRecord_isComplete();
    void finishedFile_reRun_skipsIt();

private:
    // Downloads `path` to the end with a fresh engine; the finished file's path.
    // `checksum`: the download is checked against the photo's SHA-256, which keeps a small file
    // in a named .part (an unnamed one, the default, leaves nothing for these checks to find).
    QString downloadOnce(const QString &path, bool checksum = false);
    TransferSnapshot runAgain(const QString &path, bool checksum = false);
    TransferRequest request(const QString &path, bool checksum) const;
    QStringList filesInDownloads() const;

    std::unique_ptr<EngineTestBed> m_bed;
};

void TestLeftoverCheck::init()
{
    m_bed = std::make_unique<EngineTestBed>();
    QVERIFY(m_bed->setUp());
    m_bed->server().addGeneratedFile(u"/set/photo.jpg"_s, SmallSize, Seed);
    m_bed->server().addGeneratedFile(u"/set/video.bin"_s, LargeSize, Seed);
}

void TestLeftoverCheck::cleanup()
{
    m_bed->tearDown();
    m_bed.reset();
}

TransferRequest TestLeftoverCheck::request(const QString &path, bool checksum) const
{
    TransferRequest request = m_bed->request(path);
    if (checksum)
        request.checksum =
            ChecksumSpec{QCryptographicHash::Sha256, generatedSha256(SmallSize, Seed)};
    return request;
}

QString TestLeftoverCheck::downloadOnce(const QString &path, bool checksum)
{
    auto engine = m_bed->makeEngine();
    const TransferId id = engine->add({request(path, checksum)}).first();
    const TransferSnapshot done = EngineTestBed::waitFinished(*engine, id);
    return done.state == TransferState::Completed ? done.filePath : QString();
}

TransferSnapshot TestLeftoverCheck::runAgain(const QString &path, bool checksum)
{
    auto engine = m_bed->makeEngine();
    const TransferId id = engine->add({request(path, checksum)}).first();
    return EngineTestBed::waitFinished(*engine, id);
}

QStringList TestLeftoverCheck::filesInDownloads() const
{
    return QDir(m_bed->downloads()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

void TestLeftoverCheck::smallFile_killedMidJob_finishesUnderItsOwnName_data()
{
    // The small-file job saves the record, creates the .part, writes it, renames it.
    QTest::addColumn<QString>("moment");
    QTest::addColumn<int>("requests"); // in both runs together

    QTest::newRow("before the file was made") << u"nofile"_s << 2;
    QTest::newRow("while it was written") << u"halfpart"_s << 2;
    QTest::newRow("before the rename") << u"fullpart"_s << 1;
    QTest::newRow("after the rename") << u"done"_s << 1;
}

void TestLeftoverCheck::smallFile_killedMidJob_finishesUnderItsOwnName()
{
    QFETCH(QString, moment);
    QFETCH(int, requests);
    const QString finalPath = downloadOnce(u"/set/photo.jpg"_s, true);
    QCOMPARE(finalPath, m_bed->downloadPath(u"photo.jpg"_s));
    const QString partPath = m_bed->downloadPath(u"photo.jpg.part"_s);
    if (moment == u"nofile"_s) {
        QVERIFY(QFile::remove(finalPath));
    } else if (moment == u"halfpart"_s) {
        QVERIFY(QFile::rename(finalPath, partPath));
        QVERIFY(QFile::resize(partPath, SmallSize / 2));
    } else if (moment == u"fullpart"_s) {
        QVERIFY(QFile::rename(finalPath, partPath));
    }

    const TransferSnapshot again = runAgain(u"/set/photo.jpg"_s, true);
    QCOMPARE(again.state, TransferState::Completed);
    QCOMPARE(again.filePath, finalPath);
    QCOMPARE(readAll(finalPath), generatedData(0, SmallSize, Seed));
    QCOMPARE(filesInDownloads(), QStringList{u"photo.jpg"_s});
    QCOMPARE(m_bed->server().requestCount(u"/set/photo.jpg"_s), requests);

    // And the record now says so: a third run fetches nothing.
    QCOMPARE(runAgain(u"/set/photo.jpg"_s).state, TransferState::Completed);
    QCOMPARE(m_bed->server().requestCount(u"/set/photo.jpg"_s), requests);
}

void TestLeftoverCheck::smallFile_strangersFileUnderTheName_isNotTakenForOurs()
{
    // Killed after the record was saved, before the file was made; meanwhile another process
    // saved a file of the same size under the same name. Its bytes are not ours.
    const QString finalPath = downloadOnce(u"/set/photo.jpg"_s);
    QVERIFY(!finalPath.isEmpty());
    const QByteArray strangers = generatedData(0, SmallSize, Seed + 1);
    QVERIFY(writeFile(finalPath, strangers));

    const TransferSnapshot again = runAgain(u"/set/photo.jpg"_s);
    QCOMPARE(again.state, TransferState::Completed);
    QCOMPARE(again.filePath, m_bed->downloadPath(u"photo (1).jpg"_s));
    QCOMPARE(readAll(again.filePath), generatedData(0, SmallSize, Seed));
    QCOMPARE(readAll(finalPath), strangers);
    QCOMPARE(filesInDownloads(), (QStringList{u"photo (1).jpg"_s, u"photo.jpg"_s}));
}

void TestLeftoverCheck::smallFile_partOfALiveDownload_isLeftAlone()
{
#ifndef Q_OS_UNIX
    QSKIP("the .part of a live download is told by flock(2)");
#else
    // Killed before the file was made, and another process now writes a file of that name: its
    // .part is locked, so it is neither removed nor taken.
    const QString finalPath = downloadOnce(u"/set/photo.jpg"_s);
    QVERIFY(QFile::remove(finalPath));
    const QString partPath = m_bed->downloadPath(u"photo.jpg.part"_s);
    const QByteArray theirs = "being written by someone else"_ba;
    QVERIFY(writeFile(partPath, theirs));
    QFile held(partPath);
    QVERIFY(held.open(QIODevice::ReadOnly));
    QCOMPARE(::flock(held.handle(), LOCK_EX | LOCK_NB), 0);

    const TransferSnapshot again = runAgain(u"/set/photo.jpg"_s);
    QCOMPARE(again.state, TransferState::Completed);
    QCOMPARE(readAll(again.filePath), generatedData(0, SmallSize, Seed));
    QCOMPARE(again.filePath, m_bed->downloadPath(u"photo (1).jpg"_s));
    QCOMPARE(readAll(partPath), theirs);
#endif
}

void TestLeftoverCheck::smallFile_unnamed_aPartOfItsNameIsNotItsOwn()
{
    // Written without a name, a small file never had a .part: killed before it was named, it
    // leaves only its record, and a .part of that name now is another download's.
    const QString finalPath = downloadOnce(u"/set/photo.jpg"_s);
    QCOMPARE(finalPath, m_bed->downloadPath(u"photo.jpg"_s));
    const std::optional<Checkpoint> record =
        CheckpointStore(m_bed->state())
            .load(m_bed->downloads(), m_bed->request(u"/set/photo.jpg"_s).url);
    QVERIFY(record);
    if (!FileWriteJob::unnamedFilesWork(m_bed->downloads()))
        QSKIP("this file system cannot make unnamed files (O_TMPFILE)");
    QCOMPARE(record->partPath, QString());
    QVERIFY(QFile::remove(finalPath));
    const QString partPath = m_bed->downloadPath(u"photo.jpg.part"_s);
    QVERIFY(writeFile(partPath, "another download's bytes"_ba));

    const TransferSnapshot again = runAgain(u"/set/photo.jpg"_s);
    QCOMPARE(again.state, TransferState::Completed);
    QCOMPARE(again.filePath, m_bed->downloadPath(u"photo (1).jpg"_s));
    QCOMPARE(readAll(again.filePath), generatedData(0, SmallSize, Seed));
    QCOMPARE(readAll(partPath), "another download's bytes"_ba);
}

void TestLeftoverCheck::largeFile_killedBetweenRenameAndRecord_isComplete()
{
    // A large file has a record from its start; the rename comes before the record that says
    // "completed". Killed in between: the .part is gone and the file is whole.
    const QString finalPath = downloadOnce(u"/set/video.bin"_s);
    QCOMPARE(finalPath, m_bed->downloadPath(u"video.bin"_s));
    const CheckpointStore store(m_bed->state());
    const QUrl url = m_bed->request(u"/set/video.bin"_s).url;
    std::optional<Checkpoint> record = store.load(m_bed->downloads(), url);
    QVERIFY(record && record->completed);
    record->completed = false;
    record->contentDigest.clear();
    QVERIFY(!CheckpointStore::save(store.pathFor(m_bed->downloads(), url), *record));

    const TransferSnapshot again = runAgain(u"/set/video.bin"_s);
    QCOMPARE(again.state, TransferState::Completed);
    QCOMPARE(again.filePath, finalPath);
    QCOMPARE(m_bed->server().requestCount(u"/set/video.bin"_s), 1);
    QCOMPARE(filesInDownloads(), QStringList{u"video.bin"_s});
    QVERIFY(store.load(m_bed->downloads(), url)->completed);
}

void TestLeftoverCheck::finishedFile_reRun_skipsIt()
{
    // Without a crash nothing changes: finished files are skipped, small and large.
    QVERIFY(!downloadOnce(u"/set/photo.jpg"_s).isEmpty());
    QVERIFY(!downloadOnce(u"/set/video.bin"_s).isEmpty());
    QCOMPARE(runAgain(u"/set/photo.jpg"_s).state, TransferState::Completed);
    QCOMPARE(runAgain(u"/set/video.bin"_s).state, TransferState::Completed);
    QCOMPARE(m_bed->server().requestCount(u"/set/photo.jpg"_s), 1);
    QCOMPARE(m_bed->server().requestCount(u"/set/video.bin"_s), 1);
    QCOMPARE(filesInDownloads(), (QStringList{u"photo.jpg"_s, u"video.bin"_s}));
}

QTEST_GUILESS_MAIN(TestLeftoverCheck)
#include "tst_leftovercheck.moc"
