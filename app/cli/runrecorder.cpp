#include "runrecorder.h"

#include "core/urllistwriter.h"

#include <QFileInfo>
#include <QFuture>
#include <QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace Ferry {

RunRecorder::RunRecorder(const QString &reportPath, const QString &failedPath, QObject *parent)
    : QObject(parent)
    , m_reportPath(reportPath)
    , m_failed(failedPath)
{
    m_hashPool.setMaxThreadCount(1); // reads files the downloads just wrote: cache-hot
}

RunRecorder::~RunRecorder()
{
    m_hashPool.waitForDone();
}

bool RunRecorder::open(QString *error)
{
    return m_reportPath.isEmpty() || m_report.open(m_reportPath, error);
}

bool RunRecorder::isRecorded(TransferId id) const
{
    return id < m_recorded.size() && m_recorded[id];
}

void RunRecorder::handleTransfersChanged(const QList<TransferSnapshot> &changed)
{
    for (const TransferSnapshot &item : changed) {
        if (!isFinished(item.state) || isRecorded(item.id))
            continue;
        if (item.id >= m_recorded.size())
            m_recorded.resize(std::max<std::size_t>(item.id + 1, m_recorded.size() * 2));
        m_recorded[item.id] = true;
        if (item.state == TransferState::Failed)
            addFailed(item);
        if (m_reportPath.isEmpty())
            continue;
        if (item.state != TransferState::Completed || item.filePath.isEmpty()) {
            record(item, {});
            continue;
        }
        ++m_pending;
        const QString path = item.filePath;
        QtConcurrent::run(&m_hashPool, [path] {
            return TransferReport::fileSha256(path);
        }).then(this, [this, item](const QByteArray &sha256) {
            record(item, sha256);
            if (--m_pending == 0)
                emit idle();
        });
    }
}

void RunRecorder::record(const TransferSnapshot &item, const QByteArray &sha256)
{
    if (!m_report.add(item, sha256))
        m_writeError = true;
}

void RunRecorder::addFailed(const TransferSnapshot &item)
{
    if (!m_failed.isOpen() && !m_failed.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_writeError = true;
        return;
    }
    ++m_failedCount;
    const QString directory =
        item.directory.isEmpty() ? QFileInfo(item.filePath).absolutePath() : item.directory;
    const QByteArray entry = UrlListWriter::entry(item.url, directory, item.requestedName);
    if (m_failed.write(entry) != entry.size())
        m_writeError = true;
    m_failed.flush(); // a killed run keeps the list
}

QList<TransferId> RunRecorder::unrecorded(TransferId lastId) const
{
    QList<TransferId> ids;
    for (TransferId id = 1; id <= lastId; ++id) {
        if (!isRecorded(id))
            ids.append(id);
    }
    return ids;
}

bool RunRecorder::finish(const QList<TransferSnapshot> &unfinished, QString *error)
{
    m_hashPool.waitForDone();
    if (!m_reportPath.isEmpty()) {
        for (const TransferSnapshot &item : unfinished)
            record(item, {});
    }
    bool ok = !m_writeError;
    QString reason;
    if (!m_report.close(&reason)) {
        ok = false;
        *error = reason;
    }
    if (m_failed.isOpen()) {
        if (!m_failed.flush())
            ok = false;
        m_failed.close();
    }
    if (!ok && error->isEmpty())
        *error = tr("cannot write %1").arg(m_failedCount > 0 ? m_failed.fileName() : m_reportPath);
    return ok;
}

} // namespace Ferry
