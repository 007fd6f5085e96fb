#include "core/http1accessmanager.h"
#include "core/http1pool.h"
#include "core/http1reply.h"
#include "tests/support/generateddata.h"
#include "tests/support/testhttpserver.h"

#include <QAuthenticator>
#include <QCryptographicHash>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int WaitMs = 20'000;

struct ReplyDeleter
{
    void operator()(QNetworkReply *reply) const { reply->deleteLater(); }
};

using ReplyPtr = std::unique_ptr<QNetworkReply, ReplyDeleter>;

// The request as Ferry's downloads send it.
QNetworkRequest ferryRequest(const QUrl &url)
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept-Encoding", "identity");
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    return request;
}

// Reads everything until finished(), as a reader that keeps up.
QByteArray readAll(QNetworkReply *reply)
{
    QByteArray body;
    QObject::connect(
        reply, &QIODevice::readyRead, reply, [reply, &body] { body += reply->readAll(); });
    QSignalSpy finished(reply, &QNetworkReply::finished);
    body += reply->readAll(); // what arrived before: readyRead() told of it already
    if (!reply->isFinished() && !finished.wait(WaitMs))
        return "<no finished() in time>";
    body += reply->readAll();
    return body;
}

} // namespace

class TestHttp1Reply : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void canCarry_onlyPlainDirectRequests_data();
    void canCarry_onlyPlainDirectRequests();
    void get_bodyStatusAndHeaders();
    void get_headLongerThanItsWindow_linesAndBodyIntact();
    void startGet_ownReply_managerFinishedFirst();
    void get_secondRequestReusesTheConnection();
    void keptConnectionClosedByServer_nextRequestStillWorks();
    void chunked_bodyDecoded();
    void chunked_wholeAnswerInOneWrite_extensionsAndTrailers();
    void chunked_serverClosesWhileReaderPaused_nothingLost();
    void chunked_overlongSizeLine_protocolFailure();
    void head_noBody();
    void notFound_errorAsQtNamesIt();
    void droppedMidBody_remoteHostClosed_bytesSoFarReadable();
    void refused_connectionRefusedError();
    void abort_finishesAtOnce();
    void readBufferSize_serverHeldBack_untilRead();
    void challenge_goesToQtAndItsAuthentication();
    void challenge_withoutFallback_deliveredAsItIs();
    void redirect_leftToTheCaller();
    void throughProxy_qtCarriesIt();

private:
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<Http1AccessManager> m_network;
};

void TestHttp1Reply::init()
{
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_network = std::make_unique<Http1AccessManager>();
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_network->setAutoDeleteReplies(false);
}

void TestHttp1Reply::cleanup()
{
    m_network.reset();
    m_server.reset();
}

void TestHttp1Reply::canCarry_onlyPlainDirectRequests_data()
{
    QTest::addColumn<QNetworkRequest>("request");
    QTest::addColumn<bool>("get");
    QTest::addColumn<bool>("expected");

    const QUrl url(u"http://127.0.0.1:8080/a.bin"_s);
    QTest::newRow("ferry's GET") << ferryRequest(url) << true << true;
    QTest::newRow("https") << ferryRequest(QUrl(u"https://127.0.0.1/a.bin"_s)) << true << false;
    QTest::newRow("login in URL") << ferryRequest(QUrl(u"http://u:p@127.0.0.1/a"_s)) << true
                                  << false;
    QTest::newRow("POST") << ferryRequest(url) << false << false;

    QNetworkRequest followsRedirects = ferryRequest(url);
    followsRedirects.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                  QNetworkRequest::NoLessSafeRedirectPolicy);
    QTest::newRow("Qt follows redirects") << followsRedirects << true << false;

    QNetworkRequest cookies = ferryRequest(url);
    cookies.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Automatic);
    QTest::newRow("Qt's cookie jar") << cookies << true << false;

    QNetworkRequest injected = ferryRequest(url);
    injected.setRawHeader("X-Note", "a\r\nHost: elsewhere");
    QTest::newRow("line break in a header") << injected << true << false;

    QNetworkRequest framing = ferryRequest(url);
    framing.setRawHeader("Transfer-Encoding", "chunked");
    QTest::newRow("framing header") << framing << true << false;
}

