#pragma once

#include <QString>
#include <QtGlobal>

#include <memory>

class QLockFile;

namespace Ferry {

// Keeps a second process (or a second item of the same engine) away from a download that is
// running: both would write into the same .part. On Unix an flock(2) on a small file beside the
// checkpoint: the kernel drops it when its owner exits, however that happens, and taking it
// costs no disk flush (QLockFile fsyncs its file, which added a millisecond to every download).
class DownloadLock
{
    Q_DISABLE_COPY_MOVE(DownloadLock)

public:
    explicit DownloadLock(const QString &path);
    ~DownloadLock();

    // False when someone else holds it, or the file cannot be made.
    bool tryLock();

private:
    QString m_path;
#ifdef Q_OS_UNIX
    int m_fd = -1;
#else
    std::unique_ptr<QLockFile> m_file;
#endif
};

} // namespace Ferry
