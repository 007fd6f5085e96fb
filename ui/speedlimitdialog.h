#pragma once

#include <QDialog>

namespace Ferry {

class SpeedLimitSpinBox;

// Asks for a speed limit for all downloads. Meant to be shown with open(); emits limitChosen
// when accepted.
class SpeedLimitDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpeedLimitDialog)

public:
    explicit SpeedLimitDialog(qint64 bytesPerSecond, QWidget *parent = nullptr);

    SpeedLimitSpinBox *spinBox() const { return m_spinBox; }

signals:
    void limitChosen(qint64 bytesPerSecond); // 0 = unlimited

private:
    SpeedLimitSpinBox *m_spinBox;
};

} // namespace Ferry
