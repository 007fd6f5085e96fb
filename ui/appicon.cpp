#include "appicon.h"

#include <QPainter>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

QPixmap draw(const QIcon &base, int size, int progress)
{
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    base.paint(&painter, 0, 0, size, size);

    const qreal s = size;
    QPen ring(QColor(0x3d, 0xdc, 0x84), qMax(2.0, s * 0.1), Qt::SolidLine, Qt::FlatCap);
    painter.setPen(ring);
    const QRectF arc(s * 0.09, s * 0.09, s * 0.82, s * 0.82);
    painter.drawArc(arc, 90 * 16, -int(360.0 * 16 * qBound(0, progress, 100) / 100.0));
    return pixmap;
}

} // namespace

QIcon AppIcon::make(int progress)
{
    const QIcon base(path());
    if (progress < 0)
        return base;
    QIcon icon;
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256})
        icon.addPixmap(draw(base, size, progress));
    return icon;
}

QString AppIcon::path()
{
    return u":/icons/ferry.svg"_s;
}

} // namespace Ferry
