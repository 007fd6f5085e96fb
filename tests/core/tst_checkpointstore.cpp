#include "core/checkpointstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

const QByteArray Password = "s3cr3t-Pa55"_ba;

QUrl urlWithPassword()
{
    QUrl url(u"https://alice@files.example.org/releases/ferry-1.0.tar.gz?mirror=eu"_s);
    url.setPassword(QString::fromLatin1(Password));
    return url;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// For QVERIFY2: why a save failed.
QByteArray describe(const std::optional<TransferError> &error)
{
    return error ? error->detail.toUtf8() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// A valid checkpoint document for rows built before init() runs.
QByteArray sampleJson()
{
    Checkpoint checkpoint;
    checkpoint.url = QUrl(u"https://example.org/a.bin"_s);
    checkpoint.directory = u"/srv/downloads"_s;
    checkpoint.partPath = u"/srv/downloads/ferry-1.0.tar.gz.part"_s;
    checkpoint.finalPath = u"/srv/downloads/ferry-1.0.tar.gz"_s;
    checkpoint.totalSize = 10;
    checkpoint.etag = "\"e\""_ba;
    return checkpoint.toJson();
}

// Saves and reports the failure, if any, as a test failure message.
bool saveOk(const QString &path, const Checkpoint &checkpoint)
{
    const std::optional<TransferError> error = CheckpointStore::save(path, checkpoint);
    if (error)
        qWarning("save failed: %s", describe(error).constData());
    return !error;
}

} // namespace

class TestCheckpointStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void pathFor_sameInput_isStableAcrossStores();
    void pathFor_liesUnderStateDirectory();
    void pathFor_differsPerUrl();
    void pathFor_differsPerDirectory();
    void pathFor_uncleanDirectory_isTheSameAsClean();
    void pathFor_ignoresPassword();
    void storedUrl_removesPasswordOnly();
    void save_load_roundTripsEveryField();
    void load_urlWithPassword_findsTheStoredCheckpoint();
    void load_hashInFragment_findsTheStoredCheckpoint();
    void load_nothingSaved_isNullopt();
    void load_checkpointOfAnotherUrl_isNullopt();
    void load_checkpointOfAnotherDirectory_isNullopt();
    void load_garbage_isNullopt_data();
    void load_garbage_isNullopt();
    void save_overExisting_replacesIt();
    void save_parentIsRegularFile_returnsFileSystemError();
    void save_storedUrl_fileNeverContainsPassword();
    void save_checkpointUrlWithPassword_fileNeverContainsPassword();
    void remove_deletesTheFile();
    void saveCompleted_load_roundTripsWithoutAFilePerRecord();
    void saveCompleted_lastRecordCounts_removeForgetsIt();
    void saveCompleted_seenByAStoreThatLookedBefore();
    void saveCompleted_recordFileCountsFirst();
    void loadFrom_tellsARecordFileFromAJournalLine();
    void saveCompleted_tornLine_hidesNoOtherRecord();
    void saveCompleted_journalDeleted_isForgotten();
    void saveCompleted_unusableFolder_returnsFileSystemError();

private:
    Checkpoint checkpointFor(const QUrl &url) const;
    // A finished small file's record, as FileWriteJob saves it.
    Checkpoint completedFor(const QUrl &url, const QString &name) const;

    QString journalPath() const { return m_state->filePath(u"checkpoints/completed.journal"_s); }

    std::unique_ptr<QTemporaryDir> m_state;
    std::unique_ptr<QTemporaryDir> m_downloads;
    std::unique_ptr<CheckpointStore> m_store;
};

void TestCheckpointStore::init()
{
    m_state = std::make_unique<QTemporaryDir>();
    m_downloads = std::make_unique<QTemporaryDir>();
    QVERIFY(m_state->isValid());
    QVERIFY(m_downloads->isValid());
    m_store = std::make_unique<CheckpointStore>(m_state->path());
}

void TestCheckpointStore::cleanup()
{
    m_store.reset();
    m_downloads.reset();
    m_state.reset();
}

Checkpoint TestCheckpointStore::checkpointFor(const QUrl &url) const
{
    Checkpoint checkpoint;
    checkpoint.url = CheckpointStore::storedUrl(url);
    checkpoint.directory = QDir::cleanPath(m_downloads->path());
    checkpoint.partPath = checkpoint.directory + u"/ferry-1.0.tar.gz.part"_s;
    checkpoint.finalPath = checkpoint.directory + u"/ferry-1.0.tar.gz"_s;
    checkpoint.totalSize = 4096;
    checkpoint.etag = "\"abc-1\""_ba;
    checkpoint.lastModified = "Tue, 02 Jan 2024 10:00:00 GMT"_ba;
    checkpoint.ranges = {ByteRange{0, 1024}, ByteRange{2048, 3000}};
    return checkpoint;
}

