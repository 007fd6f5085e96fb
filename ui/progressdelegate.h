#pragma once

#include <QStyledItemDelegate>

namespace Ferry {

// Paints a download's progress as the platform's progress bar with the percent on it, from the
// model's ProgressRole.
class ProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressDelegate)

public:
    explicit ProgressDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter,
               const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace Ferry
