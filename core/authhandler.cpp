#include "authhandler.h"

#include "core/connectionpool.h"
#include "core/credentialstore.h"

#include <QAuthenticator>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QVariant>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ferry {

Q_LOGGING_CATEGORY(lcAuth, "ferry.core.auth", QtWarningMsg)

namespace {

// What answer() learnt about a reply, for errorFor() when it fails.
constexpr char RealmProperty[] = "ferryAuthRealm";
constexpr char RejectedProperty[] = "ferryAuthRejected";
constexpr char OfferedProperty[] = "ferryAuthOffered";
// Set when a reply finished: the proxy (as a URL) that refused it, and whether it had refused
// a login; errorFor() reads them, as the reply's own finished() comes after the manager's.
constexpr char ProxyProperty[] = "ferryAuthProxy";
constexpr char ProxyRejectedProperty[] = "ferryAuthProxyRejected";

QString originOf(const QUrl &url)
{
    return CredentialKey::forUrl(url, {}).origin();
}

// Qt 6.4 turns the user name and password into bytes with toLatin1(), for Basic and Digest
// alike: "ä" goes out as one byte, and anything beyond Latin-1 as "?". Servers expect UTF-8
// (RFC 7617 and 7616 name only UTF-8, as their charset parameter; curl and browsers send it), so a
// login that is not plain ASCII is handed over as its UTF-8 bytes, one QChar per byte, which
// toLatin1() gives back unchanged. Comparisons with what Qt carries are made in this form.
QString onWire(const QString &text)
{
    const bool ascii =
        std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
    return ascii ? text : QString::fromLatin1(text.toUtf8());
}

Credentials onWire(const Credentials &login)
{
    return {onWire(login.user), onWire(login.password)};
}

QUrl urlOf(const QNetworkProxy &proxy)
{
    QUrl url;
    url.setScheme(proxy.type() == QNetworkProxy::Socks5Proxy ? u"socks5"_s : u"http"_s);
    url.setHost(proxy.hostName());
    url.setPort(proxy.port());
    return url;
}

// The proxy `reply` went through, as the manager's factory chose it; empty for none.
QUrl proxyOf(const QNetworkReply *reply)
{
    QNetworkAccessManager *network = reply->manager();
    QNetworkProxyFactory *factory = network ? network->proxyFactory() : nullptr;
    if (!factory)
        return {};
    const QList<QNetworkProxy> proxies = factory->queryProxy(QNetworkProxyQuery(reply->url()));
    if (proxies.isEmpty())
        return {};
    const QNetworkProxy &proxy = proxies.first();
    const bool real =
        proxy.type() == QNetworkProxy::HttpProxy || proxy.type() == QNetworkProxy::Socks5Proxy;
    return real ? urlOf(proxy) : QUrl();
}

} // namespace

AuthHandler::AuthHandler(QObject *parent)
    : QObject(parent)
{}

AuthHandler::~AuthHandler() = default;

void AuthHandler::setStore(CredentialStore *store)
{
    if (m_store)
        m_store->disconnect(this);
    m_store = store;
    if (m_store)
        connect(m_store, &CredentialStore::readFinished, this, &AuthHandler::handleStoreRead);
}

void AuthHandler::attach(ConnectionPool *pool)
{
    connect(pool,
            &ConnectionPool::authenticationRequired,
            this,
            &AuthHandler::answer,
            Qt::DirectConnection);
    connect(pool,
            &ConnectionPool::proxyAuthenticationRequired,
            this,
            &AuthHandler::answerProxy,
            Qt::DirectConnection);
    connect(pool,
            &ConnectionPool::replyFinished,
            this,
            &AuthHandler::handleReplyFinished,
            Qt::DirectConnection);
}

void AuthHandler::setDefaultCredentials(const Credentials &credentials, bool saveWhenAccepted)
{
    m_default = credentials;
    m_saveDefault = saveWhenAccepted;
}

