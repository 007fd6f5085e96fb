#include "checkpoint.h"

#include "core/contentdigest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <charconv>
#include <iterator>

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

namespace {

// JSON written by hand: QJsonObject took a seventh of the file pool's time on small files,
// where a record is written per file. fromJson() still reads with QJsonDocument.
void appendEscaped(QByteArray &out, QByteArrayView utf8)
{
    static constexpr char Hex[] = "0123456789abcdef";
    out.append('"');
    qsizetype plainFrom = 0; // bytes that need no escape go in as runs, not one by one
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto byte = uchar(utf8[i]);
        if (byte >= 0x20 && byte != 0x7f && byte != '"' && byte != '\\')
            continue;
        out.append(utf8.sliced(plainFrom, i - plainFrom));
        if (byte == '"' || byte == '\\')
            out.append('\\').append(char(byte));
        else
            out.append("\\u00").append(Hex[byte >> 4]).append(Hex[byte & 0xf]);
        plainFrom = i + 1;
    }
    out.append(utf8.sliced(plainFrom)).append('"');
}

// Each field after the first: `,"name":value`.
void appendField(QByteArray &out, const char *name, const QString &value)
{
    out.append(",\"").append(name).append("\":");
    appendEscaped(out, value.toUtf8());
}

// Header values and ids are bytes; as before, each byte is the character of that code (Latin-1).
void appendLatin1Field(QByteArray &out, const char *name, const QByteArray &value)
{
    if (std::all_of(value.begin(), value.end(), [](char c) { return uchar(c) < 0x80; })) {
        out.append(",\"").append(name).append("\":");
        appendEscaped(out, value); // ASCII is the same in Latin-1 and UTF-8
        return;
    }
    appendField(out, name, QString::fromLatin1(value));
}

void appendNumber(QByteArray &out, qint64 value)
{
    char digits[24];
    const auto end = std::to_chars(std::begin(digits), std::end(digits), value).ptr;
    out.append(QByteArrayView(digits, end - digits));
}

void appendRangesField(QByteArray &out, const char *name, const QList<ByteRange> &ranges)
{
    out.append(",\"").append(name).append("\":[");
    for (qsizetype i = 0; i < ranges.size(); ++i) {
        out.append(i > 0 ? ",[" : "[");
        appendNumber(out, ranges.at(i).begin);
        out.append(',');
        appendNumber(out, ranges.at(i).end);
        out.append(']');
    }
    out.append(']');
}

} // namespace

QByteArray Checkpoint::toJson() const
{
    QByteArray out;
    out.reserve(512);
    out.append("{\"version\":").append(QByteArray::number(FormatVersion));
    out.append(",\"url\":");
    appendEscaped(out, url.toEncoded());
    appendField(out, "directory", directory);
    appendField(out, "partPath", partPath);
    appendField(out, "finalPath", finalPath);
    out.append(",\"totalSize\":");
    appendNumber(out, totalSize);
    appendLatin1Field(out, "etag", etag);
    appendLatin1Field(out, "lastModified", lastModified);
    appendRangesField(out, "ranges", ranges);
    appendRangesField(out, "durableRanges", durableRanges);
    appendLatin1Field(out, "bootId", bootId);
    out.append(",\"completed\":").append(completed ? "true" : "false");
    if (!contentDigest.isEmpty())
        appendLatin1Field(out, "contentDigest", contentDigest);
    out.append('}');
    return out;
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
    // A small file written without a name (FileWriteJob::Open::unnamed) has no .part.
    const bool noPart = checkpoint.partPath.isEmpty() && checkpoint.completed
                        && !checkpoint.contentDigest.isEmpty();
    if ((!noPart && !isDirectChild(checkpoint.partPath, checkpoint.directory))
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
