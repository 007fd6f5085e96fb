#pragma once

#include "core/transferid.h"
#include "core/transferrecord.h"
#include "core/transfersnapshot.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QFileIconProvider>
#include <QHash>
#include <QIcon>
#include <QList>
#include <QMimeDatabase>
#include <QSet>
#include <QTimer>

namespace Ferry {

// The download list: one row per transfer, fed by the client's batched snapshots. Rows keep
// their insertion order; sorting and filtering happen in a proxy (TransferFilterProxyModel).
class TransferListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferListModel)

public:
    enum class Column {
        Name,
        Size,
        Progress,
        Speed,
        TimeLeft,
        Status,
        Added,
        Order, // the place in the queue; hidden, the default sort
        Count,
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole + 1, // the raw value behind DisplayRole
        IdRole,                      // TransferId
        StateRole,                   // int(TransferState)
        ProgressRole,                // 0..100 (double), -1 when the size is unknown
        UrlRole,                     // QUrl
        FilePathRole,                // the final path, once known
        DirectoryRole,               // the folder the file goes to
    };

    explicit TransferListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant
    headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const TransferSnapshot &snapshotAt(int row) const { return m_rows.at(row).snapshot; }

    QString directoryAt(int row) const { return m_rows.at(row).directory; }

    int rowOf(TransferId id) const { return m_index.value(id, -1); }

    TransferTotals totals() const { return m_totals; }

    // UrlExtractor::key() of every URL in the list, for duplicate checks.
    QSet<QByteArray> urlKeys() const;

    void handleTransfersAdded(const QList<Ferry::TransferId> &ids,
                              const QList<Ferry::TransferRecord> &records);
    void handleTransfersChanged(const QList<Ferry::TransferSnapshot> &changed,
                                const Ferry::TransferTotals &totals);
    void handleTransfersRemoved(const QList<Ferry::TransferId> &ids);

    static QString formatDuration(qint64 seconds);
    static QString stateText(const TransferSnapshot &snapshot);

signals:
    void totalsChanged(const Ferry::TransferTotals &totals);

private:
    void handleCountdown();

    struct Row
    {
        TransferSnapshot snapshot;
        QString directory;
    };

    QVariant displayData(const TransferSnapshot &snapshot, Column column) const;
    QVariant sortData(const Row &row, Column column) const;
    QIcon iconFor(const TransferSnapshot &snapshot) const;

    QList<Row> m_rows;
    QHash<TransferId, int> m_index;
    TransferTotals m_totals;
    QMimeDatabase m_mimeDatabase;
    QFileIconProvider m_iconProvider;
    QTimer m_countdown;
    mutable QHash<QString, QIcon> m_iconCache; // by file suffix
};

} // namespace Ferry
