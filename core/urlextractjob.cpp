#include "urlextractjob.h"

#include <QFile>
#include <QFileInfo>
#include <QPromise>
#include <QStringDecoder>
#include <QThreadPool>
#include <QtConcurrentRun>

namespace Ferry {

namespace {

constexpr qsizetype BlockSize = 64 * 1024;

// Feeds `text` in blocks of whole lines; false when cancelled.
template<typename Progress>
bool feedText(UrlExtractor &extractor, QStringView text, Progress &&progress)
{
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = qMin(text.size(), start + BlockSize);
        if (end < text.size()) {
            const qsizetype newline = text.indexOf(u'\n', end);
            end = newline < 0 ? text.size() : newline + 1;
        }
        extractor.addText(text.sliced(start, end - start));
        if (!progress(end - start))
            return false;
        start = end;
    }
    return true;
}

template<typename Progress>
UrlExtractor extract(const UrlExtractInput &input, Progress &&progress)
{
    UrlExtractor extractor;
    extractor.setKnownKeys(input.knownKeys);
    for (const QUrl &url : input.urls)
        extractor.addUrl(url);
    if (!feedText(extractor, input.text, progress))
        return extractor;
    for (const QString &path : input.filePaths) {
        extractor.beginSource(QFileInfo(path).fileName());
        QFile file(path);
        if (file.size() > UrlExtractJob::MaxFileBytes || !file.open(QIODevice::ReadOnly)) {
            extractor.addUrl(QUrl::fromLocalFile(path)); // rejected with a reason
            continue;
        }
        const QString text = QString::fromUtf8(file.readAll());
        if (!feedText(extractor, text, progress))
            break;
    }
    return extractor;
}

} // namespace

QFuture<UrlExtractor> UrlExtractJob::start(UrlExtractInput input, QThreadPool *pool)
{
    return QtConcurrent::run(pool, [input = std::move(input)](QPromise<UrlExtractor> &promise) {
        qint64 total = input.text.size();
        for (const QString &path : input.filePaths)
            total += QFileInfo(path).size();
        promise.setProgressRange(0, int(qMin<qint64>(total, INT_MAX)));
        qint64 done = 0;
        UrlExtractor result = extract(input, [&](qsizetype block) {
            done += block;
            promise.setProgressValue(int(qMin<qint64>(done, INT_MAX)));
            return !promise.isCanceled();
        });
        promise.addResult(std::move(result));
    });
}

UrlExtractor UrlExtractJob::run(const UrlExtractInput &input)
{
    return extract(input, [](qsizetype) { return true; });
}

} // namespace Ferry
