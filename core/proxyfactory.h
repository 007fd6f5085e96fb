#pragma once

#include "core/proxysettings.h"

#include <QList>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>

namespace Ferry {

// Answers an access manager's "which proxy for this request?" from ProxySettings. Each manager
// owns its own factory (QNetworkAccessManager::setProxyFactory takes ownership).
class ProxyFactory final : public QNetworkProxyFactory
{
public:
    explicit ProxyFactory(ProxySettings settings);

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override;

    // The QNetworkProxy for one of the settings' proxy URLs, with the settings' login.
    static QNetworkProxy proxyFor(const QUrl &url, const ProxySettings &settings);

private:
    ProxySettings m_settings;
};

} // namespace Ferry
