#pragma once

namespace Ferry {

enum class TransferState {
    Queued,    // waiting for a free slot
    Active,    // connecting, downloading or finishing the file
    Waiting,   // a retryable failure happened; the next attempt is scheduled
    Paused,    // stopped by the user, partial data kept
    Completed, // the final file is in place (or was already there)
    Failed,    // gave up; partial data kept where possible
    Cancelled, // stopped for good by the user
};

// Completed, Failed and Cancelled items never start again by themselves.
constexpr bool isFinished(TransferState state)
{
    return state == TransferState::Completed || state == TransferState::Failed
           || state == TransferState::Cancelled;
}

} // namespace Ferry