void TestHttp1Reply::canCarry_onlyPlainDirectRequests()
{
    QFETCH(QNetworkRequest, request);
    QFETCH(bool, get);
    QFETCH(bool, expected);
    const auto operation =
        get ? QNetworkAccessManager::GetOperation : QNetworkAccessManager::PostOperation;
    QCOMPARE(Http1Reply::canCarry(operation, request), expected);
}

void TestHttp1Reply::get_bodyStatusAndHeaders()
{
    const qint64 size = 300'000;
    m_server->addGeneratedFile(u"/a.bin"_s, size, 7);
    m_server->setHeader(u"/a.bin"_s, "Set-Cookie", "a=1");
    ReplyPtr reply(m_network->get(ferryRequest(m_server->url(u"/a.bin"_s))));
    QVERIFY(qobject_cast<Http1Reply *>(reply.get()));
    QSignalSpy metaData(reply.get(), &QNetworkReply::metaDataChanged);

    const QByteArray body = readAll(reply.get());
    QCOMPARE(body.size(), size);
    QVERIFY(body == generatedData(0, size, 7));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray(), "OK");
    QCOMPARE(reply->rawHeader("ETag"), m_server->eTag(u"/a.bin"_s));
    // Kept apart, byte for byte (Qt would have parsed it into a QDateTime).
    QVERIFY(!m_server->lastModified(u"/a.bin"_s).isEmpty());
    QCOMPARE(Http1Reply::lastModifiedOf(*reply), m_server->lastModified(u"/a.bin"_s));
    QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), size);
    QVERIFY(reply->header(QNetworkRequest::SetCookieHeader).isValid());
    QCOMPARE(metaData.size(), 1);

    const QList<RecordedRequest> seen = m_server->requests(u"/a.bin"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.first().method, "GET");
    QCOMPARE(seen.first().header("Host"), "127.0.0.1:" + QByteArray::number(m_server->port()));
    QCOMPARE(seen.first().header("Accept-Encoding"), "identity");
}

void TestHttp1Reply::get_headLongerThanItsWindow_linesAndBodyIntact()
{
    // One line longer than the part of the head looked at first, and a head of many lines that
    // is longer in all: both arrive together with the body.
    const qint64 size = 100'000;
    m_server->addGeneratedFile(u"/h.bin"_s, size, 3);
    const QByteArray longValue(3 * Http1Reply::HeadWindowBytes, 'v');
    m_server->setHeader(u"/h.bin"_s, "X-Long", longValue);
    for (int i = 0; i < 40; ++i)
        m_server->setHeader(u"/h.bin"_s, "X-Many-" + QByteArray::number(i), QByteArray(200, 'm'));
    ReplyPtr reply(m_network->get(ferryRequest(m_server->url(u"/h.bin"_s))));
    const QByteArray body = readAll(reply.get());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(body.size(), size);
    QVERIFY(body == generatedData(0, size, 3));
    QCOMPARE(reply->rawHeader("X-Long"), longValue);
    QCOMPARE(reply->rawHeader("X-Many-39"), QByteArray(200, 'm'));
    QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), size);
}

void TestHttp1Reply::startGet_ownReply_managerFinishedFirst()
{
    m_server->addFile(u"/s.txt"_s, "started directly");
    QSignalSpy managerFinished(m_network.get(), &QNetworkAccessManager::finished);
    ReplyPtr reply(
        Http1AccessManager::startGet(m_network.get(), ferryRequest(m_server->url(u"/s.txt"_s))));
    QVERIFY(qobject_cast<Http1Reply *>(reply.get()));
    qsizetype seenByManagerFirst = -1;
    connect(reply.get(), &QNetworkReply::finished, this, [&] {
        seenByManagerFirst = managerFinished.size();
    });
    QCOMPARE(readAll(reply.get()), "started directly");
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(seenByManagerFirst, 1);
    QCOMPARE(managerFinished.size(), 1);
    QCOMPARE(managerFinished.first().first().value<QNetworkReply *>(), reply.get());

    // What it does not carry goes the usual way, and the manager still reports it.
    QNetworkRequest withJar = ferryRequest(m_server->url(u"/s.txt"_s));
    withJar.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Automatic);
    ReplyPtr viaQt(Http1AccessManager::startGet(m_network.get(), withJar));
    QVERIFY(!qobject_cast<Http1Reply *>(viaQt.get()));
    QCOMPARE(readAll(viaQt.get()), "started directly");
    QCOMPARE(managerFinished.size(), 2);
    QCOMPARE(managerFinished.last().first().value<QNetworkReply *>(), viaQt.get());
}

