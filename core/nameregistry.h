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

    // The .part path for a final path; kept within the 255-byte limit of common filesystems.
    static QString partPathFor(const QString &finalPath);

private:
    QSet<QString> m_reserved;
    QSet<QString> m_reservedParts;       // long names can share a shortened .part name
    QHash<QString, qint64> m_lastNumber; // per directory/name: the last "(n)" handed out
};

} // namespace Ferry
