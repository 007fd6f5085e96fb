// The user's headers: which ones are accepted, and that the server sees them on every request
// of a download (the first, its segments, redirect hops), with logins kept to the named host.

#include "core/engine.h"
#include "core/requestheaders.h"
#include "tests/support/enginetestbed.h"
#include "tests/support/generateddata.h"

#include <QNetworkRequest>
#include <QTest>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MiB = 1 << 20;

RequestHeaders sampleHeaders()
{
    RequestHeaders headers;
    headers.setUserAgent("FerryTest/2.0 (headers)");
    headers.setReferer("https://example.org/gallery?page=2");
    headers.setExtra({{"X-Token", "abc 123"}, {"Authorization", "Bearer t0ken"}});
    return headers;
}

} // namespace

class TestRequestHeaders : public QObject
{
    Q_OBJECT

private slots:

    void init() { QVERIFY(m_bed.setUp()); }

    void cleanup() { m_bed.tearDown(); }

    void value_pointerSizedAndCopiesIndependent();
    void parseLine_nameAndValue_trimmed();
    void parseLine_engineOwnedHeaders_rejectedWithReason_data();
    void parseLine_engineOwnedHeaders_rejectedWithReason();
    void parseLine_malformed_rejected_data();
    void parseLine_malformed_rejected();
    void applyTo_otherHost_dropsOnlyLogins();
    void applyTo_manualCookie_joinsJarCookies();
    void server_seesHeaders_onFirstAndSegmentRequests();
    void server_seesHeaders_afterRedirectToSameHost();
    void redirectToAnotherHost_keepsHeadersButNotLogins();
    void engineUserAgent_usedWhenNoneGiven();

private:
    EngineTestBed m_bed;
};

void TestRequestHeaders::value_pointerSizedAndCopiesIndependent()
{
    // Every queued item carries one: a batch shares one copy, most items have none.
    static_assert(sizeof(RequestHeaders) == sizeof(void *));
    const RequestHeaders none;
    QVERIFY(none.isEmpty());
    QCOMPARE(none, RequestHeaders());
    RequestHeaders batch = sampleHeaders();
    RequestHeaders item = batch;
    QCOMPARE(item, batch);
    item.addExtra({"X-Item", "1"});
    item.setCookieFile(u"/tmp/cookies.txt"_s);
    QCOMPARE(batch.extra().size(), 2); // the batch's copy is untouched
    QVERIFY(batch.cookieFile().isEmpty());
    QCOMPARE(item.extra().size(), 3);
    QVERIFY(!(item == batch));
    QVERIFY(!item.isEmpty());
    RequestHeaders onlyCookies;
    onlyCookies.setCookieFile(u"/tmp/c.txt"_s);
    QVERIFY(!onlyCookies.isEmpty());
}

void TestRequestHeaders::parseLine_nameAndValue_trimmed()
{
    QString error;
    const auto header = RequestHeaders::parseLine(u"  X-Api-Key :  s3cret value  "_s, &error);
    QVERIFY2(header, qPrintable(error));
    QCOMPARE(header->first, "X-Api-Key");
    QCOMPARE(header->second, "s3cret value");
    const auto empty = RequestHeaders::parseLine(u"X-Empty:"_s, &error);
    QVERIFY(empty);
    QCOMPARE(empty->second, QByteArray());
}

void TestRequestHeaders::parseLine_engineOwnedHeaders_rejectedWithReason_data()
{
    QTest::addColumn<QString>("line");
    for (const char *name : {"Range",
                             "if-range",
                             "Host",
                             "Content-Length",
                             "Accept-Encoding",
                             "Transfer-Encoding",
                             "Connection",
                             "If-None-Match"}) {
        QTest::newRow(name) << QString::fromLatin1(name) + u": x"_s;
    }
}

