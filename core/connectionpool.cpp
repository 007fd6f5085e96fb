#include "connectionpool.h"

#include "core/proxyfactory.h"

#include <QAuthenticator>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <algorithm>
#include <numeric>

namespace Ferry {

ConnectionPool::ConnectionPool(int maxPerHost, QObject *parent)
    : QObject(parent)
    , m_maxPerHost(std::max(1, maxPerHost))
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
    for (qsizetype i = 0; i < m_managers.size(); ++i)
        m_managers.at(i)->setProxyFactory(new ProxyFactory(m_proxy, m_buffered.at(i)));
}

QNetworkAccessManager *ConnectionPool::acquire(const QString &host)
{
    if (!hasRoom(host))
        return nullptr;
    QList<int> &counts = m_inUse[host];
    const bool buffered = m_answerSizes.answersSmall(host);
    // Fill managers of the kind the host needs in order: the first ones keep their idle
    // connections warm.
    qsizetype index = 0;
    while (index < m_managers.size()
           && (m_buffered.at(index) != buffered || counts.value(index) >= ConnectionsPerManager)) {
        ++index;
    }
    QNetworkAccessManager *network =
        index < m_managers.size() ? m_managers.at(index) : addManager(buffered);
    if (counts.size() <= index)
        counts.resize(index + 1);
    ++counts[index];
    return network;
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
}

QNetworkAccessManager *ConnectionPool::addManager(bool bufferDirectHttp)
{
    auto *network = new QNetworkAccessManager(this);
    network->setAutoDeleteReplies(false);
    // The manager owns its factory.
    network->setProxyFactory(new ProxyFactory(m_proxy, bufferDirectHttp));
    connect(network,
            &QNetworkAccessManager::authenticationRequired,
            this,
            &ConnectionPool::authenticationRequired);
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
