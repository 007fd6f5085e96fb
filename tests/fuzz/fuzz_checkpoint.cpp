// Checkpoint files are read back after crashes, from disks that may hold anything: whatever
// loads must describe ranges inside the file and paths inside its folder, and must save and load
// back to the same checkpoint.
#include "core/checkpoint.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QByteArray>
#include <QDir>

#include <cstddef>
#include <cstdint>

using namespace Ferry;

namespace {

void checkRanges(const QList<ByteRange> &ranges, qint64 totalSize)
{
    qint64 previousEnd = 0;
    for (const ByteRange &range : ranges) {
        FERRY_FUZZ_CHECK(range.begin >= previousEnd);
        FERRY_FUZZ_CHECK(range.end > range.begin);
        FERRY_FUZZ_CHECK(totalSize < 0 || range.end <= totalSize);
        previousEnd = range.end;
    }
}

void checkInside(const QString &path, const QString &directory)
{
    FERRY_FUZZ_CHECK(QDir::cleanPath(path) == path);
    FERRY_FUZZ_CHECK(path.startsWith(directory + u'/') || directory == u'/');
    const QString name = path.mid(path.lastIndexOf(u'/') + 1);
    FERRY_FUZZ_CHECK(!name.isEmpty() && name != u'.' && name != QStringLiteral(".."));
    FERRY_FUZZ_CHECK(QDir::cleanPath(directory + u'/' + name) == path);
}

// URLs compare by their encoded form, as CheckpointStore matches them: QUrl's == also compares
// how a component is held ("#" or "%23" in a fragment), which a save and load may change.
bool same(const Checkpoint &a, const Checkpoint &b)
{
    return a.url.toEncoded() == b.url.toEncoded() && a.directory == b.directory
           && a.partPath == b.partPath && a.finalPath == b.finalPath && a.totalSize == b.totalSize
           && a.etag == b.etag && a.lastModified == b.lastModified && a.ranges == b.ranges
           && a.durableRanges == b.durableRanges && a.bootId == b.bootId
           && a.completed == b.completed && a.contentDigest == b.contentDigest;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<Checkpoint> loaded = Checkpoint::fromJson(bytes);
    if (!loaded)
        return 0;
    const Checkpoint &checkpoint = *loaded;
    FERRY_FUZZ_CHECK(checkpoint.url.isValid() && !checkpoint.url.isRelative());
    FERRY_FUZZ_CHECK(QDir::isAbsolutePath(checkpoint.directory));
    checkInside(checkpoint.partPath, checkpoint.directory);
    checkInside(checkpoint.finalPath, checkpoint.directory);
    FERRY_FUZZ_CHECK(checkpoint.totalSize >= -1);
    checkRanges(checkpoint.ranges, checkpoint.totalSize);
    checkRanges(checkpoint.durableRanges, checkpoint.totalSize);
    const qint64 onDisk = checkpoint.bytesOnDisk();
    FERRY_FUZZ_CHECK(onDisk >= 0 && (checkpoint.totalSize < 0 || onDisk <= checkpoint.totalSize));
    const qint64 prefix = checkpoint.contiguousPrefix();
    FERRY_FUZZ_CHECK(prefix >= 0 && prefix <= onDisk);

    const QByteArray saved = checkpoint.toJson();
    const Result<Checkpoint> again = Checkpoint::fromJson(saved);
    FERRY_FUZZ_CHECK(again.has_value());
    FERRY_FUZZ_CHECK(same(*again, checkpoint));
    FERRY_FUZZ_CHECK(again->toJson() == saved);
    return 0;
}
