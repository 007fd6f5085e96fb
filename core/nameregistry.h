#pragma once

#include <QHash>
#include <QSet>
#include <QString>

namespace Ferry {

// Chooses file names for downloads in progress, so that two downloads never share a name and
// no existing file is overwritten unless that was asked for. A name is taken when the file or
// its .part exists on disk, or another running download has reserved it. Engine thread only.
class NameRegistry
{
public:
    // Reserves and returns the final path for `fileName` (already sanitised) in `directory`.
    QString reserve(const QString &directory, const QString &fileName, bool allowOverwrite);
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
    QSet<QString> m_reserved;
    QSet<QString> m_reservedParts;       // long names can share a shortened .part name
    QHash<QString, qint64> m_lastNumber; // per directory/name: the last "(n)" handed out
    QSet<QString> m_folders;             // made or found by ensureFolder()
};

} // namespace Ferry
