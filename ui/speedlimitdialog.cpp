#include "speedlimitdialog.h"

#include "ui/speedlimitspinbox.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ferry {

SpeedLimitDialog::SpeedLimitDialog(qint64 bytesPerSecond, QWidget *parent)
    : QDialog(parent)
    , m_spinBox(new SpeedLimitSpinBox(this))
{
    setObjectName(u"speedLimitDialog"_s);
    setWindowTitle(tr("Speed Limit"));
    m_spinBox->setObjectName(u"speedLimit"_s);
    m_spinBox->setLimit(bytesPerSecond);
    m_spinBox->selectAll();
    auto *label = new QLabel(tr("&Limit the speed of all downloads together to:"), this);
    label->setBuddy(m_spinBox);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(this, &QDialog::accepted, this, [this] { emit limitChosen(m_spinBox->limit()); });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_spinBox);
    layout->addWidget(buttons);
    layout->setSizeConstraint(QLayout::SetFixedSize);
}

} // namespace Ferry
