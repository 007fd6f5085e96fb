#include "downloadlock.h"

#include <QFile>
#include <QLockFile>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace Ferry {

DownloadLock::DownloadLock(const QString &path)
    : m_path(path)
{}

#ifdef Q_OS_UNIX

DownloadLock::~DownloadLock()
{
    if (m_fd < 0)
        return;
    // Unlink while still holding it: whoever opens the name next gets a new file, and the
    // inode check in tryLock() turns away anyone who opened the old one.
    ::unlink(QFile::encodeName(m_path).constData());
    ::close(m_fd);
}

bool DownloadLock::tryLock()
{
    const QByteArray name = QFile::encodeName(m_path);
    for (int attempt = 0; attempt < 3; ++attempt) {
        const int fd = ::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0)
            return false;
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd);
            return false;
        }
        struct stat held = {};
        struct stat named = {};
        if (::fstat(fd, &held) == 0 && ::stat(name.constData(), &named) == 0
            && held.st_ino == named.st_ino && held.st_dev == named.st_dev) {
            m_fd = fd;
            return true;
        }
        ::close(fd); // the file was unlinked by its last owner meanwhile: try the new one
    }
    return false;
}

#else

DownloadLock::~DownloadLock() = default;

bool DownloadLock::tryLock()
{
    m_file = std::make_unique<QLockFile>(m_path);
    m_file->setStaleLockTime(0);
    return m_file->tryLock(0);
}

#endif

} // namespace Ferry
