#pragma once

#include "core/engineoptions.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QtGlobal>

namespace Ferry {

// Automatic concurrency ("-j auto"): how many downloads run at once, found by climbing while
// the total throughput keeps growing. Only periods in which the limit (not the queue) held
// work back count. Climbing: a period that brought clearly more than the best so far climbs
// further; one that did not goes back to the best limit and holds it for a while. After a
// hold it probes, upwards and downwards in turn: a descent continues while throughput stays
// within minGain of where it began, since fewer downloads for the same throughput are better.
// First-byte latency that climbs far above the best seen while holding steps down. A 429 or
// 503 from a host caps the requests in flight to that host just below what it took, and the
// cap is probed upwards again after a quiet spell. Plain logic over the caller's clock.
class ConcurrencyTuner
{
public:
    struct Options
    {
        int initial = 8;
        int minimum = 1;
        int maximum = 32;
        qint64 periodMs = 500;     // one measurement
        double minGain = 0.05;     // a climb must bring at least this much more throughput
        int holdPeriods = 10;      // periods to stay at the best limit before probing again
        double latencyRise = 2.0;  // first-byte latency this many times the best seen: too much
        qint64 hostQuietMs = 5000; // no 429/503 for this long: a host's cap may grow by one
    };

    explicit ConcurrencyTuner(const Options &options);

    // Starts at maxActive, climbs up to autoMaxActive.
    static Options optionsFor(const EngineOptions &options);

    int limit() const { return m_limit; }

    // Called every few hundred ms with the bytes received so far (all downloads) and whether the
    // limit held queued work back at that moment (otherwise a period says nothing about it).
    void sample(qint64 nowMs, qint64 bytesFetched, bool limitBound);
    // The time from a download's start to its response headers.
    void noteFirstByteLatency(qint64 ms);
    // A host answered 429/503 while `inFlight` requests to it were out.
    void noteThrottled(const QString &host, int inFlight, qint64 nowMs);
    // A request to the host succeeded.
    void noteHostSuccess(const QString &host, qint64 nowMs);
    // Requests allowed in flight to the host; a large number when it never pushed back.
    int hostCeiling(const QString &host) const;

private:
    struct HostCap
    {
        int ceiling = 0;
        qint64 lastThrottleMs = 0;
    };

    void finishPeriod(double rate, qint64 latencyMs);
    void moveTo(int limit);

    Options m_options;
    int m_limit;
    // The period under way.
    qint64 m_periodStartMs = -1;
    qint64 m_periodStartBytes = 0;
    int m_boundSamples = 0;
    int m_samples = 0;
    QList<qint64> m_latencies;
    // What the climb knows.
    enum class Mode {
        Climbing,   // each period one step above the best so far, while that pays
        Holding,    // at the best limit for a while
        Descending, // probing downwards while throughput holds
    };
    Mode m_mode = Mode::Climbing;
    int m_bestLimit = 0; // 0: nothing measured yet
    double m_bestRate = -1;
    double m_anchorRate = -1; // the best limit's rate when a descent began
    qint64 m_bestLatencyMs = -1;
    int m_holdLeft = 0;
    bool m_probeUpNext = true;
    QHash<QString, HostCap> m_hosts;
};

} // namespace Ferry
