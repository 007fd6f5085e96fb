#pragma once

#include "core/transferid.h"
#include "core/transfersnapshot.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <optional>

namespace Ferry {

// Batched progress for the engine (STYLE P1/P2): transfers marked dirty go out together in one
// batch per interval, at most 4,096 snapshots at a time (a huge list added at once drains over
// the following ticks). The periodic timer runs while anything is dirty or `busy` says so; a
// state change asks for a flush at once, but never more than one batch per interval, so
// thousands of small files finishing in a second do not become thousands of batches.
class SnapshotBatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnapshotBatcher)

public:
    struct Hooks
    {
        std::function<void()> sample; // before each flush: refresh the running counters
        // The snapshot of a dirty transfer, which stops being dirty; nullopt when it is gone.
        std::function<std::optional<TransferSnapshot>(TransferId)> take;
        std::function<void(const QList<TransferSnapshot> &)> deliver;
        std::function<bool()> busy; // keep ticking (downloads are running)
    };

    SnapshotBatcher(int intervalMs, Hooks hooks, QObject *parent = nullptr);

    void setInterval(int intervalMs);
    // The caller marks each transfer once until take() has seen it.
    void markDirty(TransferId id);
    void keepTicking();

    bool isTicking() const { return m_tick.isActive(); }

    void flushSoon();
    // Everything dirty, now (before a stop, or when the queue drained).
    void flushAll();

private:
    void flush();
    void deliver(qsizetype limit);

    Hooks m_hooks;
    int m_intervalMs;
    QList<TransferId> m_dirty;
    QTimer m_tick;
    QTimer m_soon;
    QElapsedTimer m_clock;
    qint64 m_lastFlushMs;
};

} // namespace Ferry
