#pragma once

#include "core/transfererror.h"

#include <QUrl>

#include <optional>

namespace Ferry::RedirectPolicy {

inline constexpr int MaxHops = 10;

// Whether a download may follow a redirect from `from` to `to` after `hopsSoFar` redirects.
// Only absolute http and https targets with a host; never from HTTPS down to HTTP; at most
// MaxHops hops (a loop ends there). A refusal is a Fatal Redirect error saying why.
std::optional<TransferError> check(const QUrl &from, const QUrl &to, int hopsSoFar);

} // namespace Ferry::RedirectPolicy
