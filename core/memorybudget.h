#pragma once

#include <QObject>

namespace Ferry {

// Bytes read from the network but not yet on disk, across all downloads of one engine.
// Lives on the engine thread. When bytes are released, readers that stopped for lack of
// room (this budget, or their own sink's share, which goes back through it) are told to try
// again; when none stopped since the last time, nobody is told.
class MemoryBudget final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemoryBudget)

public:
    explicit MemoryBudget(qint64 limit, QObject *parent = nullptr);

    qint64 available() const { return qMax<qint64>(0, m_limit - m_used); }

    qint64 used() const { return m_used; }

    void setLimit(qint64 limit);
    void acquire(qint64 bytes);
    void release(qint64 bytes);

    // A reader stops until released(): the next release() sends it.
    void noteWaiting() { m_waiting = true; }

signals:
    void released();

private:
    qint64 m_limit;
    qint64 m_used = 0;
    bool m_waiting = false;
};

} // namespace Ferry
