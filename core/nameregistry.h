#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QString>

namespace Ferry {

// Chooses file names for downloads in progress, so that two downloads never share a name and
// no existing file is overwritten unless that was asked for. A name is taken when the file or
// its .part exists on disk, or another running download has reserved it. Engine thread only.
//
// Where many small files get names in one folder, what is on disk is read from a listing of
// the folder, renewed at most every second, instead of two lookups per name: in a folder of
// 10,000 files each lookup of a missing name searched the folder, and the two were 12% of
// Ferry's CPU time on 10,000 small files. Only for callers that create exclusively: a file that
// appears after the listing is then never overwritten (the small file's .part or unnamed file
// is made exclusively, and the final rename or link never replaces a file), so such a name
// only costs a retry or a numbered name. A large download's .part is opened truncating, so
// its name is always looked up.
class NameRegistry
{
public:
    // Reserves and returns the final path for `fileName` (already sanitised) in `directory`.
    // `exclusiveCreate`: the caller makes the file so that it fails on a name taken meanwhile
    // (a small file: FileSink::create()); only then may the answer come from a folder listing.
    QString reserve(const QString &directory,
                    const QString &fileName,
                    bool allowOverwrite,
                    bool exclusiveCreate = false);
    // Re-reserves a path a checkpoint already uses.
    void claim(const QString &finalPath);
    void release(const QString &finalPath);
    bool isReserved(const QString &finalPath) const;

    // Makes `directory` (and its parents) unless this registry made or found it before: two
    // syscalls per file were a tenth of a small file's cost on the engine thread. A folder
    // removed later is made again by the file job that finds it missing (FileWriteJob::Open).
    bool ensureFolder(const QString &directory);

    // The .part path for a final path; kept within the 255-byte limit of common filesystems.
    static QString partPathFor(const QString &finalPath);

private:
    struct Listing
    {
        int lookups = 0;     // lookups made one by one, before the folder was worth listing
        bool usable = false; // false: the folder could not be read; ask for each name
        QSet<QString> names;
        QElapsedTimer age;
        qint64 lifetimeMs = 0;
    };

    bool existsOnDisk(const QString &directory, const QString &name, bool mayUseListing);
    static void relist(const QString &directory, Listing &listing);

    QHash<QString, Listing> m_listings; // by directory
    QSet<QString> m_reserved;
    QSet<QString> m_reservedParts;       // long names can share a shortened .part name
    QHash<QString, qint64> m_lastNumber; // per directory/name: the last "(n)" handed out
    QSet<QString> m_folders;             // made or found by ensureFolder()
};

} // namespace Ferry
