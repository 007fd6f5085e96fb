#include "cookiefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cctype>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr qint64 MaxFileBytes = 64 << 20; // far beyond any browser's export
constexpr QByteArrayView HttpOnlyPrefix = "#HttpOnly_";
constexpr int FieldCount = 7;

std::optional<bool> flag(QByteArrayView field)
{
    if (field.compare("TRUE", Qt::CaseInsensitive) == 0)
        return true;
    if (field.compare("FALSE", Qt::CaseInsensitive) == 0)
        return false;
    return std::nullopt;
}

// Letters, digits, '-', '_', dots, an IPv6 address's colons and brackets, and UTF-8 (a name in
// Unicode). Not '#', which would make the saved line a comment, nor spaces, '/' or '@'.
bool isHostCharacter(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    return std::isalnum(byte) || byte >= 0x80 || c == '-' || c == '_' || c == '.' || c == ':'
           || c == '[' || c == ']';
}

bool hasControlCharacter(QByteArrayView field)
{
    return std::any_of(field.begin(), field.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7f;
    });
}

} // namespace

std::optional<QList<QNetworkCookie>>
CookieFile::read(const QString &path, const QDateTime &now, QString *error)
{
    const auto fail = [&](const QString &why) -> std::optional<QList<QNetworkCookie>> {
        //: %1 is a file path, %2 says what is wrong
        *error = tr("cookie file %1: %2").arg(QDir::toNativeSeparators(path), why);
        return std::nullopt;
    };
    QFile file(path);
    if (QFileInfo(path).isDir())
        return fail(tr("it is a folder"));
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    if (file.size() > MaxFileBytes)
        return fail(tr("larger than %1 MiB").arg(MaxFileBytes >> 20));
    const QByteArray text = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return fail(file.errorString());
    QString why;
    auto cookies = parse(text, now, &why);
    if (!cookies)
        return fail(why);
    return cookies;
}

std::optional<QList<QNetworkCookie>>
CookieFile::parse(QByteArrayView text, const QDateTime &now, QString *error)
{
    QList<QNetworkCookie> cookies;
    int lineNumber = 0;
    for (QByteArrayView rest = text; !rest.isEmpty();) {
        const qsizetype newline = rest.indexOf('\n');
        QByteArrayView line = newline < 0 ? rest : rest.first(newline);
        rest = newline < 0 ? QByteArrayView() : rest.sliced(newline + 1);
        ++lineNumber;
        if (line.endsWith('\r'))
            line.chop(1);
        bool httpOnly = false;
        if (line.startsWith(HttpOnlyPrefix)) {
            httpOnly = true;
            line = line.sliced(HttpOnlyPrefix.size());
        } else if (line.startsWith('#') || line.trimmed().isEmpty()) {
            continue;
        }
        const auto bad = [&](const QString &why) -> std::optional<QList<QNetworkCookie>> {
            //: %1 is a line number, %2 says what is wrong with the line
            *error = tr("line %1: %2").arg(lineNumber).arg(why);
            return std::nullopt;
        };
        const QList<QByteArray> fields = line.toByteArray().split('\t');
        if (fields.size() != FieldCount) {
            return bad(tr("expected 7 fields separated by TABs (domain, subdomains, path, "
                          "secure, expiry, name, value), found %1")
                           .arg(fields.size()));
        }
        const QByteArray domain = fields.at(0).trimmed().toLower();
        const std::optional<bool> subdomains = flag(fields.at(1));
        const std::optional<bool> secure = flag(fields.at(3));
        bool expiryOk = false;
        const qint64 expiry = fields.at(4).toLongLong(&expiryOk);
        if (domain.isEmpty() || domain == ".")
            return bad(tr("no domain"));
        // One leading dot says "and its subdomains"; the rest must be a host name. Found by
        // fuzz_cookiefile: "..example.com" kept a dot that a save and load then lost.
        const QByteArrayView host = QByteArrayView(domain).sliced(domain.startsWith('.') ? 1 : 0);
        if (host.startsWith('.') || host.endsWith('.') || host.contains("..")
            || !std::all_of(host.begin(), host.end(), isHostCharacter)) {
            return bad(tr("the domain is not a host name"));
        }
        if (!subdomains)
            return bad(tr("the second field must be TRUE or FALSE"));
        if (!secure)
            return bad(tr("the fourth field must be TRUE or FALSE"));
        if (!expiryOk || expiry < 0)
            return bad(tr("the expiry must be seconds since 1970, or 0 for a session cookie"));
        if (fields.at(5).isEmpty())
            return bad(tr("no cookie name"));
        // They would go into the Cookie header as they are (RFC 6265 allows none there).
        if (hasControlCharacter(fields.at(5)) || hasControlCharacter(fields.at(6)))
            return bad(tr("the cookie's name or value holds a control character"));

        QNetworkCookie cookie(fields.at(5), fields.at(6));
        // A leading dot is what makes Qt's jar match subdomains; without one, the host only.
        const QByteArray bare = domain.startsWith('.') ? domain.sliced(1) : domain;
        cookie.setDomain(QString::fromUtf8(*subdomains ? "." + bare : bare));
        cookie.setPath(fields.at(2).isEmpty() ? u"/"_s : QString::fromUtf8(fields.at(2)));
        cookie.setSecure(*secure);
        cookie.setHttpOnly(httpOnly);
        if (expiry > 0) {
            const QDateTime expires = QDateTime::fromSecsSinceEpoch(expiry, Qt::UTC);
            if (expires <= now)
                continue;
            cookie.setExpirationDate(expires);
        }
        cookies.append(cookie);
    }
    return cookies;
}

} // namespace Ferry
