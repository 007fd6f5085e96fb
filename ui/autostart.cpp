#include "autostart.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace Ferry {

QString Autostart::entryPath()
{
    const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    return QDir(config).filePath(u"autostart/ferry.desktop"_s);
}

bool Autostart::isEnabled()
{
    return QFile::exists(entryPath());
}

bool Autostart::setEnabled(bool enabled, const QString &executable)
{
    const QString path = entryPath();
    if (!enabled)
        return !QFile::exists(path) || QFile::remove(path);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QString quoted = executable;
    quoted.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    const QString entry = u"[Desktop Entry]\n"
                          u"Type=Application\n"
                          u"Name=Ferry\n"
                          u"Exec=\"%1\" --minimized\n"
                          u"Icon=ferry\n"
                          u"X-GNOME-Autostart-enabled=true\n"_s.arg(quoted);
    file.write(entry.toUtf8());
    return file.commit();
}

} // namespace Ferry
