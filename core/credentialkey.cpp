#include "credentialkey.h"

using namespace Qt::StringLiterals;

namespace Ferry {

CredentialKey CredentialKey::forUrl(const QUrl &url, const QString &realm)
{
    CredentialKey key;
    key.scheme = url.scheme().toLower();
    key.host = url.host().toLower();
    key.port = url.port(key.scheme == "https"_L1 ? 443 : key.scheme == "http"_L1 ? 80 : -1);
    key.realm = realm;
    return key;
}

CredentialKey CredentialKey::forProxy(const QUrl &proxy)
{
    CredentialKey key;
    const QString scheme = proxy.scheme().isEmpty() ? u"http"_s : proxy.scheme().toLower();
    key.scheme = scheme + u"-proxy"_s;
    key.host = proxy.host().toLower();
    key.port = proxy.port(scheme == "socks5"_L1 ? 1080 : 80);
    return key;
}

QString CredentialKey::origin() const
{
    return u"%1://%2:%3"_s.arg(scheme, host.contains(u':') ? u'[' + host + u']' : host).arg(port);
}

QString CredentialKey::toString() const
{
    // The realm is free text: percent-encoded, so no realm can look like another key.
    return origin() + u" realm="_s
           + QString::fromLatin1(QUrl::toPercentEncoding(realm, QByteArrayLiteral(" ")));
}

} // namespace Ferry
