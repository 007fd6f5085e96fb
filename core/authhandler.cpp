#include "authhandler.h"

#include "core/credentialstore.h"

#include <QAuthenticator>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace Ferry {

Q_LOGGING_CATEGORY(lcAuth, "ferry.core.auth", QtWarningMsg)

namespace {

// What answer() learnt about a reply, for errorFor() when it fails.
constexpr char RealmProperty[] = "ferryAuthRealm";
constexpr char RejectedProperty[] = "ferryAuthRejected";
constexpr char OfferedProperty[] = "ferryAuthOffered";

QString originOf(const QUrl &url)
{
    return CredentialKey::forUrl(url, {}).origin();
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
    const bool found = !credentials.isEmpty() && m_rejected.value(key) != credentials;
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
        return !login.isEmpty() && login != rejected;
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
    const QUrl url = reply->url();
    const CredentialKey key = CredentialKey::forUrl(url, authenticator->realm());
    reply->setProperty(RealmProperty, authenticator->realm());
    const Credentials carried{authenticator->user(), authenticator->password()};
    const bool offered = reply->property(OfferedProperty).toBool();
    // Asked again for a request we answered, or one that carried a login Qt had cached from an
    // earlier answer: it was refused. (A user name alone comes from the URL.)
    if (offered || !carried.password.isEmpty()) {
        qCInfo(lcAuth) << key.origin() << "refused the login for realm" << key.realm;
        m_rejected.insert(key, carried);
        if (m_known.value(key) == carried)
            m_known.remove(key);
    }
    // One offer per request: a second refusal ends it rather than trying login after login.
    if (!offered) {
        const std::optional<Credentials> login = candidate(key, url);
        if (login && *login != carried) {
            authenticator->setUser(login->user);
            authenticator->setPassword(login->password);
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

void AuthHandler::saveOnceAccepted(QNetworkReply *reply,
                                   const CredentialKey &key,
                                   const Credentials &credentials)
{
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply, key, credentials] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0 || status == 401)
            return;
        disconnect(reply, &QNetworkReply::metaDataChanged, this, nullptr);
        if (status >= 400 || m_rejected.value(key) == credentials)
            return;
        // Once per space and run: the remember flag is used up.
        m_toSave.remove(key);
        m_known.insert(key, credentials);
        if (!m_store || m_savedKeys.contains(key))
            return;
        m_savedKeys.insert(key);
        QMetaObject::invokeMethod(
            m_store, [store = m_store, key, credentials] { store->write(key, credentials); });
    });
}

std::optional<TransferError> AuthHandler::errorFor(const QNetworkReply *reply)
{
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
