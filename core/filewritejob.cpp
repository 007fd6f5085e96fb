#include "filewritejob.h"

#include "core/checkpointstore.h"
#include "core/contentdigest.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

TransferError fileError(const QString &path, const QString &why, int savedErrno)
{
    // Partial data stays on disk with its checkpoint, so the item can continue once the
    // user makes room; retrying by itself would only fail again.
    return TransferError::make(TransferError::kindForFileErrno(savedErrno),
                               TransferError::Recovery::Fatal,
                               u"%1: %2"_s.arg(QDir::toNativeSeparators(path), why));
}

TransferError fileError(const QString &path, const QFile &file, int savedErrno)
{
    return fileError(path, file.errorString(), savedErrno);
}

// Writes all of `data` at `offset`: one pwrite() where QFile took a seek and a write.
bool writeAt(QFile &file, qint64 offset, QByteArrayView data, qint64 *written)
{
#ifdef Q_OS_UNIX
    const int fd = file.handle();
    while (!data.isEmpty()) {
        const ssize_t done = ::pwrite(fd, data.data(), size_t(data.size()), off_t(offset));
        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0) {
            if (done == 0)
                errno = EIO;
            return false;
        }
        data = data.sliced(done);
        offset += done;
        *written += done;
    }
    return true;
#else
    if (!file.seek(offset))
        return false;
    while (!data.isEmpty()) {
        const qint64 done = file.write(data.data(), data.size());
        if (done <= 0)
            return false;
        data = data.sliced(done);
        *written += done;
    }
    return true;
#endif
}

bool syncToDevice(QFile &file)
{
    if (!file.flush())
        return false;
#ifdef Q_OS_UNIX
    return ::fdatasync(file.handle()) == 0;
#else
    return true;
#endif
}

