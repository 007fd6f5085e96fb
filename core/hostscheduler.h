#pragma once

#include "core/engineoptions.h"
#include "core/hostbreaker.h"
#include "core/transferid.h"

#include <QHash>
#include <QString>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <utility>

namespace Ferry {

// The engine's ready queues, one per host, and the per-host rules on when a request may start
// there: the circuit breaker (HostBreaker) and politeness pacing (a minimum interval between
// request starts, optionally jittered by 0.5-1.5x as wget's --random-wait does).
class HostScheduler
{
public:
    using Key = std::pair<int, qint64>; // (-priority, sequence): lower starts first
    using Queue = std::map<Key, TransferId>;

    struct Pacing
    {
        qint64 waitMs = 0; // between request starts on one host; 0: none
        bool randomWait = false;
    };

    enum class Verdict {
        ItemsFault, // or no failure at all
        HostsFault, // the host cools down or throttles (429): the attempt costs no try
        GaveUp,     // the host failed maxTries cool-downs in a row: its waiting items fail
    };

    struct Result
    {
        Verdict verdict = Verdict::ItemsFault;
        bool coolingChanged = false; // a cool-down began or ended
    };

    explicit HostScheduler(const EngineOptions &options);

    void setOptions(const EngineOptions &options);

    void push(const QString &host, const Key &key, TransferId id);
    void erase(const QString &host, const Key &key);
    qsizetype waiting(const QString &host) const;
    const Queue *queue(const QString &host) const;

    // Takes the earliest head (priority, then arrival) among hosts that may start a request
    // now and have room (hasRoom). Hosts held back by a cool-down or pacing are skipped; when
    // none is left, wakeAtMs() tells when the first of them opens. Costs log(hosts) plus the
    // held-back hosts whose heads come first, so a list spread over 100,000 hosts stays cheap.
    std::optional<TransferId> takeNext(qint64 nowMs,
                                       const std::function<bool(const QString &)> &hasRoom);

    // After takeNext() found nothing: the earliest time a held-back host opens by time; 0: none
    // will.
    qint64 wakeAtMs() const { return m_wakeAtMs; }

    // An attempt on `host` ended with `error` (none: success): the breaker learns of it.
    // Errors that say nothing about the host (disk, URL, checksum) are ignored.
    Result recordResult(const QString &host, const TransferError &error, qint64 nowMs);

    // A request to `host` goes out (a download's first, or one of its segments).
    void noteStart(const QString &host, qint64 nowMs, double random01);
    // Whether one more request may go to `host` now (an extra segment).
    bool mayStart(const QString &host, qint64 nowMs) const;
    // The time from which requests may start on `host` again (cool-down or pacing); 0: now.
    qint64 heldUntil(const QString &host, qint64 nowMs) const;

    HostBreaker &breaker() { return m_breaker; }

    const HostBreaker &breaker() const { return m_breaker; }

private:
    HostBreaker m_breaker;
    Pacing m_pacing;
    int m_maxTries = 0;
    QHash<QString, Queue> m_ready;
    // Every host's earliest key with the host, in start order (the host breaks a tie, so a key
    // two hosts share for a moment cannot hide one of them).
    std::set<std::pair<Key, QString>> m_heads;
    QHash<QString, qint64> m_nextStartMs; // pacing: hosts whose next start is held
    qint64 m_wakeAtMs = 0;
};

} // namespace Ferry
