#include "checksumspec.h"

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

struct AlgorithmName
{
    QCryptographicHash::Algorithm algorithm;
    QLatin1StringView name; // aria2 spelling
    QLatin1StringView dashlessName;
};

constexpr std::array<AlgorithmName, 6> Algorithms{{
    {QCryptographicHash::Md5, "md5"_L1, "md5"_L1},
    {QCryptographicHash::Sha1, "sha-1"_L1, "sha1"_L1},
    {QCryptographicHash::Sha224, "sha-224"_L1, "sha224"_L1},
    {QCryptographicHash::Sha256, "sha-256"_L1, "sha256"_L1},
    {QCryptographicHash::Sha384, "sha-384"_L1, "sha384"_L1},
    {QCryptographicHash::Sha512, "sha-512"_L1, "sha512"_L1},
}};

bool isHexDigit(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f') || (u >= u'A' && u <= u'F');
}

} // namespace

std::optional<ChecksumSpec> ChecksumSpec::parse(QStringView text)
{
    text = text.trimmed();
    const qsizetype equals = text.indexOf(u'=');
    if (equals <= 0) {
        return std::nullopt;
    }
    const QStringView type = text.left(equals).trimmed();
    const QStringView hex = text.mid(equals + 1).trimmed();

    for (const AlgorithmName &entry : Algorithms) {
        if (type.compare(entry.name, Qt::CaseInsensitive) != 0
            && type.compare(entry.dashlessName, Qt::CaseInsensitive) != 0) {
            continue;
        }
        const int length = QCryptographicHash::hashLength(entry.algorithm);
        if (hex.size() != 2 * length || !std::all_of(hex.begin(), hex.end(), isHexDigit)) {
            return std::nullopt;
        }
        return ChecksumSpec{entry.algorithm, QByteArray::fromHex(hex.toLatin1())};
    }
    return std::nullopt;
}

QString ChecksumSpec::algorithmName() const
{
    for (const AlgorithmName &entry : Algorithms) {
        if (entry.algorithm == algorithm) {
            return entry.name;
        }
    }
    return {};
}

QString ChecksumSpec::toString() const
{
    return algorithmName() + u'=' + QString::fromLatin1(digest.toHex());
}

} // namespace Ferry
