// Downloads through real proxies from Debian's packages (tinyproxy for HTTP, microsocks for
// SOCKS5) started on loopback: the proxy really carries the request, a login works, and hosts
// on the no-proxy list go around it. Also the system settings (http_proxy and no_proxy).

#include "core/engine.h"
#include "tests/support/enginetestbed.h"
#include "tests/support/nginxserver.h"
#include "tests/support/proxyserver.h"

#include <QFile>
#include <QTest>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = EngineTestBed::Patience;
const QByteArray Body(100000, 'p');

} // namespace

class TestProxy : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void httpProxy_carriesTheRequest();
    void httpProxy_noProxyHost_goesDirect();
    void httpProxyWithLogin_carriesTheRequest();
    void httpProxyWithoutLogin_asksForOne_thenCompletes();
    void httpProxyWrongLogin_failsOnce_saysSo();
    void socks5WithLogin_carriesTheRequest();
    void socks5WrongPassword_failsWithoutReachingTheServer();
    void httpsThroughHttpProxy_usesConnect();
    void systemSettings_followHttpProxyAndNoProxy();

private:
    TransferSnapshot download(EngineOptions options, const QString &path = u"/file.bin"_s);
    static ProxySettings manual(const QUrl &proxy);

    std::unique_ptr<EngineTestBed> m_bed;
};

void TestProxy::init()
{
    m_bed = std::make_unique<EngineTestBed>();
    QVERIFY(m_bed->setUp());
    m_bed->server().addFile(u"/file.bin"_s, Body);
}

void TestProxy::cleanup()
{
    m_bed->tearDown();
    qunsetenv("http_proxy");
    qunsetenv("no_proxy");
}

TransferSnapshot TestProxy::download(EngineOptions options, const QString &path)
{
    auto engine = m_bed->makeEngine(options);
    const TransferId id = engine->add({m_bed->request(path)}).first();
    return EngineTestBed::waitFinished(*engine, id);
}

ProxySettings TestProxy::manual(const QUrl &proxy)
{
    ProxySettings settings;
    settings.mode = ProxySettings::Mode::Manual;
    settings.httpProxy = proxy;
    settings.httpsProxy = proxy;
    return settings;
}

void TestProxy::httpProxy_carriesTheRequest()
{
    ProxyServer proxy(ProxyServer::Kind::Http);
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
    EngineOptions options;
    options.proxy = manual(proxy.url());
    const TransferSnapshot done = download(options);
    QCOMPARE(done.state, TransferState::Completed);
    QCOMPARE(done.bytesDone, Body.size());
    const QList<RecordedRequest> seen = m_bed->server().requests(u"/file.bin"_s);
    QVERIFY(!seen.isEmpty());
    for (const RecordedRequest &request : seen)
        QVERIFY2(request.header("via").contains("ferrytest"), request.header("via").constData());
    QVERIFY2(proxy.log().contains(m_bed->server().url(u"/file.bin"_s).toString()),
             qPrintable(proxy.log()));
}

void TestProxy::httpProxy_noProxyHost_goesDirect()
{
    ProxyServer proxy(ProxyServer::Kind::Http);
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
    EngineOptions options;
    options.proxy = manual(proxy.url());
    options.proxy.noProxy = {u"example.org"_s, u"127.0.0.0/8"_s};
    const TransferSnapshot done = download(options);
    QCOMPARE(done.state, TransferState::Completed);
    const QList<RecordedRequest> seen = m_bed->server().requests(u"/file.bin"_s);
    QVERIFY(!seen.isEmpty());
    for (const RecordedRequest &request : seen)
        QVERIFY(!request.hasHeader("via"));
    QVERIFY2(!proxy.log().contains(u"/file.bin"_s), qPrintable(proxy.log()));
}

