#include "downloadlock.h"

#include <QCryptographicHash>
#include <QFile>
#include <QLockFile>

#include <cerrno>
#include <cstring>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

QByteArray keyHash(const QByteArray &key)
{
    return QCryptographicHash::hash(key, QCryptographicHash::Sha1);
}

} // namespace

DownloadLock::DownloadLock(const QString &lockFilePath, const QByteArray &key)
    : m_path(lockFilePath)
    , m_key(key)
{}

#ifdef Q_OS_UNIX

DownloadLock::~DownloadLock()
{
    if (m_fd < 0)
        return;
    // A file of its own is unlinked while still held: whoever opens the name next gets a new
    // file, and the inode check in tryLock() turns away anyone who opened the old one.
    if (!m_ownFile.isEmpty())
        ::unlink(QFile::encodeName(m_ownFile).constData());
    ::close(m_fd); // drops the lock
}

bool DownloadLock::tryLock()
{
#ifdef F_OFD_SETLK
    const int fd =
        ::open(QFile::encodeName(m_path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    // 62 bits of the key's hash: collisions are out of reach, and the offset fits any off_t.
    quint64 bits = 0;
    std::memcpy(&bits, keyHash(m_key).constData(), sizeof bits);
    struct flock region = {};
    region.l_type = F_WRLCK;
    region.l_whence = SEEK_SET;
    region.l_start = off_t(bits >> 2);
    region.l_len = 1;
    if (::fcntl(fd, F_OFD_SETLK, &region) == 0) {
        m_fd = fd;
        return true;
    }
    const bool taken = errno == EAGAIN || errno == EACCES;
    ::close(fd);
    if (taken)
        return false;
        // EINVAL: a kernel or filesystem without OFD locks; fall through to a file per key.
#endif
    m_ownFile = m_path + u'.' + QString::fromLatin1(keyHash(m_key).toHex());
    const QByteArray name = QFile::encodeName(m_ownFile);
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
    m_file =
        std::make_unique<QLockFile>(m_path + u'.' + QString::fromLatin1(keyHash(m_key).toHex()));
    m_file->setStaleLockTime(0);
    return m_file->tryLock(0);
}

#endif

} // namespace Ferry
