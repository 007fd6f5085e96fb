#include "nameregistry.h"

#include "core/filename.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr qsizetype MaxNameBytes = 255;
const auto PartSuffix = ".part"_L1;

} // namespace

QString NameRegistry::partPathFor(const QString &finalPath)
{
    const QFileInfo info(finalPath);
    QString name = info.fileName();
    // Drop whole characters from the end until name + ".part" fits.
    while (!name.isEmpty() && name.toUtf8().size() + PartSuffix.size() > MaxNameBytes) {
        name.chop(1);
        if (!name.isEmpty() && name.back().isHighSurrogate())
            name.chop(1);
    }
    return info.dir().filePath(name + PartSuffix);
}

bool NameRegistry::ensureFolder(const QString &directory)
{
    if (m_folders.contains(directory))
        return true;
    if (!QDir().mkpath(directory))
        return false;
    m_folders.insert(directory);
    return true;
}

QString
NameRegistry::reserve(const QString &directory, const QString &fileName, bool allowOverwrite)
{
    const QDir dir(directory);
    const auto isTaken = [&](const QString &candidate) {
        const QString path = dir.filePath(candidate);
        // Another download's final name or .part, either way round ("x.part" asked for while
        // "x" is downloading into it).
        const QString part = partPathFor(path);
        if (m_reserved.contains(path) || m_reservedParts.contains(part)
            || m_reservedParts.contains(path) || m_reserved.contains(part)) {
            return true;
        }
        if (QFileInfo::exists(partPathFor(path)))
            return true;
        return !allowOverwrite && QFileInfo::exists(path);
    };
    // Thousands of URLs often share one name (download.php?id=N): continue the numbering
    // where the last one stopped instead of testing "(1)", "(2)", ... again each time.
    const QString key = dir.filePath(fileName);
    const auto last = m_lastNumber.constFind(key);
    qint64 used = 0;
    const QString path = dir.filePath(FileName::unique(
        fileName, isTaken, last == m_lastNumber.constEnd() ? 1 : *last + 1, &used));
    if (used > 0)
        m_lastNumber.insert(key, used);
    claim(path);
    return path;
}

void NameRegistry::claim(const QString &finalPath)
{
    m_reserved.insert(finalPath);
    m_reservedParts.insert(partPathFor(finalPath));
}

void NameRegistry::release(const QString &finalPath)
{
    m_reserved.remove(finalPath);
    m_reservedParts.remove(partPathFor(finalPath));
}

bool NameRegistry::isReserved(const QString &finalPath) const
{
    return m_reserved.contains(finalPath);
}

} // namespace Ferry