void TestCheckpointStore::pathFor_sameInput_isStableAcrossStores()
{
    const QUrl url(u"https://example.org/a.bin"_s);
    const QString first = m_store->pathFor(m_downloads->path(), url);
    QCOMPARE(m_store->pathFor(m_downloads->path(), url), first);
    // A new store (a new run of the program) finds the same file.
    const CheckpointStore again(m_state->path());
    QCOMPARE(again.pathFor(m_downloads->path(), QUrl(u"https://example.org/a.bin"_s)), first);
}

void TestCheckpointStore::pathFor_liesUnderStateDirectory()
{
    const QString path = m_store->pathFor(m_downloads->path(), QUrl(u"https://example.org/a"_s));
    QVERIFY2(path.startsWith(m_state->path() + u'/'), qPrintable(path));
    QVERIFY2(path.endsWith(u".json"_s), qPrintable(path));
    QCOMPARE(QDir::cleanPath(path), path);
    // Nothing of the URL leaks into the file name.
    QVERIFY2(!path.contains(u"example"_s), qPrintable(path));
}

void TestCheckpointStore::pathFor_differsPerUrl()
{
    const QString directory = m_downloads->path();
    const QStringList urls{
        u"https://example.org/a.bin"_s,
        u"https://example.org/b.bin"_s,
        u"https://example.org/a.bin?v=2"_s,
        u"http://example.org/a.bin"_s,
        u"https://example.org:8443/a.bin"_s,
        u"https://mirror.example.org/a.bin"_s,
        u"https://bob@example.org/a.bin"_s,
    };
    QSet<QString> paths;
    for (const QString &url : urls)
        paths.insert(m_store->pathFor(directory, QUrl(url)));
    QCOMPARE(paths.size(), urls.size());
}

void TestCheckpointStore::pathFor_differsPerDirectory()
{
    const QUrl url(u"https://example.org/a.bin"_s);
    const QString here = m_store->pathFor(m_downloads->path(), url);
    const QString there = m_store->pathFor(m_downloads->filePath(u"sub"_s), url);
    const QString elsewhere = m_store->pathFor(u"/srv/downloads"_s, url);
    QVERIFY(here != there);
    QVERIFY(here != elsewhere);
    QVERIFY(there != elsewhere);
}

void TestCheckpointStore::pathFor_uncleanDirectory_isTheSameAsClean()
{
    const QUrl url(u"https://example.org/a.bin"_s);
    const QString clean = m_store->pathFor(u"/srv/downloads"_s, url);
    QCOMPARE(m_store->pathFor(u"/srv/downloads/"_s, url), clean);
    QCOMPARE(m_store->pathFor(u"/srv/./x/../downloads"_s, url), clean);
}

void TestCheckpointStore::pathFor_ignoresPassword()
{
    QUrl withPassword = urlWithPassword();
    QUrl otherPassword = withPassword;
    otherPassword.setPassword(u"another"_s);
    const QUrl without = withPassword.adjusted(QUrl::RemovePassword);
    const QString directory = m_downloads->path();
    const QString expected = m_store->pathFor(directory, without);
    QCOMPARE(m_store->pathFor(directory, withPassword), expected);
    QCOMPARE(m_store->pathFor(directory, otherPassword), expected);
}

void TestCheckpointStore::storedUrl_removesPasswordOnly()
{
    const QUrl stored = CheckpointStore::storedUrl(urlWithPassword());
    QVERIFY(stored.password().isEmpty());
    QCOMPARE(stored.userName(), u"alice"_s);
    QCOMPARE(stored.host(), u"files.example.org"_s);
    QCOMPARE(stored.path(), u"/releases/ferry-1.0.tar.gz"_s);
    QCOMPARE(stored.query(), u"mirror=eu"_s);
    QVERIFY(!stored.toEncoded().contains(Password));
    // A URL without a password is left exactly as it is.
    const QUrl plain(u"https://example.org/a%20b.bin?x=1#top"_s);
    QCOMPARE(CheckpointStore::storedUrl(plain), plain);
}

