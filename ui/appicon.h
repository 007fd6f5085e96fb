#pragma once

#include <QIcon>

namespace Ferry {

// Ferry's icon, drawn rather than loaded, so it needs no image plugin: a downward arrow over a
// tray on a blue rounded square. With progress (0..100) a ring shows how far the list got.
class AppIcon final
{
public:
    static QIcon make(int progress = -1);
};

} // namespace Ferry
