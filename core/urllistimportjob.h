#pragma once

#include "core/transferrequest.h"
#include "core/urllistreader.h"

#include <QByteArray>
#include <QFuture>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

class QThreadPool;

namespace Ferry {

// What reading an aria2-style list file gave.
struct UrlListImport
{
    QList<TransferRequest> requests;
    QList<UrlListProblem> problems; // the first UrlListReader::MaxStoredProblems
    qint64 problemCount = 0;
    int duplicates = 0;           // repeated in the file or already queued
    std::optional<QString> error; // the file could not be read (translated)
};

// Reads a list in the format of `ferry-cli -i` (aria2's input file) on a worker thread:
// relative dir= options are taken from the list's folder, entries without one go to
// `directory`, and URLs already queued (`knownKeys`, see UrlExtractor::key) are left out.
class UrlListImportJob
{
    Q_DECLARE_TR_FUNCTIONS(UrlListImportJob)

public:
    static QFuture<UrlListImport> start(const QString &path,
                                        const QString &directory,
                                        QSet<QByteArray> knownKeys,
                                        QThreadPool *pool);
    static UrlListImport
    run(const QString &path, const QString &directory, const QSet<QByteArray> &knownKeys);
};

} // namespace Ferry
