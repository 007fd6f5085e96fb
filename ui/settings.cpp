#include "settings.h"

#include "core/hostlimits.h"

#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

template<typename T>
struct Key
{
    QString name;
    T fallback;
};

const Key<int> MaxConcurrent{u"downloads/maxConcurrent"_s, 5};
const Key<bool> AutomaticConcurrency{u"downloads/automaticConcurrency"_s, true};
const Key<int> ConnectionsPerHost{u"downloads/connectionsPerHost"_s, 16};
const Key<int> SegmentsPerFile{u"downloads/segmentsPerFile"_s, 8};
const Key<qint64> OverallSpeedLimit{u"downloads/overallSpeedLimit"_s, 0};
const Key<qint64> DownloadSpeedLimit{u"downloads/downloadSpeedLimit"_s, 0};
const Key<int> MaxTries{u"downloads/maxTries"_s, 5};
const Key<qint64> WaitBetweenRequests{u"downloads/waitBetweenRequestsMs"_s, 0};
const Key<bool> RandomWait{u"downloads/randomWait"_s, false};
const Key<QString> HostConnectionLimits{u"downloads/hostConnectionLimits"_s, {}};
constexpr qint64 MaxWaitMs = 3'600'000; // as ferry-cli's --wait
const Key<bool> CloseToTray{u"window/closeToTray"_s, true};
const Key<bool> Notifications{u"window/notifications"_s, true};
const Key<bool> TrayHintShown{u"window/trayHintShown"_s, false};
const Key<bool> StartMinimized{u"window/startMinimized"_s, false};
const Key<bool> WatchClipboard{u"window/watchClipboard"_s, false};
const QString DownloadDirectoryKey = u"downloads/directory"_s;
const QString LanguageKey = u"window/language"_s;
const QString GeometryKey = u"window/geometry"_s;
const QString HeaderKey = u"window/header"_s;
const Key<QString> ProxyMode{u"proxy/mode"_s, u"system"_s}; // system, none or manual
const Key<QString> ProxyHttp{u"proxy/http"_s, {}};
const Key<QString> ProxyHttps{u"proxy/https"_s, {}};
const Key<QStringList> ProxyExceptions{u"proxy/noProxy"_s, {}};
const Key<QString> ProxyUser{u"proxy/user"_s, {}};
const QString RemoteEnginesKey = u"engines/remote"_s; // an array of name, host, port
const Key<QString> ActiveEngine{u"engines/active"_s, {}};
// "host=HEX" per trusted certificate.
const Key<QStringList> TrustedCertificates{u"tls/trustedCertificates"_s, {}};

QString trustEntry(const QString &host, const QByteArray &sha256)
{
    return host.toLower() + u'=' + QString::fromLatin1(sha256.toHex());
}

template<typename T>
T read(const QSettings &store, const Key<T> &key)
{
    return store.value(key.name, key.fallback).template value<T>();
}

} // namespace

Settings::Settings(const QString &filePath)
    : m_store(filePath.isEmpty() ? std::make_unique<QSettings>()
                                 : std::make_unique<QSettings>(filePath, QSettings::IniFormat))
{}

Settings::~Settings() = default;

QString Settings::downloadDirectory() const
{
    const QString fallback = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString value = m_store->value(DownloadDirectoryKey).toString();
    return value.isEmpty() ? fallback : value;
}

void Settings::setDownloadDirectory(const QString &directory)
{
    m_store->setValue(DownloadDirectoryKey, directory);
}

int Settings::maxConcurrent() const
{
    return qBound(1, read(*m_store, MaxConcurrent), 100);
}

bool Settings::automaticConcurrency() const
{
    return read(*m_store, AutomaticConcurrency);
}

void Settings::setAutomaticConcurrency(bool automatic)
{
    m_store->setValue(AutomaticConcurrency.name, automatic);
}

void Settings::setMaxConcurrent(int count)
{
    m_store->setValue(MaxConcurrent.name, count);
}

int Settings::connectionsPerHost() const
{
    return qBound(1, read(*m_store, ConnectionsPerHost), 64);
}

void Settings::setConnectionsPerHost(int count)
{
    m_store->setValue(ConnectionsPerHost.name, count);
}

int Settings::segmentsPerFile() const
{
    return qBound(1, read(*m_store, SegmentsPerFile), 16);
}

void Settings::setSegmentsPerFile(int count)
{
    m_store->setValue(SegmentsPerFile.name, count);
}

qint64 Settings::overallSpeedLimit() const
{
    return qMax<qint64>(0, read(*m_store, OverallSpeedLimit));
}

