#include "core/connectionpool.h"
#include "core/proxyfactory.h"

#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

QNetworkProxy proxyFor(ProxyFactory &factory, const QString &url)
{
    const QList<QNetworkProxy> proxies = factory.choose(QNetworkProxyQuery(QUrl(url)));
    return proxies.value(0, QNetworkProxy(QNetworkProxy::DefaultProxy));
}

ProxySettings manual()
{
    ProxySettings settings;
    settings.mode = ProxySettings::Mode::Manual;
    settings.httpProxy = QUrl(u"http://web.proxy:3128"_s);
    settings.httpsProxy = QUrl(u"socks5://me:fromurl@socks.proxy:1080"_s);
    settings.noProxy = {u"intranet.lan"_s};
    return settings;
}

} // namespace

class TestProxyFactory : public QObject
{
    Q_OBJECT

private slots:
    void manual_schemePicksProxy();
    void manual_noProxyHost_direct();
    void manual_loginFromSettingsWinsOverUrl();
    void manual_noProxyForScheme_direct();
    void none_alwaysDirect();
    void pool_everyManagerUsesTheSettings();
    void manual_userWithoutPassword_leftToTheAuthHandlerForHttp();
    void direct_bufferingManagerSaysDefaultProxy_whichSocketsTakeAsDirect();
    void system_answerKeptForAWhilePerHost();
};

void TestProxyFactory::manual_schemePicksProxy()
{
    ProxyFactory factory(manual());
    const QNetworkProxy http = proxyFor(factory, u"http://files.example.org/a"_s);
    QCOMPARE(http.type(), QNetworkProxy::HttpProxy);
    QCOMPARE(http.hostName(), u"web.proxy"_s);
    QCOMPARE(http.port(), 3128);
    QVERIFY(http.user().isEmpty());
    const QNetworkProxy https = proxyFor(factory, u"https://files.example.org/a"_s);
    QCOMPARE(https.type(), QNetworkProxy::Socks5Proxy);
    QCOMPARE(https.hostName(), u"socks.proxy"_s);
    QCOMPARE(https.port(), 1080);
    QCOMPARE(https.user(), u"me"_s);
    QCOMPARE(https.password(), u"fromurl"_s);
}

void TestProxyFactory::manual_noProxyHost_direct()
{
    ProxyFactory factory(manual());
    QCOMPARE(proxyFor(factory, u"https://files.intranet.lan/a"_s).type(), QNetworkProxy::NoProxy);
    QCOMPARE(proxyFor(factory, u"http://intranet.lan/a"_s).type(), QNetworkProxy::NoProxy);
}

void TestProxyFactory::manual_loginFromSettingsWinsOverUrl()
{
    ProxySettings settings = manual();
    settings.user = u"other"_s;
    settings.password = u"pw"_s;
    ProxyFactory factory(settings);
    const QNetworkProxy http = proxyFor(factory, u"http://files.example.org/a"_s);
    QCOMPARE(http.user(), u"other"_s);
    QCOMPARE(http.password(), u"pw"_s);
    const QNetworkProxy https = proxyFor(factory, u"https://files.example.org/a"_s);
    QCOMPARE(https.user(), u"other"_s);
    QCOMPARE(https.password(), u"pw"_s);
}

void TestProxyFactory::manual_userWithoutPassword_leftToTheAuthHandlerForHttp()
{
    // An HTTP proxy would otherwise get the user with an empty password before anyone asked
    // (tinyproxy then answers 401, not 407); a SOCKS5 proxy needs the name to ask at all.
    ProxySettings settings = manual();
    settings.httpsProxy = settings.httpProxy;
    settings.user = u"other"_s;
    ProxyFactory factory(settings);
    const QNetworkProxy http = proxyFor(factory, u"http://files.example.org/a"_s);
    QVERIFY(http.user().isEmpty());
    QVERIFY(http.password().isEmpty());
    settings.httpProxy = QUrl(u"socks5://socks.proxy:1080"_s);
    ProxyFactory socks(settings);
    QCOMPARE(proxyFor(socks, u"http://files.example.org/a"_s).user(), u"other"_s);
}

void TestProxyFactory::manual_noProxyForScheme_direct()
{
    ProxySettings settings = manual();
    settings.httpProxy.clear();
    ProxyFactory factory(settings);
    QCOMPARE(proxyFor(factory, u"http://files.example.org/a"_s).type(), QNetworkProxy::NoProxy);
    QCOMPARE(proxyFor(factory, u"https://files.example.org/a"_s).type(),
             QNetworkProxy::Socks5Proxy);
}