void TestHttp1Reply::get_secondRequestReusesTheConnection()
{
    m_server->addFile(u"/a.txt"_s, "first");
    m_server->addFile(u"/b.txt"_s, "second");
    ReplyPtr first(m_network->get(ferryRequest(m_server->url(u"/a.txt"_s))));
    QCOMPARE(readAll(first.get()), "first");
    QCOMPARE(m_network->http1Pool()->idleCount(), 1);
    ReplyPtr second(m_network->get(ferryRequest(m_server->url(u"/b.txt"_s))));
    QCOMPARE(readAll(second.get()), "second");
    QCOMPARE(m_server->connectionCount(), 1);
    QCOMPARE(m_network->http1Pool()->idleCount(), 1);
}

void TestHttp1Reply::keptConnectionClosedByServer_nextRequestStillWorks()
{
    m_server->addFile(u"/a.txt"_s, "first");
    ReplyPtr first(m_network->get(ferryRequest(m_server->url(u"/a.txt"_s))));
    QCOMPARE(readAll(first.get()), "first");
    QCOMPARE(m_network->http1Pool()->idleCount(), 1);
    m_server->closeAllConnections();
    ReplyPtr second(m_network->get(ferryRequest(m_server->url(u"/a.txt"_s))));
    QCOMPARE(readAll(second.get()), "first");
    QCOMPARE(second->error(), QNetworkReply::NoError);
    QCOMPARE(m_server->connectionCount(), 2);
}

void TestHttp1Reply::chunked_bodyDecoded()
{
    const qint64 size = 1'000'000;
    m_server->addGeneratedFile(u"/c.bin"_s, size, 3);
    m_server->setChunked(u"/c.bin"_s, true);
    ReplyPtr reply(m_network->get(ferryRequest(m_server->url(u"/c.bin"_s))));
    const QByteArray body = readAll(reply.get());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(body.size(), size);
    QVERIFY(body == generatedData(0, size, 3));
    QCOMPARE(m_network->http1Pool()->idleCount(), 1); // the terminal chunk was read
}

namespace {

QByteArray chunked(const QByteArray &body, qsizetype chunkSize, const QByteArray &extension = {})
{
    QByteArray encoded;
    for (qsizetype at = 0; at < body.size(); at += chunkSize) {
        const QByteArray chunk = body.mid(at, chunkSize);
        encoded += QByteArray::number(chunk.size(), 16) + extension + "\r\n" + chunk + "\r\n";
    }
    return encoded;
}

} // namespace

void TestHttp1Reply::chunked_wholeAnswerInOneWrite_extensionsAndTrailers()
{
    const QByteArray body = "hello world, in pieces";
    m_server->setStatusSequence(
        u"/t"_s,
        {Response(200,
                  {{"Transfer-Encoding", "chunked"}},
                  chunked(body, 5, ";note=1") + "0\r\nX-Trailer: yes\r\n\r\n")});
    ReplyPtr reply(m_network->get(ferryRequest(m_server->url(u"/t"_s))));
    QCOMPARE(readAll(reply.get()), body);
    QCOMPARE(reply->error(), QNetworkReply::NoError);
}

