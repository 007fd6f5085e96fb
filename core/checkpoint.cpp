#include "checkpoint.h"

#include "core/contentdigest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr int FormatVersion = 1;

TransferError corrupt(const QString &why)
{
    return TransferError::make(TransferError::Kind::FileSystem,
                               TransferError::Recovery::Retry,
                               u"checkpoint rejected: "_s + why);
}

bool isDirectChild(const QString &path, const QString &directory)
{
    const QFileInfo info(path);
    return info.isAbsolute() && QDir::cleanPath(path) == path
           && QDir::cleanPath(info.absolutePath()) == directory && !info.fileName().isEmpty()
           && info.fileName() != "."_L1 && info.fileName() != ".."_L1;
}

} // namespace

qint64 Checkpoint::bytesOnDisk() const
{
    qint64 sum = 0;
    for (const ByteRange &range : ranges)
        sum += range.length();
    return sum;
}

qint64 Checkpoint::contiguousPrefix() const
{
    return prefixOf(ranges);
}

qint64 Checkpoint::prefixOf(const QList<ByteRange> &ranges)
{
    qint64 end = 0;
    for (const ByteRange &range : ranges) {
        if (range.begin != end)
            break;
        end = range.end;
    }
    return end;
}

QList<ByteRange> Checkpoint::trustedRanges(const QByteArray &currentBootId) const
{
    if (!bootId.isEmpty() && bootId == currentBootId)
        return ranges;
    return durableRanges;
}

QByteArray Checkpoint::currentBootId()
{
    static const QByteArray id = [] {
        QFile file(u"/proc/sys/kernel/random/boot_id"_s);
        return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
    }();
    return id;
}

QByteArray Checkpoint::toJson() const
{
    const auto toArray = [](const QList<ByteRange> &list) {
        QJsonArray array;
        for (const ByteRange &range : list)
            array.append(QJsonArray{range.begin, range.end});
        return array;
    };
    QJsonObject object{
        {u"version"_s, FormatVersion},
        {u"url"_s, QString::fromUtf8(url.toEncoded())},
        {u"directory"_s, directory},
        {u"partPath"_s, partPath},
        {u"finalPath"_s, finalPath},
        {u"totalSize"_s, totalSize},
        {u"etag"_s, QString::fromLatin1(etag)},
        {u"lastModified"_s, QString::fromLatin1(lastModified)},
        {u"ranges"_s, toArray(ranges)},
        {u"durableRanges"_s, toArray(durableRanges)},
        {u"bootId"_s, QString::fromLatin1(bootId)},
        {u"completed"_s, completed},
    };
    if (!contentDigest.isEmpty())
        object.insert(u"contentDigest"_s, QString::fromLatin1(contentDigest));
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<Checkpoint> Checkpoint::fromJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return corrupt(u"not a JSON object"_s);
    const QJsonObject object = document.object();
    if (object.value(u"version"_s).toInt() != FormatVersion)
        return corrupt(u"unknown version"_s);

    Checkpoint checkpoint;
    checkpoint.url =
        QUrl::fromEncoded(object.value(u"url"_s).toString().toUtf8(), QUrl::StrictMode);
    checkpoint.directory = object.value(u"directory"_s).toString();
    checkpoint.partPath = object.value(u"partPath"_s).toString();
    checkpoint.finalPath = object.value(u"finalPath"_s).toString();
    checkpoint.totalSize = object.value(u"totalSize"_s).toInteger(-2);
    checkpoint.etag = object.value(u"etag"_s).toString().toLatin1();
    checkpoint.lastModified = object.value(u"lastModified"_s).toString().toLatin1();
    checkpoint.completed = object.value(u"completed"_s).toBool();
    checkpoint.contentDigest = object.value(u"contentDigest"_s).toString().toLatin1();

    if (!checkpoint.url.isValid() || checkpoint.url.isRelative())
        return corrupt(u"bad url"_s);
    if (checkpoint.directory.isEmpty()
        || QDir::cleanPath(checkpoint.directory) != checkpoint.directory
        || !QDir::isAbsolutePath(checkpoint.directory)) {
        return corrupt(u"bad directory"_s);
    }
    if (!isDirectChild(checkpoint.partPath, checkpoint.directory)
        || !isDirectChild(checkpoint.finalPath, checkpoint.directory)) {
        return corrupt(u"path outside its directory"_s);
    }
    if (checkpoint.totalSize < -1)
        return corrupt(u"bad size"_s);
    if (!checkpoint.contentDigest.isEmpty()
        && (!checkpoint.completed || !ContentDigest::isWellFormed(checkpoint.contentDigest))) {
        return corrupt(u"bad content digest"_s);
    }

    const QJsonValue rangesValue = object.value(u"ranges"_s);
    if (!rangesValue.isArray())
        return corrupt(u"no ranges"_s);
    checkpoint.bootId = object.value(u"bootId"_s).toString().toLatin1();
    const auto readRanges = [&](const QJsonValue &list, QList<ByteRange> *out) {
        qint64 previousEnd = 0;
        for (const QJsonValue &value : list.toArray()) {
            const QJsonArray pair = value.toArray();
            if (pair.size() != 2)
                return false;
            const ByteRange range{pair.at(0).toInteger(-1), pair.at(1).toInteger(-1)};
            if (range.begin < previousEnd || range.end <= range.begin
                || (checkpoint.totalSize >= 0 && range.end > checkpoint.totalSize)) {
                return false;
            }
            previousEnd = range.end;
            out->append(range);
        }
        return true;
    };
    const QJsonValue durableValue = object.value(u"durableRanges"_s);
    if (!readRanges(rangesValue, &checkpoint.ranges)
        || (!durableValue.isUndefined() && !durableValue.isArray())
        || !readRanges(durableValue, &checkpoint.durableRanges)) {
        return corrupt(u"ranges out of order or out of bounds"_s);
    }
    return checkpoint;
}

} // namespace Ferry
