#include "finalizejob.h"

#include "core/checkpointstore.h"
#include "core/filename.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

TransferError fileSystemError(const QString &detail)
{
    return TransferError::make(
        TransferError::Kind::FileSystem, TransferError::Recovery::Fatal, detail);
}

// Renames without replacing an existing file. Returns 0, or an errno value (EEXIST when taken).
int renameNoReplace(const QString &from, const QString &to)
{
    const QByteArray source = QFile::encodeName(from);
    const QByteArray target = QFile::encodeName(to);
#if defined(Q_OS_LINUX) && defined(RENAME_NOREPLACE)
    if (::renameat2(AT_FDCWD, source.constData(), AT_FDCWD, target.constData(), RENAME_NOREPLACE)
        == 0) {
        return 0;
    }
    if (errno != EINVAL && errno != ENOSYS)
        return errno;
#endif
    // Filesystems without RENAME_NOREPLACE: a hard link fails atomically on an existing name.
    if (::link(source.constData(), target.constData()) == 0) {
        ::unlink(source.constData());
        return 0;
    }
    if (errno == EEXIST)
        return EEXIST;
    if (QFileInfo::exists(to))
        return EEXIST;
    return std::rename(source.constData(), target.constData()) == 0 ? 0 : errno;
}

// Gives the unnamed file open as `fd` the name `to`, never replacing a file. Returns 0, or an
// errno value (EEXIST when taken).
#ifdef Q_OS_LINUX
// Whether linkat(AT_EMPTY_PATH) links our own unnamed files: Linux 6.10 and later allow it to
// the process that opened the file; before, only with CAP_DAC_READ_SEARCH.
std::atomic<bool> g_emptyPathLinks{true};
#endif

int linkUnnamed(int fd, const QString &to)
{
#ifdef Q_OS_LINUX
    const QByteArray target = QFile::encodeName(to);
    // Straight from the descriptor when the kernel lets us: the path walk through /proc was a
    // fifth of the time of a link, with 10,000 small files.
    if (g_emptyPathLinks.load(std::memory_order_relaxed)) {
        if (::linkat(fd, "", AT_FDCWD, target.constData(), AT_EMPTY_PATH) == 0)
            return 0;
        if (errno != ENOENT && errno != EPERM)
            return errno;
    }
    const QByteArray source = "/proc/self/fd/" + QByteArray::number(fd);
    if (::linkat(AT_FDCWD, source.constData(), AT_FDCWD, target.constData(), AT_SYMLINK_FOLLOW)
        == 0) {
        // The way through /proc works where the direct one did not: the kernel refused it.
        g_emptyPathLinks.store(false, std::memory_order_relaxed);
        return 0;
    }
    return errno;
#else
    Q_UNUSED(fd);
    Q_UNUSED(to);
    return ENOSYS;
#endif
}

} // namespace

std::optional<TransferError> FinalizeJob::verify(const QString &path, const ChecksumSpec &checksum)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fileSystemError(u"%1: %2"_s.arg(path, file.errorString()));
    QCryptographicHash hash(checksum.algorithm);
    if (!hash.addData(&file))
        return fileSystemError(u"%1: %2"_s.arg(path, file.errorString()));
    const QByteArray actual = hash.result();
    if (actual == checksum.digest)
        return std::nullopt;
    return TransferError::make(
        TransferError::Kind::Checksum,
        TransferError::Recovery::Fatal,
        u"expected %1 %2, got %3"_s.arg(checksum.algorithmName(),
                                        QString::fromLatin1(checksum.digest.toHex()),
                                        QString::fromLatin1(actual.toHex())));
}

Result<QString> FinalizeJob::run() const
{
    if (checksum) {
        if (std::optional<TransferError> error = verify(partPath, *checksum)) {
            if (error->kind == TransferError::Kind::Checksum) {
                QFile::remove(partPath);
                CheckpointStore::remove(checkpointPath);
            }
            return *error;
        }
    }

    Result<QString> moved = moveIntoPlace();
    if (!moved)
        return moved;
    // Like wget, curl and aria2, no fsync for the finished file: the kernel writes it back
    // within seconds. This record only lets a re-run skip the URL; if a power cut loses it,
    // the file is fetched again under a new name.
    if (contentDigest.isEmpty()) {
        CheckpointStore::save(
            checkpointPath, completedRecord(moved.value()), CheckpointStore::Durability::Quick);
    } else if (moved.value() != finalPath) {
        Checkpoint record = completedRecord(moved.value());
        if (unnamedFile >= 0)
            record.partPath.clear(); // there never was one
        CheckpointStore::saveCompleted(checkpointPath, record, recordFileMayExist);
    }
    return moved;
}

Checkpoint FinalizeJob::completedRecord(const QString &path) const
{
    Checkpoint done = checkpoint;
    done.finalPath = path;
    done.completed = true;
    done.ranges = {ByteRange{0, done.totalSize}};
    if (done.totalSize == 0)
        done.ranges.clear();
    done.durableRanges = done.ranges;
    done.bootId = Checkpoint::currentBootId();
    done.contentDigest = contentDigest;
    return done;
}

Result<QString> FinalizeJob::moveIntoPlace() const
{
    if (allowOverwrite) {
        if (std::rename(QFile::encodeName(partPath).constData(),
                        QFile::encodeName(finalPath).constData())
            != 0) {
            return fileSystemError(u"cannot rename %1 to %2: %3"_s.arg(
                partPath, finalPath, QString::fromLocal8Bit(std::strerror(errno))));
        }
        return finalPath;
    }

    const QFileInfo wanted(finalPath);
    const QDir directory = wanted.absoluteDir();
    QString target = finalPath;
    for (int round = 0; round < 2; ++round) {
        const int result =
            unnamedFile >= 0 ? linkUnnamed(unnamedFile, target) : renameNoReplace(partPath, target);
        if (result == 0)
            return target;
        if (result != EEXIST) {
            return fileSystemError(u"cannot rename %1 to %2: %3"_s.arg(
                partPath, target, QString::fromLocal8Bit(std::strerror(result))));
        }
        // Someone created the name while we were downloading: keep both files.
        target = directory.filePath(FileName::unique(wanted.fileName(), [&](const QString &name) {
            return QFileInfo::exists(directory.filePath(name));
        }));
    }
    return fileSystemError(u"cannot find a free name for %1"_s.arg(finalPath));
}

} // namespace Ferry
