#include "interruptibleinput.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace Ferry {

InterruptibleInput::InterruptibleInput(int fd, QObject *parent)
    : QIODevice(parent)
    , m_fd(fd)
{
    if (::pipe2(m_wake, O_CLOEXEC) != 0)
        m_wake[0] = m_wake[1] = -1; // reads then simply block, as a plain file's would
}

InterruptibleInput::~InterruptibleInput()
{
    for (const int fd : m_wake) {
        if (fd >= 0)
            ::close(fd);
    }
}

void InterruptibleInput::interrupt()
{
    if (m_wake[1] < 0)
        return;
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(m_wake[1], &byte, 1);
}

qint64 InterruptibleInput::readData(char *data, qint64 maxSize)
{
    if (m_interrupted)
        return -1;
    pollfd fds[2] = {{m_fd, POLLIN, 0}, {m_wake[0], POLLIN, 0}};
    const nfds_t count = m_wake[0] < 0 ? 1 : 2;
    bool idleSaid = !m_whenIdle;
    for (;;) {
        const int ready = ::poll(fds, count, idleSaid ? -1 : IdleMs);
        if (ready == 0) {
            // Nothing for a while: the writer is slow, or silent for good.
            idleSaid = true;
            m_whenIdle();
            continue;
        }
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready < 0) {
            setErrorString(QString::fromLocal8Bit(std::strerror(errno)));
            return -1;
        }
        if (fds[1].revents != 0) {
            m_interrupted = true;
            setErrorString(tr("interrupted"));
            return -1;
        }
        if (fds[0].revents == 0)
            continue;
        const ssize_t got = ::read(m_fd, data, size_t(maxSize));
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (got < 0) {
            setErrorString(QString::fromLocal8Bit(std::strerror(errno)));
            return -1;
        }
        return got; // 0: the writer closed its end
    }
}

qint64 InterruptibleInput::writeData(const char *, qint64)
{
    return -1;
}

} // namespace Ferry
