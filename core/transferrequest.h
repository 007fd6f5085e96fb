#pragma once

#include "core/checksumspec.h"
#include "core/requestheaders.h"

#include <QString>
#include <QUrl>

#include <optional>

namespace Ferry {

// What the user asked for: one URL into one directory.
struct TransferRequest
{
    QUrl url;
    QString directory;                    // absolute; created when missing
    QString fileName;                     // empty: from Content-Disposition, else the URL
    std::optional<ChecksumSpec> checksum; // verified before the final rename
    bool allowOverwrite = false;          // replace an existing file of the same name
    int priority = 0;                     // higher starts first; FIFO within a priority
    RequestHeaders headers;               // User-Agent, Referer, extra headers, a cookie file
};

} // namespace Ferry
