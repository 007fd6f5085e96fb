#include "hostscheduler.h"

#include <algorithm>
#include <iterator>

namespace Ferry {

HostScheduler::HostScheduler(const EngineOptions &options)
    : m_breaker(HostBreaker::optionsFor(options))
{
    setOptions(options);
}

void HostScheduler::setOptions(const EngineOptions &options)
{
    m_breaker.setOptions(HostBreaker::optionsFor(options));
    m_pacing = {options.waitMs, options.randomWait};
    m_maxTries = options.maxTries;
}

HostScheduler::Result
HostScheduler::recordResult(const QString &host, const TransferError &error, qint64 nowMs)
{
    const bool hostFailed = HostBreaker::isHostFailure(error);
    if (!hostFailed && !error.isNone() && error.kind != TransferError::Kind::Http)
        return {}; // no answer from the host either way
    const bool wasCooling = m_breaker.isCooling(host);
    const bool opened = m_breaker.recordResult(host, hostFailed, nowMs);
    Result result;
    result.coolingChanged = opened || wasCooling != m_breaker.isCooling(host);
    if (!hostFailed)
        return result;
    if (m_maxTries > 0 && m_breaker.failedCoolDowns(host) >= m_maxTries) {
        m_breaker.reset(host);
        result.verdict = Verdict::GaveUp;
        result.coolingChanged = true;
        return result;
    }
    // 429 is the server asking us to slow down, never the item's fault. (A 503 may be the
    // item's, e.g. a broken mirror path: it costs a try unless the host cools down.)
    const bool tooMany = error.kind == TransferError::Kind::Http && error.httpStatus == 429;
    if (m_breaker.isCooling(host) || tooMany)
        result.verdict = Verdict::HostsFault;
    return result;
}

void HostScheduler::push(const QString &host, const Key &key, TransferId id)
{
    Queue &queue = m_ready[host];
    const bool newHead = queue.empty() || key < queue.begin()->first;
    if (!queue.emplace(key, id).second)
        return; // already queued under this key
    if (!newHead)
        return;
    if (queue.size() > 1)
        m_heads.erase({std::next(queue.begin())->first, host});
    m_heads.emplace(key, host);
}

void HostScheduler::erase(const QString &host, const Key &key)
{
    const auto it = m_ready.find(host);
    if (it == m_ready.end())
        return;
    const bool wasHead = it->begin()->first == key;
    if (it->erase(key) == 0)
        return;
    if (wasHead) {
        m_heads.erase({key, host});
        if (!it->empty())
            m_heads.emplace(it->begin()->first, host);
    }
    if (it->empty())
        m_ready.erase(it);
}

qsizetype HostScheduler::waiting(const QString &host) const
{
    const auto it = m_ready.constFind(host);
    return it == m_ready.constEnd() ? 0 : qsizetype(it->size());
}

const HostScheduler::Queue *HostScheduler::queue(const QString &host) const
{
    const auto it = m_ready.constFind(host);
    return it == m_ready.constEnd() ? nullptr : &*it;
}

qint64 HostScheduler::heldUntil(const QString &host, qint64 nowMs) const
{
    qint64 until = m_breaker.coolingUntil(host, nowMs);
    const auto paced = m_nextStartMs.constFind(host);
    if (paced != m_nextStartMs.constEnd() && *paced > nowMs)
        until = std::max(until, *paced);
    return until;
}

bool HostScheduler::mayStart(const QString &host, qint64 nowMs) const
{
    return m_breaker.mayStart(host, nowMs) && heldUntil(host, nowMs) == 0;
}

std::optional<TransferId>
HostScheduler::takeNext(qint64 nowMs, const std::function<bool(const QString &)> &hasRoom)
{
    // Heads in start order: the first host that may start now wins, so only hosts held back
    // ahead of it are looked at, not every host with waiting items.
    m_wakeAtMs = 0;
    for (auto head = m_heads.begin(); head != m_heads.end(); ++head) {
        const QString &host = head->second;
        if (!m_breaker.mayStart(host, nowMs) || !hasRoom(host)) {
            // A cooling host opens by time; a probing or full one when a request ends.
            if (const qint64 until = m_breaker.coolingUntil(host, nowMs))
                m_wakeAtMs = m_wakeAtMs == 0 ? until : std::min(m_wakeAtMs, until);
            continue;
        }
        if (const qint64 until = heldUntil(host, nowMs)) {
            m_wakeAtMs = m_wakeAtMs == 0 ? until : std::min(m_wakeAtMs, until);
            continue;
        }
        const auto queue = m_ready.find(host);
        const TransferId id = queue->begin()->second;
        queue->erase(queue->begin());
        if (queue->empty()) {
            m_ready.erase(queue);
            m_heads.erase(head);
        } else {
            const QString name = host;
            m_heads.erase(head);
            m_heads.emplace(queue->begin()->first, name);
        }
        return id;
    }
    return std::nullopt;
}

void HostScheduler::noteStart(const QString &host, qint64 nowMs, double random01)
{
    m_breaker.started(host, nowMs);
    if (m_pacing.waitMs <= 0) {
        m_nextStartMs.remove(host);
        return;
    }
    const double factor = m_pacing.randomWait ? 0.5 + std::clamp(random01, 0.0, 1.0) : 1.0;
    m_nextStartMs.insert(host, nowMs + qint64(double(m_pacing.waitMs) * factor));
}

} // namespace Ferry
