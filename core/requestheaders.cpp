#include "requestheaders.h"

#include <QNetworkRequest>
#include <QUrl>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

// What the engine decides itself: ranges and validators make resuming and segments work,
// identity encoding keeps offsets meaningful, and the rest belongs to the connection.
constexpr std::array<QByteArrayView, 17> EngineOwned{{
    "range",
    "if-range",
    "if-match",
    "if-none-match",
    "if-modified-since",
    "if-unmodified-since",
    "accept-encoding",
    "host",
    "content-length",
    "transfer-encoding",
    "te",
    "trailer",
    "connection",
    "keep-alive",
    "upgrade",
    "proxy-connection",
    "expect",
}};

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

} // namespace

void RequestHeaders::applyTo(QNetworkRequest &request, const QUrl &origin, const QUrl &target) const
{
    if (!userAgent.isEmpty())
        request.setRawHeader("User-Agent", userAgent);
    if (!referer.isEmpty())
        request.setRawHeader("Referer", referer);
    const bool sameHost = origin.host().compare(target.host(), Qt::CaseInsensitive) == 0
                          && origin.port() == target.port()
                          && origin.scheme().compare(target.scheme(), Qt::CaseInsensitive) == 0;
    for (const Header &header : extra) {
        if (!sameHost && isCredential(header.first))
            continue;
        // A Cookie header given by hand joins the cookies the jar sends.
        if (header.first.compare("cookie", Qt::CaseInsensitive) == 0
            && request.hasRawHeader("Cookie")) {
            request.setRawHeader("Cookie", request.rawHeader("Cookie") + "; " + header.second);
        } else {
            request.setRawHeader(header.first, header.second);
        }
    }
}

std::optional<RequestHeaders::Header> RequestHeaders::parseLine(QStringView line, QString *error)
{
    const qsizetype colon = line.indexOf(u':');
    if (colon <= 0) {
        if (error)
            *error = tr("expected \"Name: value\"");
        return std::nullopt;
    }
    Header header{line.left(colon).trimmed().toUtf8(), line.mid(colon + 1).trimmed().toUtf8()};
    if (auto why = check(header.first, header.second)) {
        if (error)
            *error = std::move(*why);
        return std::nullopt;
    }
    return header;
}

std::optional<QString> RequestHeaders::check(const QByteArray &name, const QByteArray &value)
{
    if (name.isEmpty() || !std::all_of(name.begin(), name.end(), isTokenChar))
        return tr("\"%1\" is not a header name").arg(QString::fromUtf8(name));
    if (value.contains('\r') || value.contains('\n') || value.contains('\0'))
        return tr("the value of %1 holds a line break").arg(QString::fromLatin1(name));
    const QByteArray lower = name.toLower();
    if (std::find(EngineOwned.begin(), EngineOwned.end(), QByteArrayView(lower))
        != EngineOwned.end()) {
        //: %1 is an HTTP header name such as Range
        return tr("%1 is set by Ferry itself and cannot be given").arg(QString::fromLatin1(name));
    }
    return std::nullopt;
}

bool RequestHeaders::isCredential(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower == "cookie" || lower == "authorization" || lower == "proxy-authorization";
}

} // namespace Ferry
