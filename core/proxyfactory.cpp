#include "proxyfactory.h"

using namespace Qt::StringLiterals;

namespace Ferry {

ProxyFactory::ProxyFactory(ProxySettings settings)
    : m_settings(std::move(settings))
{}

QList<QNetworkProxy> ProxyFactory::queryProxy(const QNetworkProxyQuery &query)
{
    switch (m_settings.mode) {
    case ProxySettings::Mode::None:
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
    case ProxySettings::Mode::System:
        return systemProxyForQuery(query);
    case ProxySettings::Mode::Manual:
        break;
    }
    const QUrl target = query.url();
    const QString host = target.isEmpty() ? query.peerHostName() : target.host();
    const bool https = target.scheme().compare("https"_L1, Qt::CaseInsensitive) == 0
                       || (target.isEmpty() && query.peerPort() == 443);
    const QUrl &proxy = https ? m_settings.httpsProxy : m_settings.httpProxy;
    if (proxy.isEmpty() || m_settings.bypasses(host))
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
    return {proxyFor(proxy, m_settings)};
}

QNetworkProxy ProxyFactory::proxyFor(const QUrl &url, const ProxySettings &settings)
{
    const bool socks = url.scheme() == "socks5"_L1;
    QNetworkProxy proxy(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy,
                        url.host(),
                        quint16(url.port(socks ? 1080 : 80)));
    const QString user = settings.user.isEmpty() ? url.userName() : settings.user;
    const QString password = settings.password.isEmpty() ? url.password() : settings.password;
    // A user name without its password would go to an HTTP proxy as a login with an empty
    // password; then the proxy asks, and the engine's AuthHandler answers with the whole login.
    // A SOCKS5 proxy is asked for a login only when there is a user name to offer.
    if (!user.isEmpty() && (socks || !password.isEmpty())) {
        proxy.setUser(user);
        proxy.setPassword(password);
    }
    return proxy;
}

} // namespace Ferry
