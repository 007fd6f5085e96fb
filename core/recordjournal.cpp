#include "recordjournal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr qsizetype KeyLength = 40;           // hex of a SHA-1
constexpr qsizetype MaxRecordBytes = 1 << 20; // as CheckpointStore reads a record file
constexpr qint64 ReadChunk = qint64(4) << 20; // bytes read at once when catching up
const QByteArray Removal = QByteArrayLiteral("-");

int openForAppend(const QString &path, bool create)
{
    const QByteArray name = QFile::encodeName(path);
    const int flags = O_WRONLY | O_APPEND | O_CLOEXEC | (create ? O_CREAT : 0);
    int fd = ::open(name.constData(), flags, 0600);
    if (fd < 0 && create && errno == ENOENT && QDir().mkpath(QFileInfo(path).absolutePath()))
        fd = ::open(name.constData(), flags, 0600);
    return fd;
}

// One write(2), so that lines of concurrent writers never interleave.
bool appendLine(int fd, const QByteArray &line)
{
    qsizetype done = 0;
    while (done < line.size()) {
        const ssize_t written = ::write(fd, line.constData() + done, size_t(line.size() - done));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return false;
        done += written;
    }
    return true;
}

QByteArray lineFor(const QByteArray &key, const QByteArray &body)
{
    QByteArray line;
    line.reserve(key.size() + body.size() + 3);
    line.append('\n').append(key).append(' ').append(body).append('\n');
    return line;
}

// The descriptors records are appended through stay open for the life of the process: opening
// and closing the journal for each small file cost a path walk and two system calls per file.
struct Appenders
{
    QMutex mutex;
    QHash<QString, int> fds;
};

Appenders &appenders()
{
    static Appenders instance;
    return instance;
}

// The open append descriptor for `path` (callers hold the mutex), or -1 with errno set. One
// whose file was deleted meanwhile is closed: its lines would go nowhere.
int appenderFor(Appenders &all, const QString &path, bool create)
{
    const auto found = all.fds.constFind(path);
    if (found != all.fds.constEnd()) {
        struct stat info = {};
        if (::fstat(*found, &info) == 0 && info.st_nlink > 0)
            return *found;
        ::close(*found);
        all.fds.erase(found);
    }
    const int fd = openForAppend(path, create);
    if (fd >= 0)
        all.fds.insert(path, fd);
    return fd;
}

bool isKey(QByteArrayView text)
{
    if (text.size() != KeyLength)
        return false;
    for (const char c : text) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

} // namespace

RecordJournal::RecordJournal(const QString &path)
    : m_path(path)
{}

RecordJournal::~RecordJournal()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

std::optional<TransferError>
RecordJournal::append(const QString &path, const QByteArray &key, const QByteArray &json)
{
    const QByteArray line = lineFor(key, json);
    Appenders &all = appenders();
    int savedErrno = 0;
    {
        const QMutexLocker locker(&all.mutex);
        errno = 0;
        const int fd = appenderFor(all, path, true);
        if (fd >= 0 && appendLine(fd, line))
            return std::nullopt;
        savedErrno = errno;
    }
    return TransferError::make(
        TransferError::kindForFileErrno(savedErrno),
        TransferError::Recovery::Fatal,
        u"cannot save the record of %1 in %2: %3"_s.arg(
            QString::fromLatin1(key), path, QString::fromLocal8Bit(std::strerror(savedErrno))));
}

void RecordJournal::appendRemoval(const QString &path, const QByteArray &key)
{
    const QByteArray line = lineFor(key, Removal);
    Appenders &all = appenders();
    const QMutexLocker locker(&all.mutex);
    if (const int fd = appenderFor(all, path, false); fd >= 0)
        appendLine(fd, line);
}

quint64 RecordJournal::shortKey(const QByteArray &key)
{
    return key.left(16).toULongLong(nullptr, 16);
}

void RecordJournal::forget() const
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_readUpTo = 0;
    m_skippingLine = false;
    m_entries.clear();
}

void RecordJournal::refresh() const
{
    if (m_fd < 0) {
        m_fd = ::open(QFile::encodeName(m_path).constData(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0)
            return; // none yet
    }
    struct stat info = {};
    if (::fstat(m_fd, &info) != 0)
        return;
    if (info.st_nlink == 0 || info.st_size < m_readUpTo) {
        // Deleted or replaced: what it said no longer counts.
        forget();
        refresh();
        return;
    }
    // Catch up on complete lines; a line still being written is read on a later look.
    while (m_readUpTo < info.st_size) {
        const qint64 want = std::min<qint64>(info.st_size - m_readUpTo, ReadChunk);
        QByteArray chunk(qsizetype(want), Qt::Uninitialized);
        const ssize_t got = ::pread(m_fd, chunk.data(), size_t(want), off_t(m_readUpTo));
        if (got <= 0)
            return;
        chunk.truncate(got);
        const qsizetype lastNewline = chunk.lastIndexOf('\n');
        if (lastNewline < 0) {
            if (got == want && want == ReadChunk) {
                m_readUpTo += got; // a line longer than any record: skip it
                m_skippingLine = true;
            }
            return;
        }
        qsizetype start = 0;
        if (std::exchange(m_skippingLine, false))
            start = chunk.indexOf('\n') + 1; // the end of that line
        while (start <= lastNewline) {
            const qsizetype end = chunk.indexOf('\n', start);
            const QByteArrayView line = QByteArrayView(chunk).sliced(start, end - start);
            const qsizetype space = line.indexOf(' ');
            if (space == KeyLength && isKey(line.first(KeyLength))) {
                const QByteArrayView body = line.sliced(KeyLength + 1);
                const quint64 key = shortKey(line.first(KeyLength).toByteArray());
                if (body == Removal)
                    m_entries.remove(key);
                else if (body.size() <= MaxRecordBytes)
                    m_entries.insert(key, Entry{m_readUpTo + start + KeyLength + 1, body.size()});
            }
            start = end + 1;
        }
        m_readUpTo += lastNewline + 1;
    }
}

QByteArray RecordJournal::find(const QByteArray &key) const
{
    const QMutexLocker locker(&m_mutex);
    refresh();
    const auto found = m_entries.constFind(shortKey(key));
    if (found == m_entries.constEnd() || m_fd < 0)
        return {};
    QByteArray record(found->length, Qt::Uninitialized);
    if (::pread(m_fd, record.data(), size_t(found->length), off_t(found->offset))
        != ssize_t(found->length)) {
        return {};
    }
    return record;
}

} // namespace Ferry