void TestRequestHeaders::parseLine_engineOwnedHeaders_rejectedWithReason()
{
    QFETCH(QString, line);
    QString error;
    QVERIFY(!RequestHeaders::parseLine(line, &error));
    QVERIFY2(error.contains(line.section(u':', 0, 0)), qPrintable(error));
    QVERIFY2(error.contains(u"set by Ferry"_s), qPrintable(error));
}

void TestRequestHeaders::parseLine_malformed_rejected_data()
{
    QTest::addColumn<QString>("line");
    QTest::newRow("no colon") << u"X-Token abc"_s;
    QTest::newRow("no name") << u": abc"_s;
    QTest::newRow("space in name") << u"X Token: abc"_s;
    QTest::newRow("line break") << u"X-Token: a\r\nHost: evil"_s;
}

void TestRequestHeaders::parseLine_malformed_rejected()
{
    QFETCH(QString, line);
    QString error;
    QVERIFY(!RequestHeaders::parseLine(line, &error));
    QVERIFY(!error.isEmpty());
}

void TestRequestHeaders::applyTo_otherHost_dropsOnlyLogins()
{
    RequestHeaders headers = sampleHeaders();
    headers.addExtra(RequestHeaders::Header{"Cookie", "a=1"});
    const QUrl origin(u"http://files.example.org/a"_s);
    QNetworkRequest same;
    headers.applyTo(same, origin, QUrl(u"http://FILES.example.org/b"_s));
    QCOMPARE(same.rawHeader("Authorization"), "Bearer t0ken");
    QCOMPARE(same.rawHeader("Cookie"), "a=1");
    QCOMPARE(same.rawHeader("X-Token"), "abc 123");

    for (const char *other : {"http://cdn.example.org/b", "http://files.example.org:8080/b"}) {
        QNetworkRequest elsewhere;
        headers.applyTo(elsewhere, origin, QUrl(QString::fromLatin1(other)));
        QVERIFY(!elsewhere.hasRawHeader("Authorization"));
        QVERIFY(!elsewhere.hasRawHeader("Cookie"));
        QCOMPARE(elsewhere.rawHeader("X-Token"), "abc 123");
        QCOMPARE(elsewhere.rawHeader("User-Agent"), headers.userAgent());
        QCOMPARE(elsewhere.rawHeader("Referer"), headers.referer());
    }
}

void TestRequestHeaders::applyTo_manualCookie_joinsJarCookies()
{
    RequestHeaders headers;
    headers.setExtra({{"Cookie", "manual=1"}});
    QNetworkRequest request;
    request.setRawHeader("Cookie", "fromjar=2");
    const QUrl url(u"http://example.org/"_s);
    headers.applyTo(request, url, url);
    QCOMPARE(request.rawHeader("Cookie"), "fromjar=2; manual=1");
}

void TestRequestHeaders::server_seesHeaders_onFirstAndSegmentRequests()
{
    m_bed.server().addGeneratedFile(u"/big.bin"_s, 8 * MiB, 7);
    auto engine = m_bed.makeEngine();
    TransferRequest request = m_bed.request(u"/big.bin"_s);
    request.headers = sampleHeaders();
    const TransferSnapshot done =
        EngineTestBed::waitFinished(*engine, engine->add({request}).first());
    QCOMPARE(done.state, TransferState::Completed);
    QCOMPARE(firstDifferenceFromGenerated(done.filePath, 8 * MiB, 7), -1);
    const QList<RecordedRequest> seen = m_bed.server().requests(u"/big.bin"_s);
    QVERIFY2(seen.size() > 1, "expected segment requests too");
    QVERIFY(std::any_of(
        seen.begin(), seen.end(), [](const RecordedRequest &r) { return r.hasHeader("range"); }));
    for (const RecordedRequest &seenRequest : seen) {
        QCOMPARE(seenRequest.header("user-agent"), request.headers.userAgent());
        QCOMPARE(seenRequest.header("referer"), request.headers.referer());
        QCOMPARE(seenRequest.header("x-token"), "abc 123");
        QCOMPARE(seenRequest.header("authorization"), "Bearer t0ken");
        QCOMPARE(seenRequest.header("accept-encoding"), "identity"); // still the engine's
    }
}

