#pragma once

#include "core/checkpoint.h"
#include "core/result.h"

#include <QString>

namespace Ferry {

// What an earlier run of a download left on disk, judged when the download starts again: its
// record, its .part, its finished file. A kill can stop a run between any two of its steps;
// whatever it leaves is either taken up or removed, so that the next run neither saves
// "name (1)" beside it nor leaves a .part behind.
class LeftoverCheck
{
public:
    enum class Verdict {
        StartOver, // nothing to take up (what could not be used is removed)
        Finished,  // `record` names the finished file
        Resume,    // `record` holds the ranges on disk to continue from
        ReadFile,  // a small file's record: checkSmallFile(), on the file pool, decides
    };

    struct Outcome
    {
        Verdict verdict = Verdict::StartOver;
        Checkpoint record;
    };

    // Stats and removals only. `inUseHere`: a running download of this engine holds the
    // record's final name (a .part there is its own).
    static Outcome judge(const Checkpoint &saved, const QString &recordPath, bool inUseHere);

    // For Verdict::ReadFile. A small file's record is saved before its bytes reach the disk
    // (FileWriteJob::Finalize), so a kill may have come before the file was made, while it was
    // written or before its rename. The path of the finished file when it has the recorded bytes
    // (a complete .part is put in place first); otherwise the record and what the run left are
    // removed, and the result is an error. Reads the file: run it on the file pool.
    static Result<QString>
    checkSmallFile(const Checkpoint &record, const QString &recordPath, bool inUseHere);
};

} // namespace Ferry
