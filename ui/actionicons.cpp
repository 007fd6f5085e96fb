#include "actionicons.h"

using namespace Qt::StringLiterals;

namespace Ferry {

QIcon ActionIcons::fromTheme(const QString &name)
{
    return QIcon::fromTheme(name, QIcon(fallbackPath(name)));
}

QString ActionIcons::fallbackPath(const QString &name)
{
    return u":/icons/actions/"_s + name + u".svg"_s;
}

} // namespace Ferry
