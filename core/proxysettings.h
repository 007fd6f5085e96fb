#pragma once

#include "core/credentialkey.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <QUrl>

#include <optional>

namespace Ferry {

// Which proxy the engine's requests go through. By default the system's settings (on Linux the
// http_proxy, https_proxy and no_proxy variables, or the desktop's through libproxy). Manual:
// one proxy for http:// URLs and one for https:// URLs, each an HTTP proxy (CONNECT for HTTPS)
// or a SOCKS5 one, with an optional login, and hosts that bypass them.
struct ProxySettings
{
    Q_DECLARE_TR_FUNCTIONS(ProxySettings)

public:
    enum class Mode {
        System,
        None,
        Manual,
    };

    Mode mode = Mode::System;
    QUrl httpProxy;  // for http:// downloads; http://host:port or socks5://host:port; empty: none
    QUrl httpsProxy; // for https:// downloads
    // Hosts reached directly: "example.com" (and its subdomains), ".example.com" (subdomains
    // only), an IP address, a CIDR network such as 10.0.0.0/8, or "*" for every host.
    QStringList noProxy;
    QString user; // for both proxies; overrides a login in their URLs
    // Held in memory only: never saved with the settings (the keychain is the place for it).
    QString password;

    // Whether `host` bypasses the manual proxies.
    bool bypasses(const QString &host) const;
    // Where the keychain keeps the manual proxies' login (CredentialKey::forProxy), one key per
    // distinct proxy; empty unless Manual.
    QList<CredentialKey> credentialKeys() const;

    // "[http://|socks5://][USER:PASSWORD@]HOST[:PORT]" as aria2c's --http-proxy takes it (no
    // scheme means http, no port means 1080 for SOCKS5 and 80 for HTTP). On failure nullopt and
    // *error (translated).
    static std::optional<QUrl> parseProxy(QStringView text, QString *error);

    friend bool operator==(const ProxySettings &, const ProxySettings &) = default;
};

} // namespace Ferry
