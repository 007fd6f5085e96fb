#include "transferfilterproxymodel.h"

#include "ui/transferlistmodel.h"

namespace Ferry {

TransferFilterProxyModel::TransferFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(TransferListModel::SortRole);
    setDynamicSortFilter(true);
    setSortLocaleAware(true);
}

void TransferFilterProxyModel::setSourceModel(QAbstractItemModel *model)
{
    m_transfers = qobject_cast<TransferListModel *>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void TransferFilterProxyModel::setCategory(TransferFilter::Category category)
{
    if (m_filter.category() == category)
        return;
    m_filter.setCategory(category);
    invalidateFilter();
}

void TransferFilterProxyModel::setSearchText(const QString &text)
{
    const QString before = m_filter.text();
    m_filter.setText(text);
    if (m_filter.text() != before)
        invalidateFilter();
}

bool TransferFilterProxyModel::filterAcceptsRow(int sourceRow,
                                                const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || !m_transfers || sourceRow >= m_transfers->rowCount())
        return false;
    return m_filter.accepts(m_transfers->snapshotAt(sourceRow));
}

bool TransferFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    // The default orders (queue, date added) compare the raw numbers directly: sorting 100,000
    // rows through SortRole QVariants costs a good part of a start-up.
    if (m_transfers && left.model() == m_transfers && right.model() == m_transfers) {
        const TransferSnapshot &a = m_transfers->snapshotAt(left.row());
        const TransferSnapshot &b = m_transfers->snapshotAt(right.row());
        switch (TransferListModel::Column(left.column())) {
        case TransferListModel::Column::Order:
            return a.queueOrder < b.queueOrder;
        case TransferListModel::Column::Added:
            return a.addedAtMs < b.addedAtMs
                   || (a.addedAtMs == b.addedAtMs && a.queueOrder < b.queueOrder);
        default:
            break;
        }
    }
    return QSortFilterProxyModel::lessThan(left, right);
}

} // namespace Ferry
