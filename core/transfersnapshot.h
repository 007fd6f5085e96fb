#pragma once

#include "core/transfererror.h"
#include "core/transferid.h"
#include "core/transferstate.h"

#include <QString>
#include <QUrl>

namespace Ferry {

// One download as the engine last saw it: sent in batches, changed rows only.
struct TransferSnapshot
{
    TransferId id = 0;
    QUrl url;
    QString filePath;      // final path once known, else empty
    QString directory;     // the folder asked for
    QString requestedName; // the name asked for (-o, out=); empty: the server's or the URL's
    TransferState state = TransferState::Queued;
    qint64 bytesDone = 0;
    qint64 bytesTotal = -1; // -1 while unknown
    qint64 speed = 0;       // bytes per second over the last few seconds
    qint64 etaSeconds = -1; // -1 when it cannot be told
    int attempts = 0;
    int httpStatus = 0;
    bool skipped = false;  // completed by an earlier run; nothing fetched
    qint64 addedAtMs = 0;  // ms since the epoch
    qint64 queueOrder = 0; // lower starts first (within a priority); the id until moved
    qint64 retryAtMs = 0;  // when Waiting: ms since the epoch of the next attempt
    // When Queued behind its host's cool-down (HostBreaker): ms since the epoch it ends.
    qint64 hostWaitUntilMs = 0;
    qint64 startedAtMs = 0;  // the first attempt's start, ms since the epoch; 0: never started
    qint64 finishedAtMs = 0; // when Completed, Failed or Cancelled: ms since the epoch
    TransferError error;
};

// Overall figures, sent with every batch.
struct TransferTotals
{
    int queued = 0;
    int active = 0;
    int waiting = 0;
    int paused = 0;
    int completed = 0;
    int failed = 0;
    int cancelled = 0;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;   // sum over items whose size is known
    qint64 bytesFetched = 0; // received from the network since the engine started
    qint64 speed = 0;

    int count() const
    {
        return queued + active + waiting + paused + completed + failed + cancelled;
    }

    int unfinished() const { return queued + active + waiting; }

    // Whether the byte counts cover every unfinished item: one not started yet has no size.
    bool sizesKnown() const { return queued == 0 && waiting == 0; }

    // Overall progress, 0..1000: by bytes once sizesKnown(), by finished files until then, so
    // that 10,000 queued items behind one finished file do not read "99%".
    int permilleDone() const
    {
        if (sizesKnown() && bytesTotal > 0)
            return int(1000 * qMin(bytesDone, bytesTotal) / bytesTotal);
        const int all = count();
        return all > 0 ? int(qint64(1000) * (completed + failed + cancelled) / all) : 0;
    }

    // Seconds until the known remaining bytes are in at the current speed, rounded up (a
    // download with bytes left never reads "0 s"); -1 when unknown.
    qint64 etaSeconds() const
    {
        return speed > 0 && bytesTotal > bytesDone ? (bytesTotal - bytesDone + speed - 1) / speed
                                                   : -1;
    }
};

} // namespace Ferry