void TestCheckpointStore::save_load_roundTripsEveryField()
{
    const QUrl url(u"https://example.org/releases/ferry-1.0.tar.gz"_s);
    Checkpoint saved = checkpointFor(url);
    saved.completed = true;
    const QString path = m_store->pathFor(m_downloads->path(), url);
    QVERIFY(saveOk(path, saved));
    QVERIFY(QFileInfo(path).isFile());

    const std::optional<Checkpoint> loaded = m_store->load(m_downloads->path(), url);
    QVERIFY(loaded);
    QCOMPARE(loaded->url, saved.url);
    QCOMPARE(loaded->directory, saved.directory);
    QCOMPARE(loaded->partPath, saved.partPath);
    QCOMPARE(loaded->finalPath, saved.finalPath);
    QCOMPARE(loaded->totalSize, saved.totalSize);
    QCOMPARE(loaded->etag, saved.etag);
    QCOMPARE(loaded->lastModified, saved.lastModified);
    QCOMPARE(loaded->ranges.size(), 2);
    QVERIFY(loaded->ranges == saved.ranges);
    QCOMPARE(loaded->completed, true);
    // Written atomically: no temporary file is left beside it.
    QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QFileInfo(path).fileName()});
}

void TestCheckpointStore::load_urlWithPassword_findsTheStoredCheckpoint()
{
    const QUrl url = urlWithPassword();
    const Checkpoint saved = checkpointFor(url);
    QVERIFY(saveOk(m_store->pathFor(m_downloads->path(), url), saved));
    const std::optional<Checkpoint> loaded = m_store->load(m_downloads->path(), url);
    QVERIFY(loaded);
    QCOMPARE(loaded->url, CheckpointStore::storedUrl(url));
    QCOMPARE(loaded->totalSize, saved.totalSize);
}

void TestCheckpointStore::load_hashInFragment_findsTheStoredCheckpoint()
{
    // Found by fuzz_checkpoint: QUrl keeps a second '#' in the fragment as it was written but
    // reads the saved "%23" back as is, and QUrl's == compares those representations, so the
    // checkpoint of such a URL was never found again and the download always restarted.
    const QUrl url(u"https://example.org/file.iso#part#2"_s, QUrl::StrictMode);
    QVERIFY(url.isValid());
    const Checkpoint saved = checkpointFor(url);
    QVERIFY(saveOk(m_store->pathFor(m_downloads->path(), url), saved));
    const std::optional<Checkpoint> loaded = m_store->load(m_downloads->path(), url);
    QVERIFY(loaded);
    QCOMPARE(loaded->ranges, saved.ranges);
}

void TestCheckpointStore::load_nothingSaved_isNullopt()
{
    QVERIFY(!m_store->load(m_downloads->path(), QUrl(u"https://example.org/none"_s)));
}

void TestCheckpointStore::load_checkpointOfAnotherUrl_isNullopt()
{
    const QUrl mine(u"https://example.org/mine.bin"_s);
    const QUrl theirs(u"https://example.org/theirs.bin"_s);
    // A file at my URL's place that describes another URL (a hash collision or a copied
    // state folder) must not be resumed into.
    const QString path = m_store->pathFor(m_downloads->path(), mine);
    QVERIFY(saveOk(path, checkpointFor(theirs)));
    QVERIFY(QFileInfo(path).isFile());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"ignoring .* another URL"_s));
    QVERIFY(!m_store->load(m_downloads->path(), mine));
}

void TestCheckpointStore::load_checkpointOfAnotherDirectory_isNullopt()
{
    const QUrl url(u"https://example.org/a.bin"_s);
    Checkpoint foreign = checkpointFor(url);
    foreign.directory = u"/srv/elsewhere"_s;
    foreign.partPath = u"/srv/elsewhere/a.bin.part"_s;
    foreign.finalPath = u"/srv/elsewhere/a.bin"_s;
    const QString path = m_store->pathFor(m_downloads->path(), url);
    QVERIFY(saveOk(path, foreign));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"ignoring .* another URL"_s));
    QVERIFY(!m_store->load(m_downloads->path(), url));
    // The same checkpoint is found for the directory it names.
    QVERIFY(saveOk(m_store->pathFor(foreign.directory, url), foreign));
    QVERIFY(m_store->load(foreign.directory, url));
}

