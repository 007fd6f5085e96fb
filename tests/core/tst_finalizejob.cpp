#include "core/checkpointstore.h"
#include "core/finalizejob.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

const QByteArray Payload = "the finished download\n"_ba.repeated(500);

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

ChecksumSpec sha256Of(const QByteArray &data)
{
    return ChecksumSpec{QCryptographicHash::Sha256,
                        QCryptographicHash::hash(data, QCryptographicHash::Sha256)};
}

} // namespace

class TestFinalizeJob : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void run_noChecksum_renamesPartToFinalName();
    void run_matchingChecksum_renamesAndMarksCheckpointCompleted_data();
    void run_matchingChecksum_renamesAndMarksCheckpointCompleted();
    void run_checksumMismatch_removesPartAndCheckpoint();
    void run_finalNameTakenMeanwhile_usesNumberedNameAndKeepsExisting();
    void run_finalAndFirstNumberTaken_usesNextFreeNumber();
    void run_allowOverwrite_replacesExistingFile();
    void run_emptyFile_completedCheckpointIsValid();
    void run_missingPartFile_failsWithFileSystemError();

private:
    FinalizeJob makeJob(const QString &name, const QByteArray &data) const;
    std::optional<Checkpoint> loadCheckpoint() const;

    QString path(const QString &name) const { return QDir(m_dir->path()).filePath(name); }

    QStringList entries() const { return QDir(m_dir->path()).entryList(QDir::Files); }

    const QUrl m_url{u"https://example.org/files/report.pdf"_s};
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QTemporaryDir> m_state;
    std::unique_ptr<CheckpointStore> m_store;
};

void TestFinalizeJob::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_state = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid() && m_state->isValid());
    m_store = std::make_unique<CheckpointStore>(m_state->path());
}

void TestFinalizeJob::cleanup()
{
    m_store.reset();
    m_state.reset();
    m_dir.reset();
}

// The state a download leaves before its last step: the .part holds every byte and the
// checkpoint (saved, not completed) says so.
FinalizeJob TestFinalizeJob::makeJob(const QString &name, const QByteArray &data) const
{
    FinalizeJob job;
    job.finalPath = path(name);
    job.partPath = path(name + u".part"_s);
    job.checkpointPath = m_store->pathFor(m_dir->path(), m_url);
    job.checkpoint.url = m_url;
    job.checkpoint.directory = QDir::cleanPath(m_dir->path());
    job.checkpoint.partPath = job.partPath;
    job.checkpoint.finalPath = job.finalPath;
    job.checkpoint.totalSize = data.size();
    job.checkpoint.etag = "\"v1\""_ba;
    if (!data.isEmpty())
        job.checkpoint.ranges = {ByteRange{0, data.size()}};
    if (!writeFile(job.partPath, data))
        qWarning("cannot write %s", qPrintable(job.partPath));
    if (CheckpointStore::save(job.checkpointPath, job.checkpoint))
        qWarning("cannot save %s", qPrintable(job.checkpointPath));
    return job;
}

std::optional<Checkpoint> TestFinalizeJob::loadCheckpoint() const
{
    return m_store->load(m_dir->path(), m_url);
}

void TestFinalizeJob::run_noChecksum_renamesPartToFinalName()
{
    const FinalizeJob job = makeJob(u"report.pdf"_s, Payload);
    const Result<QString> result = job.run();
    QVERIFY2(result.has_value(), qPrintable(result ? QString() : result.error().detail));
    QCOMPARE(result.value(), path(u"report.pdf"_s));
    QCOMPARE(readAll(path(u"report.pdf"_s)), Payload);
    QVERIFY(!QFile::exists(job.partPath));
    QCOMPARE(entries(), QStringList{u"report.pdf"_s});

    const std::optional<Checkpoint> saved = loadCheckpoint();
    QVERIFY(saved);
    QVERIFY(saved->completed);
    QCOMPARE(saved->finalPath, path(u"report.pdf"_s));
    QCOMPARE(saved->bytesOnDisk(), qint64(Payload.size()));
}

void TestFinalizeJob::run_matchingChecksum_renamesAndMarksCheckpointCompleted_data()
{
    QTest::addColumn<int>("algorithm");

    QTest::newRow("md5") << int(QCryptographicHash::Md5);
    QTest::newRow("sha-1") << int(QCryptographicHash::Sha1);
    QTest::newRow("sha-256") << int(QCryptographicHash::Sha256);
    QTest::newRow("sha-512") << int(QCryptographicHash::Sha512);
}

void TestFinalizeJob::run_matchingChecksum_renamesAndMarksCheckpointCompleted()
{
    QFETCH(int, algorithm);

    const auto hashAlgorithm = static_cast<QCryptographicHash::Algorithm>(algorithm);
    FinalizeJob job = makeJob(u"report.pdf"_s, Payload);
    job.checksum = ChecksumSpec{hashAlgorithm, QCryptographicHash::hash(Payload, hashAlgorithm)};
    const Result<QString> result = job.run();
    QVERIFY2(result.has_value(), qPrintable(result ? QString() : result.error().detail));
    QCOMPARE(result.value(), path(u"report.pdf"_s));
    QCOMPARE(readAll(path(u"report.pdf"_s)), Payload);
    QVERIFY(!QFile::exists(job.partPath));

    const std::optional<Checkpoint> saved = loadCheckpoint();
    QVERIFY(saved);
    QVERIFY(saved->completed);
    QCOMPARE(saved->finalPath, path(u"report.pdf"_s));
    QCOMPARE(saved->totalSize, qint64(Payload.size()));
    QCOMPARE(saved->ranges.size(), 1);
    QVERIFY(saved->ranges.first() == (ByteRange{0, Payload.size()}));
    QCOMPARE(saved->etag, "\"v1\""_ba);
}

