#include "http1accessmanager.h"

#include "core/http1reply.h"

#include <QNetworkProxy>
#include <QNetworkProxyFactory>

namespace Ferry {

Http1AccessManager::Http1AccessManager(QObject *parent)
    : QNetworkAccessManager(parent)
{}

Http1AccessManager::~Http1AccessManager() = default;

QNetworkReply *Http1AccessManager::startGet(QNetworkAccessManager *network,
                                            const QNetworkRequest &request)
{
    auto *own = qobject_cast<Http1AccessManager *>(network);
    if (!own || !own->carries(GetOperation, request, nullptr))
        return network->get(request);
    Http1Reply *reply = own->makeReply(GetOperation, request);
    connect(reply, &QNetworkReply::finished, own, [own, reply] { emit own->finished(reply); });
    return reply;
}

QNetworkReply *Http1AccessManager::createRequest(Operation operation,
                                                 const QNetworkRequest &request,
                                                 QIODevice *outgoingData)
{
    if (!carries(operation, request, outgoingData))
        return QNetworkAccessManager::createRequest(operation, request, outgoingData);
    return makeReply(operation, request);
}

bool Http1AccessManager::carries(Operation operation,
                                 const QNetworkRequest &request,
                                 QIODevice *outgoingData)
{
    return !outgoingData && Http1Reply::canCarry(operation, request) && isDirect(request.url());
}

Http1Reply *Http1AccessManager::makeReply(Operation operation, const QNetworkRequest &request)
{
    return new Http1Reply(
        operation,
        request,
        &m_pool,
        [this, operation, request] {
            return QNetworkAccessManager::createRequest(operation, request, nullptr);
        },
        this);
}

bool Http1AccessManager::isDirect(const QUrl &url)
{
    if (proxy().type() != QNetworkProxy::DefaultProxy)
        return proxy().type() == QNetworkProxy::NoProxy;
    if (QNetworkProxyFactory *factory = proxyFactory()) {
        const QList<QNetworkProxy> proxies = factory->queryProxy(QNetworkProxyQuery(url));
        return !proxies.isEmpty() && proxies.first().type() == QNetworkProxy::NoProxy;
    }
    return QNetworkProxy::applicationProxy().type() == QNetworkProxy::NoProxy;
}

} // namespace Ferry
