#pragma once

#include "core/engineoptions.h"
#include "ui/remoteengine.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMultiHash>
#include <QString>

#include <memory>
#include <optional>

class QSettings;

namespace Ferry {

// Ferry's preferences, typed. Each accessor declares its key and default in one place; the
// values live in QSettings (the platform's usual place, or one file for tests).
class Settings final
{
    Q_DISABLE_COPY_MOVE(Settings)

public:
    // Empty: the application's default QSettings; otherwise an INI file at that path.
    explicit Settings(const QString &filePath = {});
    ~Settings();

    QString downloadDirectory() const;
    void setDownloadDirectory(const QString &directory);
    int maxConcurrent() const;
    void setMaxConcurrent(int count);
    // The number running at once follows the throughput (ConcurrencyTuner), starting from
    // maxConcurrent().
    bool automaticConcurrency() const;
    void setAutomaticConcurrency(bool automatic);
    int connectionsPerHost() const;
    void setConnectionsPerHost(int count);
    int segmentsPerFile() const; // connections one download may open, 1..16
    void setSegmentsPerFile(int count);
    qint64 overallSpeedLimit() const; // bytes per second for all downloads; 0 = unlimited
    void setOverallSpeedLimit(qint64 bytesPerSecond);
    qint64 downloadSpeedLimit() const; // bytes per second for each download; 0 = unlimited
    void setDownloadSpeedLimit(qint64 bytesPerSecond);
    int maxTries() const;
    void setMaxTries(int tries);
    // Politeness (wget's --wait and --random-wait): the least time between two request starts on
    // one server, in ms (0: none), and whether it varies by 0.5-1.5x.
    qint64 waitBetweenRequestsMs() const;
    void setWaitBetweenRequestsMs(qint64 ms);
    bool randomWait() const;
    void setRandomWait(bool enabled);
    // Servers with their own connection cap below the one for all (lower-case host -> cap).
    QHash<QString, int> hostConnectionLimits() const;
    void setHostConnectionLimits(const QHash<QString, int> &limits);
    bool closeToTray() const;
    void setCloseToTray(bool enabled);
    bool notifications() const;
    void setNotifications(bool enabled);
    bool startMinimized() const; // to the tray, when there is one
    void setStartMinimized(bool enabled);
    bool watchClipboard() const; // offer links copied elsewhere; off by default
    void setWatchClipboard(bool enabled);
    QString language() const; // empty: follow the system; else a locale name such as zh_CN
    void setLanguage(const QString &language);
    bool trayHintShown() const;
    void setTrayHintShown(bool shown);
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray headerState() const;
    void setHeaderState(const QByteArray &state);
    // The proxy, without its password: QSettings files are plain text. The password reaches the
    // engine as a login and lives in the keychain (ProxySettings::credentialKeys()).
    ProxySettings proxy() const;
    void setProxy(const ProxySettings &proxy);
    // Certificates the user chose to trust despite their errors, each for one host: lower-case
    // host name -> the certificate's SHA-256 (raw bytes). A fingerprint is no secret.
    QMultiHash<QString, QByteArray> trustedCertificates() const;
    void addTrustedCertificate(const QString &host, const QByteArray &sha256);
    void removeTrustedCertificate(const QString &host, const QByteArray &sha256);

    // Remote aria2 engines (issue 8), without their secrets (those are in the keychain), and
    // the one the window drives: empty for this computer's own engine, else a remote's name.
    QList<RemoteEngine> remoteEngines() const;
    void setRemoteEngines(const QList<RemoteEngine> &engines);
    QString activeEngine() const;
    void setActiveEngine(const QString &name);
    // The active remote engine, or nullopt for the local one (or a name no longer listed).
    std::optional<RemoteEngine> activeRemoteEngine() const;

    // `base` with the limits, the proxy and the trusted certificates above applied (base's proxy
    // password and trusted certificates are kept).
    EngineOptions engineOptions(EngineOptions base) const;

    void sync();

private:
    std::unique_ptr<QSettings> m_store;
};

} // namespace Ferry
