#include "transferlistmodel.h"

#include "core/bytesize.h"
#include "core/transferfilter.h"
#include "core/urlextractor.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

const QList<int> ChangedRoles = {Qt::DisplayRole,
                                 Qt::DecorationRole,
                                 Qt::ToolTipRole,
                                 TransferListModel::SortRole,
                                 TransferListModel::StateRole,
                                 TransferListModel::ProgressRole,
                                 TransferListModel::FilePathRole};

double progressOf(const TransferSnapshot &snapshot)
{
    if (snapshot.state == TransferState::Completed)
        return 100.0;
    if (snapshot.bytesTotal <= 0)
        return -1.0;
    return 100.0 * double(snapshot.bytesDone) / double(snapshot.bytesTotal);
}

TransferSnapshot snapshotOf(TransferId id, const TransferRecord &record)
{
    TransferSnapshot snapshot;
    snapshot.id = id;
    snapshot.url = record.request.url;
    if (!record.fileName.isEmpty())
        snapshot.filePath = record.request.directory + u'/' + record.fileName;
    snapshot.state = record.state;
    snapshot.bytesDone = record.bytesDone;
    snapshot.bytesTotal = record.bytesTotal;
    snapshot.addedAtMs = record.addedAtMs;
    snapshot.queueOrder = record.queueOrder;
    snapshot.error = record.error;
    return snapshot;
}

// When a download was added, in the locale's short form. Qt 6.4's locale data gives some
// languages (Traditional Chinese among them) the day-period letter "B", which QLocale cannot
// format and prints as is ("2026/11/21 B11:13"); its AM/PM text ("上午") says the same.
QString formatAdded(qint64 msecsSinceEpoch)
{
    const QLocale locale;
    QString format = locale.dateTimeFormat(QLocale::ShortFormat);
    format.replace(u'B', "AP"_L1);
    return locale.toString(QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch), format);
}

} // namespace

TransferListModel::TransferListModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_countdown(this)
{
    // "Waiting for host, 12 s left" counts down without new snapshots.
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &TransferListModel::handleCountdown);
}

void TransferListModel::handleCountdown()
{
    // One signal for the span of waiting rows: a batch of 100,000 behind one host must not
    // become 100,000 signals a second.
    int first = -1;
    int last = -1;
    for (int row = 0; row < int(m_rows.size()); ++row) {
        const TransferSnapshot &snapshot = m_rows.at(row).snapshot;
        if (snapshot.state == TransferState::Queued && snapshot.hostWaitUntilMs > 0) {
            first = first < 0 ? row : first;
            last = row;
        }
    }
    if (first < 0) {
        m_countdown.stop();
        return;
    }
    const int status = int(Column::Status);
    emit dataChanged(index(first, status), index(last, status), {Qt::DisplayRole});
}

int TransferListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TransferListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(Column::Count);
}

QVariant TransferListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Column::Name:
        return tr("Name");
    case Column::Size:
        return tr("Size");
    case Column::Progress:
        return tr("Progress");
    case Column::Speed:
        return tr("Speed");
    case Column::TimeLeft:
        return tr("Time left");
    case Column::Status:
        return tr("Status");
    case Column::Added:
        return tr("Added");
    case Column::Order:
        //: Column: the place in the download queue
        return tr("Queue");
    case Column::Count:
        break;
    }
    return {};
}

QVariant TransferListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    const TransferSnapshot &snapshot = row.snapshot;
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(snapshot, column);
    case SortRole:
        return sortData(row, column);
    case Qt::DecorationRole:
        return column == Column::Name ? QVariant(iconFor(snapshot)) : QVariant();
    case Qt::ToolTipRole:
        if (column == Column::Name) {
            const QString where = snapshot.filePath.isEmpty()
                                      ? row.directory
                                      : QDir::toNativeSeparators(snapshot.filePath);
            return u"%1\n%2"_s.arg(snapshot.url.toDisplayString(), where);
        }
        if (column == Column::Status)
            return stateText(snapshot);
        return {};
    case Qt::TextAlignmentRole:
        if (column == Column::Size || column == Column::Speed || column == Column::TimeLeft)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return QVariant::fromValue(snapshot.id);
    case StateRole:
        return int(snapshot.state);
    case ProgressRole:
        return progressOf(snapshot);
    case UrlRole:
        return snapshot.url;
    case FilePathRole:
        return snapshot.filePath;
    case DirectoryRole:
        return row.directory;
    default:
        return {};
    }
}

