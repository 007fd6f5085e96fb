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
    struct Finalize
    {
        FinalizeJob job;
    };

    using Operation = std::variant<Open, Write, SaveCheckpoint, Finalize>;

    struct Outcome
    {
        qint64 bytesWritten = 0;
        std::optional<TransferError> error;
        std::optional<Result<QString>> finalized;     // when a Finalize operation ran
        QList<ByteRange> written;                     // the Write operations that completed
        std::optional<QList<ByteRange>> durableSaved; // a durable checkpoint's, once on disk
    };

    // Only the running job touches the file; the sink starts one job at a time.
    std::shared_ptr<QFile> file;
    QList<Operation> operations;

    Outcome run() const;

private:
    Outcome runOperations() const;
};

} // namespace Ferry