void TestCheckpointStore::load_garbage_isNullopt_data()
{
    QTest::addColumn<QByteArray>("content");

    QTest::newRow("empty file") << QByteArray();
    QTest::newRow("text") << "this is not a checkpoint"_ba;
    QTest::newRow("binary") << QByteArray(4096, '\xa5');
    QTest::newRow("truncated") << sampleJson().chopped(7);
    QTest::newRow("path outside") << sampleJson().replace("/ferry-1.0.tar.gz.part", "/../x.part");
    QTest::newRow("over one MiB") << sampleJson().replace(
        "\"etag\":\"", QByteArray("\"etag\":\"" + QByteArray(1 << 20, 'x')));
}

void TestCheckpointStore::load_garbage_isNullopt()
{
    QFETCH(QByteArray, content);

    const QUrl url(u"https://example.org/a.bin"_s);
    const QString path = m_store->pathFor(m_downloads->path(), url);
    QVERIFY(writeFile(path, content));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"ignoring .*checkpoint rejected"_s));
    QVERIFY(!m_store->load(m_downloads->path(), url));
}

void TestCheckpointStore::save_overExisting_replacesIt()
{
    const QUrl url(u"https://example.org/a.bin"_s);
    const QString path = m_store->pathFor(m_downloads->path(), url);
    Checkpoint checkpoint = checkpointFor(url);
    QVERIFY(saveOk(path, checkpoint));
    checkpoint.ranges = {ByteRange{0, 4096}};
    checkpoint.completed = true;
    QVERIFY(saveOk(path, checkpoint));
    const std::optional<Checkpoint> loaded = m_store->load(m_downloads->path(), url);
    QVERIFY(loaded);
    QVERIFY(loaded->completed);
    QCOMPARE(loaded->bytesOnDisk(), qint64(4096));
}

void TestCheckpointStore::save_parentIsRegularFile_returnsFileSystemError()
{
    const QString blocker = m_state->filePath(u"blocker"_s);
    QVERIFY(writeFile(blocker, "a file, not a folder"_ba));
    const CheckpointStore store(blocker + u"/state"_s);
    const QUrl url(u"https://example.org/a.bin"_s);
    const QString path = store.pathFor(m_downloads->path(), url);
    QVERIFY2(path.startsWith(blocker + u'/'), qPrintable(path));

    const std::optional<TransferError> error = CheckpointStore::save(path, checkpointFor(url));
    QVERIFY(error);
    QCOMPARE(error->kind, TransferError::Kind::FileSystem);
    QCOMPARE(error->recovery, TransferError::Recovery::Fatal);
    QVERIFY2(error->detail.contains(path), qPrintable(error->detail));
    QVERIFY(!error->message().isEmpty());
    QVERIFY(!QFileInfo::exists(path));
    QCOMPARE(readAll(blocker), "a file, not a folder"_ba);
}

void TestCheckpointStore::save_storedUrl_fileNeverContainsPassword()
{
    const QUrl url = urlWithPassword();
    const QString path = m_store->pathFor(m_downloads->path(), url);
    QVERIFY(saveOk(path, checkpointFor(url)));
    const QByteArray onDisk = readAll(path);
    QVERIFY(onDisk.contains("files.example.org"));
    QVERIFY(!onDisk.contains(Password));
    QVERIFY(!path.contains(QString::fromLatin1(Password)));
}

void TestCheckpointStore::save_checkpointUrlWithPassword_fileNeverContainsPassword()
{
    // "The URL form stored and hashed: no password, ever." A caller that forgets storedUrl()
    // must not get the password written to disk, nor a checkpoint that load() then refuses.
    const QUrl url = urlWithPassword();
    Checkpoint checkpoint = checkpointFor(url);
    checkpoint.url = url;
    const QString path = m_store->pathFor(m_downloads->path(), url);
    QVERIFY(saveOk(path, checkpoint));
    const QByteArray onDisk = readAll(path);
    QVERIFY(onDisk.contains("files.example.org"));
    QVERIFY2(!onDisk.contains(Password), "the checkpoint file holds the password");
    QVERIFY(m_store->load(m_downloads->path(), url));
}

void TestCheckpointStore::remove_deletesTheFile()
{
    const QUrl url(u"https://example.org/a.bin"_s);
    const QString path = m_store->pathFor(m_downloads->path(), url);
    QVERIFY(saveOk(path, checkpointFor(url)));
    QVERIFY(QFileInfo::exists(path));
    CheckpointStore::remove(path);
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(!m_store->load(m_downloads->path(), url));
    CheckpointStore::remove(path); // removing what is gone is harmless
}

