#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QString>
#include <QStringView>

#include <optional>

namespace Ferry {

// An expected digest for a downloaded file, written the way aria2 writes it: "sha-256=<hex>".
struct ChecksumSpec
{
    QCryptographicHash::Algorithm algorithm = QCryptographicHash::Sha256;
    QByteArray digest; // raw bytes, QCryptographicHash::hashLength(algorithm) of them

    // Accepts "<type>=<hex>" with type one of md5, sha-1, sha-224, sha-256, sha-384, sha-512,
    // in any case and with or without the dash ("SHA256"). Surrounding whitespace is ignored.
    // The hex digits (either case) must be exactly as many as the algorithm produces; anything
    // else, including an unknown type, gives nullopt.
    static std::optional<ChecksumSpec> parse(QStringView text);

    // The aria2 spelling of the algorithm ("sha-256"); empty for an algorithm parse() never yields.
    QString algorithmName() const;
    // "sha-256=<lower-case hex>"; parse(toString()) gives back an equal spec.
    QString toString() const;

    friend bool operator==(const ChecksumSpec &, const ChecksumSpec &) = default;
};

} // namespace Ferry
