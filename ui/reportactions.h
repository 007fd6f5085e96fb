#pragma once

#include "core/reportexportjob.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>

class QAction;
class QThreadPool;
class QWidget;

namespace Ferry {

class TransferClient;
class TransferListModel;

// What the window offers for a whole batch: "Export Report…" (every item, with the SHA-256 of
// each completed file, as JSON Lines or CSV; hashed on a worker), "Export Failed URLs…" (a list
// for File > Import or `ferry-cli -i` that puts each file back in its folder) and "Retry All
// Failed". The last two are enabled while something has failed.
class ReportActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportActions)

public:
    ReportActions(TransferListModel *model,
                  TransferClient *client,
                  QThreadPool *pool,
                  QWidget *window);
    ~ReportActions() override;

    QAction *exportReportAction() const { return m_exportReport; }

    QAction *exportFailedAction() const { return m_exportFailed; }

    QAction *retryFailedAction() const { return m_retryFailed; }

    // Starts writing the report to `path`; reportExported() follows.
    void exportReport(const QString &path);
    // Writes the failed items' URLs; false with a reason.
    bool exportFailed(const QString &path, QString *error) const;
    void retryFailed();

signals:
    void reportExported(const QString &path, qint64 lines, const QString &error);

private:
    void chooseReportFile();
    void chooseFailedFile();
    void handleExportFinished();
    void updateEnabled();
    QList<TransferId> failedIds() const;

    TransferListModel *m_model;
    TransferClient *m_client;
    QThreadPool *m_pool;
    QPointer<QWidget> m_window;
    QAction *m_exportReport;
    QAction *m_exportFailed;
    QAction *m_retryFailed;
    QFutureWatcher<ReportExportJob::Outcome> m_export;
    QString m_exportPath;
};

} // namespace Ferry
