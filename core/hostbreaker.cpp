#include "hostbreaker.h"

#include <algorithm>
#include <bit>

namespace Ferry {

namespace {

constexpr int MaxWindow = 64; // the bits of Host::recent

} // namespace

HostBreaker::HostBreaker(const Options &options)
    : m_options(options)
{}

HostBreaker::Options HostBreaker::optionsFor(const EngineOptions &options)
{
    Options breaker;
    breaker.failuresInARow = options.hostFailuresInARow;
    breaker.coolDownMs = options.hostCoolDownMs;
    breaker.maxCoolDownMs = options.maxHostCoolDownMs;
    return breaker;
}

bool HostBreaker::isHostFailure(const TransferError &error)
{
    switch (error.kind) {
    case TransferError::Kind::Network:
    case TransferError::Kind::Timeout:
        return true;
    case TransferError::Kind::Http:
        return error.httpStatus == 408 || error.httpStatus == 429 || error.httpStatus >= 500;
    default:
        return false;
    }
}

bool HostBreaker::mayStart(const QString &host, qint64 nowMs) const
{
    const auto it = m_hosts.constFind(host);
    if (it == m_hosts.constEnd())
        return true;
    switch (it->phase) {
    case Phase::Healthy:
        return true;
    case Phase::CoolingDown:
        return nowMs >= it->coolUntilMs;
    case Phase::Probing:
        return false;
    }
    return true;
}

void HostBreaker::started(const QString &host, qint64 nowMs)
{
    const auto it = m_hosts.find(host);
    if (it != m_hosts.end() && it->phase == Phase::CoolingDown && nowMs >= it->coolUntilMs)
        it->phase = Phase::Probing;
}

bool HostBreaker::recordResult(const QString &host, bool hostFailed, qint64 nowMs)
{
    Host &state = m_hosts[host];
    const int window = std::clamp(m_options.window, 1, MaxWindow);
    state.recent = (state.recent << 1) | (hostFailed ? 1U : 0U);
    if (window < MaxWindow)
        state.recent &= (std::uint64_t(1) << window) - 1;
    state.recentCount = std::min(state.recentCount + 1, window);
    if (!hostFailed) {
        // One good answer opens the host up again.
        state.phase = Phase::Healthy;
        state.failuresInARow = 0;
        state.coolDowns = 0;
        return false;
    }
    ++state.failuresInARow;
    switch (state.phase) {
    case Phase::Healthy:
        if (state.failuresInARow >= std::max(1, m_options.failuresInARow)
            || (state.recentCount >= window
                && std::popcount(state.recent) >= m_options.windowFailures)) {
            startCoolDown(state, nowMs);
            return true;
        }
        return false;
    case Phase::CoolingDown:
        return false; // requests that were out when it began: the cool-down already counts them
    case Phase::Probing:
        startCoolDown(state, nowMs);
        return true;
    }
    return false;
}

void HostBreaker::startCoolDown(Host &host, qint64 nowMs)
{
    const qint64 base = std::max<qint64>(1, m_options.coolDownMs);
    const qint64 cap = std::max(base, m_options.maxCoolDownMs);
    qint64 wait = base;
    for (int i = 0; i < host.coolDowns && wait < cap; ++i)
        wait *= 2;
    host.phase = Phase::CoolingDown;
    host.coolUntilMs = nowMs + std::min(wait, cap);
    ++host.coolDowns;
}

qint64 HostBreaker::coolingUntil(const QString &host, qint64 nowMs) const
{
    const auto it = m_hosts.constFind(host);
    if (it == m_hosts.constEnd() || it->phase == Phase::Healthy)
        return 0;
    if (it->phase == Phase::CoolingDown)
        return it->coolUntilMs > nowMs ? it->coolUntilMs : 0;
    return 0; // probing: the probe is the one request out
}

bool HostBreaker::isCooling(const QString &host) const
{
    const auto it = m_hosts.constFind(host);
    return it != m_hosts.constEnd() && it->phase != Phase::Healthy;
}

int HostBreaker::failedCoolDowns(const QString &host) const
{
    const auto it = m_hosts.constFind(host);
    if (it == m_hosts.constEnd())
        return 0;
    // A cool-down counts as failed once it is over and its probe failed too, i.e. when the next
    // one began: coolDowns counts the one running now.
    return it->phase == Phase::Healthy ? 0 : it->coolDowns - 1;
}

void HostBreaker::reset(const QString &host)
{
    m_hosts.remove(host);
}

} // namespace Ferry
