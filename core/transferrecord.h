#pragma once

#include "core/transfererror.h"
#include "core/transferrequest.h"
#include "core/transferstate.h"

#include <QString>

namespace Ferry {

// One download as a session keeps it: what was asked for and how far it got. The engine
// restores items from these; the bytes themselves resume from the checkpoints.
struct TransferRecord
{
    TransferRequest request;
    TransferState state = TransferState::Queued;
    QString fileName; // inside request.directory, once known
    qint64 bytesDone = 0;
    qint64 bytesTotal = -1;
    qint64 addedAtMs = 0;
    qint64 queueOrder = 0; // as in TransferSnapshot; a session is restored in this order
    TransferError error;   // why it failed, for Failed items
};

} // namespace Ferry
