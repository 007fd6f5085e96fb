#include "politenessbox.h"

#include "core/hostlimits.h"
#include "ui/settings.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLineEdit>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Ferry {

PolitenessBox::PolitenessBox(const Settings &settings, QWidget *parent)
    : QGroupBox(tr("Server courtesy"), parent)
    , m_wait(new QDoubleSpinBox(this))
    , m_randomWait(
          new QCheckBox(tr("&Vary the pause at random (half to one and a half times)"), this))
    , m_hostLimits(new QLineEdit(this))
{
    setObjectName(u"politeness"_s);
    auto *form = new QFormLayout(this);

    m_wait->setObjectName(u"waitBetweenRequests"_s);
    m_wait->setRange(0, 3600);
    m_wait->setDecimals(1);
    m_wait->setSingleStep(0.5);
    //: Unit after the pause between requests, in seconds
    m_wait->setSuffix(tr(" s"));
    //: In the "Pause between requests" box: no pause
    m_wait->setSpecialValueText(tr("None"));
    m_wait->setValue(double(settings.waitBetweenRequestsMs()) / 1000.0);
    m_wait->setToolTip(tr("The least time between two requests to the same server, for sites "
                          "that block fast downloaders"));
    form->addRow(tr("Pause between re&quests:"), m_wait);

    m_randomWait->setObjectName(u"randomWait"_s);
    m_randomWait->setChecked(settings.randomWait());
    form->addRow(m_randomWait);

    m_hostLimits->setObjectName(u"hostLimits"_s);
    m_hostLimits->setText(HostLimits::formatList(settings.hostConnectionLimits()));
    //: Example of the per-server connection limits; keep the format SERVER=NUMBER
    m_hostLimits->setPlaceholderText(tr("files.example.org=2, cdn.example.net=4"));
    m_hostLimits->setToolTip(tr("Servers that get fewer connections at once than the limit for "
                                "all servers: SERVER=NUMBER, separated by commas"));
    form->addRow(tr("Per-se&rver connection limits:"), m_hostLimits);
}

qint64 PolitenessBox::waitMs() const
{
    return std::llround(m_wait->value() * 1000.0);
}

bool PolitenessBox::randomWait() const
{
    return m_randomWait->isChecked();
}

std::optional<QHash<QString, int>> PolitenessBox::hostLimits(QString *error) const
{
    QString reason;
    auto limits = HostLimits::parseList(m_hostLimits->text(), &reason);
    if (!limits && error)
        *error = tr("Per-server connection limits: %1").arg(reason);
    return limits;
}

} // namespace Ferry
