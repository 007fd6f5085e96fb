#include "urllistimportjob.h"

#include "core/urlextractor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QThreadPool>
#include <QtConcurrentRun>

namespace Ferry {

QFuture<UrlListImport> UrlListImportJob::start(const QString &path,
                                               const QString &directory,
                                               QSet<QByteArray> knownKeys,
                                               QThreadPool *pool)
{
    return QtConcurrent::run(pool, [path, directory, knownKeys = std::move(knownKeys)] {
        return run(path, directory, knownKeys);
    });
}

UrlListImport UrlListImportJob::run(const QString &path,
                                    const QString &directory,
                                    const QSet<QByteArray> &knownKeys)
{
    UrlListImport result;
    QFile file(path);
    if (QFileInfo(path).isDir()) {
        result.error = tr("%1 is a folder").arg(QDir::toNativeSeparators(path));
        return result;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = file.errorString();
        return result;
    }
    const QDir listFolder = QFileInfo(path).absoluteDir();
    QSet<QByteArray> seen;
    UrlListReader reader(&file);
    while (const std::optional<UrlListEntry> entry = reader.next()) {
        const QByteArray key = UrlExtractor::key(entry->url);
        if (knownKeys.contains(key) || seen.contains(key)) {
            ++result.duplicates;
            continue;
        }
        seen.insert(key);
        TransferRequest request;
        request.url = entry->url;
        request.directory = entry->directory.isEmpty()
                                ? directory
                                : QDir::cleanPath(listFolder.absoluteFilePath(entry->directory));
        request.fileName = entry->outName;
        request.checksum = entry->checksum;
        result.requests.append(std::move(request));
    }
    result.problems = reader.problems();
    result.problemCount = reader.problemCount();
    if (const auto readError = reader.readError())
        result.error = *readError;
    return result;
}

} // namespace Ferry
