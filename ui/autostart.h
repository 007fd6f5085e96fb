#pragma once

#include <QString>

namespace Ferry {

// "Start Ferry when I log in": an XDG autostart entry (autostart/ferry.desktop in the user's
// config folder) that starts Ferry minimised to the tray.
class Autostart final
{
public:
    static QString entryPath();
    static bool isEnabled();
    // Writes or removes the entry; `executable` is what it starts. False if that failed.
    static bool setEnabled(bool enabled, const QString &executable);
};

} // namespace Ferry
