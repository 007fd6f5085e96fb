#include "reportexportjob.h"

#include "core/transferreport.h"

namespace Ferry {

ReportExportJob::Outcome ReportExportJob::run() const
{
    Outcome outcome;
    TransferReport report;
    if (!report.open(path, &outcome.error))
        return outcome;
    for (const TransferSnapshot &item : items) {
        const bool completed = item.state == TransferState::Completed && !item.filePath.isEmpty();
        if (!report.add(item, completed ? TransferReport::fileSha256(item.filePath) : QByteArray()))
            break; // close() says why
    }
    outcome.lines = report.count();
    report.close(&outcome.error);
    return outcome;
}

} // namespace Ferry
