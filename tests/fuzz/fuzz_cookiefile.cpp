// cookies.txt comes from browser add-ons and other programs: whatever loads must be a usable
// cookie that is not already expired, must save back to a file that loads to the same cookies,
// and, once in a jar, must never go to a host its domain does not cover.
#include "core/cookiefile.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QByteArray>
#include <QDateTime>
#include <QNetworkCookie>
#include <QNetworkCookieJar>
#include <QUrl>

#include <cstddef>
#include <cstdint>

using namespace Ferry;

namespace {

// One cookie as a cookies.txt line, the way curl -c writes it.
QByteArray serialise(const QNetworkCookie &cookie)
{
    const QByteArray domain = cookie.domain().toUtf8();
    const bool subdomains = domain.startsWith('.');
    QByteArray line = cookie.isHttpOnly() ? "#HttpOnly_" : "";
    line += (subdomains ? domain.sliced(1) : domain) + '\t' + (subdomains ? "TRUE" : "FALSE") + '\t'
            + cookie.path().toUtf8() + '\t' + (cookie.isSecure() ? "TRUE" : "FALSE") + '\t'
            + QByteArray::number(
                cookie.isSessionCookie() ? 0 : cookie.expirationDate().toSecsSinceEpoch())
            + '\t' + cookie.name() + '\t' + cookie.value() + '\n';
    return line;
}

// RFC 6265 5.1.3, as the cookie's domain reads: the host itself, or (leading dot) any host below.
bool domainCovers(const QString &domain, const QString &host)
{
    if (!domain.startsWith(u'.'))
        return host == domain;
    return host == domain.sliced(1) || host.endsWith(domain);
}

class Jar final : public QNetworkCookieJar
{
public:
    using QNetworkCookieJar::allCookies;
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView text(reinterpret_cast<const char *>(data), qsizetype(size));
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1'800'000'000, Qt::UTC);
    QString error;
    const std::optional<QList<QNetworkCookie>> cookies = CookieFile::parse(text, now, &error);
    if (!cookies) {
        FERRY_FUZZ_CHECK(error.startsWith(QStringLiteral("line ")));
        return 0;
    }

    QByteArray saved;
    for (const QNetworkCookie &cookie : *cookies) {
        FERRY_FUZZ_CHECK(!cookie.name().isEmpty());
        FERRY_FUZZ_CHECK(!cookie.domain().isEmpty() && cookie.domain() != QStringLiteral("."));
        FERRY_FUZZ_CHECK(!cookie.path().isEmpty());
        FERRY_FUZZ_CHECK(cookie.isSessionCookie() || cookie.expirationDate() > now);
        saved += serialise(cookie);
    }
    QString againError;
    const std::optional<QList<QNetworkCookie>> again = CookieFile::parse(saved, now, &againError);
    FERRY_FUZZ_CHECK(again.has_value());
    FERRY_FUZZ_CHECK(*again == *cookies);

    // Into a jar as a download's CookieStore puts them, then asked for hosts of every kind.
    Jar jar;
    for (const QNetworkCookie &cookie : *cookies)
        jar.insertCookie(cookie);
    QList<QUrl> urls{QUrl(QStringLiteral("http://foreign.example/")),
                     QUrl(QStringLiteral("https://example.com/a/b"))};
    for (const QNetworkCookie &cookie : *cookies) {
        const QString domain = cookie.domain();
        const QString host = domain.startsWith(u'.') ? domain.sliced(1) : domain;
        urls.append(QUrl(QStringLiteral("https://") + host + cookie.path()));
        urls.append(QUrl(QStringLiteral("http://other.") + host + QStringLiteral("/")));
        urls.append(QUrl(QStringLiteral("http://x") + host + QStringLiteral("/")));
    }
    for (const QUrl &url : std::as_const(urls)) {
        if (!url.isValid() || url.host().isEmpty())
            continue;
        for (const QNetworkCookie &sent : jar.cookiesForUrl(url)) {
            FERRY_FUZZ_CHECK(domainCovers(sent.domain(), url.host()));
            FERRY_FUZZ_CHECK(!sent.isSecure() || url.scheme() == QStringLiteral("https"));
        }
    }
    return 0;
}
