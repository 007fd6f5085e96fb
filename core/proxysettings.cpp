#include "proxysettings.h"

#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace Ferry {

bool ProxySettings::bypasses(const QString &host) const
{
    const QString name = host.toLower();
    const QHostAddress address(name);
    for (const QString &entry : noProxy) {
        const QString rule = entry.trimmed().toLower();
        if (rule.isEmpty())
            continue;
        if (rule == "*"_L1)
            return true;
        if (rule.contains(u'/')) {
            const auto subnet = QHostAddress::parseSubnet(rule);
            if (!address.isNull() && subnet.second >= 0 && address.isInSubnet(subnet))
                return true;
            continue;
        }
        if (rule.startsWith(u'.')) {
            if (name.endsWith(rule))
                return true;
            continue;
        }
        if (name == rule || name.endsWith(u'.' + rule))
            return true;
    }
    return false;
}

std::optional<QUrl> ProxySettings::parseProxy(QStringView text, QString *error)
{
    QString spec = text.trimmed().toString();
    if (!spec.contains("://"_L1))
        spec.prepend("http://"_L1);
    QUrl url(spec, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    const bool socks = scheme == "socks5"_L1 || scheme == "socks5h"_L1;
    if (!url.isValid() || url.host().isEmpty() || (scheme != "http"_L1 && !socks)
        || (!url.path().isEmpty() && url.path() != "/"_L1) || url.hasQuery()) {
        if (error) {
            *error = tr("expected [http://|socks5://][USER:PASSWORD@]HOST[:PORT]");
        }
        return std::nullopt;
    }
    url.setScheme(socks ? u"socks5"_s : u"http"_s);
    url.setPath({});
    if (url.port() < 0)
        url.setPort(socks ? 1080 : 80);
    return url;
}

QList<CredentialKey> ProxySettings::credentialKeys() const
{
    QList<CredentialKey> keys;
    if (mode != Mode::Manual)
        return keys;
    for (const QUrl &proxy : {httpProxy, httpsProxy}) {
        if (proxy.isEmpty())
            continue;
        const CredentialKey key = CredentialKey::forProxy(proxy);
        if (!keys.contains(key))
            keys.append(key);
    }
    return keys;
}

} // namespace Ferry
