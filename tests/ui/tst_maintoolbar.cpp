#include "ui/maintoolbar.h"

#include <QAction>
#include <QTest>
#include <QToolButton>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestMainToolBar : public QObject
{
    Q_OBJECT

private slots:
    void labelFor_dropsAcceleratorsAndEllipsis_data();
    void labelFor_dropsAcceleratorsAndEllipsis();
    void addLabelledAction_buttonShowsTheLabel();
};

void TestMainToolBar::labelFor_dropsAcceleratorsAndEllipsis_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("label");
    QTest::newRow("english") << u"&Pause"_s << u"Pause"_s;
    QTest::newRow("chinese accelerator") << u"暂停(&P)"_s << u"暂停"_s;
    QTest::newRow("as Qt strips it") << u"全部暂停(L)"_s << u"全部暂停"_s;
    QTest::newRow("ellipsis") << u"添加(&A)…"_s << u"添加"_s;
    QTest::newRow("three dots") << u"&Add..."_s << u"Add"_s;
    QTest::newRow("literal ampersand") << u"Tom && Jerry"_s << u"Tom & Jerry"_s;
    QTest::newRow("brackets inside") << u"Retry (all)"_s << u"Retry (all)"_s;
}

void TestMainToolBar::labelFor_dropsAcceleratorsAndEllipsis()
{
    QFETCH(QString, text);
    QFETCH(QString, label);
    QCOMPARE(MainToolBar::labelFor(text), label);
}

void TestMainToolBar::addLabelledAction_buttonShowsTheLabel()
{
    MainToolBar bar;
    QAction pause(u"暂停(&P)"_s);
    bar.addLabelledAction(&pause);
    const auto *button = qobject_cast<QToolButton *>(bar.widgetForAction(&pause));
    QVERIFY(button);
    QCOMPARE(button->text(), u"暂停"_s);
    QCOMPARE(pause.text(), u"暂停(&P)"_s); // the menu keeps its accelerator
}

QTEST_MAIN(TestMainToolBar)
#include "tst_maintoolbar.moc"
