#include "filename.h"

#include <QStringDecoder>
#include <QTextBoundaryFinder>
#include <QUrl>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace Ferry::FileName {

namespace {

constexpr qsizetype MaxExtensionLength = 16; // characters after the dot

constexpr std::array<QLatin1StringView, 4> DoubleExtensions{
    ".tar.gz"_L1,
    ".tar.bz2"_L1,
    ".tar.xz"_L1,
    ".tar.zst"_L1,
};

constexpr std::array<QLatin1StringView, 6> ReservedDeviceNames{
    "CON"_L1,
    "PRN"_L1,
    "AUX"_L1,
    "NUL"_L1,
    "CONIN$"_L1,
    "CONOUT$"_L1,
};

struct CodePointSize
{
    qsizetype utf8Bytes;
    qsizetype utf16Units;
};

// The size of the code point starting at text[i]; an unpaired surrogate counts as the 3 bytes of
// the U+FFFD that replaces it in UTF-8.
CodePointSize codePointSizeAt(QStringView text, qsizetype i)
{
    const char16_t c = text[i].unicode();
    if (c < 0x80) {
        return {1, 1};
    }
    if (c < 0x800) {
        return {2, 1};
    }
    if (QChar::isHighSurrogate(c) && i + 1 < text.size()
        && QChar::isLowSurrogate(text[i + 1].unicode())) {
        return {4, 2};
    }
    return {3, 1};
}

qsizetype utf8Size(QStringView text)
{
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < text.size();) {
        const CodePointSize size = codePointSizeAt(text, i);
        bytes += size.utf8Bytes;
        i += size.utf16Units;
    }
    return bytes;
}

// The longest prefix of `text` that fits in `maxBytes` UTF-8 bytes, cut at a grapheme-cluster
// boundary, or at a code-point boundary when a single cluster is longer than the budget.
QString truncateUtf8(const QString &text, qsizetype maxBytes)
{
    qsizetype bytes = 0;
    qsizetype end = 0;
    while (end < text.size()) {
        const CodePointSize size = codePointSizeAt(text, end);
        if (bytes + size.utf8Bytes > maxBytes) {
            break;
        }
        bytes += size.utf8Bytes;
        end += size.utf16Units;
    }
    if (end == text.size()) {
        return text;
    }
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    finder.setPosition(end);
    if (!finder.isAtBoundary()) {
        const qsizetype boundary = finder.toPreviousBoundary();
        if (boundary > 0) {
            end = boundary;
        }
    }
    return text.left(end);
}

bool isTrailingJunk(QChar c)
{
    return c == u'.' || c.isSpace();
}

void chopTrailingDotsAndSpaces(QString &text)
{
    qsizetype end = text.size();
    while (end > 0 && isTrailingJunk(text[end - 1])) {
        --end;
    }
    text.truncate(end);
}

// Where the extension that survives truncation and numbering starts, or text.size() for none.
qsizetype extensionStart(QStringView text)
{
    for (const QLatin1StringView extension : DoubleExtensions) {
        if (text.size() > extension.size() && text.endsWith(extension, Qt::CaseInsensitive)) {
            return text.size() - extension.size();
        }
    }
    const qsizetype dot = text.lastIndexOf(u'.');
    if (dot <= 0) {
        return text.size();
    }
    const QStringView extension = text.mid(dot + 1);
    if (extension.isEmpty() || extension.size() > MaxExtensionLength
        || std::any_of(extension.begin(), extension.end(), [](QChar c) { return c.isSpace(); })) {
        return text.size();
    }
    return dot;
}

bool isForbidden(char16_t c)
{
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        return true; // C0, DEL, C1
    }
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
        return true; // bidi embeddings, overrides and isolates
    }
    switch (c) {
    case u'/':
    case u'\\':
    case u'<':
    case u'>':
    case u':':
    case u'"':
    case u'|':
    case u'?':
    case u'*':
        return true;
    default:
        return false;
    }
}

