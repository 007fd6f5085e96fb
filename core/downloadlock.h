#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <memory>

class QLockFile;

namespace Ferry {

// Keeps a second process (or a second item of the same engine) away from a download that is
// running: both would write into the same .part. On Linux an open-file-description lock
// (fcntl F_OFD_SETLK) on one byte of a lock file shared by all downloads, at an offset derived
// from the download's key. Making and deleting a lock file per download cost more than the rest
// of a small file's bookkeeping (a new inode each time); this touches no directory, conflicts
// between any two holders, in one process or two, and the kernel drops it when the descriptor
// closes, however its owner ends. Elsewhere, an flock(2) or QLockFile per key beside it.
class DownloadLock
{
    Q_DISABLE_COPY_MOVE(DownloadLock)

public:
    DownloadLock(const QString &lockFilePath, const QByteArray &key);
    ~DownloadLock();

    // False when someone else holds it, or the lock file cannot be opened.
    bool tryLock();

private:
    QString m_path;
    QByteArray m_key;
#ifdef Q_OS_UNIX
    int m_fd = -1;
    QString m_ownFile; // set when this lock made its own file (no OFD locks here)
#else
    std::unique_ptr<QLockFile> m_file;
#endif
};

} // namespace Ferry
