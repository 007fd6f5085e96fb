#include "reportexportjob.h"

#include "core/transferreport.h"

#include <QCryptographicHash>
#include <QFile>

namespace Ferry {

ReportExportJob::Outcome ReportExportJob::run() const
{
    Outcome outcome;
    TransferReport report;
    if (!report.open(path, &outcome.error))
        return outcome;
    for (const TransferSnapshot &item : items) {
        QByteArray sha256;
        if (item.state == TransferState::Completed && !item.filePath.isEmpty()) {
            QFile file(item.filePath);
            QCryptographicHash hash(QCryptographicHash::Sha256);
            if (file.open(QIODevice::ReadOnly) && hash.addData(&file))
                sha256 = hash.result(); // a file moved or deleted since: no hash
        }
        if (!report.add(item, sha256))
            break; // close() says why
    }
    outcome.lines = report.count();
    report.close(&outcome.error);
    return outcome;
}

} // namespace Ferry
