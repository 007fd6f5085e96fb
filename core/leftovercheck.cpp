#include "leftovercheck.h"

#include "core/checkpointstore.h"
#include "core/contentdigest.h"
#include "core/finalizejob.h"
#include "core/rangeset.h"

#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <sys/file.h>
#endif

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

// Whether no one holds `file` under flock(2): a small file's .part is locked for as long as it
// is written (FileWriteJob::Open::create). The lock stays until `file` is closed.
bool lockIfUnused(QFile &file)
{
#ifdef Q_OS_UNIX
    return ::flock(file.handle(), LOCK_EX | LOCK_NB) == 0;
#else
    Q_UNUSED(file);
    return true;
#endif
}

} // namespace

LeftoverCheck::Outcome
LeftoverCheck::judge(const Checkpoint &saved, const QString &recordPath, bool inUseHere)
{
    if (saved.completed && !saved.contentDigest.isEmpty())
        return {Verdict::ReadFile, saved};
    if (saved.completed) {
        const QFileInfo done(saved.finalPath);
        if (done.isFile() && (saved.totalSize < 0 || done.size() == saved.totalSize))
            return {Verdict::Finished, saved};
        CheckpointStore::remove(recordPath); // the file went away: fetch it again
        return {};
    }
    if (inUseHere)
        return {};
    const QFileInfo part(saved.partPath);
    const QFileInfo renamed(saved.finalPath);
    if (!part.exists() && saved.totalSize > 0 && renamed.isFile()
        && renamed.size() == saved.totalSize
        && RangeSet(saved.ranges).gaps(0, saved.totalSize).isEmpty()) {
        // Killed between the rename and the record that says so: every byte had been written
        // (the record before the rename says so), the name was free when the download chose it
        // (or overwriting was asked for), and only its .part can have become this file.
        FinalizeJob done;
        done.checkpoint = saved;
        const Checkpoint record = done.completedRecord(saved.finalPath);
        CheckpointStore::save(recordPath, record, CheckpointStore::Durability::Quick);
        return {Verdict::Finished, record};
    }
    const RangeSet trusted(saved.trustedRanges(Checkpoint::currentBootId()));
    const qint64 written = trusted.isEmpty() ? 0 : trusted.ranges().last().end;
    // Without a strong validator a changed file cannot be told from the old one, and resuming
    // could splice two versions: start over instead.
    const bool verifiable = saved.hasStrongEtag() || !saved.lastModified.isEmpty();
    if (part.isFile() && part.size() >= written && verifiable) {
        Checkpoint resume = saved;
        resume.ranges = trusted.ranges();
        resume.durableRanges = RangeSet(saved.durableRanges).intersected(trusted).ranges();
        return {Verdict::Resume, resume};
    }
    // Its .part (checked to be inside the folder) cannot be continued: starting over under the
    // same name beats leaving it behind and saving "name (1)".
    QFile::remove(saved.partPath);
    CheckpointStore::remove(recordPath);
    return {};
}

Result<QString>
LeftoverCheck::checkSmallFile(const Checkpoint &record, const QString &recordPath, bool inUseHere)
{
    const auto hasRecordedBytes = [&](const QString &path) {
        const QFileInfo info(path);
        return info.isFile() && info.size() == record.totalSize
               && ContentDigest::ofFile(path) == record.contentDigest;
    };
    if (hasRecordedBytes(record.finalPath))
        return record.finalPath;
    // The .part is ours unless a live download holds it: this run holds the URL's lock, and a
    // small file's writer holds its flock. One bigger than this file cannot be ours (another
    // URL's large download under the same name, after this file was moved away): left alone.
    QFile part(record.partPath);
    if (!inUseHere && !record.partPath.isEmpty() && part.open(QIODevice::ReadOnly)
        && part.size() <= record.totalSize && lockIfUnused(part)) {
        if (hasRecordedBytes(record.partPath)) {
            FinalizeJob adopt;
            adopt.partPath = record.partPath;
            adopt.finalPath = record.finalPath;
            adopt.checkpointPath = recordPath;
            adopt.checkpoint = record;
            adopt.contentDigest = record.contentDigest;
            if (Result<QString> moved = adopt.run())
                return moved;
        }
        QFile::remove(record.partPath);
    }
    CheckpointStore::remove(recordPath);
    return TransferError::make(TransferError::Kind::FileSystem,
                               TransferError::Recovery::Retry,
                               u"the recorded file is not there"_s);
}

} // namespace Ferry
