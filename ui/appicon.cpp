#include "appicon.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace Ferry {

namespace {

QPixmap draw(int size, int progress)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const qreal s = size;
    const QRectF box(s * 0.04, s * 0.04, s * 0.92, s * 0.92);
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0x1f, 0x6f, 0xd1));
    painter.drawRoundedRect(box, s * 0.2, s * 0.2);

    // The arrow.
    QPainterPath arrow;
    arrow.moveTo(s * 0.42, s * 0.16);
    arrow.lineTo(s * 0.58, s * 0.16);
    arrow.lineTo(s * 0.58, s * 0.46);
    arrow.lineTo(s * 0.74, s * 0.46);
    arrow.lineTo(s * 0.50, s * 0.70);
    arrow.lineTo(s * 0.26, s * 0.46);
    arrow.lineTo(s * 0.42, s * 0.46);
    arrow.closeSubpath();
    painter.setBrush(Qt::white);
    painter.drawPath(arrow);

    // The tray it lands in.
    QPen pen(Qt::white, qMax(1.0, s * 0.07), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    painter.setPen(pen);
    painter.setBrush(Qt::NoBrush);
    QPainterPath tray;
    tray.moveTo(s * 0.20, s * 0.66);
    tray.lineTo(s * 0.20, s * 0.82);
    tray.lineTo(s * 0.80, s * 0.82);
    tray.lineTo(s * 0.80, s * 0.66);
    painter.drawPath(tray);

    if (progress >= 0) {
        QPen ring(QColor(0x3d, 0xdc, 0x84), qMax(2.0, s * 0.1), Qt::SolidLine, Qt::FlatCap);
        painter.setPen(ring);
        const QRectF arc = box.adjusted(s * 0.05, s * 0.05, -s * 0.05, -s * 0.05);
        painter.drawArc(arc, 90 * 16, -int(360.0 * 16 * qBound(0, progress, 100) / 100.0));
    }
    return pixmap;
}

} // namespace

QIcon AppIcon::make(int progress)
{
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256})
        icon.addPixmap(draw(size, progress));
    return icon;
}

} // namespace Ferry