QUrl AuthHandler::takeUrlCredentials(const QUrl &url)
{
    if (url.password().isEmpty())
        return url;
    m_fromUrls.insert(originOf(url),
                      {url.userName(QUrl::FullyDecoded), url.password(QUrl::FullyDecoded)});
    // The user name goes too: Qt would first try it with an empty password, a wasted refusal.
    return url.adjusted(QUrl::RemoveUserInfo);
}

void AuthHandler::provide(const CredentialKey &key, const Credentials &credentials, bool remember)
{
    m_known.insert(key, credentials);
    // A new login: the managers' next question is a fresh one. After a refusal they must also
    // forget the refused login they cached, or they would send it again without asking; what
    // they carry meanwhile (only downloads that go around this proxy) is cut and retried.
    m_proxyAsked.remove(key);
    if (key.isProxy() && m_rejected.contains(key)) {
        const QSet<QNetworkAccessManager *> managers = m_proxyManagers.value(key);
        for (QNetworkAccessManager *manager : managers) {
            QMetaObject::invokeMethod(
                manager, &QNetworkAccessManager::clearAccessCache, Qt::QueuedConnection);
        }
    }
    m_rejected.remove(key);
    m_lookedUp.remove(key);
    m_savedKeys.remove(key);
    if (remember)
        m_toSave.insert(key);
    else
        m_toSave.remove(key);
}

bool AuthHandler::lookUp(const CredentialKey &key)
{
    if (m_lookingUp.contains(key))
        return true;
    if (!m_store || m_lookedUp.contains(key) || m_rejected.contains(key))
        return false;
    m_lookingUp.insert(key);
    QMetaObject::invokeMethod(m_store, [store = m_store, key] { store->read(key); });
    return true;
}

void AuthHandler::handleStoreRead(const CredentialKey &key,
                                  const Credentials &credentials,
                                  const QString &error)
{
    if (!m_lookingUp.remove(key))
        return; // someone else's question
    m_lookedUp.insert(key);
    const bool found = !credentials.isEmpty() && m_rejected.value(key) != onWire(credentials);
    if (found && !m_known.contains(key))
        m_known.insert(key, credentials);
    if (!error.isEmpty())
        qCWarning(lcAuth) << "keychain lookup for" << key.origin() << "failed:" << error;
    emit lookupFinished(key, found || m_known.contains(key));
}

std::optional<Credentials> AuthHandler::candidate(const CredentialKey &key, const QUrl &url) const
{
    const Credentials rejected = m_rejected.value(key);
    const auto usable = [&rejected](const Credentials &login) {
        return !login.isEmpty() && onWire(login) != rejected;
    };
    if (const auto known = m_known.constFind(key); known != m_known.constEnd() && usable(*known))
        return *known;
    if (const auto fromUrl = m_fromUrls.constFind(originOf(url));
        fromUrl != m_fromUrls.constEnd() && usable(*fromUrl)) {
        return *fromUrl;
    }
    if (!m_default.password.isEmpty() && usable(m_default))
        return m_default;
    return std::nullopt;
}

