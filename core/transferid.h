#pragma once

#include <QtGlobal>

namespace Ferry {

// Identifies one download for the lifetime of an engine. Never reused; 0 means "none".
using TransferId = quint64;

} // namespace Ferry
