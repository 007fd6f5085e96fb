#include "transferreport.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

QString isoTime(qint64 msSinceEpoch)
{
    if (msSinceEpoch <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

QByteArray csvField(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    if (bytes.contains(',') || bytes.contains('"') || bytes.contains('\n')
        || bytes.contains('\r')) {
        bytes.replace("\"", "\"\"");
        bytes = '"' + bytes + '"';
    }
    return bytes;
}

} // namespace

TransferReport::Format TransferReport::formatFor(const QString &path)
{
    return path.endsWith(".csv"_L1, Qt::CaseInsensitive) ? Format::Csv : Format::JsonLines;
}

QString TransferReport::stateName(TransferState state)
{
    switch (state) {
    case TransferState::Queued:
        return u"queued"_s;
    case TransferState::Active:
        return u"active"_s;
    case TransferState::Waiting:
        return u"waiting"_s;
    case TransferState::Paused:
        return u"paused"_s;
    case TransferState::Completed:
        return u"completed"_s;
    case TransferState::Failed:
        return u"failed"_s;
    case TransferState::Cancelled:
        return u"cancelled"_s;
    }
    return {};
}

QByteArray TransferReport::header(Format format)
{
    if (format != Format::Csv)
        return {};
    return "url,path,state,http_status,bytes,size,sha256,started,finished,duration_s,attempts,"
           "error\n";
}

QByteArray
TransferReport::line(Format format, const TransferSnapshot &item, const QByteArray &sha256)
{
    const QString url = item.url.toString(QUrl::RemovePassword | QUrl::FullyEncoded);
    const QString hash = QString::fromLatin1(sha256.toHex());
    const qint64 durationMs = item.startedAtMs > 0 && item.finishedAtMs >= item.startedAtMs
                                  ? item.finishedAtMs - item.startedAtMs
                                  : -1;
    const QString duration =
        durationMs < 0 ? QString() : QString::number(double(durationMs) / 1000.0, 'f', 3);
    const QString error = item.error.isNone() ? QString() : item.error.message();
    if (format == Format::Csv) {
        const QList<QString> fields = {
            url,
            item.filePath,
            stateName(item.state),
            item.httpStatus > 0 ? QString::number(item.httpStatus) : QString(),
            QString::number(item.bytesDone),
            item.bytesTotal >= 0 ? QString::number(item.bytesTotal) : QString(),
            hash,
            isoTime(item.startedAtMs),
            isoTime(item.finishedAtMs),
            duration,
            QString::number(item.attempts),
            error,
        };
        QByteArray out;
        for (const QString &field : fields) {
            if (!out.isEmpty())
                out += ',';
            out += csvField(field);
        }
        return out + '\n';
    }
    QJsonObject object;
    object.insert("url"_L1, url);
    object.insert("path"_L1, item.filePath.isEmpty() ? QJsonValue() : QJsonValue(item.filePath));
    object.insert("state"_L1, stateName(item.state));
    object.insert("http_status"_L1,
                  item.httpStatus > 0 ? QJsonValue(item.httpStatus) : QJsonValue());
    object.insert("bytes"_L1, item.bytesDone);
    object.insert("size"_L1, item.bytesTotal >= 0 ? QJsonValue(item.bytesTotal) : QJsonValue());
    object.insert("sha256"_L1, hash.isEmpty() ? QJsonValue() : QJsonValue(hash));
    object.insert("started"_L1,
                  item.startedAtMs > 0 ? QJsonValue(isoTime(item.startedAtMs)) : QJsonValue());
    object.insert("finished"_L1,
                  item.finishedAtMs > 0 ? QJsonValue(isoTime(item.finishedAtMs)) : QJsonValue());
    object.insert("duration_s"_L1,
                  durationMs < 0 ? QJsonValue() : QJsonValue(double(durationMs) / 1000.0));
    object.insert("attempts"_L1, item.attempts);
    object.insert("error"_L1, error.isEmpty() ? QJsonValue() : QJsonValue(error));
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray TransferReport::fileSha256(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    return file.open(QIODevice::ReadOnly) && hash.addData(&file) ? hash.result() : QByteArray();
}

bool TransferReport::open(const QString &path, QString *error)
{
    m_format = formatFor(path);
    m_count = 0;
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = tr("cannot write the report %1: %2").arg(path, m_file.errorString());
        return false;
    }
    const QByteArray head = header(m_format);
    return head.isEmpty() || m_file.write(head) == head.size();
}

bool TransferReport::add(const TransferSnapshot &item, const QByteArray &sha256)
{
    const QByteArray bytes = line(m_format, item, sha256);
    ++m_count;
    return m_file.write(bytes) == bytes.size();
}

bool TransferReport::close(QString *error)
{
    if (!m_file.isOpen())
        return true;
    const bool flushed = m_file.flush() && m_file.error() == QFileDevice::NoError;
    const QString reason = m_file.errorString();
    m_file.close();
    if (!flushed)
        *error = tr("cannot write the report %1: %2").arg(m_file.fileName(), reason);
    return flushed;
}

} // namespace Ferry