// Opens `file` as a new file without a name in the folder its name is in; false where the
// file system cannot (the caller then makes a named one, which reports any real error).
bool openUnnamed(QFile &file, const QString &path)
{
#if defined(Q_OS_LINUX) && defined(O_TMPFILE)
    // FinalizeJob links the file through /proc/self/fd where the kernel refuses to link it
    // from its descriptor (before Linux 6.10): without /proc that could fail.
    static const bool procFds = ::access("/proc/self/fd", X_OK) == 0;
    if (!procFds)
        return false;
    const QString folder = QFileInfo(path).absolutePath();
    const auto make = [&] {
        return ::open(QFile::encodeName(folder).constData(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0666);
    };
    int fd = make();
    if (fd < 0 && errno == ENOENT && QDir().mkpath(folder))
        fd = make();
    if (fd < 0)
        return false;
    if (!file.open(
            fd, QIODevice::ReadWrite | QIODevice::Unbuffered, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return false;
    }
    return true;
#else
    Q_UNUSED(file);
    Q_UNUSED(path);
    return false;
#endif
}

// Whether the open `file` has no name (yet): made by openUnnamed() and not linked.
bool isUnnamed(const QFile &file)
{
#ifdef Q_OS_UNIX
    struct stat info = {};
    return file.isOpen() && ::fstat(file.handle(), &info) == 0 && info.st_nlink == 0;
#else
    Q_UNUSED(file);
    return false;
#endif
}

} // namespace

qint64 FileWriteJob::bytesToWrite(const QList<Operation> &operations)
{
    qint64 bytes = 0;
    for (const Operation &operation : operations) {
        if (const auto *write = std::get_if<Write>(&operation))
            bytes += write->data.size();
    }
    return bytes;
}

bool FileWriteJob::unnamedFilesWork(const QString &folder)
{
    QFile probe(QDir(folder).filePath(u"probe"_s));
    return openUnnamed(probe, probe.fileName());
}

FileWriteJob::Outcome FileWriteJob::run() const
{
    const Finalize *finalize = nullptr;
    for (const Operation &operation : operations) {
        if (const auto *found = std::get_if<Finalize>(&operation))
            finalize = found;
    }
    QByteArray digest;
    if (finalize && finalize->recordFirst)
        digest = digestOfWrites(finalize->job.checkpoint.totalSize);
    // An unnamed file leaves nothing if the job is killed, so it may come before the record,
    // and then the record names no .part (one by that name may be another download's).
    const auto *firstOpen = operations.isEmpty() ? nullptr : std::get_if<Open>(&operations.first());
    EarlyOpen early = EarlyOpen::None;
    if (!digest.isEmpty() && firstOpen && firstOpen->create && firstOpen->unnamed) {
        file->close();
        early = openUnnamed(*file, path) ? EarlyOpen::Opened : EarlyOpen::Failed;
    }
    if (!digest.isEmpty()) {
        FinalizeJob job = finalize->job;
        job.contentDigest = digest;
        Checkpoint record = job.completedRecord(job.finalPath);
        if (early == EarlyOpen::Opened)
            record.partPath.clear();
        if (auto error = CheckpointStore::saveCompleted(
                job.checkpointPath, record, job.recordFileMayExist)) {
            file->close();
            Outcome outcome;
            outcome.error = std::move(error);
            return outcome;
        }
    }
    Outcome outcome = runOperations(digest, early);
    // A small file has no record of its own progress: if it cannot be put in place, nothing
    // must stay behind either.
    if (finalize && (outcome.error || (outcome.finalized && !*outcome.finalized))) {
        // An unnamed file vanishes as it closes; the name it would have had is someone else's.
        const bool named = !isUnnamed(*file);
        file->close();
        if (named && !outcome.nameTaken)
            QFile::remove(path);
        if (!digest.isEmpty())
            CheckpointStore::remove(finalize->job.checkpointPath);
    }
    return outcome;
}

QByteArray FileWriteJob::digestOfWrites(qint64 size) const
{
    QList<const Write *> writes;
    for (const Operation &operation : operations) {
        if (const auto *write = std::get_if<Write>(&operation))
            writes.append(write);
    }
    std::stable_sort(writes.begin(), writes.end(), [](const Write *a, const Write *b) {
        return a->offset < b->offset;
    });
    ContentDigest digest;
    qint64 next = 0;
    for (const Write *write : std::as_const(writes)) {
        if (write->offset != next)
            return {}; // a gap or an overlap: not one plain run of bytes
        digest.addData(write->data);
        next += write->data.size();
    }
    return next == size ? digest.result() : QByteArray();
}

FileWriteJob::Outcome FileWriteJob::runOperations(const QByteArray &contentDigest,
                                                  EarlyOpen early) const
{
    Outcome outcome;
    QFile &out = *file;
    bool openedUnnamed = false; // by this job: no need to ask the file
    for (const Operation &operation : operations) {
        if (const auto *open = std::get_if<Open>(&operation)) {
            const EarlyOpen done = std::exchange(early, EarlyOpen::None);
            openedUnnamed = done == EarlyOpen::Opened;
            if (openedUnnamed)
                continue; // made before the record (run())
            out.close();
            out.setFileName(path);
            QIODevice::OpenMode mode = QIODevice::ReadWrite | QIODevice::Unbuffered;
            // Continuing needs the bytes already there: a vanished .part is an error, not a
            // sparse new file that the checkpoint would claim to be full of data.
            if (open->create)
                mode |= QIODevice::NewOnly;
            else
                mode |= open->truncate ? QIODevice::Truncate : QIODevice::ExistingOnly;
            // Not again when run() tried (its record names the .part then).
            if (open->create && open->unnamed && done == EarlyOpen::None
                && openUnnamed(out, path)) {
                openedUnnamed = true;
                continue;
            }
            errno = 0;
            bool ok = out.open(mode);
            if (!ok && errno == ENOENT && !(mode & QIODevice::ExistingOnly)
                && QDir().mkpath(QFileInfo(path).absolutePath())) {
                ok = out.open(mode); // the folder was removed since the download began
            }
            if (!ok) {
                const int savedErrno = errno;
                if (open->create && (savedErrno == EEXIST || QFileInfo::exists(path))) {
                    // Another download (another process) chose the same name meanwhile: the
                    // next attempt chooses again and finds it taken.
                    outcome.nameTaken = true;
                    outcome.error =
                        TransferError::make(TransferError::Kind::FileSystem,
                                            TransferError::Recovery::Retry,
                                            u"%1 is being written by another download"_s.arg(
                                                QDir::toNativeSeparators(path)));
                } else {
                    outcome.error = fileError(path, out, savedErrno);
                }
                return outcome;
            }
#ifdef Q_OS_UNIX
            if (open->create)
                ::flock(out.handle(), LOCK_EX | LOCK_NB); // advisory; dropped on close
#endif
        } else if (const auto *write = std::get_if<Write>(&operation)) {
            errno = 0;
            if (!writeAt(out, write->offset, write->data, &outcome.bytesWritten)) {
                const int savedErrno = errno;
#ifdef Q_OS_UNIX
                const QString why = qt_error_string(savedErrno); // QFile's words for it
#else
                const QString why = out.errorString();
#endif
                outcome.error = fileError(path, why, savedErrno);
                return outcome;
            }
            outcome.written.append({write->offset, write->offset + write->data.size()});
        } else if (const auto *save = std::get_if<SaveCheckpoint>(&operation)) {
            errno = 0;
            if (save->durable && out.isOpen() && !syncToDevice(out)) {
                outcome.error = fileError(path, out, errno);
                return outcome;
            }
            const auto durability = save->durable ? CheckpointStore::Durability::Durable
                                                  : CheckpointStore::Durability::Quick;
            if (auto error = CheckpointStore::save(save->path, save->checkpoint, durability)) {
                outcome.error = std::move(error);
                return outcome;
            }
            if (save->durable)
                outcome.durableSaved = save->checkpoint.durableRanges;
        } else if (const auto *finalize = std::get_if<Finalize>(&operation)) {
            FinalizeJob job = finalize->job;
            job.contentDigest = contentDigest;
            if (openedUnnamed || isUnnamed(out))
                job.unnamedFile = out.handle();
#ifdef Q_OS_UNIX
            // Still open, so still under its lock through the rename: a later start never takes
            // a written .part for one a killed run left.
            outcome.finalized = job.run();
            out.close();
#else
            out.close();
            outcome.finalized = job.run();
#endif
        }
    }
    return outcome;
}

} // namespace Ferry
