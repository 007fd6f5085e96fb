#pragma once

#include "core/proxysettings.h"

#include <QByteArray>
#include <QHash>
#include <QMultiHash>
#include <QString>
#include <QtGlobal>

namespace Ferry {

// Engine settings. Defaults are what `ferry-cli` and the GUI start with.
struct EngineOptions
{
    int maxActive = 5; // downloads running at once (the starting point when automatic)
    // Automatic concurrency (-j auto): the number running at once climbs while the total
    // throughput grows, and 429/503 answers cap the requests to that host (ConcurrencyTuner).
    bool autoConcurrency = false;
    int autoMaxActive = 32;
    // Connections to one host at once, over all downloads and their segments: politeness.
    int maxConnectionsPerHost = 16;
    QHash<QString, int> hostConnectionLimits; // lower-case host -> its own cap
    // Politeness: at least this long between request starts on one host (wget's --wait),
    // jittered by 0.5-1.5x when randomWait is set (wget's --random-wait).
    qint64 waitMs = 0;
    bool randomWait = false;
    // Host cool-down: this many failures of a host in a row (refused or reset connections,
    // timeouts, 408, 429, 5xx) stop new requests to it for hostCoolDownMs, doubling after every
    // failed probe up to maxHostCoolDownMs. After maxTries failed cool-downs in a row, the
    // host's waiting items fail.
    int hostFailuresInARow = 5;
    qint64 hostCoolDownMs = 5000;
    qint64 maxHostCoolDownMs = 300000;
    // Connections for one download (aria2's -s and -x; the smaller one counts, as there is one
    // server per download). Eight bring a file over a slow or per-connection-throttled route
    // about eight times faster and are still polite.
    int split = 8;
    int maxConnectionsPerServer = 8;
    // No segment is cut smaller than this: a new connection costs a round trip and, over TLS, a
    // handshake, worth it only for a few hundred milliseconds of transfer. aria2's 20 MiB keeps
    // files under 40 MiB on one connection; 2 MiB splits anything from 4 MiB up.
    qint64 minSplitBytes = 2 << 20;
    int maxTries = 5;               // attempts per download, the first included; 0 = unlimited
    qint64 retryWaitMs = 1000;      // first backoff step; doubles per attempt, jittered
    qint64 maxRetryWaitMs = 120000; // backoff ceiling (Retry-After may ask for more, up to 1 h)
    qint64 stallTimeoutMs = 60000;  // no byte for this long: the connection is dropped
    int progressIntervalMs = 250;   // snapshot batches at most this often
    qint64 transferBufferBytes = 8 << 20; // bytes read but not yet on disk, per download
    qint64 globalBufferBytes = 64 << 20;  // and for all downloads together
    // Quick checkpoints (bytes the OS holds; they survive a killed process, not a reboot) keep
    // what a crash costs small. Durable ones wait for the disk, which is what made a 2 GiB
    // download 3x slower when done every 64 MiB, so they come by time: a reboot or power cut
    // costs at most that much progress, and never a corrupt file.
    qint64 checkpointEveryBytes = 2 << 20;
    qint64 checkpointEveryMs = 1000;
    qint64 durableCheckpointEveryMs = 30000; // also on every stop (pause, error, quit)
    QString stateDirectory;                  // checkpoints and the record of completed downloads
    QString caCertificateFile;               // PEM certificates trusted besides the system's
    // Certificates the user trusts for one host despite their errors: lower-case host name ->
    // SHA-256 of the certificate (see TlsPolicy).
    QMultiHash<QString, QByteArray> trustedCertificates;
    ProxySettings proxy;
    // HTTP/2 in Qt 6.4 cannot slow a sender down: when this much arrived unread because the disk
    // lags, the download continues over HTTP/1.1 (for that host), where TCP pushes back.
    qint64 http2SpillBytes = 32 << 20;
    qint64 maxOverallBytesPerSecond = 0; // 0 = unlimited
    qint64 maxBytesPerSecond = 0;        // per download; 0 = unlimited
    QByteArray userAgent;
};

} // namespace Ferry
