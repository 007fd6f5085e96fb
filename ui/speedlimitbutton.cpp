#include "speedlimitbutton.h"

#include "ui/settings.h"
#include "ui/speedlimitmenu.h"

using namespace Qt::StringLiterals;

namespace Ferry {

SpeedLimitButton::SpeedLimitButton(SpeedLimitMenu *menu, Settings *settings, QWidget *parent)
    : QToolButton(parent)
    , m_menu(menu)
    , m_settings(settings)
{
    setObjectName(u"speedLimitButton"_s);
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setToolTip(tr("Speed limit for all downloads together"));
    connect(this, &QToolButton::clicked, this, &SpeedLimitButton::showLimitMenu);
    connect(menu, &SpeedLimitMenu::limitChanged, this, &SpeedLimitButton::updateText);
    updateText();
}

void SpeedLimitButton::updateText()
{
    const qint64 limit = m_settings->overallSpeedLimit();
    if (limit <= 0) {
        //: Status bar: no speed limit is set
        setText(tr("No limit"));
        return;
    }
    //: Status bar: the speed limit for all downloads, such as "1 MiB/s"
    setText(tr("Limit: %1").arg(SpeedLimitMenu::formatLimit(limit)));
}

void SpeedLimitButton::showLimitMenu()
{
    // The button sits at the bottom of the window: open upwards, as the screen allows.
    m_menu->popup(mapToGlobal(QPoint(0, -m_menu->sizeHint().height())));
}

} // namespace Ferry
