#pragma once

#include "core/byterange.h"
#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace Ferry {

// What is known to be on disk for one URL in one directory: the byte ranges already written
// (and flushed) into the .part file, and the validators the server gave for them. Once the
// download is finished it stays as the record that lets a re-run skip the URL.
struct Checkpoint
{
    QUrl url;          // without password
    QString directory; // absolute, clean
    QString partPath;  // inside directory
    QString finalPath; // inside directory
    qint64 totalSize = -1;
    QByteArray etag;
    QByteArray lastModified;
    QList<ByteRange> ranges; // sorted, disjoint, within totalSize
    bool completed = false;

    qint64 bytesOnDisk() const;
    // End of the run of bytes starting at offset 0; where a single connection resumes.
    qint64 contiguousPrefix() const;

    QByteArray toJson() const;
    // Rejects anything malformed or pointing outside its directory.
    static Result<Checkpoint> fromJson(const QByteArray &json);
};

} // namespace Ferry
