#pragma once

#include "core/engineoptions.h"
#include "core/transfererror.h"

#include <QHash>
#include <QString>
#include <QtGlobal>

#include <cstdint>

namespace Ferry {

// A circuit breaker per host. A host that fails many requests in a row, or most of its recent
// ones, cools down: nothing new starts there until the cool-down ends. Then one request probes
// it; success opens the host up again, failure starts a cool-down twice as long. "Failure" is
// the host's fault (refused or reset connections, timeouts, 408, 429, 5xx); a 404 is an answer.
// Plain logic over the caller's clock, for the engine's scheduler.
class HostBreaker
{
public:
    struct Options
    {
        int failuresInARow = 5;   // this many host failures in a row start a cool-down
        int window = 20;          // or this many of the last `window` results...
        int windowFailures = 16;  // ...being failures
        qint64 coolDownMs = 5000; // the first cool-down; each failed probe doubles it
        qint64 maxCoolDownMs = 300000;
    };

    explicit HostBreaker(const Options &options);

    static Options optionsFor(const EngineOptions &options);
    // Whether a failure is the host's (refused or reset connections, timeouts, 408, 429, 5xx)
    // rather than the item's; a 404 is the host answering.
    static bool isHostFailure(const TransferError &error);

    Options options() const { return m_options; }

    void setOptions(const Options &options) { m_options = options; }

    // Whether a request to `host` may start now: always for a healthy host, once the cool-down
    // is over for the probe, and never while the probe is out.
    bool mayStart(const QString &host, qint64 nowMs) const;
    // A request to `host` started; after a cool-down it is the probe.
    void started(const QString &host, qint64 nowMs);
    // A request to `host` ended. True when this result started a cool-down.
    bool recordResult(const QString &host, bool hostFailed, qint64 nowMs);
    // The end of the host's cool-down (ms, the caller's clock), or 0 when requests may go.
    qint64 coolingUntil(const QString &host, qint64 nowMs) const;
    bool isCooling(const QString &host) const;
    // Cool-downs in a row that ended without a successful request.
    int failedCoolDowns(const QString &host) const;
    // Forgets the host's history (the caller gave up on it, or its items are gone).
    void reset(const QString &host);

private:
    enum class Phase : std::uint8_t {
        Healthy,
        CoolingDown,
        Probing,
    };

    struct Host
    {
        Phase phase = Phase::Healthy;
        int failuresInARow = 0;
        int coolDowns = 0; // in a row, without a success in between
        qint64 coolUntilMs = 0;
        std::uint64_t recent = 0; // the last results, newest in bit 0; 1 = failure
        int recentCount = 0;
    };

    void startCoolDown(Host &host, qint64 nowMs);

    Options m_options;
    QHash<QString, Host> m_hosts; // hosts with a result so far
};

} // namespace Ferry
