#include "ui/settings.h"
#include "ui/speedlimitbutton.h"
#include "ui/speedlimitdialog.h"
#include "ui/speedlimitmenu.h"
#include "ui/speedlimitspinbox.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;

} // namespace

class TestSpeedLimitMenu : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void formatLimit_presetsAndOddValues();
    void spinBox_kibibytesWithUnlimitedAtZero();
    void menu_checksWhatSettingsHold();
    void preset_storesAndEmitsOnce();
    void custom_dialogAccepted_storesValueAndChecksCustom();
    void custom_dialogRejected_keepsLimit();
    void custom_openTwice_oneDialog();
    void button_showsLimitAndOpensMenu();

private:
    QAction *action(const QString &name) const;
    QAction *checkedAction() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<SpeedLimitMenu> m_menu;
};

void TestSpeedLimitMenu::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestSpeedLimitMenu::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(u"ferry.ini"_s));
    m_menu = std::make_unique<SpeedLimitMenu>(m_settings.get());
}

void TestSpeedLimitMenu::cleanup()
{
    m_menu.reset();
    m_settings.reset();
    m_dir.reset();
}

QAction *TestSpeedLimitMenu::action(const QString &name) const
{
    const QList<QAction *> actions = m_menu->limitActions();
    for (QAction *candidate : actions) {
        if (candidate->objectName() == name)
            return candidate;
    }
    qFatal("no speed limit action %s", qPrintable(name));
}

QAction *TestSpeedLimitMenu::checkedAction() const
{
    QAction *found = nullptr;
    const QList<QAction *> actions = m_menu->limitActions();
    for (QAction *candidate : actions) {
        if (!candidate->isChecked())
            continue;
        if (found)
            qFatal("two speed limits checked");
        found = candidate;
    }
    return found;
}

void TestSpeedLimitMenu::formatLimit_presetsAndOddValues()
{
    QCOMPARE(SpeedLimitMenu::formatLimit(0), u"Unlimited"_s);
    QCOMPARE(SpeedLimitMenu::formatLimit(256 * KiB), u"256 KiB/s"_s);
    QCOMPARE(SpeedLimitMenu::formatLimit(1 * MiB), u"1 MiB/s"_s);
    QCOMPARE(SpeedLimitMenu::formatLimit(50 * MiB), u"50 MiB/s"_s);
    QCOMPARE(SpeedLimitMenu::formatLimit(3000 * KiB), u"3,000 KiB/s"_s);
    QCOMPARE(SpeedLimitMenu::formatLimit(1536 * KiB + 1), u"1.5 MiB/s"_s);
}

void TestSpeedLimitMenu::spinBox_kibibytesWithUnlimitedAtZero()
{
    SpeedLimitSpinBox spin;
    spin.setLimit(0);
    QCOMPARE(spin.text(), u"Unlimited"_s);
    QCOMPARE(spin.limit(), qint64(0));
    spin.setLimit(1); // never rounded down to "Unlimited"
    QCOMPARE(spin.value(), 1);
    QCOMPARE(spin.limit(), KiB);
    spin.setLimit(2 * MiB);
    QCOMPARE(spin.value(), 2048);
    QCOMPARE(spin.text(), u"2,048 KiB/s"_s);
    QCOMPARE(spin.limit(), 2 * MiB);
    spin.setLimit(-5);
    QCOMPARE(spin.limit(), qint64(0));
}

void TestSpeedLimitMenu::menu_checksWhatSettingsHold()
{
    QCOMPARE(checkedAction(), action(u"speedLimit0"_s));
    QCOMPARE(m_menu->limitActions().size(), 7);
    m_settings->setOverallSpeedLimit(5 * MiB);
    emit m_menu->aboutToShow();
    QCOMPARE(checkedAction(), action(u"speedLimit5242880"_s));
    QCOMPARE(m_menu->customAction()->text(), u"&Custom…"_s);
    m_settings->setOverallSpeedLimit(700 * KiB); // set elsewhere, e.g. the settings dialog
    emit m_menu->aboutToShow();
    QCOMPARE(checkedAction(), m_menu->customAction());
    QCOMPARE(m_menu->customAction()->text(), u"&Custom (700 KiB/s)…"_s);
}

