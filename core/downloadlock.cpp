#include "downloadlock.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLockFile>
#include <QMutex>
#include <QSet>

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

std::optional<QString> DownloadLock::lockOrExplain(const QString &directory)
{
    Outcome locked = tryLock();
    if (locked == Outcome::Locked)
        return std::nullopt;
    const QString folder = QFileInfo(m_path).absolutePath();
    const bool folderMade = locked != Outcome::Unavailable || QDir().mkpath(folder);
    if (locked == Outcome::Unavailable && folderMade)
        locked = tryLock(); // the first download with this state folder
    if (locked == Outcome::Locked)
        return std::nullopt;
    if (locked == Outcome::Taken) {
        return u"this URL is already being downloaded into %1 (by another run or item)"_s.arg(
            QDir::toNativeSeparators(directory));
    }
    if (!folderMade) {
        return u"cannot create the folder for resume records %1"_s.arg(
            QDir::toNativeSeparators(folder));
    }
    return u"cannot open %1, the lock file of resume records"_s.arg(
        QDir::toNativeSeparators(m_path));
}

#ifdef Q_OS_UNIX

namespace {

#ifdef F_OFD_SETLK
// The process's descriptor of one lock file, and the offsets its holders locked through it.
struct SharedLockFile
{
    int fd = -1;
    QSet<qint64> held;
};

QMutex sharedLockFilesMutex;

QHash<QString, SharedLockFile> &sharedLockFiles()
{
    static QHash<QString, SharedLockFile> files;
    return files;
}

bool setByte(int fd, short type, qint64 offset)
{
    struct flock region = {};
    region.l_type = type;
    region.l_whence = SEEK_SET;
    region.l_start = off_t(offset);
    region.l_len = 1;
    return ::fcntl(fd, F_OFD_SETLK, &region) == 0;
}
#endif

} // namespace

DownloadLock::~DownloadLock()
{
#ifdef F_OFD_SETLK
    if (m_shared) {
        const QMutexLocker locker(&sharedLockFilesMutex);
        const auto found = sharedLockFiles().find(m_path);
        found->held.remove(m_offset);
        if (found->held.isEmpty()) {
            ::close(found->fd); // drops the lock
            sharedLockFiles().erase(found);
        } else {
            setByte(found->fd, F_UNLCK, m_offset);
        }
        return;
    }
#endif
    if (m_fd < 0)
        return;
    // A file of its own is unlinked while still held: whoever opens the name next gets a new
    // file, and the inode check in tryLock() turns away anyone who opened the old one.
    if (!m_ownFile.isEmpty())
        ::unlink(QFile::encodeName(m_ownFile).constData());
    ::close(m_fd); // drops the lock
}

DownloadLock::Outcome DownloadLock::tryLock()
{
#ifdef F_OFD_SETLK
    {
        // 62 bits of the key's hash: collisions are out of reach, and the offset fits any off_t.
        quint64 bits = 0;
        std::memcpy(&bits, keyHash(m_key).constData(), sizeof bits);
        const auto offset = qint64(bits >> 2);
        const QMutexLocker locker(&sharedLockFilesMutex);
        auto found = sharedLockFiles().find(m_path);
        if (found == sharedLockFiles().end()) {
            const int fd =
                ::open(QFile::encodeName(m_path).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
            if (fd < 0)
                return Outcome::Unavailable;
            found = sharedLockFiles().insert(m_path, SharedLockFile{fd, {}});
        }
        if (found->held.contains(offset))
            return Outcome::Taken;
        if (setByte(found->fd, F_WRLCK, offset)) {
            found->held.insert(offset);
            m_fd = found->fd;
            m_shared = true;
            m_offset = offset;
            return Outcome::Locked;
        }
        const int error = errno;
        if (found->held.isEmpty()) {
            ::close(found->fd);
            sharedLockFiles().erase(found);
        }
        if (error == EAGAIN || error == EACCES)
            return Outcome::Taken;
        // EINVAL: a kernel or filesystem without OFD locks; fall through to a file per key.
    }
#endif
    m_ownFile = m_path + u'.' + QString::fromLatin1(keyHash(m_key).toHex());
    const QByteArray name = QFile::encodeName(m_ownFile);
    for (int attempt = 0; attempt < 3; ++attempt) {
        const int fd = ::open(name.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0)
            return Outcome::Unavailable;
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd);
            return Outcome::Taken;
        }
        struct stat held = {};
        struct stat named = {};
        if (::fstat(fd, &held) == 0 && ::stat(name.constData(), &named) == 0
            && held.st_ino == named.st_ino && held.st_dev == named.st_dev) {
            m_fd = fd;
            return Outcome::Locked;
        }
        ::close(fd); // the file was unlinked by its last owner meanwhile: try the new one
    }
    return Outcome::Taken;
}

#else

DownloadLock::~DownloadLock() = default;

DownloadLock::Outcome DownloadLock::tryLock()
{
    m_file =
        std::make_unique<QLockFile>(m_path + u'.' + QString::fromLatin1(keyHash(m_key).toHex()));
    m_file->setStaleLockTime(0);
    if (m_file->tryLock(0))
        return Outcome::Locked;
    return m_file->error() == QLockFile::LockFailedError ? Outcome::Taken : Outcome::Unavailable;
}

#endif

} // namespace Ferry