void AuthHandler::answer(QNetworkReply *reply, QAuthenticator *authenticator)
{
    // Some HTTP proxies (tinyproxy) refuse a login with 401 and their own realm rather than
    // 407. A SOCKS5 proxy never answers in HTTP, and an empty realm tells nothing apart: a 401
    // through one of those is the server's.
    if (const QUrl proxy = proxyOf(reply); !proxy.isEmpty()) {
        const CredentialKey proxyKey = CredentialKey::forProxy(proxy);
        const auto realm = m_proxyRealms.constFind(proxyKey);
        if (proxyKey.scheme == "http-proxy"_L1 && !authenticator->realm().isEmpty()
            && realm != m_proxyRealms.constEnd() && *realm == authenticator->realm()
            && (m_proxyAsked.value(proxyKey).contains(reply->manager())
                || m_rejected.contains(proxyKey))) {
            if (!m_rejected.contains(proxyKey))
                noteProxyRefused(proxyKey, m_proxyOffered.value(proxyKey));
            reply->setProperty(ProxyProperty, proxy);
            reply->setProperty(ProxyRejectedProperty, true);
            return; // nothing offered: the request ends
        }
    }
    const QUrl url = reply->url();
    const CredentialKey key = CredentialKey::forUrl(url, authenticator->realm());
    reply->setProperty(RealmProperty, authenticator->realm());
    const Credentials carried{authenticator->user(), authenticator->password()};
    const bool offered = reply->property(OfferedProperty).toBool();
    // Asked again for a request we answered, or one that carried a login Qt had cached from an
    // earlier answer: it was refused. (A user name alone comes from the URL.)
    if (offered || !carried.password.isEmpty()) {
        qCInfo(lcAuth) << key.origin() << "refused the login for realm" << key.realm;
        m_rejected.insert(key, carried); // as Qt holds it: onWire()
        if (onWire(m_known.value(key)) == carried)
            m_known.remove(key);
    }
    // One offer per request: a second refusal ends it rather than trying login after login.
    if (!offered) {
        const std::optional<Credentials> login = candidate(key, url);
        if (login && onWire(*login) != carried) {
            authenticator->setUser(onWire(login->user));
            authenticator->setPassword(onWire(login->password));
            reply->setProperty(OfferedProperty, true);
            if (m_store && (m_toSave.contains(key) || (m_saveDefault && *login == m_default)))
                saveOnceAccepted(reply, key, *login);
            return;
        }
    }
    // Leaving the authenticator as it is makes Qt end the request with
    // AuthenticationRequiredError.
    reply->setProperty(RejectedProperty, m_rejected.contains(key));
}

void AuthHandler::answerProxy(QNetworkAccessManager *network,
                              const QNetworkProxy &proxy,
                              QAuthenticator *authenticator)
{
    const CredentialKey key = CredentialKey::forProxy(urlOf(proxy));
    const Credentials carried{authenticator->user(), authenticator->password()};
    // Asked again after a login was sent (ours, or the proxy settings' that Qt sent itself):
    // it was refused. A user name alone comes from the proxy settings.
    const bool askedBefore = m_proxyAsked.value(key).contains(network);
    if (!carried.password.isEmpty() || askedBefore)
        noteProxyRefused(key, carried.password.isEmpty() ? m_proxyOffered.value(key) : carried);
    Credentials login = m_known.value(key);
    if (login.user.isEmpty())
        login.user = proxy.user();
    const Credentials sent = onWire(login);
    if (login.password.isEmpty() || sent == m_rejected.value(key) || sent == carried)
        return; // left as it is, the request ends with ProxyAuthenticationRequiredError
    authenticator->setUser(sent.user);
    authenticator->setPassword(sent.password);
    m_proxyOffered.insert(key, sent);
    m_proxyAsked[key].insert(network);
    m_proxyManagers[key].insert(network);
    m_proxyRealms.insert(key, authenticator->realm());
    if (m_store && m_toSave.contains(key))
        m_proxySaves.insert(key, login);
}

void AuthHandler::noteProxyRefused(const CredentialKey &key, const Credentials &refused)
{
    qCInfo(lcAuth) << "the proxy" << key.origin() << "refused the login";
    m_rejected.insert(key, refused);
    m_proxySaves.remove(key);
    if (onWire(m_known.value(key)) == refused)
        m_known.remove(key);
    // For SOCKS5 Qt would offer the refused login it cached to the manager's next request again
    // and again (it asks nobody while its cache has one): the managers forget it, between their
    // events. HTTP proxies need no such help, and clearing under a reply in flight stalls it.
    const QSet<QNetworkAccessManager *> given = m_proxyAsked.take(key);
    if (key.scheme != "socks5-proxy"_L1)
        return;
    for (QNetworkAccessManager *manager : given) {
        QMetaObject::invokeMethod(
            manager, &QNetworkAccessManager::clearAccessCache, Qt::QueuedConnection);
    }
}