void TestRequestHeaders::server_seesHeaders_afterRedirectToSameHost()
{
    m_bed.server().addFile(u"/target.txt"_s, "moved here");
    m_bed.server().addRedirect(u"/start"_s, "/target.txt");
    auto engine = m_bed.makeEngine();
    TransferRequest request = m_bed.request(u"/start"_s);
    request.headers = sampleHeaders();
    const TransferSnapshot done =
        EngineTestBed::waitFinished(*engine, engine->add({request}).first());
    QCOMPARE(done.state, TransferState::Completed);
    const QList<RecordedRequest> seen = m_bed.server().requests(u"/target.txt"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.first().header("user-agent"), request.headers.userAgent());
    QCOMPARE(seen.first().header("x-token"), "abc 123");
    QCOMPARE(seen.first().header("authorization"), "Bearer t0ken");
    QCOMPARE(m_bed.server().requests(u"/start"_s).value(0).header("x-token"), "abc 123");
}

void TestRequestHeaders::redirectToAnotherHost_keepsHeadersButNotLogins()
{
    // Same server, other host name: as far as the client can tell, another host.
    m_bed.server().addFile(u"/target.txt"_s, "moved here");
    const QByteArray elsewhere =
        "http://localhost:" + QByteArray::number(m_bed.server().port()) + "/target.txt";
    m_bed.server().addRedirect(u"/start"_s, elsewhere);
    auto engine = m_bed.makeEngine();
    TransferRequest request = m_bed.request(u"/start"_s);
    request.headers = sampleHeaders();
    request.headers.addExtra(RequestHeaders::Header{"Cookie", "by=hand"});
    const TransferSnapshot done =
        EngineTestBed::waitFinished(*engine, engine->add({request}).first());
    QCOMPARE(done.state, TransferState::Completed);
    const RecordedRequest first = m_bed.server().requests(u"/start"_s).value(0);
    QCOMPARE(first.header("authorization"), "Bearer t0ken");
    QCOMPARE(first.header("cookie"), "by=hand");
    const QList<RecordedRequest> seen = m_bed.server().requests(u"/target.txt"_s);
    QCOMPARE(seen.size(), 1);
    QCOMPARE(seen.first().header("user-agent"), request.headers.userAgent());
    QCOMPARE(seen.first().header("referer"), request.headers.referer());
    QCOMPARE(seen.first().header("x-token"), "abc 123");
    QVERIFY(!seen.first().hasHeader("authorization"));
    QVERIFY(!seen.first().hasHeader("cookie"));
}

void TestRequestHeaders::engineUserAgent_usedWhenNoneGiven()
{
    m_bed.server().addFile(u"/a.txt"_s, "a");
    m_bed.server().addFile(u"/b.txt"_s, "b");
    EngineOptions options;
    options.userAgent = "Ferry/engine";
    auto engine = m_bed.makeEngine(options);
    TransferRequest own = m_bed.request(u"/b.txt"_s);
    own.headers.setUserAgent("Mine/1");
    const QList<TransferId> ids = engine->add({m_bed.request(u"/a.txt"_s), own});
    QCOMPARE(EngineTestBed::waitFinished(*engine, ids.at(0)).state, TransferState::Completed);
    QCOMPARE(EngineTestBed::waitFinished(*engine, ids.at(1)).state, TransferState::Completed);
    QCOMPARE(m_bed.server().requests(u"/a.txt"_s).value(0).header("user-agent"), "Ferry/engine");
    QCOMPARE(m_bed.server().requests(u"/b.txt"_s).value(0).header("user-agent"), "Mine/1");
}

QTEST_GUILESS_MAIN(TestRequestHeaders)
#include "tst_requestheaders.moc"
