#pragma once

#include <QIcon>
#include <QString>

namespace Ferry {

// Ferry's icon: the SVG in ferry_resources (a download arrow landing in a ferry's hull, the same
// file desktops get in hicolor). With progress (0..100) a ring shows how far the list got.
class AppIcon final
{
public:
    static QIcon make(int progress = -1);
    static QString path();
};

} // namespace Ferry