void AuthHandler::handleReplyFinished(QNetworkReply *reply)
{
    if (reply->error() == QNetworkReply::ProxyAuthenticationRequiredError) {
        const QUrl proxy = proxyOf(reply);
        if (!proxy.isEmpty()) {
            // Qt gives up on an HTTP proxy's refusal without asking again: the login this
            // manager was given is the one refused.
            const CredentialKey key = CredentialKey::forProxy(proxy);
            if (m_proxyAsked.value(key).contains(reply->manager()))
                noteProxyRefused(key, m_proxyOffered.value(key));
            reply->setProperty(ProxyProperty, proxy);
            reply->setProperty(ProxyRejectedProperty, m_rejected.contains(key));
        }
        return;
    }
    if (m_proxySaves.isEmpty()
        || reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() <= 0) {
        return;
    }
    // An answer from the server came through the proxy: it accepted the login.
    const QUrl proxy = proxyOf(reply);
    if (proxy.isEmpty())
        return;
    const CredentialKey key = CredentialKey::forProxy(proxy);
    const auto pending = m_proxySaves.constFind(key);
    if (pending == m_proxySaves.constEnd())
        return;
    const Credentials login = *pending;
    m_proxySaves.erase(pending);
    m_toSave.remove(key);
    save(key, login);
}

void AuthHandler::save(const CredentialKey &key, const Credentials &credentials)
{
    if (!m_store || m_savedKeys.contains(key))
        return;
    m_savedKeys.insert(key);
    QMetaObject::invokeMethod(
        m_store, [store = m_store, key, credentials] { store->write(key, credentials); });
}

void AuthHandler::saveOnceAccepted(QNetworkReply *reply,
                                   const CredentialKey &key,
                                   const Credentials &credentials)
{
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply, key, credentials] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0 || status == 401)
            return;
        disconnect(reply, &QNetworkReply::metaDataChanged, this, nullptr);
        if (status >= 400 || m_rejected.value(key) == onWire(credentials))
            return;
        // Once per space and run: the remember flag is used up.
        m_toSave.remove(key);
        m_known.insert(key, credentials);
        save(key, credentials);
    });
}

std::optional<TransferError> AuthHandler::errorFor(const QNetworkReply *reply)
{
    const bool loginError = reply->error() == QNetworkReply::ProxyAuthenticationRequiredError
                            || reply->error() == QNetworkReply::AuthenticationRequiredError;
    if (const QVariant proxy = reply->property(ProxyProperty); proxy.isValid() && loginError) {
        TransferError error;
        error.kind = reply->property(ProxyRejectedProperty).toBool()
                         ? TransferError::Kind::AuthenticationFailed
                         : TransferError::Kind::AuthenticationRequired;
        error.recovery = TransferError::Recovery::AskUser;
        error.httpStatus = 407;
        error.networkError = reply->error();
        error.credentialKey = CredentialKey::forProxy(proxy.toUrl());
        error.detail = u"proxy %1"_s.arg(error.credentialKey.origin());
        return error;
    }
    if (reply->error() != QNetworkReply::AuthenticationRequiredError)
        return std::nullopt;
    const QVariant realm = reply->property(RealmProperty);
    if (!realm.isValid())
        return std::nullopt; // no challenge we could answer: a plain 401
    const bool rejected = reply->property(RejectedProperty).toBool();
    TransferError error;
    error.kind = rejected ? TransferError::Kind::AuthenticationFailed
                          : TransferError::Kind::AuthenticationRequired;
    error.recovery = TransferError::Recovery::AskUser;
    error.httpStatus = 401;
    error.networkError = reply->error();
    error.credentialKey = CredentialKey::forUrl(reply->url(), realm.toString());
    // Untranslated, for logs; message() says the same to the user.
    error.detail = u"%1 (realm \"%2\")"_s.arg(reply->url().host(), realm.toString());
    return error;
}

} // namespace Ferry
