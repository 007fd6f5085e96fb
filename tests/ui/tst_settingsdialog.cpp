#include "ui/autostart.h"
#include "ui/settings.h"
#include "ui/settingsdialog.h"
#include "ui/speedlimitspinbox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
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
    void segmentsAndSpeedLimits_roundTripAndReachEngineOptions();
    void segmentsAndSpeedLimits_outOfRangeValuesClamped();
    void speedLimits_dialogShowsStoredValues();
    void language_offersEveryCatalogue();
    void automaticConcurrency_isTheZeroOfDownloadsAtOnce();
    void politeness_roundTripsAndReachesEngineOptions();
    void politeness_malformedHostLimitsWriteNothing();
};

void TestSettingsDialog::defaults_followThePlatform()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"s.ini"_s));
    QCOMPARE(settings.downloadDirectory(),
             QStandardPaths::writableLocation(QStandardPaths::DownloadLocation));
    QCOMPARE(settings.maxConcurrent(), 5);
    QVERIFY(settings.automaticConcurrency()); // the number follows the throughput, from 5
    QCOMPARE(SettingsDialog(&settings).findChild<QSpinBox *>(u"maxConcurrent"_s)->text(),
             u"Automatic"_s);
    QCOMPARE(settings.closeToTray(), true);
    QCOMPARE(settings.notifications(), true);
    QVERIFY(settings.language().isEmpty());
    QCOMPARE(settings.segmentsPerFile(), 8);
    QCOMPARE(settings.overallSpeedLimit(), qint64(0));
    QCOMPARE(settings.downloadSpeedLimit(), qint64(0));
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
    QVERIFY(!options.autoConcurrency);
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

void TestSettingsDialog::segmentsAndSpeedLimits_roundTripAndReachEngineOptions()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"s.ini"_s);
    {
        Settings settings(file);
        SettingsDialog dialog(&settings);
        QSignalSpy applied(&dialog, &SettingsDialog::settingsApplied);
        dialog.findChild<QSpinBox *>(u"segments"_s)->setValue(3);
        dialog.findChild<SpeedLimitSpinBox *>(u"overallLimit"_s)->setValue(2048);
        dialog.findChild<SpeedLimitSpinBox *>(u"downloadLimit"_s)->setValue(300);
        dialog.apply();
        QCOMPARE(applied.size(), 1);
    }
    Settings reread(file);
    QCOMPARE(reread.segmentsPerFile(), 3);
    QCOMPARE(reread.overallSpeedLimit(), qint64(2048 * 1024));
    QCOMPARE(reread.downloadSpeedLimit(), qint64(300 * 1024));

    // Whatever the base holds, the settings win; the rest of the base stays.
    EngineOptions base;
    base.split = 12;
    base.maxConnectionsPerServer = 11;
    base.maxOverallBytesPerSecond = 7;
    base.maxBytesPerSecond = 9;
    base.minSplitBytes = 12345;
    const EngineOptions options = reread.engineOptions(base);
    QCOMPARE(options.split, 3);
    QCOMPARE(options.maxConnectionsPerServer, 3);
    QCOMPARE(options.maxOverallBytesPerSecond, qint64(2048 * 1024));
    QCOMPARE(options.maxBytesPerSecond, qint64(300 * 1024));
    QCOMPARE(options.minSplitBytes, qint64(12345));

    // Back to unlimited: zero reaches the engine, which reads it as no limit.
    reread.setOverallSpeedLimit(0);
    reread.setDownloadSpeedLimit(0);
    QCOMPARE(reread.engineOptions(base).maxOverallBytesPerSecond, qint64(0));
    QCOMPARE(reread.engineOptions(base).maxBytesPerSecond, qint64(0));
}

void TestSettingsDialog::segmentsAndSpeedLimits_outOfRangeValuesClamped()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"s.ini"_s));
    settings.setSegmentsPerFile(99);
    settings.setOverallSpeedLimit(-1);
    settings.setDownloadSpeedLimit(-100);
    QCOMPARE(settings.segmentsPerFile(), 16);
    QCOMPARE(settings.overallSpeedLimit(), qint64(0));
    QCOMPARE(settings.downloadSpeedLimit(), qint64(0));
    settings.setSegmentsPerFile(0);
    QCOMPARE(settings.segmentsPerFile(), 1);
    QCOMPARE(settings.engineOptions({}).split, 1);
}

void TestSettingsDialog::speedLimits_dialogShowsStoredValues()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"s.ini"_s));
    settings.setSegmentsPerFile(5);
    settings.setOverallSpeedLimit(5 << 20);
    {
        SettingsDialog dialog(&settings);
        QCOMPARE(dialog.findChild<QSpinBox *>(u"segments"_s)->value(), 5);
        auto *overall = dialog.findChild<SpeedLimitSpinBox *>(u"overallLimit"_s);
        QCOMPARE(overall->value(), 5 * 1024);
        auto *perDownload = dialog.findChild<SpeedLimitSpinBox *>(u"downloadLimit"_s);
        QCOMPARE(perDownload->value(), 0);
        QCOMPARE(perDownload->text(), u"Unlimited"_s);
        dialog.apply(); // unchanged values stay as they were
    }
    QCOMPARE(settings.segmentsPerFile(), 5);
    QCOMPARE(settings.overallSpeedLimit(), qint64(5 << 20));
    QCOMPARE(settings.downloadSpeedLimit(), qint64(0));
}

