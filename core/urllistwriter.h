#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

namespace Ferry {

// Writes entries in the format UrlListReader reads (aria2's input file): the URL on its own
// line, then indented "dir=" and "out=" lines when given, so a list of failed downloads can be
// fed back with `ferry-cli -i` or the window's import and lands in the same place.
class UrlListWriter
{
public:
    // The URL loses any password. An option value that cannot be written on one line (a line
    // break in a folder name) is left out.
    static QByteArray entry(const QUrl &url, const QString &directory, const QString &outName);
};

} // namespace Ferry
