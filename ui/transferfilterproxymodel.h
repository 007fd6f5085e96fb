#pragma once

#include "core/transferfilter.h"

#include <QSortFilterProxyModel>

namespace Ferry {

class TransferListModel;

// Sorts the download list on the model's raw SortRole values and shows only what the core
// TransferFilter accepts.
class TransferFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferFilterProxyModel)

public:
    explicit TransferFilterProxyModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model) override;

    TransferFilter filter() const { return m_filter; }

    void setCategory(TransferFilter::Category category);
    void setSearchText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    TransferListModel *m_transfers = nullptr;
    TransferFilter m_filter;
};

} // namespace Ferry
