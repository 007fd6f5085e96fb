#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QSharedData>
#include <QSharedDataPointer>
#include <QString>
#include <QStringView>

#include <optional>
#include <utility>

class QNetworkRequest;
class QUrl;

namespace Ferry {

// The headers a user adds to a download's requests (aria2c's --user-agent, --referer, --header
// and --load-cookies, curl's -A, -e, -H and -b). They go out on every request of the download:
// the first, its segments, and every redirect hop. Headers that carry a login (Cookie,
// Authorization) go only to the host the user named, as curl does: a redirect to another host
// does not get them.
// Implicitly shared and pointer-sized: every queued item has one, a batch usually shares one
// copy, and most items have none (no allocation at all).
class RequestHeaders
{
    Q_DECLARE_TR_FUNCTIONS(RequestHeaders)

public:
    using Header = std::pair<QByteArray, QByteArray>;

    RequestHeaders();
    RequestHeaders(const RequestHeaders &other);
    RequestHeaders(RequestHeaders &&other) noexcept;
    RequestHeaders &operator=(const RequestHeaders &other);
    RequestHeaders &operator=(RequestHeaders &&other) noexcept;
    ~RequestHeaders();

    QByteArray userAgent() const; // empty: the engine's
    void setUserAgent(const QByteArray &userAgent);
    QByteArray referer() const;
    void setReferer(const QByteArray &referer);
    QList<Header> extra() const; // in the order given; each passed check()
    void setExtra(const QList<Header> &extra);
    void addExtra(const Header &header);
    // A Netscape cookies.txt whose matching cookies go with the requests (read when the
    // download starts; a session stores this path, never a cookie). Empty: only the cookies
    // servers set during this run.
    QString cookieFile() const;
    void setCookieFile(const QString &path);

    bool isEmpty() const;

    // Sets them on `request`, which goes to `target`; `origin` is the URL the user gave.
    void applyTo(QNetworkRequest &request, const QUrl &origin, const QUrl &target) const;

    // "Name: value" as curl -H and aria2c --header take it. On failure nullopt, and *error (when
    // given) says why, translated.
    static std::optional<Header> parseLine(QStringView line, QString *error);
    // Why a header may not be added (translated), or nullopt when it may: a valid name, a value
    // without line breaks, and not one of the headers the engine sets itself (Range, Host...).
    static std::optional<QString> check(const QByteArray &name, const QByteArray &value);
    // Whether this header only goes to the host the user named.
    static bool isCredential(const QByteArray &name);

    friend bool operator==(const RequestHeaders &a, const RequestHeaders &b);

private:
    struct Data : QSharedData
    {
        QByteArray userAgent;
        QByteArray referer;
        QList<Header> extra;
        QString cookieFile;
    };

    Data &data(); // detached, made when there was none

    QSharedDataPointer<Data> m_data;
};

} // namespace Ferry
