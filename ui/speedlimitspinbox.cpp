#include "speedlimitspinbox.h"

namespace Ferry {

namespace {

constexpr qint64 KiB = 1024;
constexpr int MaxKiBPerSecond = 10 * 1024 * 1024; // 10 GiB/s: more than any link we will see

} // namespace

SpeedLimitSpinBox::SpeedLimitSpinBox(QWidget *parent)
    : QSpinBox(parent)
{
    setRange(0, MaxKiBPerSecond);
    setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    setGroupSeparatorShown(true);
    //: Unit after a speed limit in a spin box; mind the leading space
    setSuffix(tr(" KiB/s"));
    //: A speed limit of zero
    setSpecialValueText(tr("Unlimited"));
    setAccelerated(true);
}

qint64 SpeedLimitSpinBox::limit() const
{
    return value() * KiB;
}

void SpeedLimitSpinBox::setLimit(qint64 bytesPerSecond)
{
    const qint64 kib = (qMax<qint64>(0, bytesPerSecond) + KiB - 1) / KiB;
    setValue(int(qMin<qint64>(kib, MaxKiBPerSecond)));
}

} // namespace Ferry
