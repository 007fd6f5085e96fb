#include "connectionpool.h"

#include "core/http1accessmanager.h"
#include "core/http1reply.h"
#include "core/proxyfactory.h"

#include <QAuthenticator>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

// How long a host's "no proxy" answer is reused: the system's settings can change underneath.
constexpr qint64 DirectAnswerLifetimeMs = 1000;

} // namespace

ConnectionPool::ConnectionPool(int maxPerHost, QObject *parent)
    : QObject(parent)
    , m_maxPerHost(std::max(1, maxPerHost))
    , m_proxyCheck(std::make_unique<ProxyFactory>(m_proxy))
{
    ProxyFactory::bufferDirectConnections();
}

ConnectionPool::~ConnectionPool() = default;

void ConnectionPool::setMaxPerHost(int maxPerHost)
{
    const bool grew = maxPerHost > m_maxPerHost;
    m_maxPerHost = std::max(1, maxPerHost);
    if (grew)
        emit released();
}

void ConnectionPool::setHostLimits(const QHash<QString, int> &limits)
{
    m_hostLimits.clear();
    for (auto it = limits.begin(); it != limits.end(); ++it)
        m_hostLimits.insert(it.key().toLower(), std::max(1, it.value()));
    emit released(); // some host may have more room now
}

int ConnectionPool::capFor(const QString &host) const
{
    return m_hostLimits.isEmpty() ? m_maxPerHost : m_hostLimits.value(host, m_maxPerHost);
}

int ConnectionPool::inUse(const QString &host) const
{
    const auto it = m_inUse.constFind(host);
    return it == m_inUse.constEnd() ? 0 : std::accumulate(it->begin(), it->end(), 0);
}

void ConnectionPool::setProxySettings(const ProxySettings &settings)
{
    m_proxy = settings;
    m_proxyCheck = std::make_unique<ProxyFactory>(m_proxy);
    m_directAnswers.clear();
    for (qsizetype i = 0; i < m_managers.size(); ++i)
        m_managers.at(i)->setProxyFactory(new ProxyFactory(m_proxy, m_buffered.at(i)));
}

QNetworkAccessManager *ConnectionPool::acquire(const QString &host, bool plainHttp)
{
    if (!hasRoom(host))
        return nullptr;
    QList<int> &counts = m_inUse[host];
    // Only for requests Http1Reply may carry: any other would meet Qt's six connections per host
    // on the one manager.
    if (plainHttp && usesOwnHttp(host)) {
        if (!m_http1)
            m_http1 = static_cast<Http1AccessManager *>(addManager(false, true));
        const qsizetype index = m_managers.indexOf(m_http1);
        if (counts.size() <= index)
            counts.resize(index + 1);
        ++counts[index];
        return m_http1;
    }
    const bool buffered = m_answerSizes.answersSmall(host);
    // Fill managers of the kind the host needs in order: the first ones keep their idle
    // connections warm.
    qsizetype index = 0;
    while (index < m_managers.size()
           && (m_managers.at(index) == m_http1 || m_buffered.at(index) != buffered
               || counts.value(index) >= ConnectionsPerManager)) {
        ++index;
    }
    QNetworkAccessManager *network =
        index < m_managers.size() ? m_managers.at(index) : addManager(buffered);
    if (counts.size() <= index)
        counts.resize(index + 1);
    ++counts[index];
    return network;
}

bool ConnectionPool::usesOwnHttp(const QString &host)
{
    return m_ownHttpEnabled && m_answerSizes.answersOften(host) && !m_challenged.contains(host)
           && isDirect(host);
}

bool ConnectionPool::isDirect(const QString &host)
{
    if (!m_clock.isValid())
        m_clock.start();
    const qint64 nowMs = m_clock.elapsed();
    const auto known = m_directAnswers.constFind(host);
    if (known != m_directAnswers.constEnd() && nowMs - known->atMs < DirectAnswerLifetimeMs)
        return known->direct;
    const QList<QNetworkProxy> proxies =
        m_proxyCheck->choose(QNetworkProxyQuery(QUrl(u"http://"_s + host + u'/')));
    const bool direct = !proxies.isEmpty() && proxies.first().type() == QNetworkProxy::NoProxy;
    if (m_directAnswers.size() >= AnswerSizes::MaxHosts)
        m_directAnswers.clear();
    m_directAnswers.insert(host, DirectAnswer{direct, nowMs});
    return direct;
}

void ConnectionPool::prepare(QNetworkRequest &request, const QNetworkAccessManager *network)
{
    if (!m_ownHttpEnabled || network == m_http1 || request.url().scheme() != "http"_L1)
        return;
    const QString host = request.url().host().toLower();
    if (m_challenged.contains(host)
        || !Http1Reply::canCarry(QNetworkAccessManager::GetOperation, request) || !isDirect(host)) {
        return;
    }
    request.setRawHeader("Connection", "close");
}

void ConnectionPool::noteChallenge(const QString &host)
{
    if (m_challenged.size() >= AnswerSizes::MaxHosts)
        m_challenged.clear();
    m_challenged.insert(host.toLower());
}

void ConnectionPool::release(const QString &host, QNetworkAccessManager *network)
{
    const qsizetype index = m_managers.indexOf(network);
    auto it = m_inUse.find(host);
    if (index < 0 || it == m_inUse.end() || index >= it->size() || it->at(index) <= 0)
        return;
    --(*it)[index];
    if (std::all_of(it->begin(), it->end(), [](int count) { return count == 0; }))
        m_inUse.erase(it);
    emit released();
}

void ConnectionPool::dropIdleConnections()
{
    for (QNetworkAccessManager *network : std::as_const(m_managers))
        network->clearConnectionCache();
    if (m_http1)
        m_http1->http1Pool()->clear();
}

QNetworkAccessManager *ConnectionPool::addManager(bool bufferDirectHttp, bool ownHttp)
{
    QNetworkAccessManager *network =
        ownHttp ? new Http1AccessManager(this) : new QNetworkAccessManager(this);
    network->setAutoDeleteReplies(false);
    // The manager owns its factory.
    network->setProxyFactory(new ProxyFactory(m_proxy, bufferDirectHttp));
    connect(network,
            &QNetworkAccessManager::authenticationRequired,
            this,
            [this](QNetworkReply *reply, QAuthenticator *authenticator) {
                noteChallenge(reply->url().host());
                emit authenticationRequired(reply, authenticator);
            });
    connect(network,
            &QNetworkAccessManager::proxyAuthenticationRequired,
            this,
            [this, network](const QNetworkProxy &proxy, QAuthenticator *authenticator) {
                emit proxyAuthenticationRequired(network, proxy, authenticator);
            });
    connect(network, &QNetworkAccessManager::finished, this, &ConnectionPool::replyFinished);
    m_managers.append(network);
    m_buffered.append(bufferDirectHttp);
    return network;
}

} // namespace Ferry
