#pragma once

#include "core/proxysettings.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QMutex>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>

namespace Ferry {

// Answers an access manager's "which proxy for this request?" from ProxySettings. Each manager
// owns its own factory (QNetworkAccessManager::setProxyFactory takes ownership).
class ProxyFactory final : public QNetworkProxyFactory
{
public:
    // `bufferDirectHttp`: whether the manager's direct plain-HTTP connections use Qt's buffered
    // socket (the .cpp says why; ConnectionPool says for which hosts).
    explicit ProxyFactory(ProxySettings settings, bool bufferDirectHttp = false);

    // What the manager is told: choose(), with a direct plain-HTTP connection spelled
    // DefaultProxy when the manager buffers them and directConnectionsBuffered() holds.
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override;
    // The decision: a proxy, or NoProxy for a direct connection. The system's answers are kept
    // for a while per scheme, host and port.
    QList<QNetworkProxy> choose(const QNetworkProxyQuery &query);

    // The QNetworkProxy for one of the settings' proxy URLs, with the settings' login.
    static QNetworkProxy proxyFor(const QUrl &url, const ProxySettings &settings);

    // Makes a socket told DefaultProxy connect directly: sets the application's proxy to none,
    // which also stops sockets of this process from consulting the system's settings on their
    // own. The engine's requests keep following ProxySettings through this factory.
    static void bufferDirectConnections();
    // Whether a socket told DefaultProxy connects directly.
    static bool directConnectionsBuffered();

    // How long the system's answer for one scheme, host and port is reused.
    static constexpr int SystemAnswerLifetimeMs = 30'000;

private:
    QList<QNetworkProxy> systemAnswer(const QNetworkProxyQuery &query);

    ProxySettings m_settings;
    bool m_bufferDirectHttp;

    struct Answer
    {
        QList<QNetworkProxy> proxies;
        QDeadlineTimer expiry;
    };

    QMutex m_mutex; // Qt may ask from its own threads
    QHash<QString, Answer> m_systemAnswers;
};

} // namespace Ferry