QVariant TransferListModel::displayData(const TransferSnapshot &snapshot, Column column) const
{
    switch (column) {
    case Column::Name:
        return TransferFilter::displayName(snapshot);
    case Column::Size:
        if (snapshot.bytesTotal >= 0)
            return ByteSize::format(snapshot.bytesTotal);
        return snapshot.bytesDone > 0 ? ByteSize::format(snapshot.bytesDone) : QString();
    case Column::Progress: {
        const double progress = progressOf(snapshot);
        //: Download progress in percent
        return progress < 0 ? QString() : tr("%1%").arg(int(progress));
    }
    case Column::Speed:
        if (snapshot.state != TransferState::Active || snapshot.speed <= 0)
            return QString();
        return ByteSize::formatRate(snapshot.speed);
    case Column::TimeLeft:
        return snapshot.state == TransferState::Active ? formatDuration(snapshot.etaSeconds)
                                                       : QString();
    case Column::Status:
        return stateText(snapshot);
    case Column::Added:
        return formatAdded(snapshot.addedAtMs);
    case Column::Order:
        return snapshot.queueOrder;
    case Column::Count:
        break;
    }
    return {};
}

QVariant TransferListModel::sortData(const Row &row, Column column) const
{
    const TransferSnapshot &snapshot = row.snapshot;
    switch (column) {
    case Column::Name:
        return TransferFilter::displayName(snapshot);
    case Column::Size:
        return snapshot.bytesTotal;
    case Column::Progress:
        return progressOf(snapshot);
    case Column::Speed:
        return snapshot.state == TransferState::Active ? snapshot.speed : qint64(0);
    case Column::TimeLeft:
        return snapshot.state == TransferState::Active && snapshot.etaSeconds >= 0
                   ? snapshot.etaSeconds
                   : std::numeric_limits<qint64>::max();
    case Column::Status:
        return int(snapshot.state);
    case Column::Added:
        return snapshot.addedAtMs;
    case Column::Order:
        return snapshot.queueOrder;
    case Column::Count:
        break;
    }
    return {};
}

QIcon TransferListModel::iconFor(const TransferSnapshot &snapshot) const
{
    const QString name = TransferFilter::displayName(snapshot);
    const QString suffix = QFileInfo(name).suffix().toLower();
    const auto cached = m_iconCache.constFind(suffix);
    if (cached != m_iconCache.constEnd())
        return *cached;
    QIcon icon;
    if (!suffix.isEmpty()) {
        const QMimeType mime = m_mimeDatabase.mimeTypeForFile(name, QMimeDatabase::MatchExtension);
        icon = QIcon::fromTheme(mime.iconName());
        if (icon.isNull())
            icon = QIcon::fromTheme(mime.genericIconName());
    }
    if (icon.isNull())
        icon = m_iconProvider.icon(QFileIconProvider::File);
    m_iconCache.insert(suffix, icon);
    return icon;
}

QString TransferListModel::formatDuration(qint64 seconds)
{
    if (seconds < 0)
        return QString();
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    if (seconds < 3600)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    if (seconds < 86400)
        return tr("%1 h %2 min").arg(seconds / 3600).arg(seconds % 3600 / 60);
    return tr("%1 d %2 h").arg(seconds / 86400).arg(seconds % 86400 / 3600);
}

