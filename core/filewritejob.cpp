#include "filewritejob.h"

#include "core/checkpointstore.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

TransferError fileError(const QFile &file, int savedErrno)
{
    const bool full = savedErrno == ENOSPC
#ifdef EDQUOT
                      || savedErrno == EDQUOT
#endif
        ;
    // Partial data stays on disk with its checkpoint, so the item can continue once the
    // user makes room; retrying by itself would only fail again.
    return TransferError::make(
        full ? TransferError::Kind::DiskFull : TransferError::Kind::FileSystem,
        TransferError::Recovery::Fatal,
        u"%1: %2"_s.arg(QDir::toNativeSeparators(file.fileName()), file.errorString()));
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

} // namespace

FileWriteJob::Outcome FileWriteJob::run() const
{
    Outcome outcome = runOperations();
    // A small file has no record: if it cannot be put in place, nothing must stay behind either.
    if (outcome.error || (outcome.finalized && !*outcome.finalized)) {
        const bool finalizing =
            std::any_of(operations.begin(), operations.end(), [](const Operation &operation) {
                return std::holds_alternative<Finalize>(operation);
            });
        if (finalizing) {
            file->close();
            QFile::remove(file->fileName());
        }
    }
    return outcome;
}

FileWriteJob::Outcome FileWriteJob::runOperations() const
{
    Outcome outcome;
    QFile &out = *file;
    for (const Operation &operation : operations) {
        if (const auto *open = std::get_if<Open>(&operation)) {
            out.close();
            QIODevice::OpenMode mode = QIODevice::ReadWrite | QIODevice::Unbuffered;
            // Continuing needs the bytes already there: a vanished .part is an error, not a
            // sparse new file that the checkpoint would claim to be full of data.
            mode |= open->truncate ? QIODevice::Truncate : QIODevice::ExistingOnly;
            errno = 0;
            if (!out.open(mode)) {
                outcome.error = fileError(out, errno);
                return outcome;
            }
        } else if (const auto *write = std::get_if<Write>(&operation)) {
            errno = 0;
            if (!out.seek(write->offset)) {
                outcome.error = fileError(out, errno);
                return outcome;
            }
            const char *data = write->data.constData();
            qint64 left = write->data.size();
            while (left > 0) {
                errno = 0;
                const qint64 written = out.write(data, left);
                if (written <= 0) {
                    outcome.error = fileError(out, errno);
                    return outcome;
                }
                data += written;
                left -= written;
                outcome.bytesWritten += written;
            }
            outcome.written.append({write->offset, write->offset + write->data.size()});
        } else if (const auto *save = std::get_if<SaveCheckpoint>(&operation)) {
            errno = 0;
            if (save->durable && out.isOpen() && !syncToDevice(out)) {
                outcome.error = fileError(out, errno);
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
            out.close();
            outcome.finalized = finalize->job.run();
        }
    }
    return outcome;
}

} // namespace Ferry