void TestProxyFactory::none_alwaysDirect()
{
    ProxySettings settings = manual();
    settings.mode = ProxySettings::Mode::None;
    ProxyFactory factory(settings);
    QCOMPARE(proxyFor(factory, u"http://files.example.org/a"_s).type(), QNetworkProxy::NoProxy);
}

void TestProxyFactory::pool_everyManagerUsesTheSettings()
{
    ConnectionPool pool(64);
    QList<QNetworkAccessManager *> managers;
    for (int i = 0; i < 2 * ConnectionPool::ConnectionsPerManager; ++i) {
        QNetworkAccessManager *network = pool.acquire(u"h"_s);
        if (!managers.contains(network))
            managers.append(network);
    }
    pool.setProxySettings(manual());
    managers.append(pool.acquire(u"h"_s)); // a third manager, made after the settings changed
    QCOMPARE(managers.size(), 3);
    for (QNetworkAccessManager *network : managers) {
        QVERIFY(network->proxyFactory());
        const QList<QNetworkProxy> proxies = network->proxyFactory()->queryProxy(
            QNetworkProxyQuery(QUrl(u"http://files.example.org/"_s)));
        QCOMPARE(proxies.value(0).hostName(), u"web.proxy"_s);
    }
}

void TestProxyFactory::direct_bufferingManagerSaysDefaultProxy_whichSocketsTakeAsDirect()
{
    // The environment names a proxy, which is what a socket told DefaultProxy would use if the
    // application's proxy were still the system's (Qt's default on Linux; the other tests here
    // made pools, which changed it).
    qputenv("http_proxy", "http://env.proxy:3128");
    qunsetenv("no_proxy");
    QNetworkProxyFactory::setUseSystemConfiguration(true);
    QVERIFY(!ProxyFactory::directConnectionsBuffered());
    const QNetworkProxyQuery socketQuery(u"files.example.org"_s, 80, u"http"_s);
    QCOMPARE(QNetworkProxyFactory::proxyForQuery(socketQuery).value(0).hostName(), u"env.proxy"_s);
    ConnectionPool pool(4); // sets the application's proxy to none
    QVERIFY(ProxyFactory::directConnectionsBuffered());
    QCOMPARE(QNetworkProxyFactory::proxyForQuery(socketQuery).value(0).type(),
             QNetworkProxy::NoProxy);

    ProxySettings none;
    none.mode = ProxySettings::Mode::None;
    const auto told = [](ProxyFactory &factory, const QString &url) {
        return factory.queryProxy(QNetworkProxyQuery(QUrl(url))).value(0).type();
    };
    ProxyFactory buffering(none, true);
    QCOMPARE(told(buffering, u"http://files.example.org/a"_s), QNetworkProxy::DefaultProxy);
    QCOMPARE(told(buffering, u"https://files.example.org/a"_s), QNetworkProxy::NoProxy);
    ProxyFactory plain(none, false);
    QCOMPARE(told(plain, u"http://files.example.org/a"_s), QNetworkProxy::NoProxy);
    ProxyFactory viaProxy(manual(), true);
    QCOMPARE(told(viaProxy, u"http://files.example.org/a"_s), QNetworkProxy::HttpProxy);
    qunsetenv("http_proxy");
}

void TestProxyFactory::system_answerKeptForAWhilePerHost()
{
    qunsetenv("no_proxy");
    qputenv("http_proxy", "http://first.proxy:3128");
    ProxySettings system;
    system.mode = ProxySettings::Mode::System;
    ProxyFactory factory(system);
    const auto hostFor = [&factory](const QString &url) {
        return factory.choose(QNetworkProxyQuery(QUrl(url))).value(0).hostName();
    };
    QCOMPARE(hostFor(u"http://files.example.org/a"_s), u"first.proxy"_s);
    qputenv("http_proxy", "http://second.proxy:3128");
    QCOMPARE(hostFor(u"http://files.example.org/b"_s), u"first.proxy"_s); // kept
    QCOMPARE(hostFor(u"http://other.example.org/a"_s), u"second.proxy"_s);
    QCOMPARE(ProxyFactory(system)
                 .choose(QNetworkProxyQuery(QUrl(u"http://files.example.org/"_s)))
                 .value(0)
                 .hostName(),
             u"second.proxy"_s); // new settings, new factory: asked again
    qunsetenv("http_proxy");
}

QTEST_GUILESS_MAIN(TestProxyFactory)
#include "tst_proxyfactory.moc"
