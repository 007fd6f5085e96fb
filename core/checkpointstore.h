#pragma once

#include "core/checkpoint.h"
#include "core/recordjournal.h"

#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

namespace Ferry {

// Finds the checkpoint of a (directory, URL) pair under the engine's state directory.
// Keyed by URL rather than file name, because the name often comes from the server's answer,
// which a resuming request must not have to wait for.
class CheckpointStore
{
public:
    explicit CheckpointStore(const QString &stateDirectory);

    // Where the engine keeps its state unless told otherwise: the user's application data.
    static QString defaultStateDirectory();

    // `fileName` is the name the request asked for (empty: the server's or the URL's), so the
    // same URL saved under two names is two downloads.
    QString pathFor(const QString &directory, const QUrl &url, const QString &fileName = {}) const;

    // The file whose bytes DownloadLock locks, one for all checkpoints of this store.
    QString lockFilePath() const { return m_root + u"/locks"; }

    // nullopt when there is none, or it is corrupt or belongs to another URL (logged).
    std::optional<Checkpoint>
    load(const QString &directory, const QUrl &url, const QString &fileName = {}) const;
    // The same, with pathFor()'s answer at hand; `recordFile` tells whether a record file (not
    // a journal line) was there, whatever it held.
    std::optional<Checkpoint> loadFrom(const QString &path,
                                       const QString &directory,
                                       const QUrl &url,
                                       bool *recordFile = nullptr) const;

    // Atomic write-new-then-rename. Durable saves are flushed to the device (fsync); quick
    // ones survive the process dying but not the machine. Safe to call from a worker thread:
    // touches no member state.
    enum class Durability {
        Durable,
        Quick,
    };

    static std::optional<TransferError> save(const QString &path,
                                             const Checkpoint &checkpoint,
                                             Durability durability = Durability::Durable);
    // A finished small file's record (Checkpoint::contentDigest set), for the record file at
    // `path`: appended to the store's RecordJournal instead, as a record file per small file
    // cost more than the file's own bytes. A record file at `path` would still count first: it
    // is removed, unless the caller knows there is none (`recordFileMayExist` false).
    static std::optional<TransferError>
    saveCompleted(const QString &path, const Checkpoint &record, bool recordFileMayExist = true);
    // Removes the record at `path`, from its file and from the journal.
    static void remove(const QString &path);

    // Deletes what the download left: its .part, its finished file when the record says it
    // completed, and the record.
    void discard(const QString &directory, const QUrl &url, const QString &fileName) const;
    // Moves the record to a new URL of the same download (an expired link), so the next attempt
    // asks for the rest there, with If-Range deciding whether the bytes are kept.
    void rekey(const QString &directory,
               const QUrl &from,
               const QUrl &to,
               const QString &fileName) const;

    // The URL form stored and hashed: no password, ever.
    static QUrl storedUrl(const QUrl &url);

private:
    static QString journalPathFor(const QString &path);
    static QByteArray keyOf(const QString &path);

    QString m_root;
    std::unique_ptr<RecordJournal> m_journal;
};

} // namespace Ferry
