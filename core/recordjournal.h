#pragma once

#include "core/transfererror.h"

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

#include <optional>

namespace Ferry {

// The records of finished small files, appended to one file per checkpoint store
// (`completed.journal`) instead of one file each. A file of its own cost a new inode and a
// rename per download: with 10,000 small files that was a fifth of Ferry's CPU time. A record
// is one line, "\n<key> <json>\n", written by a single append; the leading newline ends any line
// a killed writer left unfinished. The last line for a key counts; "<key> -" removes it.
//
// Lines only ever grow the file; a reader (one per store) remembers where each key's latest
// record starts and reads only what was appended since its last look, so other processes'
// records and removals are seen too. Nothing compacts the file yet: a record takes about 450
// bytes, where a record file took a 4 KiB block.
class RecordJournal
{
    Q_DISABLE_COPY_MOVE(RecordJournal)

public:
    explicit RecordJournal(const QString &path);
    ~RecordJournal();

    // Safe from any thread; the folder is made when missing. The process keeps the journal open
    // for appending from then on, until the file is deleted.
    static std::optional<TransferError>
    append(const QString &path, const QByteArray &key, const QByteArray &json);
    // Appends a removal, unless there is no journal (then there is nothing to remove).
    static void appendRemoval(const QString &path, const QByteArray &key);

    // The latest record for `key` (40 hex digits), or empty.
    QByteArray find(const QByteArray &key) const;

private:
    struct Entry
    {
        qint64 offset = 0;
        qsizetype length = 0;
    };

    void refresh() const;
    void forget() const;
    static quint64 shortKey(const QByteArray &key);

    QString m_path;
    mutable QMutex m_mutex;
    mutable int m_fd = -1;
    mutable qint64 m_readUpTo = 0;
    mutable bool m_skippingLine = false; // in the rest of a line too long to be a record
    // By the key's first 64 bits: a collision only makes load() find another URL's record,
    // which it rejects.
    mutable QHash<quint64, Entry> m_entries;
};

} // namespace Ferry
