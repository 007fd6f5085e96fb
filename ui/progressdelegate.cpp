#include "progressdelegate.h"

#include "core/transferstate.h"
#include "ui/transferlistmodel.h"

#include <QApplication>
#include <QPainter>
#include <QStyle>
#include <QStyleOptionProgressBar>

namespace Ferry {

namespace {

constexpr int Steps = 1000;
constexpr int Margin = 2;

} // namespace

ProgressDelegate::ProgressDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

void ProgressDelegate::paint(QPainter *painter,
                             const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    // Background and selection as for any cell, without the text.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const double progress = index.data(TransferListModel::ProgressRole).toDouble();
    const auto state = TransferState(index.data(TransferListModel::StateRole).toInt());
    QStyleOptionProgressBar bar;
    bar.initFrom(widget ? widget : QApplication::activeWindow());
    bar.state = option.state | QStyle::State_Horizontal;
    if (state == TransferState::Paused || state == TransferState::Cancelled
        || state == TransferState::Failed) {
        bar.state &= ~QStyle::State_Enabled; // greyed: nothing is moving
    }
    bar.rect = option.rect.adjusted(Margin, Margin, -Margin, -Margin);
    bar.minimum = 0;
    bar.maximum = Steps;
    if (progress < 0 && state == TransferState::Active) {
        bar.maximum = 0; // size unknown: the style's busy bar
        bar.progress = 0;
    } else {
        bar.progress = progress < 0 ? 0 : int(progress * Steps / 100.0);
    }
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = !bar.text.isEmpty();
    bar.textAlignment = Qt::AlignCenter;
    bar.fontMetrics = option.fontMetrics;
    bar.palette = option.palette;
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

} // namespace Ferry
