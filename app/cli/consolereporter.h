#pragma once

#include "core/transfersnapshot.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QString>

#include <cstdio>

namespace Ferry {

// What ferry-cli prints on stderr: a line per finished, failed or retried file, a progress line
// (redrawn in place on a terminal, every few seconds otherwise) and the final summary.
class ConsoleReporter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleReporter)

public:
    ConsoleReporter(std::FILE *stream, bool quiet, QObject *parent = nullptr);

    void handleTransfersChanged(const QList<Ferry::TransferSnapshot> &changed,
                                const Ferry::TransferTotals &totals);
    void noteRejectedLines(qint64 count);
    // Where the failed URLs and the report went (empty: nowhere), for the summary.
    void noteRecords(const QString &failedList, const QString &report);
    void printLine(const QString &text);
    void printSummary(bool interrupted);

    bool allSucceeded() const;

private:
    struct Failure
    {
        QString url;
        QString reason;
    };

    void printProgress();
    void clearProgress();
    void write(const QString &text);
    QString progressText() const;

    std::FILE *m_stream;
    bool m_quiet;
    bool m_terminal;
    bool m_progressShown = false;
    QElapsedTimer m_started;
    QElapsedTimer m_lastProgress;
    TransferTotals m_totals;
    QSet<TransferId> m_reported;
    QHash<TransferId, int> m_retriesReported;
    QList<Failure> m_failures;
    qint64 m_skipped = 0;
    qint64 m_rejectedLines = 0;
    QString m_failedList;
    QString m_report;
    QHash<QString, qint64> m_hostWaits; // host -> the cool-down end last told
};

} // namespace Ferry