Checkpoint TestCheckpointStore::completedFor(const QUrl &url, const QString &name) const
{
    Checkpoint record = checkpointFor(url);
    record.finalPath = record.directory + u'/' + name;
    record.partPath = record.finalPath + u".part"_s;
    record.completed = true;
    record.ranges = {ByteRange{0, record.totalSize}};
    record.durableRanges = record.ranges;
    record.contentDigest = QByteArray(16, 'd');
    return record;
}

void TestCheckpointStore::saveCompleted_load_roundTripsWithoutAFilePerRecord()
{
    const QUrl url = urlWithPassword();
    const QString path = m_store->pathFor(m_downloads->path(), url);
    const Checkpoint saved = completedFor(url, u"a.bin"_s);
    const std::optional<TransferError> error = CheckpointStore::saveCompleted(path, saved);
    QVERIFY2(!error, describe(error).constData());

    const std::optional<Checkpoint> loaded = m_store->load(m_downloads->path(), url);
    QVERIFY(loaded);
    QCOMPARE(loaded->url, CheckpointStore::storedUrl(url));
    QCOMPARE(loaded->finalPath, saved.finalPath);
    QCOMPARE(loaded->totalSize, saved.totalSize);
    QCOMPARE(loaded->contentDigest, saved.contentDigest);
    QVERIFY(loaded->completed);
    QVERIFY(!QFileInfo::exists(path));
    QVERIFY(!QFileInfo::exists(QFileInfo(path).absolutePath())); // not even its folder
    const QByteArray journal = readAll(journalPath());
    QVERIFY(journal.contains("files.example.org"));
    QVERIFY2(!journal.contains(Password), "the journal holds the password");
}

void TestCheckpointStore::saveCompleted_lastRecordCounts_removeForgetsIt()
{
    const QUrl url(u"https://example.org/a.bin"_s);
    const QString path = m_store->pathFor(m_downloads->path(), url);
    QVERIFY(!CheckpointStore::saveCompleted(path, completedFor(url, u"first"_s)));
    QCOMPARE(m_store->load(m_downloads->path(), url).value_or(Checkpoint()).finalPath,
             m_downloads->filePath(u"first"_s));
    QVERIFY(!CheckpointStore::saveCompleted(path, completedFor(url, u"second"_s)));
    QCOMPARE(m_store->load(m_downloads->path(), url).value_or(Checkpoint()).finalPath,
             m_downloads->filePath(u"second"_s));

    CheckpointStore::remove(path);
    QVERIFY(!m_store->load(m_downloads->path(), url));
    QVERIFY(!CheckpointStore(m_state->path()).load(m_downloads->path(), url));
    QVERIFY(!CheckpointStore::saveCompleted(path, completedFor(url, u"third"_s)));
    QCOMPARE(m_store->load(m_downloads->path(), url).value_or(Checkpoint()).finalPath,
             m_downloads->filePath(u"third"_s));
}

void TestCheckpointStore::loadFrom_tellsARecordFileFromAJournalLine()
{
    const QUrl url(u"https://example.org/a.bin"_s);
    const QString path = m_store->pathFor(m_downloads->path(), url);
    bool recordFile = true;
    QVERIFY(!m_store->loadFrom(path, m_downloads->path(), url, &recordFile));
    QVERIFY(!recordFile);

    // A journal line, saved by a download that knew there was no record file.
    QVERIFY(!CheckpointStore::saveCompleted(path, completedFor(url, u"a.bin"_s), false));
    QVERIFY(m_store->loadFrom(path, m_downloads->path(), url, &recordFile));
    QVERIFY(!recordFile);

    // A record file: it counts first, and is said to be there.
    QVERIFY(saveOk(path, checkpointFor(url)));
    std::optional<Checkpoint> loaded =
        m_store->loadFrom(path, m_downloads->path(), url, &recordFile);
    QVERIFY(loaded && !loaded->completed);
    QVERIFY(recordFile);

    // Told there is none, saveCompleted leaves it (and it still counts); by default it goes.
    QVERIFY(!CheckpointStore::saveCompleted(path, completedFor(url, u"b.bin"_s), false));
    QVERIFY(QFile::exists(path));
    QVERIFY(!CheckpointStore::saveCompleted(path, completedFor(url, u"c.bin"_s)));
    QVERIFY(!QFile::exists(path));
    loaded = m_store->loadFrom(path, m_downloads->path(), url, &recordFile);
    QVERIFY(!recordFile);
    QCOMPARE(loaded.value_or(Checkpoint()).finalPath, m_downloads->filePath(u"c.bin"_s));
}