void TestSpeedLimitMenu::preset_storesAndEmitsOnce()
{
    QSignalSpy changed(m_menu.get(), &SpeedLimitMenu::limitChanged);
    action(u"speedLimit1048576"_s)->trigger();
    QCOMPARE(m_settings->overallSpeedLimit(), 1 * MiB);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toLongLong(), 1 * MiB);
    QCOMPARE(checkedAction(), action(u"speedLimit1048576"_s));
    // Stored in the file, not only in memory.
    QCOMPARE(Settings(m_dir->filePath(u"ferry.ini"_s)).overallSpeedLimit(), 1 * MiB);

    action(u"speedLimit1048576"_s)->trigger(); // the same again: nothing to apply
    QCOMPARE(changed.size(), 1);
    QCOMPARE(checkedAction(), action(u"speedLimit1048576"_s));

    action(u"speedLimit0"_s)->trigger();
    QCOMPARE(m_settings->overallSpeedLimit(), qint64(0));
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.at(1).at(0).toLongLong(), qint64(0));
}

void TestSpeedLimitMenu::custom_dialogAccepted_storesValueAndChecksCustom()
{
    m_settings->setOverallSpeedLimit(256 * KiB);
    QSignalSpy changed(m_menu.get(), &SpeedLimitMenu::limitChanged);
    m_menu->customAction()->trigger();
    SpeedLimitDialog *dialog = m_menu->customDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible()); // open(), not exec(): trigger() came back
    // Nothing changes while the dialog is open.
    QCOMPARE(checkedAction(), action(u"speedLimit262144"_s));
    QCOMPARE(dialog->spinBox()->value(), 256);
    QCOMPARE(changed.size(), 0);

    dialog->spinBox()->setValue(3000);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toLongLong(), 3000 * KiB);
    QCOMPARE(m_settings->overallSpeedLimit(), 3000 * KiB);
    QCOMPARE(checkedAction(), m_menu->customAction());
    QVERIFY(m_menu->customAction()->text().contains(u"3,000 KiB/s"_s));
    QTRY_VERIFY(!m_menu->customDialog()); // closed and deleted
}

void TestSpeedLimitMenu::custom_dialogRejected_keepsLimit()
{
    m_settings->setOverallSpeedLimit(10 * MiB);
    QSignalSpy changed(m_menu.get(), &SpeedLimitMenu::limitChanged);
    m_menu->customAction()->trigger();
    QVERIFY(m_menu->customDialog());
    m_menu->customDialog()->spinBox()->setValue(1);
    m_menu->customDialog()->reject();
    QCOMPARE(changed.size(), 0);
    QCOMPARE(m_settings->overallSpeedLimit(), 10 * MiB);
    QCOMPARE(checkedAction(), action(u"speedLimit10485760"_s));
}

void TestSpeedLimitMenu::custom_openTwice_oneDialog()
{
    m_menu->customAction()->trigger();
    SpeedLimitDialog *first = m_menu->customDialog();
    QVERIFY(first);
    m_menu->customAction()->trigger();
    QCOMPARE(m_menu->customDialog(), first);
    int open = 0;
    const QList<QWidget *> windows = QApplication::topLevelWidgets();
    for (QWidget *window : windows)
        open += qobject_cast<SpeedLimitDialog *>(window) && window->isVisible() ? 1 : 0;
    QCOMPARE(open, 1);
}

void TestSpeedLimitMenu::button_showsLimitAndOpensMenu()
{
    SpeedLimitButton button(m_menu.get(), m_settings.get());
    QCOMPARE(button.text(), u"No limit"_s);
    QCOMPARE(button.limitMenu(), m_menu.get());
    button.show();
    QTest::mouseClick(&button, Qt::LeftButton);
    QTRY_VERIFY(m_menu->isVisible()); // popup(): the click came back with the menu open
    m_menu->hide();
    action(u"speedLimit52428800"_s)->trigger();
    QCOMPARE(button.text(), u"Limit: 50 MiB/s"_s);
    m_settings->setOverallSpeedLimit(0); // changed elsewhere: shown when told
    QCOMPARE(button.text(), u"Limit: 50 MiB/s"_s);
    button.updateText();
    QCOMPARE(button.text(), u"No limit"_s);
}

QTEST_MAIN(TestSpeedLimitMenu)
#include "tst_speedlimitmenu.moc"