QString TransferListModel::stateText(const TransferSnapshot &snapshot)
{
    switch (snapshot.state) {
    case TransferState::Queued:
        if (snapshot.hostWaitUntilMs > 0) {
            const qint64 left =
                (snapshot.hostWaitUntilMs - QDateTime::currentMSecsSinceEpoch() + 999) / 1000;
            //: The server failed many requests in a row; Ferry pauses new requests to it
            return tr("Waiting for host, %1 left").arg(formatDuration(std::max<qint64>(0, left)));
        }
        return tr("Queued");
    case TransferState::Active:
        return snapshot.bytesDone == 0 && snapshot.speed == 0 ? tr("Connecting")
                                                              : tr("Downloading");
    case TransferState::Waiting:
        if (snapshot.error.isAuthentication() && snapshot.retryAtMs == 0) {
            //: A download waits while Ferry looks for a saved login in the system keychain
            return tr("Needs login: looking in the keychain");
        }
        //: %1 is the number of the next attempt, %2 why the last one failed
        return tr("Retrying (attempt %1): %2")
            .arg(snapshot.attempts + 1)
            .arg(snapshot.error.message());
    case TransferState::Paused:
        return tr("Paused");
    case TransferState::Completed:
        return snapshot.skipped ? tr("Already downloaded") : tr("Completed");
    case TransferState::Failed:
        // Stopped until the user answers the login dialog; the answer starts it again.
        if (snapshot.error.isAuthentication()
            && snapshot.error.recovery == TransferError::Recovery::AskUser) {
            //: A download waits for a user name and password; %1 says who asks for it
            return tr("Needs login: %1").arg(snapshot.error.message());
        }
        return snapshot.error.isNone() ? tr("Failed")
                                       : tr("Failed: %1").arg(snapshot.error.message());
    case TransferState::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

QSet<QByteArray> TransferListModel::urlKeys() const
{
    QSet<QByteArray> keys;
    keys.reserve(m_rows.size());
    for (const Row &row : m_rows)
        keys.insert(UrlExtractor::key(row.snapshot.url));
    return keys;
}

void TransferListModel::handleTransfersAdded(const QList<TransferId> &ids,
                                             const QList<TransferRecord> &records)
{
    QList<Row> fresh;
    fresh.reserve(ids.size());
    for (qsizetype i = 0; i < ids.size() && i < records.size(); ++i) {
        if (m_index.contains(ids.at(i)))
            continue;
        fresh.append(Row{snapshotOf(ids.at(i), records.at(i)),
                         QDir::toNativeSeparators(records.at(i).request.directory)});
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (Row &row : fresh) {
        m_index.insert(row.snapshot.id, int(m_rows.size()));
        m_rows.append(std::move(row));
    }
    endInsertRows();
}

void TransferListModel::handleTransfersChanged(const QList<TransferSnapshot> &changed,
                                               const TransferTotals &totals)
{
    QList<int> rows;
    rows.reserve(changed.size());
    QList<Row> fresh;
    for (const TransferSnapshot &snapshot : changed) {
        const int row = m_index.value(snapshot.id, -1);
        if (snapshot.hostWaitUntilMs > 0 && !m_countdown.isActive())
            m_countdown.start();
        if (row < 0) {
            const QString directory = QDir::toNativeSeparators(
                snapshot.filePath.isEmpty() ? snapshot.directory
                                            : QFileInfo(snapshot.filePath).absolutePath());
            fresh.append(Row{snapshot, directory});
            continue;
        }
        Row &target = m_rows[row];
        if (target.directory.isEmpty() && !snapshot.filePath.isEmpty())
            target.directory =
                QDir::toNativeSeparators(QFileInfo(snapshot.filePath).absolutePath());
        target.snapshot = snapshot;
        rows.append(row);
    }

    if (!rows.isEmpty()) {
        const int lastColumn = int(Column::Count) - 1;
        if (rows.size() * 2 > m_rows.size()) {
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, lastColumn), ChangedRoles);
        } else {
            std::sort(rows.begin(), rows.end());
            qsizetype start = 0;
            for (qsizetype i = 1; i <= rows.size(); ++i) {
                if (i < rows.size() && rows.at(i) <= rows.at(i - 1) + 1)
                    continue;
                emit dataChanged(
                    index(rows.at(start), 0), index(rows.at(i - 1), lastColumn), ChangedRoles);
                start = i;
            }
        }
    }

    if (!fresh.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        for (Row &row : fresh) {
            m_index.insert(row.snapshot.id, int(m_rows.size()));
            m_rows.append(std::move(row));
        }
        endInsertRows();
    }

    m_totals = totals;
    emit totalsChanged(m_totals);
}

void TransferListModel::handleTransfersRemoved(const QList<TransferId> &ids)
{
    QList<int> rows;
    rows.reserve(ids.size());
    for (const TransferId id : ids) {
        const int row = m_index.value(id, -1);
        if (row >= 0)
            rows.append(row);
    }
    if (rows.isEmpty())
        return;
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (const TransferId id : ids)
        m_index.remove(id);
    // Contiguous runs from the bottom up, so earlier row numbers stay valid.
    qsizetype start = 0;
    for (qsizetype i = 1; i <= rows.size(); ++i) {
        if (i < rows.size() && rows.at(i) == rows.at(i - 1) - 1)
            continue;
        const int last = rows.at(start);
        const int first = rows.at(i - 1);
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        start = i;
    }
    for (int row = rows.last(); row < m_rows.size(); ++row)
        m_index.insert(m_rows.at(row).snapshot.id, row);
}

} // namespace Ferry