void Settings::setOverallSpeedLimit(qint64 bytesPerSecond)
{
    m_store->setValue(OverallSpeedLimit.name, bytesPerSecond);
}

qint64 Settings::downloadSpeedLimit() const
{
    return qMax<qint64>(0, read(*m_store, DownloadSpeedLimit));
}

void Settings::setDownloadSpeedLimit(qint64 bytesPerSecond)
{
    m_store->setValue(DownloadSpeedLimit.name, bytesPerSecond);
}

int Settings::maxTries() const
{
    return qBound(0, read(*m_store, MaxTries), 100);
}

void Settings::setMaxTries(int tries)
{
    m_store->setValue(MaxTries.name, tries);
}

bool Settings::closeToTray() const
{
    return read(*m_store, CloseToTray);
}

void Settings::setCloseToTray(bool enabled)
{
    m_store->setValue(CloseToTray.name, enabled);
}

bool Settings::notifications() const
{
    return read(*m_store, Notifications);
}

void Settings::setNotifications(bool enabled)
{
    m_store->setValue(Notifications.name, enabled);
}

bool Settings::startMinimized() const
{
    return read(*m_store, StartMinimized);
}

void Settings::setStartMinimized(bool enabled)
{
    m_store->setValue(StartMinimized.name, enabled);
}

bool Settings::watchClipboard() const
{
    return read(*m_store, WatchClipboard);
}

void Settings::setWatchClipboard(bool enabled)
{
    m_store->setValue(WatchClipboard.name, enabled);
}

QString Settings::language() const
{
    return m_store->value(LanguageKey).toString();
}

void Settings::setLanguage(const QString &language)
{
    m_store->setValue(LanguageKey, language);
}

bool Settings::trayHintShown() const
{
    return read(*m_store, TrayHintShown);
}

void Settings::setTrayHintShown(bool shown)
{
    m_store->setValue(TrayHintShown.name, shown);
}

QByteArray Settings::windowGeometry() const
{
    return m_store->value(GeometryKey).toByteArray();
}

void Settings::setWindowGeometry(const QByteArray &geometry)
{
    m_store->setValue(GeometryKey, geometry);
}

QByteArray Settings::headerState() const
{
    return m_store->value(HeaderKey).toByteArray();
}

void Settings::setHeaderState(const QByteArray &state)
{
    m_store->setValue(HeaderKey, state);
}

qint64 Settings::waitBetweenRequestsMs() const
{
    return qBound(qint64(0), read(*m_store, WaitBetweenRequests), MaxWaitMs);
}

void Settings::setWaitBetweenRequestsMs(qint64 ms)
{
    m_store->setValue(WaitBetweenRequests.name, ms);
}

bool Settings::randomWait() const
{
    return read(*m_store, RandomWait);
}

void Settings::setRandomWait(bool enabled)
{
    m_store->setValue(RandomWait.name, enabled);
}

QHash<QString, int> Settings::hostConnectionLimits() const
{
    // Written by setHostConnectionLimits(); a hand-edited list that does not parse means none.
    return HostLimits::parseList(read(*m_store, HostConnectionLimits), nullptr)
        .value_or(QHash<QString, int>());
}

void Settings::setHostConnectionLimits(const QHash<QString, int> &limits)
{
    m_store->setValue(HostConnectionLimits.name, HostLimits::formatList(limits));
}

ProxySettings Settings::proxy() const
{
    ProxySettings proxy;
    const QString mode = read(*m_store, ProxyMode);
    proxy.mode = mode == "manual"_L1 ? ProxySettings::Mode::Manual
                 : mode == "none"_L1 ? ProxySettings::Mode::None
                                     : ProxySettings::Mode::System;
    // Written by setProxy() from parsed URLs; anything else (a hand-edited file) means none.
    proxy.httpProxy =
        ProxySettings::parseProxy(read(*m_store, ProxyHttp), nullptr).value_or(QUrl());
    proxy.httpsProxy =
        ProxySettings::parseProxy(read(*m_store, ProxyHttps), nullptr).value_or(QUrl());
    proxy.noProxy = read(*m_store, ProxyExceptions);
    proxy.user = read(*m_store, ProxyUser);
    return proxy;
}

