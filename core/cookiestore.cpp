#include "cookiestore.h"

#include "core/cookiefile.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

namespace Ferry {

Q_LOGGING_CATEGORY(lcCookies, "ferry.core.cookies", QtWarningMsg)

CookieStore::CookieStore() = default;

CookieStore::~CookieStore() = default;

Result<QNetworkCookieJar *> CookieStore::jarFor(const QString &cookieFile)
{
    if (const auto it = m_jars.find(cookieFile); it != m_jars.end())
        return it->second.get();
    auto jar = std::make_unique<QNetworkCookieJar>();
    if (!cookieFile.isEmpty()) {
        QString error;
        const auto cookies = CookieFile::read(cookieFile, QDateTime::currentDateTimeUtc(), &error);
        if (!cookies)
            return TransferError::make(
                TransferError::Kind::FileSystem, TransferError::Recovery::Fatal, error);
        for (const QNetworkCookie &cookie : *cookies)
            jar->insertCookie(cookie);
        qCDebug(lcCookies) << cookies->size() << "cookies from" << cookieFile; // never values
    }
    QNetworkCookieJar *result = jar.get();
    m_jars.emplace(cookieFile, std::move(jar));
    return result;
}

void CookieStore::addCookies(QNetworkRequest &request, const QUrl &target, QNetworkCookieJar *jar)
{
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    if (!jar)
        return;
    const QList<QNetworkCookie> cookies = jar->cookiesForUrl(target);
    if (!cookies.isEmpty())
        request.setHeader(QNetworkRequest::CookieHeader, QVariant::fromValue(cookies));
}

void CookieStore::keepCookies(const QNetworkReply *reply, const QUrl &url, QNetworkCookieJar *jar)
{
    if (!jar)
        return;
    const QVariant set = reply->header(QNetworkRequest::SetCookieHeader);
    if (set.isValid())
        jar->setCookiesFromUrl(set.value<QList<QNetworkCookie>>(), url);
}

} // namespace Ferry
