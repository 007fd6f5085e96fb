#pragma once

#include "core/checkpoint.h"
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
    };

    using Operation = std::variant<Open, Write, SaveCheckpoint>;

    struct Outcome
    {
        qint64 bytesWritten = 0;
        std::optional<TransferError> error;
    };

    // Only the running job touches the file; the sink starts one job at a time.
    std::shared_ptr<QFile> file;
    QList<Operation> operations;

    Outcome run() const;
};

} // namespace Ferry
