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

} // namespace Ferry