void Settings::setProxy(const ProxySettings &proxy)
{
    const QString mode = proxy.mode == ProxySettings::Mode::Manual ? u"manual"_s
                         : proxy.mode == ProxySettings::Mode::None ? u"none"_s
                                                                   : u"system"_s;
    m_store->setValue(ProxyMode.name, mode);
    // Never a password: a login typed into a proxy URL loses its password here.
    m_store->setValue(ProxyHttp.name, proxy.httpProxy.toString(QUrl::RemovePassword));
    m_store->setValue(ProxyHttps.name, proxy.httpsProxy.toString(QUrl::RemovePassword));
    m_store->setValue(ProxyExceptions.name, proxy.noProxy);
    m_store->setValue(ProxyUser.name, proxy.user);
}

QList<RemoteEngine> Settings::remoteEngines() const
{
    QList<RemoteEngine> engines;
    const int count = m_store->beginReadArray(RemoteEnginesKey);
    for (int i = 0; i < count; ++i) {
        m_store->setArrayIndex(i);
        RemoteEngine engine;
        engine.name = m_store->value(u"name"_s).toString();
        engine.host = m_store->value(u"host"_s).toString();
        engine.port = m_store->value(u"port"_s, 6800).toInt();
        if (!engine.name.isEmpty() && !engine.host.isEmpty())
            engines.append(engine);
    }
    m_store->endArray();
    return engines;
}

void Settings::setRemoteEngines(const QList<RemoteEngine> &engines)
{
    m_store->remove(RemoteEnginesKey);
    m_store->beginWriteArray(RemoteEnginesKey, int(engines.size()));
    for (int i = 0; i < engines.size(); ++i) {
        m_store->setArrayIndex(i);
        m_store->setValue(u"name"_s, engines.at(i).name);
        m_store->setValue(u"host"_s, engines.at(i).host);
        m_store->setValue(u"port"_s, engines.at(i).port);
    }
    m_store->endArray();
}

QString Settings::activeEngine() const
{
    return read(*m_store, ActiveEngine);
}

void Settings::setActiveEngine(const QString &name)
{
    m_store->setValue(ActiveEngine.name, name);
}

std::optional<RemoteEngine> Settings::activeRemoteEngine() const
{
    const QString name = activeEngine();
    if (name.isEmpty())
        return std::nullopt;
    const QList<RemoteEngine> engines = remoteEngines();
    for (const RemoteEngine &engine : engines) {
        if (engine.name == name)
            return engine;
    }
    return std::nullopt;
}

QMultiHash<QString, QByteArray> Settings::trustedCertificates() const
{
    constexpr qsizetype Sha256Bytes = 32;
    QMultiHash<QString, QByteArray> trusted;
    const QStringList entries = read(*m_store, TrustedCertificates);
    for (const QString &entry : entries) {
        const qsizetype equals = entry.lastIndexOf(u'=');
        const QString host = entry.left(std::max<qsizetype>(equals, 0)).toLower();
        const QByteArray sha256 = QByteArray::fromHex(entry.mid(equals + 1).toLatin1());
        // A hand-edited line that does not read as a whole fingerprint trusts nothing.
        if (!host.isEmpty() && sha256.size() == Sha256Bytes && !trusted.contains(host, sha256))
            trusted.insert(host, sha256);
    }
    return trusted;
}

void Settings::addTrustedCertificate(const QString &host, const QByteArray &sha256)
{
    QStringList entries = read(*m_store, TrustedCertificates);
    const QString entry = trustEntry(host, sha256);
    if (entries.contains(entry))
        return;
    entries.append(entry);
    m_store->setValue(TrustedCertificates.name, entries);
}

void Settings::removeTrustedCertificate(const QString &host, const QByteArray &sha256)
{
    QStringList entries = read(*m_store, TrustedCertificates);
    if (entries.removeAll(trustEntry(host, sha256)) > 0)
        m_store->setValue(TrustedCertificates.name, entries);
}

EngineOptions Settings::engineOptions(EngineOptions base) const
{
    const QString password = base.proxy.password;
    base.proxy = proxy();
    base.proxy.password = password;
    base.maxActive = maxConcurrent();
    base.autoConcurrency = automaticConcurrency();
    base.maxConnectionsPerHost = connectionsPerHost();
    base.split = segmentsPerFile();
    base.maxConnectionsPerServer = segmentsPerFile();
    base.maxOverallBytesPerSecond = overallSpeedLimit();
    base.maxBytesPerSecond = downloadSpeedLimit();
    base.maxTries = maxTries();
    base.waitMs = waitBetweenRequestsMs();
    base.randomWait = randomWait();
    base.hostConnectionLimits = hostConnectionLimits();
    base.trustedCertificates.unite(trustedCertificates());
    return base;
}

void Settings::sync()
{
    m_store->sync();
}

} // namespace Ferry
