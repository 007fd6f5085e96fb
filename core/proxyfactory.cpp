#include "proxyfactory.h"

#include <QMutexLocker>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

// Bounds the memory of the system answers; a batch over more hosts than this asks again.
constexpr qsizetype MaxSystemAnswers = 1024;

} // namespace

ProxyFactory::ProxyFactory(ProxySettings settings, bool bufferDirectHttp)
    : m_settings(std::move(settings))
    , m_bufferDirectHttp(bufferDirectHttp)
{}

// Qt 6.4 reads an HTTP answer's status line and headers one byte at a time. For a direct
// plain-HTTP connection (proxy NoProxy) it uses an unbuffered socket, so each of those bytes is
// a read() call: about 250 per answer, most of the system time of a batch of small files. Told
// DefaultProxy instead, Qt takes its buffered socket (64 KiB), and the socket, asking the
// application's proxy, connects directly once bufferDirectConnections() has set that to none.
// That socket costs more for big bodies (AnswerSizes), so only managers for hosts answering
// small files use it. HTTPS is left as it is: Qt buffers TLS sockets anyway.
QList<QNetworkProxy> ProxyFactory::queryProxy(const QNetworkProxyQuery &query)
{
    QList<QNetworkProxy> proxies = choose(query);
    if (m_bufferDirectHttp && query.url().scheme() == "http"_L1 && directConnectionsBuffered()) {
        for (QNetworkProxy &proxy : proxies) {
            if (proxy.type() == QNetworkProxy::NoProxy)
                proxy = QNetworkProxy(QNetworkProxy::DefaultProxy);
        }
    }
    return proxies;
}

QList<QNetworkProxy> ProxyFactory::choose(const QNetworkProxyQuery &query)
{
    switch (m_settings.mode) {
    case ProxySettings::Mode::None:
        return {QNetworkProxy(QNetworkProxy::NoProxy)};
    case ProxySettings::Mode::System:
        return systemAnswer(query);
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

// Qt asks libproxy for every request, waiting for libproxy's own thread, which reads
// /etc/services twice each time. Proxy settings change rarely, so an answer is kept a while.
QList<QNetworkProxy> ProxyFactory::systemAnswer(const QNetworkProxyQuery &query)
{
    const QUrl target = query.url();
    // Joined, not arg()-formatted: this runs for every request.
    QString key;
    if (target.isEmpty())
        key = query.peerHostName() + u':' + QString::number(query.peerPort());
    else
        key = target.scheme().toLower() + u"://" + target.host() + u':'
              + QString::number(target.port());
    QMutexLocker lock(&m_mutex);
    const auto it = m_systemAnswers.constFind(key);
    if (it != m_systemAnswers.constEnd() && !it->expiry.hasExpired())
        return it->proxies;
    lock.unlock();
    QList<QNetworkProxy> proxies = systemProxyForQuery(query);
    if (proxies.isEmpty())
        proxies.append(QNetworkProxy(QNetworkProxy::NoProxy));
    lock.relock();
    if (m_systemAnswers.size() >= MaxSystemAnswers)
        m_systemAnswers.clear();
    m_systemAnswers.insert(key, {proxies, QDeadlineTimer(SystemAnswerLifetimeMs)});
    return proxies;
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

void ProxyFactory::bufferDirectConnections()
{
    QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::NoProxy));
}

bool ProxyFactory::directConnectionsBuffered()
{
    return !usesSystemConfiguration()
           && QNetworkProxy::applicationProxy().type() == QNetworkProxy::NoProxy;
}

} // namespace Ferry
