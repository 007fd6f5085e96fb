#pragma once

#include "core/checkpoint.h"
#include "core/finalizejob.h"
#include "core/result.h"
#include "core/transfererror.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

#include <memory>
#include <optional>
#include <variant>

namespace Ferry {

// One batch of work on one .part file, run on the file pool. The batch is executed in order:
// writes land at their offsets, and a checkpoint is saved only after the data it claims has been
// written (and, for a durable one, flushed to the device), so it never claims bytes not there.
struct FileWriteJob
{
    struct Open
    {
        bool truncate = false;
        // A new file only (a small file's .part): fails with `nameTaken` when the name exists,
        // as it then belongs to another download. Held under flock(2) while open, so that a
        // later start can tell a live one from what a killed process left.
        bool create = false;
        // With `create`: the file is made without a name (O_TMPFILE) where the file system
        // allows, and named only when FinalizeJob links it in place. A small file then costs
        // one new directory entry, not a .part and a rename, and a kill leaves nothing. Not for
        // a file to be checksummed (read back by name) or to replace one.
        bool unnamed = false;
    };

    struct Write
    {
        qint64 offset = 0;
        QByteArray data;
    };

    struct SaveCheckpoint
    {
        QString path;
        Checkpoint checkpoint;
        // Durable: fdatasync the data, then an fsynced save. Otherwise a quick save that the
        // checkpoint's bootId limits to this boot.
        bool durable = true;
        // Saved even after a failed write (a full disk): it claims only bytes written.
        bool afterFailure = false;
    };

    // Closes the file and runs the FinalizeJob (checksum, rename, completed record): a small
    // file's whole life on disk in the job that also wrote it. If an earlier operation of the
    // job fails, the file is removed, as nothing records it.
    //
    // With `recordFirst`, the completed record (with the ContentDigest of the bytes) is saved
    // before the file is created, so whatever a kill at any moment leaves is named by a record
    // (see Download::start()). It costs no more than saving it after the rename did. When the
    // job does not hold every byte of the file (it began to be written earlier), it is saved
    // after the rename instead.
    struct Finalize
    {
        FinalizeJob job;
        bool recordFirst = false;
    };

    using Operation = std::variant<Open, Write, SaveCheckpoint, Finalize>;

    struct Outcome
    {
        qint64 bytesWritten = 0;
        std::optional<TransferError> error;
        std::optional<Result<QString>> finalized;     // when a Finalize operation ran
        QList<ByteRange> written;                     // the Write operations that completed
        std::optional<QList<ByteRange>> durableSaved; // a durable checkpoint's, once on disk
        bool nameTaken = false;                       // a `create` open found the file there
    };

    // Only the running job touches the file; the sink starts one job at a time.
    std::shared_ptr<QFile> file;
    QList<Operation> operations;
    // The file's path: an unnamed file's QFile no longer knows it.
    QString path;

    Outcome run() const;

    // The bytes the Write operations among `operations` carry.
    static qint64 bytesToWrite(const QList<Operation> &operations);

    // Whether unnamed files (Open::unnamed) can be made in `folder` here; tests ask.
    static bool unnamedFilesWork(const QString &folder);

private:
    // What run() did about an unnamed Open before saving the record.
    enum class EarlyOpen {
        None,
        Opened, // the job's Open is done
        Failed, // the Open makes a named file
    };
    Outcome runOperations(const QByteArray &contentDigest, EarlyOpen early) const;
    // The digest of the file the Write operations make, when they hold all of its `size` bytes.
    QByteArray digestOfWrites(qint64 size) const;
};

} // namespace Ferry