void TestHttp1Reply::chunked_serverClosesWhileReaderPaused_nothingLost()
{
    const qint64 size = 600'000;
    const qint64 limit = 64 << 10;
    const QByteArray body = generatedData(0, size, 11);
    // The server closes the connection after this answer.
    m_server->setStatusSequence(
        u"/t"_s,
        {Response(200, {{"Transfer-Encoding", "chunked"}}, chunked(body, 4096) + "0\r\n\r\n")});
    ReplyPtr reply(m_network->get(ferryRequest(m_server->url(u"/t"_s))));
    reply->setReadBufferSize(limit);
    QTRY_VERIFY_WITH_TIMEOUT(reply->bytesAvailable() >= limit, WaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnectionCount(), 0, WaitMs);
    const QByteArray got = readAll(reply.get());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(got.size(), size);
    QVERIFY(got == body);
}

void TestHttp1Reply::chunked_overlongSizeLine_protocolFailure()
{
    m_server->setStatusSequence(
        u"/t"_s,
        {Response(200,
                  {{"Transfer-Encoding", "chunked"}},
                  "5;" + QByteArray(10'000, 'x') + "\r\nhello\r\n0\r\n\r\n")});
    ReplyPtr reply(m_network->get(ferryRequest(m_server->url(u"/t"_s))));
    const QByteArray got = readAll(reply.get());
    QCOMPARE(reply->error(), QNetworkReply::ProtocolFailure);
    QCOMPARE(got, QByteArray());
}

void TestHttp1Reply::head_noBody()
{
    m_server->addFile(u"/h.txt"_s, "0123456789");
    ReplyPtr reply(m_network->head(ferryRequest(m_server->url(u"/h.txt"_s))));
    QVERIFY(qobject_cast<Http1Reply *>(reply.get()));
    QCOMPARE(readAll(reply.get()), QByteArray());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), 10);
    QCOMPARE(m_server->requests(u"/h.txt"_s).value(0).method, "HEAD");
    QCOMPARE(m_network->http1Pool()->idleCount(), 1);
}

void TestHttp1Reply::notFound_errorAsQtNamesIt()
{
    ReplyPtr reply(m_network->get(ferryRequest(m_server->url(u"/missing"_s))));
    QSignalSpy errors(reply.get(), &QNetworkReply::errorOccurred);
    readAll(reply.get());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    QCOMPARE(reply->error(), QNetworkReply::ContentNotFoundError);
    QVERIFY2(reply->errorString().contains(u"server replied: Not Found"_s),
             qPrintable(reply->errorString()));
    QCOMPARE(errors.size(), 1);
}

void TestHttp1Reply::droppedMidBody_remoteHostClosed_bytesSoFarReadable()
{
    const qint64 size = 200'000;
    m_server->addGeneratedFile(u"/d.bin"_s, size, 5);
    m_server->setDropAfter(u"/d.bin"_s, 50'000, 1);
    ReplyPtr reply(m_network->get(ferryRequest(m_server->url(u"/d.bin"_s))));
    const QByteArray body = readAll(reply.get());
    QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);
    QVERIFY2(body.size() <= 50'000, QByteArray::number(body.size()));
    QVERIFY(body == generatedData(0, body.size(), 5));
    QCOMPARE(m_network->http1Pool()->idleCount(), 0);
}

void TestHttp1Reply::refused_connectionRefusedError()
{
    const QUrl url = m_server->url(u"/a"_s);
    m_server.reset(); // nobody listens on that port any more
    ReplyPtr reply(m_network->get(ferryRequest(url)));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(finished.wait(WaitMs));
    QCOMPARE(reply->error(), QNetworkReply::ConnectionRefusedError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 0);
}

void TestHttp1Reply::abort_finishesAtOnce()
{
    m_server->addGeneratedFile(u"/s.bin"_s, 1'000'000, 1);
    m_server->setStallAfterHeaders(u"/s.bin"_s, 1);
    ReplyPtr reply(m_network->get(ferryRequest(m_server->url(u"/s.bin"_s))));
    QSignalSpy metaData(reply.get(), &QNetworkReply::metaDataChanged);
    QVERIFY(metaData.wait(WaitMs));
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    reply->abort();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
    QVERIFY(reply->isFinished());
    reply->abort(); // twice is harmless
    QCOMPARE(finished.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnectionCount(), 0, WaitMs);
}

void TestHttp1Reply::readBufferSize_serverHeldBack_untilRead()
{
    const qint64 size = 64 << 20;
    const qint64 limit = 256 << 10; // Ferry's smallest
    m_server->addGeneratedFile(u"/big.bin"_s, size, 9);
    ReplyPtr reply(m_network->get(ferryRequest(m_server->url(u"/big.bin"_s))));
    reply->setReadBufferSize(limit);
    QTRY_VERIFY_WITH_TIMEOUT(reply->bytesAvailable() >= limit, WaitMs);
    // Not reading: the socket's buffer and then TCP hold the rest back. (Without the limit, the
    // whole file would be buffered here within the first poll.)
    QVERIFY(reply->bytesAvailable() <= limit);
    QVERIFY2(m_server->bodyBytesSent(u"/big.bin"_s) < size / 2,
             QByteArray::number(m_server->bodyBytesSent(u"/big.bin"_s)));

    QCryptographicHash hash(QCryptographicHash::Sha256);
    connect(reply.get(), &QIODevice::readyRead, this, [&] { hash.addData(reply->readAll()); });
    hash.addData(reply->readAll());
    QSignalSpy finished(reply.get(), &QNetworkReply::finished);
    QVERIFY(reply->isFinished() || finished.wait(WaitMs * 3));
    hash.addData(reply->readAll());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(hash.result(), generatedSha256(size, 9));
}

void TestHttp1Reply::challenge_goesToQtAndItsAuthentication()
{
    m_server->addFile(u"/p.txt"_s, "private");
    m_server->setAuth(u"/p.txt"_s, TestHttpServer::AuthScheme::Basic, "realm", "u", "pw");
    int asked = 0;
    connect(m_network.get(),
            &QNetworkAccessManager::authenticationRequired,
            this,
            [&asked](QNetworkReply *, QAuthenticator *authenticator) {
                ++asked;
                authenticator->setUser(u"u"_s);
                authenticator->setPassword(u"pw"_s);
            });
    ReplyPtr reply(m_network->get(ferryRequest(m_server->url(u"/p.txt"_s))));
    QVERIFY(qobject_cast<Http1Reply *>(reply.get()));
    QCOMPARE(readAll(reply.get()), "private");
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(asked, 1);
    QCOMPARE(m_server->authAccepted(u"/p.txt"_s), 1);
}

void TestHttp1Reply::challenge_withoutFallback_deliveredAsItIs()
{
    m_server->addFile(u"/p.txt"_s, "private");
    m_server->setAuth(u"/p.txt"_s, TestHttpServer::AuthScheme::Basic, "realm", "u", "pw");
    Http1Pool pool;
    ReplyPtr reply(new Http1Reply(
        QNetworkAccessManager::GetOperation, ferryRequest(m_server->url(u"/p.txt"_s)), &pool, {}));
    readAll(reply.get());
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 401);
    QCOMPARE(reply->error(), QNetworkReply::AuthenticationRequiredError);
    QCOMPARE(m_server->authChallenged(u"/p.txt"_s), 1);
}

void TestHttp1Reply::redirect_leftToTheCaller()
{
    m_server->addRedirect(u"/old"_s, "/new", 301);
    ReplyPtr reply(m_network->get(ferryRequest(m_server->url(u"/old"_s))));
    readAll(reply.get());
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 301);
    QCOMPARE(reply->rawHeader("Location"), "/new");
    QCOMPARE(reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl(),
             QUrl(u"/new"_s));
    QCOMPARE(m_server->requestCount(u"/new"_s), 0);
}

void TestHttp1Reply::throughProxy_qtCarriesIt()
{
    m_server->addFile(u"/a.txt"_s, "x");
    m_network->setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, u"127.0.0.1"_s, 9));
    ReplyPtr reply(m_network->get(ferryRequest(m_server->url(u"/a.txt"_s))));
    QVERIFY(!qobject_cast<Http1Reply *>(reply.get()));
    reply->abort();
}

QTEST_GUILESS_MAIN(TestHttp1Reply)
#include "tst_http1reply.moc"
