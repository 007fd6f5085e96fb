#pragma once

#include "core/transferid.h"
#include "core/transferrecord.h"
#include "core/transfersnapshot.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

namespace Ferry {

class TransferClient;

// The download list as it survives quit, crash and reboot: every item's request and state.
//
// Two files in one folder. session.dat is a complete snapshot, replaced atomically (QSaveFile).
// session.journal holds the changes since that snapshot -- added, state changed, removed -- as
// length- and checksum-framed records, appended a tenth of a second after they happen. A torn
// last record (a crash mid-write) is dropped on load; a journal that belongs to an older
// snapshot (a crash between the two files) is ignored, since the snapshot already holds it.
// Progress ticks are not journaled: bytes resume from the engine's checkpoints anyway; the
// byte counts shown after a restart are those of the item's last state change or snapshot.
// All file work runs in order on one worker thread, which also encodes added items (a big paste);
// the GUI thread only encodes state changes and removals.
class SessionStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionStore)

public:
    explicit SessionStore(const QString &directory, QObject *parent = nullptr);
    ~SessionStore() override; // writes what is pending and waits for it

    // The saved session, in queue order. A missing session is empty. A damaged snapshot is set
    // aside (session.dat.damaged) and *error says so; a damaged journal tail is dropped.
    static QList<TransferRecord> load(const QString &directory, QString *error = nullptr);

    // Loads the saved session into `client`, then records what the client reports from now on
    // and rewrites the snapshot (the ids are new). Returns how many items were restored.
    qsizetype restoreInto(TransferClient *client, QString *error = nullptr);
    // Records what `client` reports from now on, starting from an empty session.
    void attach(TransferClient *client);
    // Hands pending changes to the writer and waits until they are written.
    void flush();

    qsizetype size() const { return m_records.size(); }

    qint64 journalBytes() const { return m_journalBytes; }

private:
    void connectClient(TransferClient *client);
    void handleAdded(const QList<TransferId> &ids, const QList<TransferRecord> &records);
    void handleChanged(const QList<TransferSnapshot> &changed, const TransferTotals &totals);
    void handleRemoved(const QList<TransferId> &ids);
    void scheduleWrite();
    void writePending();
    void compact();

    QString m_directory;
    QMap<TransferId, TransferRecord> m_records; // ids grow in queue order
    QByteArray m_pending;                       // encoded journal records not yet handed over
    qint64 m_journalBytes = 0;
    qint64 m_snapshotRecords = 0;
    QThreadPool m_writer;
    QTimer m_writeTimer;
};

} // namespace Ferry