void TestSettingsDialog::language_offersEveryCatalogue()
{
    // Each translations/ferry_<lang>.ts is a language Settings must offer, besides English.
    const QDir translations(qEnvironmentVariable("FERRY_SOURCE_DIR") + u"/translations"_s);
    const QStringList catalogues = translations.entryList({u"ferry_*.ts"_s}, QDir::Files);
    QVERIFY(catalogues.contains(u"ferry_zh_TW.ts"_s));
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"s.ini"_s));
    SettingsDialog dialog(&settings);
    auto *language = dialog.findChild<QComboBox *>(u"language"_s);
    QVERIFY(language);
    QVERIFY(language->findData(u"en"_s) >= 0);
    for (const QString &catalogue : catalogues) {
        const QString code = catalogue.mid(6).chopped(3); // ferry_zh_TW.ts -> zh_TW
        QVERIFY2(language->findData(code) >= 0, qPrintable(code));
    }
    QCOMPARE(language->itemText(language->findData(u"zh_TW"_s)), u"繁體中文"_s);
}

void TestSettingsDialog::automaticConcurrency_isTheZeroOfDownloadsAtOnce()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"s.ini"_s));
    settings.setAutomaticConcurrency(false); // automatic is the default: start from a number
    settings.setMaxConcurrent(7);
    {
        SettingsDialog dialog(&settings);
        auto *atOnce = dialog.findChild<QSpinBox *>(u"maxConcurrent"_s);
        QCOMPARE(atOnce->value(), 7);
        atOnce->setValue(0);
        QCOMPARE(atOnce->text(), u"Automatic"_s);
        dialog.apply();
    }
    QVERIFY(settings.automaticConcurrency());
    QCOMPARE(settings.maxConcurrent(), 7); // where the automatic count starts
    EngineOptions options = settings.engineOptions({});
    QVERIFY(options.autoConcurrency);
    QCOMPARE(options.maxActive, 7);
    {
        SettingsDialog dialog(&settings);
        auto *atOnce = dialog.findChild<QSpinBox *>(u"maxConcurrent"_s);
        QCOMPARE(atOnce->value(), 0);
        atOnce->setValue(3);
        dialog.apply();
    }
    QVERIFY(!settings.automaticConcurrency());
    options = settings.engineOptions({});
    QVERIFY(!options.autoConcurrency);
    QCOMPARE(options.maxActive, 3);
}

void TestSettingsDialog::politeness_roundTripsAndReachesEngineOptions()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"s.ini"_s);
    {
        Settings settings(file);
        const EngineOptions defaults = settings.engineOptions({});
        QCOMPARE(defaults.waitMs, qint64(0));
        QVERIFY(!defaults.randomWait);
        QVERIFY(defaults.hostConnectionLimits.isEmpty());
        SettingsDialog dialog(&settings);
        QCOMPARE(dialog.findChild<QDoubleSpinBox *>(u"waitBetweenRequests"_s)->value(), 0.0);
        dialog.findChild<QDoubleSpinBox *>(u"waitBetweenRequests"_s)->setValue(1.5);
        dialog.findChild<QCheckBox *>(u"randomWait"_s)->setChecked(true);
        dialog.findChild<QLineEdit *>(u"hostLimits"_s)
            ->setText(u"Photos.Example.org=2 cdn.example.net=4"_s);
        QVERIFY(dialog.apply());
    }
    Settings reread(file);
    const EngineOptions options = reread.engineOptions({});
    QCOMPARE(options.waitMs, qint64(1500));
    QVERIFY(options.randomWait);
    const QHash<QString, int> expected{{u"photos.example.org"_s, 2}, {u"cdn.example.net"_s, 4}};
    QCOMPARE(options.hostConnectionLimits, expected);
    SettingsDialog again(&reread); // shows what is stored
    QCOMPARE(again.findChild<QDoubleSpinBox *>(u"waitBetweenRequests"_s)->value(), 1.5);
    QVERIFY(again.findChild<QCheckBox *>(u"randomWait"_s)->isChecked());
    QCOMPARE(again.findChild<QLineEdit *>(u"hostLimits"_s)->text(),
             u"cdn.example.net=4, photos.example.org=2"_s);
}

void TestSettingsDialog::politeness_malformedHostLimitsWriteNothing()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"s.ini"_s));
    SettingsDialog dialog(&settings);
    QSignalSpy applied(&dialog, &SettingsDialog::settingsApplied);
    dialog.findChild<QSpinBox *>(u"maxConcurrent"_s)->setValue(9);
    dialog.findChild<QLineEdit *>(u"hostLimits"_s)->setText(u"a.example=2, b.example=100"_s);
    QVERIFY(!dialog.apply());
    QCOMPARE(applied.size(), 0);
    const QString problem = dialog.findChild<QLabel *>(u"problem"_s)->text();
    QVERIFY2(problem.contains(u"b.example=100"_s), qPrintable(problem));
    QCOMPARE(settings.maxConcurrent(), 5); // nothing written
    QVERIFY(settings.hostConnectionLimits().isEmpty());
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
