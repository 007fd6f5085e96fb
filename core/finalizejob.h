#pragma once

#include "core/checkpoint.h"
#include "core/checksumspec.h"
#include "core/result.h"

#include <QString>

#include <optional>

namespace Ferry {

// The last step of a download, run on the file pool: verify the checksum of the .part file
// (when one was given), then rename it to its final name. Without overwrite permission the
// rename never replaces a file: if the name was taken meanwhile, "name (1).ext" is used.
struct FinalizeJob
{
    QString partPath;
    QString finalPath;
    std::optional<ChecksumSpec> checksum;
    bool allowOverwrite = false;
    // After the rename the checkpoint is saved as "completed" (so a re-run skips the URL);
    // after a checksum mismatch it is removed together with the .part file.
    QString checkpointPath;
    Checkpoint checkpoint;
    // Set when the completed record, with this digest of the bytes, was saved before the bytes
    // reached the disk (a small file, see FileWriteJob::Finalize): saved again only if the file
    // had to take another name.
    QByteArray contentDigest;
    // The bytes are an unnamed file (O_TMPFILE) open as this descriptor: it is linked at its
    // final name instead of renamed. Never with a checksum or overwriting (see FileWriteJob).
    int unnamedFile = -1;
    // False when the download knows no record file exists at checkpointPath (none when it
    // started, none saved since, and its lock kept others out): then none is removed.
    bool recordFileMayExist = true;

    // The record that says the file is done, at `path`.
    Checkpoint completedRecord(const QString &path) const;

    // The path the file ended up at.
    Result<QString> run() const;

    // Hashes the file at `path`: nullopt when it matches, else a Checksum (or FileSystem) error.
    static std::optional<TransferError> verify(const QString &path, const ChecksumSpec &checksum);

private:
    Result<QString> moveIntoPlace() const;
};

} // namespace Ferry
