#include "checkpointstore.h"

#include "core/contentdigest.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Ferry {

Q_LOGGING_CATEGORY(lcCheckpoint, "ferry.core.checkpoint", QtWarningMsg)

namespace {

constexpr qint64 MaxCheckpointBytes = 1 << 20;

// The record file's bytes (at most MaxCheckpointBytes), or nullopt when there is none.
// Plain open(2): most downloads have no record file, and QFile made an error text for each.
std::optional<QByteArray> readRecordFile(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return std::nullopt;
    QByteArray bytes;
    bytes.reserve(4096);
    char buffer[4096];
    while (bytes.size() < MaxCheckpointBytes) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        bytes.append(buffer, std::min<qint64>(got, MaxCheckpointBytes - bytes.size()));
    }
    ::close(fd);
    return bytes;
}

} // namespace

QString CheckpointStore::defaultStateDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}

CheckpointStore::CheckpointStore(const QString &stateDirectory)
    : m_root(QDir(stateDirectory).filePath(u"checkpoints"_s))
    , m_journal(std::make_unique<RecordJournal>(m_root + u"/completed.journal"_s))
{}

// A record's path is <root>/<first two digits>/<key>.json.
QString CheckpointStore::journalPathFor(const QString &path)
{
    const QString bucket = path.left(path.lastIndexOf(u'/'));
    return bucket.left(bucket.lastIndexOf(u'/')) + u"/completed.journal"_s;
}

QByteArray CheckpointStore::keyOf(const QString &path)
{
    QString name = path.sliced(path.lastIndexOf(u'/') + 1);
    name.chop(5); // ".json"
    return name.toLatin1();
}

QUrl CheckpointStore::storedUrl(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePassword);
}

QString
CheckpointStore::pathFor(const QString &directory, const QUrl &url, const QString &fileName) const
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(QDir::cleanPath(directory).toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(storedUrl(url).toEncoded());
    if (!fileName.isEmpty()) {
        hash.addData(QByteArrayView("\n"));
        hash.addData(fileName.toUtf8());
    }
    const QString hex = QString::fromLatin1(hash.result().toHex());
    return m_root + u'/' + hex.left(2) + u'/' + hex + u".json"_s;
}

std::optional<Checkpoint>
CheckpointStore::load(const QString &directory, const QUrl &url, const QString &fileName) const
{
    return loadFrom(pathFor(directory, url, fileName), directory, url);
}

std::optional<Checkpoint> CheckpointStore::loadFrom(const QString &path,
                                                    const QString &directory,
                                                    const QUrl &url,
                                                    bool *recordFile) const
{
    // A record file counts first; most small files have only a line in the journal.
    const std::optional<QByteArray> file = readRecordFile(path);
    if (recordFile)
        *recordFile = file.has_value();
    const QByteArray json = file ? *file : m_journal->find(keyOf(path));
    if (!file && json.isEmpty())
        return std::nullopt;
    const Result<Checkpoint> parsed = Checkpoint::fromJson(json);
    if (!parsed) {
        qCWarning(lcCheckpoint) << "ignoring" << path << parsed.error().detail;
        return std::nullopt;
    }
    // By the encoded form, which is what was saved: QUrl's == also compares how a component is
    // held, and a '#' inside a fragment is held as written but read back as "%23".
    if (parsed->url.toEncoded() != storedUrl(url).toEncoded()
        || parsed->directory != QDir::cleanPath(directory)) {
        qCWarning(lcCheckpoint) << "ignoring" << path << "it belongs to another URL";
        return std::nullopt;
    }
    return parsed.value();
}

namespace {

bool makeFolderFor(const QString &path)
{
    return QDir().mkpath(QFileInfo(path).absolutePath());
}

} // namespace

std::optional<TransferError>
CheckpointStore::save(const QString &path, const Checkpoint &checkpoint, Durability durability)
{
    const auto failure = [&](const QString &what) {
        return TransferError::make(TransferError::kindForFileErrno(errno),
                                   TransferError::Recovery::Fatal,
                                   u"cannot save checkpoint %1: %2"_s.arg(path, what));
    };
    errno = 0;
    Checkpoint stored = checkpoint;
    stored.url = storedUrl(checkpoint.url);
    const QByteArray json = stored.toJson();

    if (durability == Durability::Durable) {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)
            && !(makeFolderFor(path) && file.open(QIODevice::WriteOnly))) {
            return failure(file.errorString());
        }
        file.write(json);
        if (!file.commit())
            return failure(file.errorString());
        return std::nullopt;
    }
    // Same atomicity without the fsync: a reader sees the old or the new file, never a mix.
    // Unique, so two writers of one checkpoint never share a half-written file.
    const QString temporary =
        path + u".new-"_s + QString::number(QRandomGenerator::global()->generate64(), 36);
    QFile file(temporary);
    // The folder is made when first needed: checking it before every save cost more syscalls
    // than the save itself.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && !(makeFolderFor(path) && file.open(QIODevice::WriteOnly | QIODevice::Truncate))) {
        return failure(file.errorString());
    }
    if (file.write(json) != json.size() || !file.flush()) {
        const QString why = file.errorString();
        file.close();
        QFile::remove(temporary);
        return failure(why);
    }
    file.close();
    if (std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData())
        != 0) {
        QFile::remove(temporary);
        return failure(QString::fromLocal8Bit(std::strerror(errno)));
    }
    return std::nullopt;
}

std::optional<TransferError> CheckpointStore::saveCompleted(const QString &path,
                                                            const Checkpoint &record,
                                                            bool recordFileMayExist)
{
    Checkpoint stored = record;
    stored.url = storedUrl(record.url);
    if (auto error = RecordJournal::append(journalPathFor(path), keyOf(path), stored.toJson()))
        return error;
    // A record file would count first (load()): one left by an earlier attempt, or a corrupt one.
    if (recordFileMayExist)
        ::unlink(QFile::encodeName(path).constData());
    return std::nullopt;
}

void CheckpointStore::remove(const QString &path)
{
    QFile::remove(path);
    RecordJournal::appendRemoval(journalPathFor(path), keyOf(path));
}

void CheckpointStore::discard(const QString &directory,
                              const QUrl &url,
                              const QString &fileName) const
{
    if (const std::optional<Checkpoint> saved = load(directory, url, fileName)) {
        if (!saved->partPath.isEmpty())
            QFile::remove(saved->partPath);
        // A small file's record is saved before its bytes: the name holds ours only if the
        // bytes are the recorded ones.
        if (saved->completed
            && (saved->contentDigest.isEmpty()
                || ContentDigest::ofFile(saved->finalPath) == saved->contentDigest)) {
            QFile::remove(saved->finalPath);
        }
    }
    remove(pathFor(directory, url, fileName));
}

void CheckpointStore::rekey(const QString &directory,
                            const QUrl &from,
                            const QUrl &to,
                            const QString &fileName) const
{
    std::optional<Checkpoint> saved = load(directory, from, fileName);
    if (!saved)
        return;
    saved->url = storedUrl(to);
    const QString oldPath = pathFor(directory, from, fileName);
    const QString newPath = pathFor(directory, to, fileName);
    if (!save(newPath, *saved) && oldPath != newPath)
        remove(oldPath);
}

} // namespace Ferry