bool isReservedDeviceName(QStringView name)
{
    QStringView base = name.left(name.indexOf(u'.')); // left(-1) is the whole name
    while (!base.isEmpty() && base.back().isSpace()) {
        base.chop(1);
    }
    for (const QLatin1StringView reserved : ReservedDeviceNames) {
        if (base.compare(reserved, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    if (base.size() != 4
        || (!base.startsWith("COM"_L1, Qt::CaseInsensitive)
            && !base.startsWith("LPT"_L1, Qt::CaseInsensitive))) {
        return false;
    }
    const char16_t digit = base[3].unicode();
    // Windows also reserves the superscript digits 1, 2 and 3 here.
    return (digit >= u'0' && digit <= u'9') || digit == 0xb9 || digit == 0xb2 || digit == 0xb3;
}

bool isHexDigit(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return c - 'A' + 10;
}

// Decodes <escape>XX sequences (%XX, or =XX in RFC 2047); an escape character that is not followed
// by two hex digits is kept as it is.
QByteArray decodeHexEscapes(QByteArrayView encoded, char escape)
{
    QByteArray decoded;
    decoded.reserve(encoded.size());
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded[i];
        if (c == escape && i + 2 < encoded.size() && isHexDigit(encoded[i + 1])
            && isHexDigit(encoded[i + 2])) {
            decoded.append(
                static_cast<char>(hexValue(encoded[i + 1]) * 16 + hexValue(encoded[i + 2])));
            i += 2;
        } else {
            decoded.append(c);
        }
    }
    return decoded;
}

QByteArray percentDecode(QByteArrayView encoded)
{
    return decodeHexEscapes(encoded, '%');
}

std::optional<QString> decodeStrictUtf8(QByteArrayView bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        return std::nullopt;
    }
    return text;
}

QString decodeUtf8OrLatin1(QByteArrayView bytes)
{
    if (std::optional<QString> text = decodeStrictUtf8(bytes)) {
        return *text;
    }
    return QString::fromLatin1(bytes);
}

// Bytes in the named charset, for the two charsets RFC 8187 requires (plus common aliases).
std::optional<QString> decodeCharset(QByteArrayView charset, QByteArrayView bytes)
{
    const QByteArray lower = charset.trimmed().toByteArray().toLower();
    if (lower == "utf-8" || lower == "utf8") {
        return decodeStrictUtf8(bytes);
    }
    if (lower == "iso-8859-1" || lower == "latin1" || lower == "us-ascii") {
        return QString::fromLatin1(bytes);
    }
    return std::nullopt;
}

// RFC 8187 ext-value: charset "'" [language] "'" percent-encoded bytes.
std::optional<QString> decodeExtValue(const QByteArray &value)
{
    const qsizetype firstQuote = value.indexOf('\'');
    const qsizetype secondQuote = firstQuote < 0 ? -1 : value.indexOf('\'', firstQuote + 1);
    if (secondQuote < 0) {
        return std::nullopt;
    }
    const QByteArray bytes = percentDecode(QByteArrayView(value).sliced(secondQuote + 1).trimmed());
    return decodeCharset(QByteArrayView(value).first(firstQuote), bytes);
}

// A single RFC 2047 encoded word, "=?charset?B|Q?text?=", which some servers put in filename=.
std::optional<QString> decodeEncodedWord(const QByteArray &value)
{
    if (!value.startsWith("=?") || !value.endsWith("?=") || value.size() < 8) {
        return std::nullopt;
    }
    const QList<QByteArray> parts = value.mid(2, value.size() - 4).split('?');
    if (parts.size() != 3) {
        return std::nullopt;
    }
    const QByteArray encoding = parts[1].toUpper();
    QByteArray bytes;
    if (encoding == "B") {
        auto result =
            QByteArray::fromBase64Encoding(parts[2], QByteArray::AbortOnBase64DecodingErrors);
        if (!result) {
            return std::nullopt;
        }
        bytes = std::move(*result);
    } else if (encoding == "Q") {
        QByteArray text = parts[2];
        text.replace('_', ' ');
        bytes = decodeHexEscapes(text, '=');
    } else {
        return std::nullopt;
    }
    return decodeCharset(parts[0], bytes);
}

bool isLinearWhitespace(char c)
{
    return c == ' ' || c == '\t';
}

struct DispositionParameters
{
    std::optional<QByteArray> filename;
    std::optional<QByteArray> extendedFilename;
};

// Splits "type; name=value; name="quoted; value"" into the two parameters we care about. The
// first occurrence of each wins. Items without '=' (the disposition type, junk) are skipped.
DispositionParameters splitParameters(const QByteArray &header)
{
    DispositionParameters result;
    const qsizetype size = header.size();
    qsizetype pos = 0;
    while (pos < size) {
        while (pos < size && (header[pos] == ';' || isLinearWhitespace(header[pos]))) {
            ++pos;
        }
        const qsizetype nameStart = pos;
        while (pos < size && header[pos] != '=' && header[pos] != ';') {
            ++pos;
        }
        const QByteArray name = header.mid(nameStart, pos - nameStart).trimmed().toLower();
        if (pos >= size || header[pos] == ';') {
            continue;
        }
        ++pos; // '='
        while (pos < size && isLinearWhitespace(header[pos])) {
            ++pos;
        }
        QByteArray value;
        if (pos < size && header[pos] == '"') {
            ++pos;
            while (pos < size) {
                const char c = header[pos];
                if (c == '\\' && pos + 1 < size
                    && (header[pos + 1] == '"' || header[pos + 1] == '\\')) {
                    value.append(header[pos + 1]);
                    pos += 2;
                    continue;
                }
                ++pos;
                if (c == '"') {
                    break;
                }
                value.append(c);
            }
            while (pos < size && header[pos] != ';') {
                ++pos; // junk after the closing quote
            }
        } else {
            const qsizetype valueStart = pos;
            while (pos < size && header[pos] != ';') {
                ++pos;
            }
            value = header.mid(valueStart, pos - valueStart).trimmed();
        }
        if (name == "filename" && !result.filename) {
            result.filename = value;
        } else if (name == "filename*" && !result.extendedFilename) {
            result.extendedFilename = value;
        }
    }
    return result;
}

// The last component of a path-like name, or nullopt when nothing usable is left.
std::optional<QString> lastComponent(const QString &name)
{
    const qsizetype separator = std::max(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
    const QString component = name.mid(separator + 1).trimmed();
    if (component.isEmpty() || component == "."_L1 || component == ".."_L1) {
        return std::nullopt;
    }
    return component;
}

} // namespace

QString sanitize(const QString &name)
{
    QString result = name.normalized(QString::NormalizationForm_C).trimmed();
    for (qsizetype i = 0; i < result.size(); ++i) {
        const char16_t c = result[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < result.size()
            && QChar::isLowSurrogate(result[i + 1].unicode())) {
            ++i;
            continue;
        }
        if (QChar::isSurrogate(c) || isForbidden(c)) {
            result[i] = u'_';
        }
    }

    chopTrailingDotsAndSpaces(result);
    if (result.startsWith(u'.')) {
        result[0] = u'_';
    }
    if (result.isEmpty()) {
        return u"download"_s;
    }
    if (isReservedDeviceName(result)) {
        result.prepend(u'_');
    }

    if (utf8Size(result) > MaxBytes) {
        const qsizetype split = extensionStart(result);
        const QString extension = result.mid(split);
        QString stem = truncateUtf8(result.left(split), MaxBytes - utf8Size(extension));
        chopTrailingDotsAndSpaces(stem);
        if (stem.isEmpty()) {
            stem = u"download"_s;
        }
        result = stem + extension;
    }
    return result;
}

std::optional<QString> fromContentDisposition(const QByteArray &headerValue)
{
    const DispositionParameters parameters = splitParameters(headerValue);
    if (parameters.extendedFilename) {
        if (const std::optional<QString> decoded = decodeExtValue(*parameters.extendedFilename)) {
            if (std::optional<QString> name = lastComponent(*decoded)) {
                return name;
            }
        }
    }
    if (parameters.filename) {
        std::optional<QString> decoded = decodeEncodedWord(*parameters.filename);
        if (!decoded) {
            decoded = decodeUtf8OrLatin1(*parameters.filename);
        }
        return lastComponent(*decoded);
    }
    return std::nullopt;
}

QString fromUrl(const QUrl &url)
{
    const QString path = url.path(QUrl::FullyEncoded);
    if (path.isEmpty() || path.endsWith(u'/')) {
        return {};
    }
    const QString segment = path.mid(path.lastIndexOf(u'/') + 1);
    const QString name = decodeUtf8OrLatin1(percentDecode(segment.toUtf8()));
    if (name == "."_L1 || name == ".."_L1) {
        return {};
    }
    return name;
}

QString unique(const QString &name,
               const std::function<bool(const QString &)> &isTaken,
               qint64 firstNumber,
               qint64 *usedNumber)
{
    if (usedNumber)
        *usedNumber = 0;
    if (!isTaken(name)) {
        return name;
    }
    const qsizetype split = extensionStart(name);
    const QString stem = name.left(split);
    const QString extension = name.mid(split);
    for (qint64 number = qMax<qint64>(1, firstNumber);; ++number) {
        const QString suffix = u" ("_s + QString::number(number) + u')' + extension;
        const qsizetype budget = MaxBytes - utf8Size(suffix);
        QString candidate = utf8Size(stem) > budget ? truncateUtf8(stem, budget) : stem;
        candidate += suffix;
        if (!isTaken(candidate)) {
            if (usedNumber)
                *usedNumber = number;
            return candidate;
        }
    }
}

} // namespace Ferry::FileName
