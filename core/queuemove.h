#pragma once

namespace Ferry {

// Where Engine::move() puts the chosen downloads in the queue (within their priority).
enum class QueueMove {
    Top,
    Up,   // one place earlier, past the nearest item that was not chosen
    Down, // one place later
    Bottom,
};

} // namespace Ferry
