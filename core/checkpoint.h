#pragma once

#include "core/byterange.h"
#include "core/result.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

namespace Ferry {

// What is known to be on disk for one URL in one directory: the byte ranges written into the
// .part file, and the validators the server gave for them. Once the download is finished it
// stays as the record that lets a re-run skip the URL.
//
// Two tiers keep both speed and small losses: `ranges` are bytes handed to the operating system
// (saved often and cheaply; they survive the process being killed, but not a reboot), and
// `durableRanges` are bytes flushed to the device (saved less often, with fdatasync first).
// After a restart of the machine only the durable ones are trusted; `bootId` tells which.
struct Checkpoint
{
    QUrl url;          // without password
    QString directory; // absolute, clean
    QString partPath;  // inside directory; empty for a small file written without a name
    QString finalPath; // inside directory
    qint64 totalSize = -1;
    QByteArray etag;
    QByteArray lastModified;
    QList<ByteRange> ranges;        // sorted, disjoint, within totalSize
    QList<ByteRange> durableRanges; // the same rules; flushed to the device
    QByteArray bootId;              // the boot `ranges` were written in; empty if unknown
    bool completed = false;
    // A small file's record is saved once, as completed, before its bytes reach the disk (no
    // record per file otherwise); it holds then the ContentDigest of those bytes, and counts only
    // for a file at finalPath that has them. Empty for every other record.
    QByteArray contentDigest;

    // A strong ETag ("..."), not a weak one (W/"..."): only it can vouch for a byte range.
    bool hasStrongEtag() const { return etag.startsWith('"'); }

    qint64 bytesOnDisk() const;
    // End of the run of bytes starting at offset 0; where a single connection resumes.
    qint64 contiguousPrefix() const;
    // The ranges a resume may rely on: all written ones in the boot they were written in,
    // otherwise only the durable ones.
    QList<ByteRange> trustedRanges(const QByteArray &currentBootId) const;

    static qint64 prefixOf(const QList<ByteRange> &ranges);
    // This boot's identity (Linux: /proc/sys/kernel/random/boot_id); empty where unknown, and
    // then only durable ranges are ever trusted.
    static QByteArray currentBootId();

    QByteArray toJson() const;
    // Rejects anything malformed or pointing outside its directory.
    static Result<Checkpoint> fromJson(const QByteArray &json);
};

} // namespace Ferry
