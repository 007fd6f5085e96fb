#include "transferitem.h"

#include "core/download.h"
#include "core/speedmeter.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ferry {

TransferItem::TransferItem() = default;

TransferItem::TransferItem(TransferItem &&) noexcept = default;

TransferItem::~TransferItem() = default;

TransferRequest TransferItem::fullRequest() const
{
    TransferRequest full = request;
    full.url = url();
    return full;
}

void TransferItem::setError(const TransferError &newError)
{
    if (newError.isNone() || newError.kind == TransferError::Kind::Cancelled)
        error.reset();
    else
        error = std::make_unique<TransferError>(newError);
}

TransferSnapshot TransferItem::snapshot(qint64 hostWaitUntilMs) const
{
    TransferSnapshot snapshot;
    snapshot.id = id;
    // Parsed once per attempt, not per snapshot; changeUrl() refuses an item while it runs.
    if (download)
        snapshot.url = download->url();
    else
        snapshot.url = endedUrl.isEmpty() ? url() : endedUrl;
    if (!fileName.isEmpty())
        snapshot.filePath = request.directory + u'/' + fileName;
    snapshot.directory = request.directory;
    snapshot.requestedName = request.fileName;
    snapshot.state = state;
    snapshot.bytesDone = bytesDone;
    snapshot.bytesTotal = bytesTotal;
    snapshot.speed = speed;
    if (speed > 0 && bytesTotal >= 0)
        snapshot.etaSeconds = (std::max<qint64>(bytesTotal - bytesDone, 0) + speed - 1) / speed;
    snapshot.attempts = attempts;
    snapshot.httpStatus = httpStatus;
    snapshot.skipped = skipped;
    snapshot.addedAtMs = addedAtMs;
    snapshot.queueOrder = key.second;
    snapshot.retryAtMs = state == TransferState::Waiting ? retryAtMs : 0;
    snapshot.hostWaitUntilMs = state == TransferState::Queued ? hostWaitUntilMs : 0;
    snapshot.startedAtMs = firstStartedAtMs;
    snapshot.finishedAtMs = isFinished(state) ? finishedAtMs : 0;
    if (error)
        snapshot.error = *error;
    return snapshot;
}

} // namespace Ferry
