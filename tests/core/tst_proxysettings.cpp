#include "core/proxysettings.h"

#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestProxySettings : public QObject
{
    Q_OBJECT

private slots:
    void parseProxy_accepted_data();
    void parseProxy_accepted();
    void parseProxy_rejected_data();
    void parseProxy_rejected();
    void bypasses_data();
    void bypasses();
};

void TestProxySettings::parseProxy_accepted_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bare host") << u"proxy.lan"_s << u"http://proxy.lan:80"_s;
    QTest::newRow("host and port") << u"proxy.lan:3128"_s << u"http://proxy.lan:3128"_s;
    QTest::newRow("http with login")
        << u"http://me:pw@proxy.lan:3128/"_s << u"http://me:pw@proxy.lan:3128"_s;
    QTest::newRow("socks5") << u"socks5://10.0.0.1"_s << u"socks5://10.0.0.1:1080"_s;
    QTest::newRow("socks5h") << u"SOCKS5H://10.0.0.1:9050"_s << u"socks5://10.0.0.1:9050"_s;
}

void TestProxySettings::parseProxy_accepted()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QString error;
    const auto url = ProxySettings::parseProxy(text, &error);
    QVERIFY2(url, qPrintable(error));
    QCOMPARE(url->toString(), expected);
}

void TestProxySettings::parseProxy_rejected_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("ftp") << u"ftp://proxy.lan:21"_s;
    QTest::newRow("socks4") << u"socks4://proxy.lan:1080"_s;
    QTest::newRow("path") << u"http://proxy.lan:3128/some/path"_s;
    QTest::newRow("bad port") << u"proxy.lan:port"_s;
}

void TestProxySettings::parseProxy_rejected()
{
    QFETCH(QString, text);
    QString error;
    QVERIFY(!ProxySettings::parseProxy(text, &error));
    QVERIFY(!error.isEmpty());
}

void TestProxySettings::bypasses_data()
{
    QTest::addColumn<QStringList>("noProxy");
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("bypassed");
    const QStringList list{u"example.org"_s, u".internal"_s, u"10.0.0.0/8"_s, u"192.168.1.5"_s};
    QTest::newRow("exact") << list << u"example.org"_s << true;
    QTest::newRow("subdomain") << list << u"cdn.Example.org"_s << true;
    QTest::newRow("suffix only") << list << u"notexample.org"_s << false;
    QTest::newRow("dot rule, subdomain") << list << u"a.internal"_s << true;
    QTest::newRow("dot rule, bare") << list << u"internal"_s << false;
    QTest::newRow("in network") << list << u"10.20.30.40"_s << true;
    QTest::newRow("outside network") << list << u"11.0.0.1"_s << false;
    QTest::newRow("address") << list << u"192.168.1.5"_s << true;
    QTest::newRow("other address") << list << u"192.168.1.6"_s << false;
    QTest::newRow("star") << QStringList{u"*"_s} << u"anything.test"_s << true;
    QTest::newRow("empty list") << QStringList() << u"example.org"_s << false;
}

void TestProxySettings::bypasses()
{
    QFETCH(QStringList, noProxy);
    QFETCH(QString, host);
    QFETCH(bool, bypassed);
    ProxySettings settings;
    settings.noProxy = noProxy;
    QCOMPARE(settings.bypasses(host), bypassed);
}

QTEST_GUILESS_MAIN(TestProxySettings)
#include "tst_proxysettings.moc"
