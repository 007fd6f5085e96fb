#include "launchrequest.h"

#include "core/urllistreader.h"

#include <QDataStream>
#include <QDir>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr quint32 Magic = 0x46455231; // "FER1"

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
    in >> magic >> encoded >> request.listFiles >> request.startMinimized >> request.showAddDialog;
    if (in.status() != QDataStream::Ok || magic != Magic)
        return std::nullopt;
    for (const QByteArray &url : encoded)
        request.urls.append(QUrl::fromEncoded(url, QUrl::StrictMode));
    return request;
}

} // namespace Ferry
