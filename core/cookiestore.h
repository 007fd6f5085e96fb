#pragma once

#include "core/result.h"

#include <QString>

#include <map>
#include <memory>

class QNetworkCookieJar;
class QNetworkReply;
class QNetworkRequest;
class QUrl;

namespace Ferry {

// The cookies of one engine run, in memory only, as aria2 keeps them: one jar per cookie file
// the downloads name (read when the first of them starts) and one for downloads without a file.
// Cookies servers set (Set-Cookie) go into the jar of the download that got them and are sent
// with later requests of the run that match their domain, path and secure flag. Nothing is ever
// written back to a file. Engine thread only.
class CookieStore
{
    Q_DISABLE_COPY_MOVE(CookieStore)

public:
    CookieStore();
    ~CookieStore();

    // The jar for downloads using `cookieFile` (empty: none). A file that cannot be read or has
    // a bad line is a Fatal error naming the line; it is read again at the next call.
    Result<QNetworkCookieJar *> jarFor(const QString &cookieFile);

    // Sends `jar`'s cookies for `target` with `request`, and stops Qt's own per-manager jar from
    // adding or keeping any.
    static void addCookies(QNetworkRequest &request, const QUrl &target, QNetworkCookieJar *jar);
    // Keeps the cookies `reply` sets, as its URL allows.
    static void keepCookies(const QNetworkReply *reply, const QUrl &url, QNetworkCookieJar *jar);

private:
    std::map<QString, std::unique_ptr<QNetworkCookieJar>> m_jars;
};

} // namespace Ferry
