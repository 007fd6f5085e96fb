#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <array>
#include <optional>

namespace Ferry {

// A fast 64-bit fingerprint of a file's bytes (not cryptographic). A small file's record is
// saved before its data reaches the disk (see FinalizeJob::contentDigest); on the next start
// the file at the recorded name counts as this download's only if its bytes give the recorded
// fingerprint, so a file another process saved under the same name is never taken for ours.
// Four independent lanes of multiply-rotate rounds over 32-byte stripes keep it several times
// faster than MD5. Bytes can be added in pieces of any size; the result depends only on the
// whole sequence.
class ContentDigest
{
public:
    void addData(QByteArrayView data);
    // 16 lowercase hex digits.
    QByteArray result() const;

    static QByteArray of(QByteArrayView data);
    // nullopt when the file cannot be read.
    static std::optional<QByteArray> ofFile(const QString &path);
    // The form result() has: what a saved record may hold.
    static bool isWellFormed(QByteArrayView digest);

private:
    static constexpr int StripeBytes = 32;

    void addStripes(const unsigned char *stripes, qsizetype count);

    std::array<quint64, 4> m_lanes{
        0x2545f4914f6cdd1dULL, 0x9e3779b97f4a7c15ULL, 0xbf58476d1ce4e5b9ULL, 0x94d049bb133111ebULL};
    quint64 m_length = 0;
    std::array<unsigned char, StripeBytes> m_tail{};
    int m_tailSize = 0;
};

} // namespace Ferry
