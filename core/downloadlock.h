#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <memory>
#include <optional>

class QLockFile;

namespace Ferry {

// Keeps a second process (or a second item of the same engine) away from a download that is
// running: both would write into the same .part. On Linux an open-file-description lock
// (fcntl F_OFD_SETLK) on one byte of a lock file shared by all downloads, at an offset derived
// from the download's key. Making and deleting a lock file per download cost more than the rest
// of a small file's bookkeeping (a new inode each time); this touches no directory, and the
// kernel drops it when the descriptor closes, however its owner ends.
//
// The holders of one lock file in one process share one descriptor, opened while any of them
// holds a lock: opening and closing the file for every small file was a tenth of the engine
// thread's work. Locks of one descriptor never conflict with each other, so the process keeps
// its own list of the bytes it holds. Elsewhere, an flock(2) or QLockFile per key beside it.
class DownloadLock
{
    Q_DISABLE_COPY_MOVE(DownloadLock)

public:
    DownloadLock(const QString &lockFilePath, const QByteArray &key);
    ~DownloadLock();

    enum class Outcome {
        Locked,
        Taken,      // someone else holds it
        Unavailable // the lock file cannot be opened (its folder may not exist yet)
    };
    Outcome tryLock();
    // tryLock(), making the lock file's folder if it is missing: nullopt once locked, else
    // why not, for the user (`directory`: where the download goes).
    std::optional<QString> lockOrExplain(const QString &directory);

private:
    QString m_path;
    QByteArray m_key;
#ifdef Q_OS_UNIX
    int m_fd = -1;
    // m_fd is the process's descriptor of m_path, locked at m_offset (F_OFD_SETLK systems)
    [[maybe_unused]] bool m_shared = false;
    [[maybe_unused]] qint64 m_offset = 0;
    QString m_ownFile; // set when this lock made its own file (no OFD locks here)
#else
    std::unique_ptr<QLockFile> m_file;
#endif
};

} // namespace Ferry