void TestProxy::httpProxyWithLogin_carriesTheRequest()
{
    ProxyServer proxy(ProxyServer::Kind::Http);
    proxy.setLogin(u"ferry"_s, u"pr0xy-pass"_s);
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
    EngineOptions options;
    options.proxy = manual(proxy.url());
    options.proxy.user = u"ferry"_s;
    options.proxy.password = u"pr0xy-pass"_s;
    const TransferSnapshot done = download(options);
    QCOMPARE(done.state, TransferState::Completed);
    const QList<RecordedRequest> seen = m_bed->server().requests(u"/file.bin"_s);
    QVERIFY(!seen.isEmpty());
    QVERIFY(seen.first().header("via").contains("ferrytest"));
    // The proxy's login is for the proxy: it never reaches the server.
    QVERIFY(!seen.first().hasHeader("proxy-authorization"));
}

void TestProxy::httpProxyWithoutLogin_asksForOne_thenCompletes()
{
    ProxyServer proxy(ProxyServer::Kind::Http);
    proxy.setLogin(u"ferry"_s, u"pr0xy-pass"_s);
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
    EngineOptions options;
    options.proxy = manual(proxy.url());
    m_bed->server().addFile(u"/other.bin"_s, Body);
    auto engine = m_bed->makeEngine(options);
    const QList<TransferId> ids =
        engine->add({m_bed->request(u"/file.bin"_s), m_bed->request(u"/other.bin"_s)});
    const CredentialKey key = CredentialKey::forProxy(proxy.url());
    for (const TransferId id : ids) {
        const TransferSnapshot asked = EngineTestBed::waitFinished(*engine, id);
        QCOMPARE(asked.state, TransferState::Failed);
        QVERIFY2(asked.error.kind == TransferError::Kind::AuthenticationRequired,
                 qPrintable(asked.error.message()));
        QCOMPARE(asked.error.recovery, TransferError::Recovery::AskUser);
        QCOMPARE(asked.error.credentialKey, key); // one question for the proxy, not per item
        QVERIFY2(asked.error.message().contains(u"proxy"_s), qPrintable(asked.error.message()));
    }
    QCOMPARE(m_bed->server().requestCount(u"/file.bin"_s), 0);

    engine->provideCredentials(key, {u"ferry"_s, u"pr0xy-pass"_s}, false);
    for (const TransferId id : ids) {
        const TransferSnapshot done = EngineTestBed::waitFinished(*engine, id);
        QCOMPARE(done.state, TransferState::Completed);
        QFile file(done.filePath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), Body);
    }
    const QList<RecordedRequest> seen = m_bed->server().requests(u"/file.bin"_s);
    QVERIFY(!seen.isEmpty());
    for (const RecordedRequest &request : seen) {
        QVERIFY(request.header("via").contains("ferrytest"));
        QVERIFY(!request.hasHeader("proxy-authorization")); // for the proxy only
    }
}

void TestProxy::httpProxyWrongLogin_failsOnce_saysSo()
{
    ProxyServer proxy(ProxyServer::Kind::Http);
    proxy.setLogin(u"ferry"_s, u"pr0xy-pass"_s);
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
    EngineOptions options;
    options.proxy = manual(proxy.url());
    options.maxTries = 5;
    auto engine = m_bed->makeEngine(options);
    const CredentialKey key = CredentialKey::forProxy(proxy.url());
    engine->provideCredentials(key, {u"ferry"_s, u"wrong"_s}, false);
    m_bed->server().addFile(u"/second.bin"_s, Body);
    m_bed->server().addFile(u"/third.bin"_s, Body);
    const QList<TransferId> ids = engine->add({m_bed->request(u"/file.bin"_s),
                                               m_bed->request(u"/second.bin"_s),
                                               m_bed->request(u"/third.bin"_s)});
    for (const TransferId id : ids) {
        const TransferSnapshot done = EngineTestBed::waitFinished(*engine, id);
        QCOMPARE(done.state, TransferState::Failed);
        QVERIFY2(done.error.kind == TransferError::Kind::AuthenticationFailed,
                 qPrintable(done.error.message()));
        QCOMPARE(done.error.credentialKey, key);
        QCOMPARE(done.attempts, 1); // no retries of a refused login
        QVERIFY2(done.error.message().startsWith(u"Proxy authentication failed"_s),
                 qPrintable(done.error.message()));
    }
    QCOMPARE(m_bed->server().requestCount(u"/file.bin"_s), 0);

    // The right one, given now, is tried although the wrong one was refused.
    engine->provideCredentials(key, {u"ferry"_s, u"pr0xy-pass"_s}, false);
    for (const TransferId id : ids)
        QCOMPARE(EngineTestBed::waitFinished(*engine, id).state, TransferState::Completed);
}