void TestCheckpointStore::saveCompleted_seenByAStoreThatLookedBefore()
{
    // Another process appends while this store's reader holds what it read so far.
    const QUrl a(u"https://example.org/a.bin"_s);
    const QUrl b(u"https://example.org/b.bin"_s);
    const QString pathA = m_store->pathFor(m_downloads->path(), a);
    const QString pathB = m_store->pathFor(m_downloads->path(), b);
    QVERIFY(!m_store->load(m_downloads->path(), a)); // no journal yet
    QVERIFY(!CheckpointStore::saveCompleted(pathA, completedFor(a, u"a.bin"_s)));
    QVERIFY(m_store->load(m_downloads->path(), a));
    QVERIFY(!m_store->load(m_downloads->path(), b));
    QVERIFY(!CheckpointStore::saveCompleted(pathB, completedFor(b, u"b.bin"_s)));
    CheckpointStore::remove(pathA);
    QVERIFY(!m_store->load(m_downloads->path(), a));
    QVERIFY(m_store->load(m_downloads->path(), b));
}

void TestCheckpointStore::saveCompleted_recordFileCountsFirst()
{
    const QUrl url(u"https://example.org/a.bin"_s);
    const QString path = m_store->pathFor(m_downloads->path(), url);
    QVERIFY(!CheckpointStore::saveCompleted(path, completedFor(url, u"a.bin"_s)));
    const Checkpoint inProgress = checkpointFor(url);
    QVERIFY(saveOk(path, inProgress));
    const std::optional<Checkpoint> loaded = m_store->load(m_downloads->path(), url);
    QVERIFY(loaded);
    QVERIFY(!loaded->completed);
    QCOMPARE(loaded->finalPath, inProgress.finalPath);
}

void TestCheckpointStore::saveCompleted_tornLine_hidesNoOtherRecord()
{
    // A writer killed in the middle of its line: the next line still reads.
    const QUrl a(u"https://example.org/a.bin"_s);
    const QUrl b(u"https://example.org/b.bin"_s);
    const QString pathA = m_store->pathFor(m_downloads->path(), a);
    const QString pathB = m_store->pathFor(m_downloads->path(), b);
    const QByteArray keyA = QFileInfo(pathA).completeBaseName().toLatin1();
    const QByteArray whole = completedFor(a, u"a.bin"_s).toJson();
    QVERIFY(writeFile(journalPath(), '\n' + keyA + ' ' + whole.left(whole.size() / 2)));
    QVERIFY(!m_store->load(m_downloads->path(), a));
    QVERIFY(!CheckpointStore::saveCompleted(pathB, completedFor(b, u"b.bin"_s)));
    QVERIFY(m_store->load(m_downloads->path(), b));
    QVERIFY(!m_store->load(m_downloads->path(), a));
    QVERIFY(!CheckpointStore::saveCompleted(pathA, completedFor(a, u"a.bin"_s)));
    QVERIFY(m_store->load(m_downloads->path(), a));
}

void TestCheckpointStore::saveCompleted_journalDeleted_isForgotten()
{
    const QUrl url(u"https://example.org/a.bin"_s);
    const QString path = m_store->pathFor(m_downloads->path(), url);
    QVERIFY(!CheckpointStore::saveCompleted(path, completedFor(url, u"a.bin"_s)));
    QVERIFY(m_store->load(m_downloads->path(), url));
    QVERIFY(QFile::remove(journalPath()));
    QVERIFY(!m_store->load(m_downloads->path(), url));
    QVERIFY(!CheckpointStore::saveCompleted(path, completedFor(url, u"again.bin"_s)));
    QCOMPARE(m_store->load(m_downloads->path(), url).value_or(Checkpoint()).finalPath,
             m_downloads->filePath(u"again.bin"_s));
}

void TestCheckpointStore::saveCompleted_unusableFolder_returnsFileSystemError()
{
    QVERIFY(writeFile(m_state->filePath(u"checkpoints"_s), "a file, not a folder"));
    const QUrl url(u"https://example.org/a.bin"_s);
    const std::optional<TransferError> error = CheckpointStore::saveCompleted(
        m_store->pathFor(m_downloads->path(), url), completedFor(url, u"a.bin"_s));
    QVERIFY(error);
    QCOMPARE(error->kind, TransferError::Kind::FileSystem);
    QVERIFY2(error->detail.contains(u"completed.journal"_s), qPrintable(error->detail));
}

QTEST_GUILESS_MAIN(TestCheckpointStore)
#include "tst_checkpointstore.moc"
