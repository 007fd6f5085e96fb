#pragma once

#include "core/urlextractor.h"

#include <QByteArray>
#include <QFuture>
#include <QList>
#include <QSet>
#include <QStringList>
#include <QUrl>

class QThreadPool;

namespace Ferry {

// What a drop or a paste brought: text, URLs and local files holding URL lists.
struct UrlExtractInput
{
    QString text;
    QList<QUrl> urls;
    QStringList filePaths;
    QSet<QByteArray> knownKeys; // UrlExtractor::key() of URLs already queued
};

// Runs a UrlExtractor over a big input on a worker thread, so a drop of many thousands of URLs
// never stalls the window. Progress (QFuture::progressValue) counts characters read, out of
// progressMaximum; cancelling the future stops it between blocks.
class UrlExtractJob
{
public:
    static constexpr qint64 MaxFileBytes = 256 << 20; // larger "lists" are refused

    static QFuture<UrlExtractor> start(UrlExtractInput input, QThreadPool *pool);
    // The same work, synchronously (small inputs, tests).
    static UrlExtractor run(const UrlExtractInput &input);
};

} // namespace Ferry
