#include "reportactions.h"

#include "core/transferclient.h"
#include "core/urllistwriter.h"
#include "ui/transferlistmodel.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThreadPool>
#include <QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Ferry {

ReportActions::ReportActions(TransferListModel *model,
                             TransferClient *client,
                             QThreadPool *pool,
                             QWidget *window)
    : QObject(window)
    , m_model(model)
    , m_client(client)
    , m_pool(pool)
    , m_window(window)
    , m_exportReport(new QAction(tr("Export &Report…"), this))
    , m_exportFailed(new QAction(tr("Export &Failed URLs…"), this))
    , m_retryFailed(new QAction(tr("Retry All &Failed"), this))
{
    m_exportReport->setObjectName(u"exportReportAction"_s);
    m_exportReport->setStatusTip(
        tr("Save a line per download: URL, file, state, HTTP status, size, SHA-256, time, "
           "attempts and error"));
    m_exportFailed->setObjectName(u"exportFailedAction"_s);
    m_exportFailed->setStatusTip(tr("Save the URLs of failed downloads as a list to import later"));
    m_retryFailed->setObjectName(u"retryFailedAction"_s);
    m_retryFailed->setStatusTip(tr("Queue every failed download again"));
    connect(m_exportReport, &QAction::triggered, this, &ReportActions::chooseReportFile);
    connect(m_exportFailed, &QAction::triggered, this, &ReportActions::chooseFailedFile);
    connect(m_retryFailed, &QAction::triggered, this, &ReportActions::retryFailed);
    connect(m_model, &TransferListModel::totalsChanged, this, &ReportActions::updateEnabled);
    connect(&m_export,
            &QFutureWatcher<ReportExportJob::Outcome>::finished,
            this,
            &ReportActions::handleExportFinished);
    updateEnabled();
}

ReportActions::~ReportActions()
{
    m_export.waitForFinished(); // the job holds copies only; let it close its file
}

void ReportActions::updateEnabled()
{
    const bool anyFailed = m_model->totals().failed > 0;
    m_exportFailed->setEnabled(anyFailed);
    m_retryFailed->setEnabled(anyFailed);
    m_exportReport->setEnabled(m_model->rowCount() > 0 && !m_export.isRunning());
}

QList<TransferId> ReportActions::failedIds() const
{
    QList<TransferId> ids;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const TransferSnapshot &item = m_model->snapshotAt(row);
        if (item.state == TransferState::Failed)
            ids.append(item.id);
    }
    return ids;
}

void ReportActions::retryFailed()
{
    const QList<TransferId> ids = failedIds();
    if (!ids.isEmpty())
        m_client->resume(ids);
}

void ReportActions::chooseReportFile()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString path =
        QFileDialog::getSaveFileName(m_window,
                                     tr("Export Report"),
                                     QDir(folder).filePath(u"ferry-report.jsonl"_s),
                                     tr("JSON Lines (*.jsonl);;CSV (*.csv)"));
    if (!path.isEmpty())
        exportReport(path);
}

void ReportActions::exportReport(const QString &path)
{
    ReportExportJob job;
    job.path = path;
    job.items.reserve(m_model->rowCount());
    for (int row = 0; row < m_model->rowCount(); ++row) {
        TransferSnapshot item = m_model->snapshotAt(row);
        if (item.directory.isEmpty())
            item.directory = m_model->directoryAt(row);
        job.items.append(std::move(item));
    }
    m_exportPath = path;
    m_exportReport->setEnabled(false);
    m_export.setFuture(QtConcurrent::run(m_pool, [job] { return job.run(); }));
}

void ReportActions::handleExportFinished()
{
    const ReportExportJob::Outcome outcome = m_export.result();
    updateEnabled();
    if (!outcome.error.isEmpty() && m_window && m_window->isVisible())
        QMessageBox::warning(m_window, tr("Export Report"), outcome.error);
    emit reportExported(m_exportPath, outcome.lines, outcome.error);
}

void ReportActions::chooseFailedFile()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString path = QFileDialog::getSaveFileName(m_window,
                                                      tr("Export Failed URLs"),
                                                      QDir(folder).filePath(u"ferry-failed.txt"_s),
                                                      tr("URL lists (*.txt);;All files (*)"));
    if (path.isEmpty())
        return;
    if (QString error; !exportFailed(path, &error) && m_window)
        QMessageBox::warning(m_window, tr("Export Failed URLs"), error);
}

bool ReportActions::exportFailed(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const TransferSnapshot &item = m_model->snapshotAt(row);
            if (item.state == TransferState::Failed) {
                const QString folder =
                    item.directory.isEmpty() ? m_model->directoryAt(row) : item.directory;
                file.write(UrlListWriter::entry(item.url, folder, item.requestedName));
            }
        }
        if (file.commit())
            return true;
    }
    *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
}

} // namespace Ferry
