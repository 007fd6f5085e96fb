#pragma once

#include "core/checksumspec.h"
#include "core/proxysettings.h"
#include "core/requestheaders.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QMultiHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace Ferry {

// ferry-cli's command line, in aria2c's spelling where aria2c has the option.
struct CliOptions
{
    Q_DECLARE_TR_FUNCTIONS(CliOptions)

public:
    enum class Action {
        Download,
        Help,
        Version,
    };

    Action action = Action::Download;
    QStringList urls;
    QString inputFile; // "-" for standard input
    QString directory; // absolute
    QString outName;
    QString caCertificateFile;
    QString httpUser;
    // --http-passwd, visible to other local users in the process list; ferry-cli warns.
    std::optional<QString> httpPassword;
    bool saveCredentials = false;
    std::optional<ChecksumSpec> checksum;
    // --user-agent, --referer, --header, --load-cookies (absolute, checked to be readable)
    RequestHeaders headers;
    QMultiHash<QString, QByteArray> trustedCertificates; // --trust-certificate
    ProxySettings proxy; // --all-proxy, --http-proxy, --https-proxy, --no-proxy, --all-proxy-*
    bool proxyPasswordOnCommandLine = false; // other local users can read it in the process list
    int maxConcurrent = 5;      // where the automatic number starts, or the fixed one (-j N)
    bool autoConcurrent = true; // -j auto: measured at 102-110% of the best fixed -j
    int split = 8;
    int connectionsPerServer = 8;
    qint64 minSplitBytes = 2 << 20;
    int maxConnectionsPerHost = 16;
    QHash<QString, int> hostConnectionLimits;
    double waitSeconds = 0;
    bool randomWait = false;
    QString reportFile;     // absolute; empty: no report
    QString failedListFile; // absolute; empty: a new file in the state folder
    int maxTries = 5;
    double retryWaitSeconds = 1.0;
    double timeoutSeconds = 60.0;
    qint64 maxOverallBytesPerSecond = 0; // 0 = unlimited
    qint64 maxBytesPerSecond = 0;        // per download; 0 = unlimited
    bool allowOverwrite = false;
    bool quiet = false;

    // Parses arguments (without the program name). On failure returns nullopt and sets *error
    // to a translated, one-line reason.
    static std::optional<CliOptions> parse(const QStringList &arguments, QString *error);
    static QString helpText();
};

} // namespace Ferry
