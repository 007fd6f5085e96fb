#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

namespace Ferry::Test {

// Deterministic pseudo-random content of any size. The byte at an absolute offset depends only
// on (offset, seed), so any slice can be produced on its own: generatedData(a, n, s) equals
// generatedData(0, a + n, s).mid(a). Each aligned 8-byte word is splitmix64 of its index mixed
// with the seed, stored little-endian. `offset` and `length` must not be negative.
QByteArray generatedData(qint64 offset, qint64 length, quint32 seed);

// The raw (32-byte) SHA-256 digest of generatedData(0, size, seed), produced 1 MiB at a time.
// Slow for big sizes: QCryptographicHash does about 85 MB/s (2 GiB takes ~25 s).
QByteArray generatedSha256(qint64 size, quint32 seed);

// Compares the file at `filePath` with generatedData(0, size, seed), 1 MiB at a time; far faster
// than hashing both. -1 when they are equal; otherwise the offset of the first difference (the
// shorter length when one is a prefix of the other, 0 when the file cannot be opened).
qint64 firstDifferenceFromGenerated(const QString &filePath, qint64 size, quint32 seed);

} // namespace Ferry::Test
