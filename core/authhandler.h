#pragma once

#include "core/credentialkey.h"
#include "core/credentials.h"
#include "core/transfererror.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <optional>

class QAuthenticator;
class QNetworkAccessManager;
class QNetworkProxy;
class QNetworkReply;
class QUrl;

namespace Ferry {

class ConnectionPool;
class CredentialStore;

// Answers servers' HTTP Basic and Digest challenges for every request of one engine (the
// access managers' authenticationRequired, a synchronous call) from what is known in memory:
// logins given for a protection space (CredentialKey), the user-info of added URLs, and the
// default login of ferry-cli's --http-user. A login the server rejects is never offered to that
// space again until a new one is given, so wrong credentials cost one request per item, not a
// retry storm. The keychain is asynchronous, so it is asked between attempts (lookUp()), and a
// login is saved there only once a server accepted it. Engine thread; the store may live on
// another thread and is reached with queued calls.
//
// Proxies' logins (CredentialKey::forProxy, one per proxy) go the same way: given with
// provide(), or looked up in the keychain when a proxy asks for one that was not given; a proxy
// that refuses a login never gets it again, and a login to remember is saved once a reply came
// through that proxy.
class AuthHandler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AuthHandler)

public:
    explicit AuthHandler(QObject *parent = nullptr);
    ~AuthHandler() override;

    // Not owned; must outlive this handler. Null: no keychain.
    void setStore(CredentialStore *store);

    // Offered to any server that asks (ferry-cli's --http-user); saved in the keychain for the
    // space that accepts it when `saveWhenAccepted`.
    void setDefaultCredentials(const Credentials &credentials, bool saveWhenAccepted);
    // Remembers `url`'s user and password for its server (any realm) and returns the URL
    // without them, which is what may be kept anywhere.
    QUrl takeUrlCredentials(const QUrl &url);
    // A login for one space (the user answered a prompt); `remember`: into the keychain once
    // accepted. Clears an earlier rejection.
    void provide(const CredentialKey &key, const Credentials &credentials, bool remember);

    // An item stopped for want of a login for `key`: true when the keychain is being asked
    // (lookupFinished() follows), false when there is nothing left to try.
    bool lookUp(const CredentialKey &key);

    // Answers every challenge of `pool`'s access managers, servers' and proxies'.
    void attach(ConnectionPool *pool);
    void answer(QNetworkReply *reply, QAuthenticator *authenticator);
    // A proxy's challenge on `network`. Qt caches an answer per manager and asks again only when
    // it was refused, so a second question from one manager means "refused" (for SOCKS5 Qt
    // hands over an empty authenticator even then).
    void answerProxy(QNetworkAccessManager *network,
                     const QNetworkProxy &proxy,
                     QAuthenticator *authenticator);

    // For a reply that failed with a 401 (or a proxy's 407) this handler saw: the AskUser error
    // naming the space, "required" or "failed" (offered credentials were rejected).
    static std::optional<TransferError> errorFor(const QNetworkReply *reply);

signals:
    void lookupFinished(const Ferry::CredentialKey &key, bool found);

private:
    std::optional<Credentials> candidate(const CredentialKey &key, const QUrl &url) const;
    void
    handleStoreRead(const CredentialKey &key, const Credentials &credentials, const QString &error);
    void saveOnceAccepted(QNetworkReply *reply,
                          const CredentialKey &key,
                          const Credentials &credentials);
    void handleReplyFinished(QNetworkReply *reply);
    void noteProxyRefused(const CredentialKey &key, const Credentials &refused);
    void save(const CredentialKey &key, const Credentials &credentials);

    CredentialStore *m_store = nullptr;
    QHash<CredentialKey, Credentials> m_known;    // per protection space
    QHash<QString, Credentials> m_fromUrls;       // per origin, from URL user-info
    QHash<CredentialKey, Credentials> m_rejected; // never offered again; as Qt holds it
    QSet<CredentialKey> m_toSave;                 // saved in the keychain once accepted
    QSet<CredentialKey> m_savedKeys;              // written in this run
    QSet<CredentialKey> m_lookingUp;
    QSet<CredentialKey> m_lookedUp;
    // Proxies: what to save once a reply came through; the login last given (onWire) and to
    // which managers.
    QHash<CredentialKey, Credentials> m_proxySaves;
    QHash<CredentialKey, Credentials> m_proxyOffered;
    QHash<CredentialKey, QSet<QNetworkAccessManager *>> m_proxyAsked;
    QHash<CredentialKey, QString> m_proxyRealms; // the realm of each proxy's challenge
    QHash<CredentialKey, QSet<QNetworkAccessManager *>> m_proxyManagers; // ever given a login
    Credentials m_default;
    bool m_saveDefault = false;
};

} // namespace Ferry
