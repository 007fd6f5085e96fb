#pragma once

#include <QObject>

namespace Ferry {

// Bytes read from the network but not yet on disk, across all downloads of one engine.
// Lives on the engine thread. When bytes are released, readers that stopped for lack of
// budget are told to try again.
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

signals:
    void released();

private:
    qint64 m_limit;
    qint64 m_used = 0;
};

} // namespace Ferry
