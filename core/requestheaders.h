#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringView>

#include <optional>
#include <utility>

class QNetworkRequest;
class QUrl;

namespace Ferry {

// The headers a user adds to a download's requests (aria2c's --user-agent, --referer and
// --header, curl's -A, -e and -H). They go out on every request of the download: the first, its
// segments, and every redirect hop. Headers that carry a login (Cookie, Authorization) go only to
// the host the user named, as curl does: a redirect to another host does not get them.
struct RequestHeaders
{
    Q_DECLARE_TR_FUNCTIONS(RequestHeaders)

public:
    using Header = std::pair<QByteArray, QByteArray>;

    QByteArray userAgent; // empty: the engine's
    QByteArray referer;
    QList<Header> extra; // in the order given; each passed check()

    bool isEmpty() const { return userAgent.isEmpty() && referer.isEmpty() && extra.isEmpty(); }

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

    friend bool operator==(const RequestHeaders &, const RequestHeaders &) = default;
};

} // namespace Ferry
