#include "urllistwriter.h"

namespace Ferry {

namespace {

bool fitsOnOneLine(const QString &value)
{
    return !value.isEmpty() && !value.contains(u'\n') && !value.contains(u'\r');
}

} // namespace

QByteArray UrlListWriter::entry(const QUrl &url, const QString &directory, const QString &outName)
{
    QByteArray out = url.toEncoded(QUrl::RemovePassword) + '\n';
    if (fitsOnOneLine(directory))
        out += "  dir=" + directory.toUtf8() + '\n';
    if (fitsOnOneLine(outName))
        out += "  out=" + outName.toUtf8() + '\n';
    return out;
}

} // namespace Ferry
