#pragma once

#include <QToolButton>

namespace Ferry {

class Settings;
class SpeedLimitMenu;

// The status bar's view of the speed limit ("Limit: 1 MiB/s"); a click opens the menu above it.
class SpeedLimitButton final : public QToolButton
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpeedLimitButton)

public:
    SpeedLimitButton(SpeedLimitMenu *menu, Settings *settings, QWidget *parent = nullptr);

    SpeedLimitMenu *limitMenu() const { return m_menu; }

    // Shows the limit Settings holds now.
    void updateText();
    // Opens the menu over the button (popup(), so nothing waits for it).
    void showLimitMenu();

private:
    SpeedLimitMenu *m_menu;
    Settings *m_settings;
};

} // namespace Ferry
