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
// Bytes can be added in pieces of any size; the result depends only on the whole sequence.
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
    void addWord(quint64 word);

    quint64 m_state = 0x2545f4914f6cdd1dULL;
    quint64 m_length = 0;
    std::array<unsigned char, 8> m_tail{};
    int m_tailSize = 0;
};

} // namespace Ferry
