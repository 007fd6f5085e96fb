#pragma once

#include <QHashFunctions>
#include <QString>
#include <QUrl>

namespace Ferry {

// Where a login belongs: one protection space of one server (RFC 9110 11.5), i.e. scheme, host,
// port and the realm the server named in its challenge. Passwords are stored and looked up by it.
struct CredentialKey
{
    QString scheme; // lower case: "http" or "https"
    QString host;   // lower case
    int port = -1;  // explicit; the scheme's default when the URL has none
    QString realm;  // as the server sent it (case-sensitive)

    // The key for `url`'s server and `realm`; user-info, path and query play no part.
    static CredentialKey forUrl(const QUrl &url, const QString &realm);
    // The key for a proxy's login, one per proxy: scheme "http-proxy" or "socks5-proxy", the
    // proxy's host and port (80 or 1080 when `proxy` has none), and no realm.
    static CredentialKey forProxy(const QUrl &proxy);

    bool isProxy() const { return scheme.endsWith(QLatin1StringView("-proxy")); }

    bool isValid() const { return !scheme.isEmpty() && !host.isEmpty() && port > 0; }

    // "https://host:443" plus the realm: the name of the secret in the keychain.
    QString toString() const;
    // "https://host:443", for showing; the realm goes in its own column.
    QString origin() const;

    friend bool operator==(const CredentialKey &a, const CredentialKey &b) = default;
};

inline size_t qHash(const CredentialKey &key, size_t seed = 0)
{
    return qHashMulti(seed, key.scheme, key.host, key.port, key.realm);
}

} // namespace Ferry
