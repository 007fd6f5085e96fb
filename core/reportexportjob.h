#pragma once

#include "core/transfersnapshot.h"

#include <QList>
#include <QString>

namespace Ferry {

// The window's "Export report…": a TransferReport of many items at once, with the SHA-256 of
// each completed file still in place. Reads every such file, so it runs on a worker pool.
struct ReportExportJob
{
    QString path;
    QList<TransferSnapshot> items;

    // The number of lines written, or why the report could not be written (translated).
    struct Outcome
    {
        qint64 lines = 0;
        QString error; // empty on success
    };

    Outcome run() const;
};

} // namespace Ferry
