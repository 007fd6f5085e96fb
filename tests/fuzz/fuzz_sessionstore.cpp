// The saved download list after crashes, torn writes and disk errors. The input is the snapshot
// (session.dat) followed by the journal (session.journal), split where the journal's magic
// "FERRYJNL" last occurs. Whatever load() makes of it is in queue order with states and errors
// in range; a damaged snapshot is set aside intact and gives an empty list; an accepted one is
// left in place and loads again to the same list.
#include "core/sessionstore.h"
#include "tests/fuzz/fuzzcheck.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstddef>
#include <cstdint>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    FERRY_FUZZ_CHECK(file.open(QIODevice::WriteOnly));
    FERRY_FUZZ_CHECK(file.write(bytes) == bytes.size());
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool same(const TransferRecord &a, const TransferRecord &b)
{
    return a.request.url == b.request.url && a.request.directory == b.request.directory
           && a.request.fileName == b.request.fileName && a.request.checksum == b.request.checksum
           && a.request.allowOverwrite == b.request.allowOverwrite
           && a.request.priority == b.request.priority && a.state == b.state
           && a.fileName == b.fileName && a.bytesDone == b.bytesDone && a.bytesTotal == b.bytesTotal
           && a.addedAtMs == b.addedAtMs && a.queueOrder == b.queueOrder
           && a.error.kind == b.error.kind && a.error.recovery == b.error.recovery
           && a.error.httpStatus == b.error.httpStatus
           && a.error.networkError == b.error.networkError && a.error.detail == b.error.detail;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype split = bytes.lastIndexOf("FERRYJNL");
    const QByteArray snapshot = split < 0 ? bytes : bytes.left(split);
    const QByteArray journal = split < 0 ? QByteArray() : bytes.mid(split);

    QTemporaryDir folder;
    FERRY_FUZZ_CHECK(folder.isValid());
    const QString snapshotPath = folder.filePath(u"session.dat"_s);
    writeFile(snapshotPath, snapshot);
    if (split >= 0)
        writeFile(folder.filePath(u"session.journal"_s), journal);

    QString error;
    const QList<TransferRecord> records = SessionStore::load(folder.path(), &error);
    for (qsizetype i = 0; i < records.size(); ++i) {
        const TransferRecord &record = records.at(i);
        FERRY_FUZZ_CHECK(i == 0 || records.at(i - 1).queueOrder <= record.queueOrder);
        FERRY_FUZZ_CHECK(int(record.state) >= 0
                         && int(record.state) <= int(TransferState::Cancelled));
        FERRY_FUZZ_CHECK(int(record.error.kind) >= 0
                         && int(record.error.kind) <= int(TransferError::Kind::InvalidUrl));
        FERRY_FUZZ_CHECK(int(record.error.recovery) >= 0 && int(record.error.recovery) <= 2);
    }

    if (!error.isEmpty()) {
        // Damaged: set aside byte for byte, nothing restored.
        FERRY_FUZZ_CHECK(records.isEmpty());
        FERRY_FUZZ_CHECK(!QFile::exists(snapshotPath));
        FERRY_FUZZ_CHECK(readFile(snapshotPath + u".damaged"_s) == snapshot);
        return 0;
    }
    FERRY_FUZZ_CHECK(readFile(snapshotPath) == snapshot);
    const QList<TransferRecord> again = SessionStore::load(folder.path(), &error);
    FERRY_FUZZ_CHECK(error.isEmpty());
    FERRY_FUZZ_CHECK(again.size() == records.size());
    for (qsizetype i = 0; i < records.size(); ++i)
        FERRY_FUZZ_CHECK(same(again.at(i), records.at(i)));
    return 0;
}