void TestProxy::socks5WithLogin_carriesTheRequest()
{
    ProxyServer proxy(ProxyServer::Kind::Socks5);
    proxy.setLogin(u"ferry"_s, u"s0cks-pass"_s);
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
    EngineOptions options;
    options.proxy = manual(proxy.url());
    options.proxy.user = u"ferry"_s;
    options.proxy.password = u"s0cks-pass"_s;
    const TransferSnapshot done = download(options);
    QCOMPARE(done.state, TransferState::Completed);
    QCOMPARE(done.bytesDone, Body.size());
    const QString expected = u"connected to 127.0.0.1:%1"_s.arg(m_bed->server().port());
    QTRY_VERIFY2_WITH_TIMEOUT(proxy.log().contains(expected), qPrintable(proxy.log()), Patience);
}

void TestProxy::socks5WrongPassword_failsWithoutReachingTheServer()
{
    ProxyServer proxy(ProxyServer::Kind::Socks5);
    proxy.setLogin(u"ferry"_s, u"s0cks-pass"_s);
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
    EngineOptions options;
    options.proxy = manual(proxy.url());
    options.proxy.user = u"ferry"_s;
    options.proxy.password = u"wrong"_s;
    options.maxTries = 2;
    const TransferSnapshot done = download(options);
    QCOMPARE(done.state, TransferState::Failed);
    QCOMPARE(m_bed->server().requestCount(u"/file.bin"_s), 0);
}

void TestProxy::httpsThroughHttpProxy_usesConnect()
{
    NginxServer origin;
    origin.setTls(true);
    QVERIFY2(origin.start(), qPrintable(origin.errorString()));
    QFile file(origin.documentRoot() + u"/secure.txt"_s);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(Body), Body.size());
    file.close();
    ProxyServer proxy(ProxyServer::Kind::Http);
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));

    EngineOptions options;
    options.proxy = manual(proxy.url());
    options.proxy.httpProxy.clear(); // only https:// goes through it
    options.caCertificateFile = origin.certificatePath();
    auto engine = m_bed->makeEngine(options);
    TransferRequest request;
    request.url = origin.url(u"/secure.txt"_s);
    request.directory = m_bed->downloads();
    const TransferId id = engine->add({request}).first();
    const TransferSnapshot done = EngineTestBed::waitFinished(*engine, id);
    QCOMPARE(done.state, TransferState::Completed);
    QCOMPARE(done.bytesDone, Body.size());
    const QString connect = u"CONNECT 127.0.0.1:%1"_s.arg(origin.port());
    QVERIFY2(proxy.log().contains(connect), qPrintable(proxy.log()));
}

void TestProxy::systemSettings_followHttpProxyAndNoProxy()
{
    ProxyServer proxy(ProxyServer::Kind::Http);
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
    qputenv("http_proxy", proxy.url().toEncoded());
    EngineOptions options; // the system's settings are the default
    QCOMPARE(options.proxy.mode, ProxySettings::Mode::System);
    TransferSnapshot done = download(options);
    QCOMPARE(done.state, TransferState::Completed);
    QVERIFY(m_bed->server().requests(u"/file.bin"_s).value(0).header("via").contains("ferrytest"));

    m_bed->server().resetRecords();
    m_bed->server().addFile(u"/direct.bin"_s, Body);
    qputenv("no_proxy", "127.0.0.1");
    done = download(options, u"/direct.bin"_s);
    QCOMPARE(done.state, TransferState::Completed);
    QVERIFY(!m_bed->server().requests(u"/direct.bin"_s).value(0).hasHeader("via"));
}

QTEST_GUILESS_MAIN(TestProxy)
#include "tst_proxy.moc"
