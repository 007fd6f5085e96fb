#include "launchrequest.h"

#include "core/urllistreader.h"

#include <QDataStream>
#include <QDir>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr quint32 Magic = 0x46455231; // "FER1"

// Reads a QList as QDataStream writes it (a quint32 count, then the elements). QDataStream's own
// reader reserves room for the claimed count before reading any element, so a short message
// from any local process claiming 4 billion elements would allocate ~96 GiB. Every element here
// takes at least 4 bytes, so a count beyond a quarter of what is left is refused first.
template<typename T>
bool readList(QDataStream &in, qint64 totalBytes, QList<T> &list)
{
    quint32 count = 0;
    in >> count;
    if (in.status() != QDataStream::Ok || count > (totalBytes - in.device()->pos()) / 4) {
        in.setStatus(QDataStream::ReadCorruptData);
        return false;
    }
    list.reserve(qsizetype(count));
    for (quint32 i = 0; i < count; ++i) {
        T item;
        in >> item;
        if (in.status() != QDataStream::Ok)
            return false;
        list.append(std::move(item));
    }
    return true;
}

} // namespace

LaunchRequest LaunchRequest::fromArguments(const QStringList &arguments,
                                           const QString &workingDirectory)
{
    LaunchRequest request;
    const QDir base(workingDirectory);
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        QString list;
        if (argument == "-i"_L1 || argument == "--input-file"_L1) {
            if (i + 1 >= arguments.size()) {
                request.problems.append(tr("%1 needs a file name").arg(argument));
                break;
            }
            list = arguments.at(++i);
        } else if (argument.startsWith("--input-file="_L1)) {
            list = argument.mid(13);
        } else if (argument == "--minimized"_L1) {
            request.startMinimized = true;
            continue;
        } else if (argument == "--add"_L1) {
            request.showAddDialog = true;
            continue;
        } else if (argument.startsWith(u'-')) {
            request.problems.append(tr("unknown option %1").arg(argument));
            continue;
        } else {
            QString reason;
            if (const std::optional<QUrl> url = UrlListReader::parseUrl(argument, &reason))
                request.urls.append(*url);
            else
                request.problems.append(tr("\"%1\" is not a usable URL: %2").arg(argument, reason));
            continue;
        }
        request.listFiles.append(QDir::cleanPath(base.absoluteFilePath(list)));
    }
    return request;
}

QByteArray LaunchRequest::encode() const
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    QList<QByteArray> encoded;
    for (const QUrl &url : urls)
        encoded.append(url.toEncoded());
    out << Magic << encoded << listFiles << startMinimized << showAddDialog;
    return bytes;
}

std::optional<LaunchRequest> LaunchRequest::decode(const QByteArray &bytes)
{
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    QList<QByteArray> encoded;
    LaunchRequest request;
    in >> magic;
    if (in.status() != QDataStream::Ok || magic != Magic || !readList(in, bytes.size(), encoded)
        || !readList(in, bytes.size(), request.listFiles)) {
        return std::nullopt;
    }
    in >> request.startMinimized >> request.showAddDialog;
    if (in.status() != QDataStream::Ok)
        return std::nullopt;
    // Only what fromArguments() lets through: anything else did not come from a Ferry.
    for (const QByteArray &bytes : encoded) {
        const std::optional<QUrl> url = UrlListReader::parseUrl(QString::fromUtf8(bytes), nullptr);
        if (!url)
            return std::nullopt;
        request.urls.append(*url);
    }
    return request;
}

} // namespace Ferry
