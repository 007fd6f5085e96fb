#pragma once

#include "core/transferreport.h"
#include "core/transfersnapshot.h"

#include <QFile>
#include <QObject>
#include <QString>
#include <QThreadPool>

#include <vector>

namespace Ferry {

// ferry-cli's records of a run: the --save-report lines (each completed file hashed with
// SHA-256 on a worker thread first) and the list of failed URLs, written as items finish so a
// killed run keeps what it wrote. finish() adds the items that never finished.
class RunRecorder final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunRecorder)

public:
    // `reportPath` empty: no report. `failedPath`: where failed URLs go (created on the first).
    RunRecorder(const QString &reportPath, const QString &failedPath, QObject *parent = nullptr);
    ~RunRecorder() override;

    // Opens the report; false with a reason.
    bool open(QString *error);
    void handleTransfersChanged(const QList<Ferry::TransferSnapshot> &changed);

    // Hashes still running.
    int pending() const { return m_pending; }

    // Ids (1-based, in order of adding) that have no line yet.
    QList<TransferId> unrecorded(TransferId lastId) const;
    // Lines for items that did not finish, then closes both files. False with a reason.
    bool finish(const QList<Ferry::TransferSnapshot> &unfinished, QString *error);

    QString failedListPath() const { return m_failedCount > 0 ? m_failed.fileName() : QString(); }

    QString reportPath() const { return m_reportPath; }

signals:
    void idle(); // the last pending hash is done

private:
    void record(const TransferSnapshot &item, const QByteArray &sha256);
    void addFailed(const TransferSnapshot &item);
    bool isRecorded(TransferId id) const;

    QString m_reportPath;
    TransferReport m_report;
    QFile m_failed;
    qint64 m_failedCount = 0;
    bool m_writeError = false;
    std::vector<bool> m_recorded; // by id
    QThreadPool m_hashPool;
    int m_pending = 0;
};

} // namespace Ferry
