#include "maintoolbar.h"

#include <QAction>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Ferry {

MainToolBar::MainToolBar(QWidget *parent)
    : QToolBar(tr("Main Toolbar"), parent)
{
    setObjectName(u"mainToolBar"_s);
    setMovable(false);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
}

void MainToolBar::addLabelledAction(QAction *action)
{
    action->setIconText(labelFor(action->iconText()));
    addAction(action);
}

QString MainToolBar::labelFor(const QString &text)
{
    // Qt's icon text keeps "(P)" of "暂停(&P)"; a label never ends in one otherwise.
    static const QRegularExpression accelerator(u"\\s*\\(&?[A-Za-z0-9]\\)$"_s);
    QString label = text;
    if (label.endsWith(u'…'))
        label.chop(1);
    else if (label.endsWith(u"..."_s))
        label.chop(3);
    label.remove(accelerator);
    label.replace(u"&&"_s, u"\x01"_s).remove(u'&').replace(u'\x01', u'&');
    return label.trimmed();
}

} // namespace Ferry
