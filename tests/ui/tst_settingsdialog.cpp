#include "ui/autostart.h"
#include "ui/settings.h"
#include "ui/settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void defaults_followThePlatform();
    void apply_writesSettingsAndEngineOptions();
    void startAtLogin_writesAndRemovesAutostartEntry();
};

void TestSettingsDialog::defaults_followThePlatform()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"s.ini"_s));
    QCOMPARE(settings.downloadDirectory(),
             QStandardPaths::writableLocation(QStandardPaths::DownloadLocation));
    QCOMPARE(settings.maxConcurrent(), 5);
    QCOMPARE(settings.closeToTray(), true);
    QCOMPARE(settings.notifications(), true);
    QVERIFY(settings.language().isEmpty());
}

void TestSettingsDialog::apply_writesSettingsAndEngineOptions()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"s.ini"_s);
    {
        Settings settings(file);
        SettingsDialog dialog(&settings);
        QSignalSpy applied(&dialog, &SettingsDialog::settingsApplied);
        dialog.findChild<QLineEdit *>(u"directory"_s)->setText(u"/srv/dl"_s);
        dialog.findChild<QSpinBox *>(u"maxConcurrent"_s)->setValue(9);
        dialog.findChild<QSpinBox *>(u"perHost"_s)->setValue(2);
        dialog.findChild<QSpinBox *>(u"maxTries"_s)->setValue(0);
        dialog.findChild<QCheckBox *>(u"closeToTray"_s)->setChecked(false);
        dialog.findChild<QCheckBox *>(u"notifications"_s)->setChecked(false);
        auto *language = dialog.findChild<QComboBox *>(u"language"_s);
        language->setCurrentIndex(language->findData(u"zh_CN"_s));
        dialog.apply();
        QCOMPARE(applied.size(), 1);
    }
    Settings reread(file);
    QCOMPARE(reread.downloadDirectory(), u"/srv/dl"_s);
    QCOMPARE(reread.closeToTray(), false);
    QCOMPARE(reread.notifications(), false);
    QCOMPARE(reread.language(), u"zh_CN"_s);
    const EngineOptions options = reread.engineOptions({});
    QCOMPARE(options.maxActive, 9);
    QCOMPARE(options.maxConnectionsPerHost, 2);
    QCOMPARE(options.maxTries, 0);
}

void TestSettingsDialog::startAtLogin_writesAndRemovesAutostartEntry()
{
    QStandardPaths::setTestModeEnabled(true);
    QFile::remove(Autostart::entryPath());
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"s.ini"_s));
    {
        SettingsDialog dialog(&settings);
        dialog.findChild<QCheckBox *>(u"startAtLogin"_s)->setChecked(true);
        dialog.findChild<QCheckBox *>(u"startMinimized"_s)->setChecked(true);
        dialog.apply();
    }
    QVERIFY(settings.startMinimized());
    QFile entry(Autostart::entryPath());
    QVERIFY(entry.open(QIODevice::ReadOnly));
    const QByteArray text = entry.readAll();
    QVERIFY(text.startsWith("[Desktop Entry]\n"));
    QVERIFY(text.contains("--minimized"));
    QVERIFY(text.contains(QCoreApplication::applicationFilePath().toUtf8()));
    entry.close();
    {
        SettingsDialog dialog(&settings);
        QVERIFY(dialog.findChild<QCheckBox *>(u"startAtLogin"_s)->isChecked());
        dialog.findChild<QCheckBox *>(u"startAtLogin"_s)->setChecked(false);
        dialog.apply();
    }
    QVERIFY(!QFile::exists(Autostart::entryPath()));
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
