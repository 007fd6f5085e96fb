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

RequestHeaders::RequestHeaders() = default;

RequestHeaders::RequestHeaders(const RequestHeaders &other) = default;

RequestHeaders::RequestHeaders(RequestHeaders &&other) noexcept = default;

RequestHeaders &RequestHeaders::operator=(const RequestHeaders &other) = default;

RequestHeaders &RequestHeaders::operator=(RequestHeaders &&other) noexcept = default;

RequestHeaders::~RequestHeaders() = default;

RequestHeaders::Data &RequestHeaders::data()
{
    if (!m_data)
        m_data = new Data;
    return *m_data; // the non-const operator* detaches
}

QByteArray RequestHeaders::userAgent() const
{
    return m_data ? m_data->userAgent : QByteArray();
}

void RequestHeaders::setUserAgent(const QByteArray &userAgent)
{
    data().userAgent = userAgent;
}

QByteArray RequestHeaders::referer() const
{
    return m_data ? m_data->referer : QByteArray();
}

void RequestHeaders::setReferer(const QByteArray &referer)
{
    data().referer = referer;
}

QList<RequestHeaders::Header> RequestHeaders::extra() const
{
    return m_data ? m_data->extra : QList<Header>();
}

void RequestHeaders::setExtra(const QList<Header> &extra)
{
    data().extra = extra;
}

void RequestHeaders::addExtra(const Header &header)
{
    data().extra.append(header);
}

QString RequestHeaders::cookieFile() const
{
    return m_data ? m_data->cookieFile : QString();
}

void RequestHeaders::setCookieFile(const QString &path)
{
    data().cookieFile = path;
}

bool RequestHeaders::isEmpty() const
{
    return !m_data
           || (m_data->userAgent.isEmpty() && m_data->referer.isEmpty() && m_data->extra.isEmpty()
               && m_data->cookieFile.isEmpty());
}

bool operator==(const RequestHeaders &a, const RequestHeaders &b)
{
    return a.userAgent() == b.userAgent() && a.referer() == b.referer() && a.extra() == b.extra()
           && a.cookieFile() == b.cookieFile();
}

void RequestHeaders::applyTo(QNetworkRequest &request, const QUrl &origin, const QUrl &target) const
{
    if (!m_data)
        return;
    if (!m_data->userAgent.isEmpty())
        request.setRawHeader("User-Agent", m_data->userAgent);
    if (!m_data->referer.isEmpty())
        request.setRawHeader("Referer", m_data->referer);
    const bool sameHost = origin.host().compare(target.host(), Qt::CaseInsensitive) == 0
                          && origin.port() == target.port()
                          && origin.scheme().compare(target.scheme(), Qt::CaseInsensitive) == 0;
    for (const Header &header : std::as_const(m_data->extra)) {
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
