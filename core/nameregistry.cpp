#include "nameregistry.h"

#include "core/filename.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>

#ifdef Q_OS_UNIX
#include <dirent.h>
#endif

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr qsizetype MaxNameBytes = 255;
const auto PartSuffix = ".part"_L1;
// Names looked up one by one in a folder before it is listed instead: a single download into
// a large folder never lists it.
constexpr int LookupsBeforeListing = 64;
// A listing counts for this long, or 50 times what making it took if that is longer, so that
// listing a huge folder takes at most 2% of the engine thread.
constexpr qint64 ListingLifetimeMs = 1000;
constexpr qint64 ListingCostFactor = 50;

QString folderOf(const QString &path)
{
    return path.left(path.lastIndexOf(u'/'));
}

QString nameOf(const QString &path)
{
    return path.sliced(path.lastIndexOf(u'/') + 1);
}

} // namespace

QString NameRegistry::partPathFor(const QString &finalPath)
{
    const qsizetype nameLength = finalPath.size() - finalPath.lastIndexOf(u'/') - 1;
    if (nameLength * 3 + PartSuffix.size() <= MaxNameBytes)
        return finalPath + PartSuffix; // fits whatever the characters (at most 3 UTF-8 bytes each)
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

QString NameRegistry::reserve(const QString &directory,
                              const QString &fileName,
                              bool allowOverwrite,
                              bool exclusiveCreate)
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
        const QString folder = folderOf(path);
        if (existsOnDisk(folder, nameOf(part), exclusiveCreate))
            return true;
        return !allowOverwrite && existsOnDisk(folder, nameOf(path), exclusiveCreate);
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
    // Likely on disk soon, when the listing no longer knows it is ours.
    const auto listing = m_listings.find(folderOf(finalPath));
    if (listing != m_listings.end() && listing->usable)
        listing->names.insert(nameOf(finalPath));
}

bool NameRegistry::existsOnDisk(const QString &directory, const QString &name, bool mayUseListing)
{
    if (!mayUseListing)
        return QFileInfo::exists(directory + u'/' + name);
    Listing &listing = m_listings[directory];
    if (listing.lookups < LookupsBeforeListing) {
        ++listing.lookups;
        return QFileInfo::exists(directory + u'/' + name);
    }
    if (!listing.age.isValid() || listing.age.hasExpired(listing.lifetimeMs))
        relist(directory, listing);
    if (!listing.usable)
        return QFileInfo::exists(directory + u'/' + name);
    return listing.names.contains(name);
}

void NameRegistry::relist(const QString &directory, Listing &listing)
{
    listing.age.start();
    listing.names.clear();
    listing.usable = false;
#ifdef Q_OS_UNIX
    DIR *folder = ::opendir(QFile::encodeName(directory).constData());
    if (folder) {
        while (const dirent *entry = ::readdir(folder))
            listing.names.insert(QFile::decodeName(entry->d_name));
        ::closedir(folder);
        listing.usable = true;
    } else {
        listing.usable = errno == ENOENT; // no folder: nothing in it
    }
#endif
    listing.lifetimeMs = std::max(ListingLifetimeMs, ListingCostFactor * listing.age.elapsed());
    listing.age.start();
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
