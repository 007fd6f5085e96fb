#pragma once

#include <QIcon>
#include <QString>

namespace Ferry {

// Icons for actions and buttons: the desktop theme's icon of a freedesktop name ("list-add")
// when the theme has one, else Ferry's own SVG of that name, so no button is ever empty. The
// SVGs live in ferry_resources at :/icons/actions/<name>.svg (the application links them).
class ActionIcons final
{
public:
    static QIcon fromTheme(const QString &name);
    static QString fallbackPath(const QString &name);
};

} // namespace Ferry
