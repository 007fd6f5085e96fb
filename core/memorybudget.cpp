#include "memorybudget.h"

#include <utility>

namespace Ferry {

MemoryBudget::MemoryBudget(qint64 limit, QObject *parent)
    : QObject(parent)
    , m_limit(limit)
{}

void MemoryBudget::setLimit(qint64 limit)
{
    m_limit = limit;
    emit released();
}

void MemoryBudget::acquire(qint64 bytes)
{
    m_used += bytes;
}

void MemoryBudget::release(qint64 bytes)
{
    m_used -= bytes;
    Q_ASSERT(m_used >= 0);
    if (std::exchange(m_waiting, false))
        emit released();
}

} // namespace Ferry
