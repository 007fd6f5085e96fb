#pragma once

#include "core/hostscheduler.h"
#include "core/transfererror.h"
#include "core/transferid.h"
#include "core/transferrequest.h"
#include "core/transfersnapshot.h"
#include "core/transferstate.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

namespace Ferry {

class Download;
class SpeedMeter;

// One download as the engine keeps it: the request, its place in the queue, its state and
// counters, and while it runs its Download. Engine-internal; kept lean, since a queue can hold
// a million of them.
struct TransferItem
{
    TransferItem();
    TransferItem(TransferItem &&) noexcept;
    ~TransferItem();

    QUrl url() const { return QUrl::fromEncoded(encodedUrl); }

    // The request as asked for, URL included.
    TransferRequest fullRequest() const;
    // What the batches carry; hostWaitUntilMs when queued behind a host's cool-down.
    TransferSnapshot snapshot(qint64 hostWaitUntilMs) const;
    // Keeps a real error; a user's stop (Cancelled) or none clears it.
    void setError(const TransferError &error);

    TransferId id = 0;
    // The request without its URL, which is kept encoded: a parsed QUrl costs four times as
    // much per queued item, and a queue can hold hundreds of thousands of them.
    TransferRequest request;
    QByteArray encodedUrl;
    // The URL its last Download had parsed, from the end of that attempt until the next
    // snapshot: the one that reports the end then need not parse it again.
    QUrl endedUrl;
    QString host;
    HostScheduler::Key key; // (-priority, sequence)
    TransferState state = TransferState::Queued;
    qint64 addedAtMs = 0;
    qint64 retryAtMs = 0;
    qint64 startedAtMs = 0;      // this attempt, engine clock
    qint64 firstStartedAtMs = 0; // the first attempt, ms since the epoch
    qint64 finishedAtMs = 0;     // ms since the epoch, once finished
    QString fileName;            // inside request.directory, once known
    qint64 bytesDone = 0;
    qint64 bytesTotal = -1;
    qint64 speed = 0;
    int attempts = 0;
    int httpStatus = 0;
    bool skipped = false;
    bool dirty = false;
    bool singleConnection = false; // its server answered a segment request wrongly
    bool sawResponse = false;      // this attempt's response headers arrived
    bool transferred = false;      // this attempt received everything: only work on disk is left
    std::unique_ptr<TransferError> error; // most items never fail: no room for one until then
    std::unique_ptr<Download> download;
    std::unique_ptr<SpeedMeter> meter;
    // Set while a running download is being stopped on the user's request.
    std::optional<TransferState> stopTarget;
    bool removeAfterStop = false;
    bool deleteFilesAfterStop = false;
};

} // namespace Ferry
