#pragma once

#include <QSpinBox>

namespace Ferry {

// A speed limit in KiB/s, where 0 reads "Unlimited". Speaks bytes per second to its users.
class SpeedLimitSpinBox final : public QSpinBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpeedLimitSpinBox)

public:
    explicit SpeedLimitSpinBox(QWidget *parent = nullptr);

    qint64 limit() const;                 // bytes per second; 0 = unlimited
    void setLimit(qint64 bytesPerSecond); // shown rounded up to whole KiB/s
};

} // namespace Ferry
