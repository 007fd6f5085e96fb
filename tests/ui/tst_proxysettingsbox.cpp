#include "ui/proxysettingsbox.h"
#include "ui/settings.h"
#include "ui/settingsdialog.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestProxySettingsBox : public QObject
{
    Q_OBJECT

private slots:
    void defaults_systemSettings();
    void manual_roundTripsWithoutPassword();
    void manual_badProxy_refusedWithReasonNothingWritten();
    void fields_enabledOnlyForManual();
    void password_handedOn_neverWritten();
};

void TestProxySettingsBox::defaults_systemSettings()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"s.ini"_s));
    QCOMPARE(settings.proxy().mode, ProxySettings::Mode::System);
    QCOMPARE(settings.engineOptions({}).proxy.mode, ProxySettings::Mode::System);
    ProxySettingsBox box(settings.proxy());
    QVERIFY(box.findChild<QRadioButton *>(u"proxySystem"_s)->isChecked());
}

void TestProxySettingsBox::manual_roundTripsWithoutPassword()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"s.ini"_s);
    {
        Settings settings(file);
        SettingsDialog dialog(&settings);
        dialog.findChild<QRadioButton *>(u"proxyManual"_s)->setChecked(true);
        dialog.findChild<QLineEdit *>(u"proxyHttp"_s)->setText(u"me:secretpw@proxy.lan:3128"_s);
        dialog.findChild<QLineEdit *>(u"proxyHttps"_s)->setText(u"socks5://10.0.0.2"_s);
        dialog.findChild<QLineEdit *>(u"proxyExceptions"_s)
            ->setText(u"localhost, .corp.example ,10.0.0.0/8"_s);
        dialog.findChild<QLineEdit *>(u"proxyUser"_s)->setText(u"ferry"_s);
        QVERIFY(dialog.apply());
    }
    Settings settings(file);
    const ProxySettings proxy = settings.proxy();
    QCOMPARE(proxy.mode, ProxySettings::Mode::Manual);
    QCOMPARE(proxy.httpProxy, QUrl(u"http://me@proxy.lan:3128"_s));
    QCOMPARE(proxy.httpsProxy, QUrl(u"socks5://10.0.0.2:1080"_s));
    QCOMPARE(proxy.noProxy, (QStringList{u"localhost"_s, u".corp.example"_s, u"10.0.0.0/8"_s}));
    QCOMPARE(proxy.user, u"ferry"_s);
    QVERIFY(proxy.password.isEmpty());
    // The engine gets them, with a password only from where the application took it.
    EngineOptions base;
    base.proxy.password = u"from-env"_s;
    const EngineOptions options = settings.engineOptions(base);
    QCOMPARE(options.proxy.httpProxy, proxy.httpProxy);
    QCOMPARE(options.proxy.password, u"from-env"_s);
    QFile ini(file);
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QVERIFY(!ini.readAll().contains("secretpw"));

    // The dialog shows what was saved.
    ProxySettingsBox box(proxy);
    QCOMPARE(box.findChild<QLineEdit *>(u"proxyHttp"_s)->text(), u"http://me@proxy.lan:3128"_s);
    QVERIFY(box.findChild<QRadioButton *>(u"proxyManual"_s)->isChecked());
}

void TestProxySettingsBox::manual_badProxy_refusedWithReasonNothingWritten()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(u"s.ini"_s));
    SettingsDialog dialog(&settings);
    QSignalSpy applied(&dialog, &SettingsDialog::settingsApplied);
    dialog.findChild<QRadioButton *>(u"proxyManual"_s)->setChecked(true);
    dialog.findChild<QLineEdit *>(u"proxyHttp"_s)->setText(u"ftp://proxy.lan"_s);
    QVERIFY(!dialog.apply());
    QCOMPARE(applied.size(), 0);
    QCOMPARE(settings.proxy().mode, ProxySettings::Mode::System);
    const QLabel *problem = dialog.findChild<QLabel *>(u"problem"_s);
    QVERIFY(!problem->isHidden());
    QVERIFY2(problem->text().startsWith(u"HTTP proxy"_s), qPrintable(problem->text()));
    // Fixed, it goes through and the reason goes away.
    dialog.findChild<QLineEdit *>(u"proxyHttp"_s)->setText(u"proxy.lan:8080"_s);
    QVERIFY(dialog.apply());
    QVERIFY(problem->isHidden());
    QCOMPARE(settings.proxy().httpProxy, QUrl(u"http://proxy.lan:8080"_s));
}

void TestProxySettingsBox::fields_enabledOnlyForManual()
{
    ProxySettingsBox box(ProxySettings{});
    QLineEdit *http = box.findChild<QLineEdit *>(u"proxyHttp"_s);
    QVERIFY(!http->isEnabled());
    box.findChild<QRadioButton *>(u"proxyManual"_s)->setChecked(true);
    QVERIFY(http->isEnabled());
    box.findChild<QRadioButton *>(u"proxyNone"_s)->setChecked(true);
    QVERIFY(!http->isEnabled());
}

void TestProxySettingsBox::password_handedOn_neverWritten()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(u"s.ini"_s);
    Settings settings(file);
    SettingsDialog dialog(&settings);
    dialog.findChild<QRadioButton *>(u"proxyManual"_s)->setChecked(true);
    dialog.findChild<QLineEdit *>(u"proxyHttp"_s)->setText(u"proxy.lan:3128"_s);
    dialog.findChild<QLineEdit *>(u"proxyUser"_s)->setText(u"ferry"_s);
    auto *password = dialog.findChild<QLineEdit *>(u"proxyPassword"_s);
    QVERIFY(password->isEnabled());
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    password->setText(u"typed-pw-91"_s);
    QString error;
    const std::optional<ProxySettings> proxy =
        dialog.findChild<ProxySettingsBox *>()->settings(&error);
    QVERIFY(proxy);
    QCOMPARE(proxy->password, u"typed-pw-91"_s); // for the keychain, through the client
    QCOMPARE(proxy->credentialKeys(),
             QList<CredentialKey>{CredentialKey::forProxy(QUrl(u"http://proxy.lan:3128"_s))});
    QVERIFY(dialog.apply());
    settings.sync();
    QFile ini(file);
    QVERIFY(ini.open(QIODevice::ReadOnly));
    const QByteArray written = ini.readAll();
    QVERIFY(written.contains("proxy.lan"));
    QVERIFY(!written.contains("typed-pw-91"));
    QVERIFY(settings.proxy().password.isEmpty());
}

QTEST_MAIN(TestProxySettingsBox)
#include "tst_proxysettingsbox.moc"
