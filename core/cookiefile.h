#pragma once

#include <QByteArrayView>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QNetworkCookie>
#include <QString>

#include <optional>

namespace Ferry {

// Netscape cookies.txt, as browsers' export add-ons, curl -c and aria2c --load-cookies write
// it: one cookie a line, seven TAB-separated fields (domain, TRUE/FALSE for subdomains, path,
// TRUE/FALSE for secure, expiry in seconds since 1970 with 0 for a session cookie, name,
// value). A "#HttpOnly_" prefix on the domain marks an HttpOnly cookie; other lines starting
// with '#' and blank lines are skipped; LF or CRLF. Cookies already expired at `now` are left
// out. The values are secrets: nothing here logs them.
class CookieFile
{
    Q_DECLARE_TR_FUNCTIONS(CookieFile)

public:
    // The cookies in `path`, or nullopt and *error (translated, naming the file and, for a bad
    // line, its number).
    static std::optional<QList<QNetworkCookie>>
    read(const QString &path, const QDateTime &now, QString *error);
    // The same for text already read; *error names the line but not a file.
    static std::optional<QList<QNetworkCookie>>
    parse(QByteArrayView text, const QDateTime &now, QString *error);
};

} // namespace Ferry
