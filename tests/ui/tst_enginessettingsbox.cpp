#include "ui/enginessettingsbox.h"
#include "ui/settings.h"
#include "ui/settingsdialog.h"

#include <QComboBox>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

// Settings → Engines: remote aria2 engines and the active one; secrets leave only by signal.
class TestEnginesSettingsBox : public QObject
{
    Q_OBJECT

private slots:
    void setEngine_needsNameAndHost();
    void dialog_apply_storesEnginesAndActive_secretOnlyBySignal();
    void removeEngine_active_fallsBackToLocal();
};

void TestEnginesSettingsBox::setEngine_needsNameAndHost()
{
    EnginesSettingsBox box({}, {});
    QString error;
    QVERIFY(!box.setEngine(RemoteEngine{u"nas"_s, {}, 6800}, u"s"_s, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(box.engines().isEmpty());
    QVERIFY(box.setEngine(RemoteEngine{u" nas "_s, u"10.0.0.2"_s, 6801}, {}, &error));
    QCOMPARE(box.engines(), (QList<RemoteEngine>{{u"nas"_s, u"10.0.0.2"_s, 6801}}));
    QVERIFY(box.enteredSecrets().isEmpty()); // no secret typed: the saved one stays
    QVERIFY(box.setEngine(RemoteEngine{u"nas"_s, u"10.0.0.3"_s, 6800}, u"abc"_s, &error));
    QCOMPARE(box.engines().size(), 1); // same name: replaced
    QCOMPARE(box.engines().first().host, u"10.0.0.3"_s);
    QCOMPARE(box.enteredSecrets().value(u"nas"_s), u"abc"_s);
}

void TestEnginesSettingsBox::dialog_apply_storesEnginesAndActive_secretOnlyBySignal()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(u"ferry.ini"_s);
    Settings settings(ini);
    SettingsDialog dialog(&settings);
    auto *box = dialog.findChild<EnginesSettingsBox *>();
    QVERIFY(box);
    QString error;
    QVERIFY(box->setEngine(
        RemoteEngine{u"seedbox"_s, u"seed.example"_s, 6800}, u"very-secret-token"_s, &error));
    box->setActiveEngine(u"seedbox"_s);
    QSignalSpy secrets(&dialog, &SettingsDialog::engineSecretEntered);
    QVERIFY(dialog.apply());
    QCOMPARE(secrets.count(), 1);
    QCOMPARE(secrets.first().at(0).value<RemoteEngine>().name, u"seedbox"_s);
    QCOMPARE(secrets.first().at(1).toString(), u"very-secret-token"_s);
    QCOMPARE(settings.activeEngine(), u"seedbox"_s);
    const std::optional<RemoteEngine> active = settings.activeRemoteEngine();
    QVERIFY(active);
    QCOMPARE(active->host, u"seed.example"_s);
    settings.sync();
    QFile file(ini);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray written = file.readAll();
    QVERIFY(written.contains("seed.example"));
    QVERIFY(!written.contains("very-secret-token")); // the keychain's, never the settings file's
}

void TestEnginesSettingsBox::removeEngine_active_fallsBackToLocal()
{
    EnginesSettingsBox box({{u"a"_s, u"h1"_s, 6800}, {u"b"_s, u"h2"_s, 6800}}, u"b"_s);
    QCOMPARE(box.activeEngine(), u"b"_s);
    box.removeEngine(u"b"_s);
    QCOMPARE(box.activeEngine(), QString());
    QCOMPARE(box.engines().size(), 1);
    box.setActiveEngine(u"gone"_s);
    QCOMPARE(box.activeEngine(), QString());
}

QTEST_MAIN(TestEnginesSettingsBox)
#include "tst_enginessettingsbox.moc"
