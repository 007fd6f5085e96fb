#include "generateddata.h"

#include <QCryptographicHash>
#include <QFile>
#include <QtEndian>

#include <algorithm>

namespace Ferry::Test {

namespace {

constexpr qint64 ChunkBytes = 1 << 20;

quint64 splitMix64(quint64 z)
{
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

quint64 generatedWord(qint64 index, quint32 seed)
{
    return splitMix64(static_cast<quint64>(index) ^ (quint64{seed} * 0xd1b54a32d192ed03ULL));
}

} // namespace

QByteArray generatedData(qint64 offset, qint64 length, quint32 seed)
{
    Q_ASSERT(offset >= 0 && length >= 0);
    QByteArray result(length, Qt::Uninitialized);
    char *out = result.data();
    qint64 position = offset;
    const qint64 end = offset + length;
    while (position < end) {
        const qint64 index = position / 8;
        const int skip = static_cast<int>(position % 8);
        const quint64 word = generatedWord(index, seed);
        if (skip == 0 && end - position >= 8) {
            qToLittleEndian(word, out);
            out += 8;
            position += 8;
            continue;
        }
        const int take = static_cast<int>(std::min<qint64>(8 - skip, end - position));
        for (int i = 0; i < take; ++i)
            out[i] = static_cast<char>((word >> (8 * (skip + i))) & 0xff);
        out += take;
        position += take;
    }
    return result;
}

QByteArray generatedSha256(qint64 size, quint32 seed)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (qint64 offset = 0; offset < size; offset += ChunkBytes)
        hash.addData(generatedData(offset, std::min(ChunkBytes, size - offset), seed));
    return hash.result();
}

qint64 firstDifferenceFromGenerated(const QString &filePath, qint64 size, quint32 seed)
{
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    for (qint64 offset = 0; offset < size; offset += ChunkBytes) {
        const QByteArray actual = file.read(std::min(ChunkBytes, size - offset));
        const QByteArray expected = generatedData(offset, actual.size(), seed);
        if (actual != expected) {
            const auto [mismatch, ignored] =
                std::mismatch(actual.cbegin(), actual.cend(), expected.cbegin());
            return offset + std::distance(actual.cbegin(), mismatch);
        }
        if (actual.size() < std::min(ChunkBytes, size - offset))
            return offset + actual.size(); // the file is shorter
    }
    return file.size() == size ? -1 : size;
}

} // namespace Ferry::Test
