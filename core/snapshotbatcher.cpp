#include "snapshotbatcher.h"

namespace Ferry {

namespace {

constexpr qsizetype MaxBatchSize = 4096;

} // namespace

SnapshotBatcher::SnapshotBatcher(int intervalMs, Hooks hooks, QObject *parent)
    : QObject(parent)
    , m_hooks(std::move(hooks))
    , m_intervalMs(intervalMs)
    , m_tick(this)
    , m_soon(this)
    , m_lastFlushMs(-intervalMs)
{
    m_tick.setInterval(intervalMs);
    connect(&m_tick, &QTimer::timeout, this, &SnapshotBatcher::flush);
    m_soon.setSingleShot(true);
    m_soon.setInterval(0);
    connect(&m_soon, &QTimer::timeout, this, &SnapshotBatcher::flush);
    m_clock.start();
}

void SnapshotBatcher::setInterval(int intervalMs)
{
    m_intervalMs = intervalMs;
    m_tick.setInterval(intervalMs);
}

void SnapshotBatcher::markDirty(TransferId id)
{
    m_dirty.append(id);
    keepTicking();
}

void SnapshotBatcher::keepTicking()
{
    if (!m_tick.isActive())
        m_tick.start();
}

void SnapshotBatcher::flushSoon()
{
    keepTicking();
    if (m_clock.elapsed() - m_lastFlushMs >= m_intervalMs && !m_soon.isActive())
        m_soon.start();
}

void SnapshotBatcher::flush()
{
    m_soon.stop();
    m_hooks.sample();
    deliver(MaxBatchSize);
    if (m_dirty.isEmpty() && !m_hooks.busy())
        m_tick.stop();
    else
        keepTicking();
}

void SnapshotBatcher::flushAll()
{
    m_soon.stop();
    m_hooks.sample();
    while (!m_dirty.isEmpty())
        deliver(MaxBatchSize);
}

void SnapshotBatcher::deliver(qsizetype limit)
{
    m_lastFlushMs = m_clock.elapsed();
    const qsizetype count = qMin(limit, m_dirty.size());
    QList<TransferSnapshot> batch;
    batch.reserve(count);
    for (qsizetype i = 0; i < count; ++i) {
        if (std::optional<TransferSnapshot> snapshot = m_hooks.take(m_dirty.at(i)))
            batch.append(std::move(*snapshot));
    }
    m_dirty.remove(0, count);
    if (!batch.isEmpty())
        m_hooks.deliver(batch);
}

} // namespace Ferry
