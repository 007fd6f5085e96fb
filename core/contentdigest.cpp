#include "contentdigest.h"

#include <QFile>

#include <algorithm>

namespace Ferry {

namespace {

constexpr quint64 MultiplierA = 0x9e3779b185ebca87ULL;
constexpr quint64 MultiplierB = 0xc2b2ae3d27d4eb4fULL;
constexpr quint64 MultiplierC = 0x165667b19e3779f9ULL;
constexpr qint64 ReadChunkBytes = 64 << 10;

constexpr quint64 rotateLeft(quint64 value, int bits)
{
    return (value << bits) | (value >> (64 - bits));
}

// Little-endian, whatever the machine: a record must mean the same everywhere.
quint64 loadWord(const unsigned char *bytes)
{
    quint64 word = 0;
    for (int i = 7; i >= 0; --i)
        word = (word << 8) | bytes[i];
    return word;
}

} // namespace

void ContentDigest::addWord(quint64 word)
{
    word *= MultiplierB;
    word = rotateLeft(word, 31) * MultiplierA;
    m_state ^= word;
    m_state = rotateLeft(m_state, 27) * MultiplierA + MultiplierC;
}

void ContentDigest::addData(QByteArrayView data)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(data.data());
    qsizetype left = data.size();
    m_length += quint64(left);
    if (m_tailSize > 0) {
        const int take = int(std::min<qsizetype>(8 - m_tailSize, left));
        std::copy_n(bytes, take, m_tail.begin() + m_tailSize);
        m_tailSize += take;
        bytes += take;
        left -= take;
        if (m_tailSize < 8)
            return;
        addWord(loadWord(m_tail.data()));
        m_tailSize = 0;
    }
    for (; left >= 8; bytes += 8, left -= 8)
        addWord(loadWord(bytes));
    std::copy_n(bytes, left, m_tail.begin());
    m_tailSize = int(left);
}

QByteArray ContentDigest::result() const
{
    quint64 state = m_state;
    // The last bytes, padded with zeros; the length then tells "ab" from "ab\0".
    for (int i = m_tailSize - 1; i >= 0; --i)
        state = rotateLeft(state, 11) ^ (m_tail[size_t(i)] * MultiplierC);
    state ^= m_length * MultiplierB;
    state ^= state >> 33;
    state *= MultiplierB;
    state ^= state >> 29;
    state *= MultiplierC;
    state ^= state >> 32;
    return QByteArray::number(state, 16).rightJustified(16, '0');
}

QByteArray ContentDigest::of(QByteArrayView data)
{
    ContentDigest digest;
    digest.addData(data);
    return digest.result();
}

std::optional<QByteArray> ContentDigest::ofFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    ContentDigest digest;
    QByteArray buffer(ReadChunkBytes, Qt::Uninitialized);
    for (;;) {
        const qint64 read = file.read(buffer.data(), buffer.size());
        if (read < 0)
            return std::nullopt;
        if (read == 0)
            break;
        digest.addData(QByteArrayView(buffer.constData(), read));
    }
    return digest.result();
}

bool ContentDigest::isWellFormed(QByteArrayView digest)
{
    return digest.size() == 16 && std::all_of(digest.begin(), digest.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

} // namespace Ferry
