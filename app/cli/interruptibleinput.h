#pragma once

#include <QIODevice>

#include <functional>

namespace Ferry {

// Reads a file descriptor (standard input) as a sequential device that hands over whatever has
// arrived, line by line as a pipe delivers it, instead of waiting for a full buffer. A read
// blocked on a pipe that stays silent ends when another thread calls interrupt(): Ctrl+C must
// not wait for a producer that never writes again.
class InterruptibleInput final : public QIODevice
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InterruptibleInput)

public:
    explicit InterruptibleInput(int fd, QObject *parent = nullptr);
    ~InterruptibleInput() override; // closes its own wake-up pipe, never `fd`

    bool isSequential() const override { return true; }

    // Any thread: the current and every later read return -1.
    void interrupt();

    // Called on the reading thread when a read has waited IdleMs for the writer (once per
    // read): the moment to hand over what was read so far.
    static constexpr int IdleMs = 300;

    void setWhenIdle(std::function<void()> whenIdle) { m_whenIdle = std::move(whenIdle); }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *data, qint64 maxSize) override;

private:
    int m_fd;
    int m_wake[2] = {-1, -1};
    bool m_interrupted = false; // read and written by the reading thread only
    std::function<void()> m_whenIdle;
};

} // namespace Ferry