void TestFinalizeJob::run_checksumMismatch_removesPartAndCheckpoint()
{
    FinalizeJob job = makeJob(u"report.pdf"_s, Payload);
    const QByteArray expected =
        QCryptographicHash::hash("what we were promised"_ba, QCryptographicHash::Sha256);
    job.checksum = ChecksumSpec{QCryptographicHash::Sha256, expected};
    QVERIFY(QFile::exists(job.checkpointPath));

    const Result<QString> result = job.run();
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().kind, TransferError::Kind::Checksum);
    QCOMPARE(result.error().recovery, TransferError::Recovery::Fatal);
    const QString detail = result.error().detail;
    QVERIFY2(detail.contains(QString::fromLatin1(expected.toHex())), qPrintable(detail));
    QVERIFY2(detail.contains(QString::fromLatin1(sha256Of(Payload).digest.toHex())),
             qPrintable(detail));
    QVERIFY2(detail.contains(u"sha-256"_s), qPrintable(detail));
    // Nothing of the bad download is kept, and a re-run starts from scratch.
    QVERIFY(!QFile::exists(job.partPath));
    QVERIFY(!QFile::exists(job.finalPath));
    QVERIFY(!QFile::exists(job.checkpointPath));
    QVERIFY(entries().isEmpty());
    QVERIFY(!loadCheckpoint());
}

void TestFinalizeJob::run_finalNameTakenMeanwhile_usesNumberedNameAndKeepsExisting()
{
    const FinalizeJob job = makeJob(u"report.pdf"_s, Payload);
    // The user saved a file of that name while the download ran.
    QVERIFY(writeFile(path(u"report.pdf"_s), "the user's own report"_ba));

    const Result<QString> result = job.run();
    QVERIFY2(result.has_value(), qPrintable(result ? QString() : result.error().detail));
    QCOMPARE(result.value(), path(u"report (1).pdf"_s));
    QCOMPARE(readAll(path(u"report.pdf"_s)), "the user's own report"_ba);
    QCOMPARE(readAll(path(u"report (1).pdf"_s)), Payload);
    QVERIFY(!QFile::exists(job.partPath));

    const std::optional<Checkpoint> saved = loadCheckpoint();
    QVERIFY(saved);
    QVERIFY(saved->completed);
    QCOMPARE(saved->finalPath, path(u"report (1).pdf"_s));
}

void TestFinalizeJob::run_finalAndFirstNumberTaken_usesNextFreeNumber()
{
    const FinalizeJob job = makeJob(u"a.tar.gz"_s, Payload);
    QVERIFY(writeFile(path(u"a.tar.gz"_s), "0"_ba));
    QVERIFY(writeFile(path(u"a (1).tar.gz"_s), "1"_ba));

    const Result<QString> result = job.run();
    QVERIFY2(result.has_value(), qPrintable(result ? QString() : result.error().detail));
    QCOMPARE(result.value(), path(u"a (2).tar.gz"_s));
    QCOMPARE(readAll(path(u"a.tar.gz"_s)), "0"_ba);
    QCOMPARE(readAll(path(u"a (1).tar.gz"_s)), "1"_ba);
    QCOMPARE(readAll(path(u"a (2).tar.gz"_s)), Payload);
}

void TestFinalizeJob::run_allowOverwrite_replacesExistingFile()
{
    FinalizeJob job = makeJob(u"report.pdf"_s, Payload);
    job.allowOverwrite = true;
    job.checksum = sha256Of(Payload);
    QVERIFY(writeFile(path(u"report.pdf"_s), "an older version"_ba));

    const Result<QString> result = job.run();
    QVERIFY2(result.has_value(), qPrintable(result ? QString() : result.error().detail));
    QCOMPARE(result.value(), path(u"report.pdf"_s));
    QCOMPARE(readAll(path(u"report.pdf"_s)), Payload);
    QCOMPARE(entries(), QStringList{u"report.pdf"_s});
    const std::optional<Checkpoint> saved = loadCheckpoint();
    QVERIFY(saved && saved->completed);
    QCOMPARE(saved->finalPath, path(u"report.pdf"_s));
}

void TestFinalizeJob::run_emptyFile_completedCheckpointIsValid()
{
    const FinalizeJob job = makeJob(u"empty.txt"_s, QByteArray());
    const Result<QString> result = job.run();
    QVERIFY2(result.has_value(), qPrintable(result ? QString() : result.error().detail));
    QVERIFY(QFileInfo(path(u"empty.txt"_s)).isFile());
    QCOMPARE(QFileInfo(path(u"empty.txt"_s)).size(), qint64(0));
    // No empty range is written (fromJson would reject it and a re-run would fetch again).
    const std::optional<Checkpoint> saved = loadCheckpoint();
    QVERIFY(saved);
    QVERIFY(saved->completed);
    QVERIFY(saved->ranges.isEmpty());
}

void TestFinalizeJob::run_missingPartFile_failsWithFileSystemError()
{
    const FinalizeJob job = makeJob(u"report.pdf"_s, Payload);
    QVERIFY(QFile::remove(job.partPath));

    const Result<QString> result = job.run();
    QVERIFY(!result.has_value());
    QCOMPARE(result.error().kind, TransferError::Kind::FileSystem);
    QVERIFY2(result.error().detail.contains(job.partPath), qPrintable(result.error().detail));
    QVERIFY(!QFile::exists(job.finalPath));
    // The checkpoint is not turned into a "completed" record for a file that is not there.
    const std::optional<Checkpoint> saved = loadCheckpoint();
    QVERIFY(saved);
    QVERIFY(!saved->completed);
}

QTEST_GUILESS_MAIN(TestFinalizeJob)
#include "tst_finalizejob.moc"
