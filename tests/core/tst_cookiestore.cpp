// Cookies through the engine: a cookies.txt file's cookies go only where their domain, path and
// secure flag allow; cookies the server sets are kept for the rest of the run; a bad file fails
// the download with the reason.

#include "core/cookiestore.h"
#include "core/engine.h"
#include "tests/support/enginetestbed.h"
#include "tests/support/generateddata.h"

#include <QFile>
#include <QNetworkCookieJar>
#include <QNetworkRequest>
#include <QTest>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

class TestCookieStore : public QObject
{
    Q_OBJECT

private slots:

    void init() { QVERIFY(m_bed.setUp()); }

    void cleanup() { m_bed.tearDown(); }

    void jarFor_sameFile_sameJar();
    void jarFor_badFile_fatalWithLine();
    void addCookies_disablesQtsOwnJar();
    void fileCookies_sentOnlyWhereTheyMatch();
    void serverCookies_keptForTheRun();
    void serverCookieOnRedirect_sentToTheTarget();
    void serverCookieOnSegmentAnswer_keptForTheNextRequest();
    void unreadableCookieFile_failsTheDownload();

private:
    QString writeCookies(const QByteArray &text);

    EngineTestBed m_bed;
};

QString TestCookieStore::writeCookies(const QByteArray &text)
{
    const QString path = m_bed.state() + u"/cookies.txt"_s;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return {};
    return path;
}

void TestCookieStore::jarFor_sameFile_sameJar()
{
    const QString path = writeCookies("a.test\tFALSE\t/\tFALSE\t0\tn\tv\n");
    CookieStore store;
    const auto first = store.jarFor(path);
    const auto again = store.jarFor(path);
    const auto none = store.jarFor({});
    QVERIFY(first && again && none);
    QCOMPARE(*first, *again);
    QVERIFY(*none != *first);
    QCOMPARE((*first)->cookiesForUrl(QUrl(u"http://a.test/x"_s)).size(), 1);
    QVERIFY((*none)->cookiesForUrl(QUrl(u"http://a.test/x"_s)).isEmpty());
}

void TestCookieStore::jarFor_badFile_fatalWithLine()
{
    const QString path = writeCookies("a.test\tFALSE\t/\tFALSE\t0\tn\tv\nnot a cookie\n");
    CookieStore store;
    const auto jar = store.jarFor(path);
    QVERIFY(!jar);
    QCOMPARE(jar.error().recovery, TransferError::Recovery::Fatal);
    QVERIFY2(jar.error().detail.contains(u"line 2"_s), qPrintable(jar.error().detail));
}

void TestCookieStore::addCookies_disablesQtsOwnJar()
{
    QNetworkRequest request;
    CookieStore::addCookies(request, QUrl(u"http://a.test/"_s), nullptr);
    QCOMPARE(request.attribute(QNetworkRequest::CookieLoadControlAttribute).toInt(),
             int(QNetworkRequest::Manual));
    QCOMPARE(request.attribute(QNetworkRequest::CookieSaveControlAttribute).toInt(),
             int(QNetworkRequest::Manual));
    QVERIFY(!request.hasRawHeader("Cookie"));
}

void TestCookieStore::fileCookies_sentOnlyWhereTheyMatch()
{
    const QString path = writeCookies("# Netscape HTTP Cookie File\n"
                                      "127.0.0.1\tFALSE\t/\tFALSE\t0\tplain\t1\n"
                                      "127.0.0.1\tFALSE\t/dir\tFALSE\t0\tdironly\t2\n"
                                      "127.0.0.1\tFALSE\t/\tTRUE\t0\tsecure\t3\n"
                                      "other.test\tTRUE\t/\tFALSE\t0\tforeign\t4\n"
                                      "127.0.0.1\tFALSE\t/\tFALSE\t1000\texpired\t5\n"
                                      "#HttpOnly_127.0.0.1\tFALSE\t/\tFALSE\t0\thttponly\t6\n");
    QVERIFY(!path.isEmpty());
    m_bed.server().addFile(u"/top.txt"_s, "top");
    m_bed.server().addFile(u"/dir/in.txt"_s, "in");
    auto engine = m_bed.makeEngine();
    TransferRequest top = m_bed.request(u"/top.txt"_s);
    TransferRequest in = m_bed.request(u"/dir/in.txt"_s);
    top.headers.setCookieFile(path);
    in.headers.setCookieFile(path);
    const QList<TransferId> ids = engine->add({top, in});
    QCOMPARE(EngineTestBed::waitFinished(*engine, ids.at(0)).state, TransferState::Completed);
    QCOMPARE(EngineTestBed::waitFinished(*engine, ids.at(1)).state, TransferState::Completed);
    QCOMPARE(m_bed.server().requests(u"/top.txt"_s).value(0).header("cookie"),
             "plain=1; httponly=6");
    // Longer paths first (RFC 6265 5.4), as Qt's jar orders them.
    QCOMPARE(m_bed.server().requests(u"/dir/in.txt"_s).value(0).header("cookie"),
             "dironly=2; plain=1; httponly=6");
}

void TestCookieStore::serverCookies_keptForTheRun()
{
    m_bed.server().addFile(u"/login"_s, "welcome");
    m_bed.server().setHeader(u"/login"_s, "Set-Cookie", "session=xyz; Path=/");
    m_bed.server().addFile(u"/file.txt"_s, "data");
    auto engine = m_bed.makeEngine();
    const TransferId login = engine->add({m_bed.request(u"/login"_s)}).first();
    QCOMPARE(EngineTestBed::waitFinished(*engine, login).state, TransferState::Completed);
    const TransferId file = engine->add({m_bed.request(u"/file.txt"_s)}).first();
    QCOMPARE(EngineTestBed::waitFinished(*engine, file).state, TransferState::Completed);
    QCOMPARE(m_bed.server().requests(u"/file.txt"_s).value(0).header("cookie"), "session=xyz");

    // Another run starts without them: they were never written anywhere.
    engine.reset();
    m_bed.server().addFile(u"/next.txt"_s, "next");
    auto next = m_bed.makeEngine();
    const TransferId later = next->add({m_bed.request(u"/next.txt"_s)}).first();
    QCOMPARE(EngineTestBed::waitFinished(*next, later).state, TransferState::Completed);
    QVERIFY(!m_bed.server().requests(u"/next.txt"_s).value(0).hasHeader("cookie"));
}

void TestCookieStore::serverCookieOnRedirect_sentToTheTarget()
{
    m_bed.server().addRedirect(u"/start"_s, "/final.txt");
    m_bed.server().setHeader(u"/start"_s, "Set-Cookie", "token=t1; Path=/");
    m_bed.server().addFile(u"/final.txt"_s, "final");
    auto engine = m_bed.makeEngine();
    const TransferId id = engine->add({m_bed.request(u"/start"_s)}).first();
    QCOMPARE(EngineTestBed::waitFinished(*engine, id).state, TransferState::Completed);
    QCOMPARE(m_bed.server().requests(u"/final.txt"_s).value(0).header("cookie"), "token=t1");
}

void TestCookieStore::serverCookieOnSegmentAnswer_keptForTheNextRequest()
{
    // The first answer (a whole 200) sets nothing; the range answers of the other segments set
    // the session cookie, and the next file is refused without it.
    constexpr qint64 Size = 8 << 20;
    m_bed.server().addGeneratedFile(u"/big.bin"_s, Size, 5);
    m_bed.server().setRangeCookie(u"/big.bin"_s, "seg=42; Path=/");
    m_bed.server().addFile(u"/gate.txt"_s, "inside");
    m_bed.server().requireCookie(u"/gate.txt"_s, "seg=42");
    EngineOptions options;
    options.split = 4;
    options.maxConnectionsPerServer = 4;
    options.minSplitBytes = 1 << 20;
    options.maxTries = 1;
    auto engine = m_bed.makeEngine(options);
    const TransferId big = engine->add({m_bed.request(u"/big.bin"_s)}).first();
    QCOMPARE(EngineTestBed::waitFinished(*engine, big).state, TransferState::Completed);
    QCOMPARE(firstDifferenceFromGenerated(m_bed.downloadPath(u"big.bin"_s), Size, 5), -1);
    const QList<RecordedRequest> seen = m_bed.server().requests(u"/big.bin"_s);
    QVERIFY2(seen.size() >= 2, "no segment requests: nothing to test");
    QVERIFY(!seen.first().hasHeader("range"));

    const TransferId gate = engine->add({m_bed.request(u"/gate.txt"_s)}).first();
    const TransferSnapshot done = EngineTestBed::waitFinished(*engine, gate);
    QVERIFY2(done.state == TransferState::Completed, qPrintable(done.error.message()));
    QCOMPARE(m_bed.server().requests(u"/gate.txt"_s).value(0).header("cookie"), "seg=42");
}

void TestCookieStore::unreadableCookieFile_failsTheDownload()
{
    m_bed.server().addFile(u"/file.txt"_s, "data");
    auto engine = m_bed.makeEngine();
    TransferRequest request = m_bed.request(u"/file.txt"_s);
    request.headers.setCookieFile(m_bed.state() + u"/missing-cookies.txt"_s);
    const TransferSnapshot done =
        EngineTestBed::waitFinished(*engine, engine->add({request}).first());
    QCOMPARE(done.state, TransferState::Failed);
    QCOMPARE(done.error.recovery, TransferError::Recovery::Fatal);
    QVERIFY2(done.error.detail.contains(u"missing-cookies.txt"_s), qPrintable(done.error.detail));
    QCOMPARE(m_bed.server().requestCount(u"/file.txt"_s), 0);
}

QTEST_GUILESS_MAIN(TestCookieStore)
#include "tst_cookiestore.moc"
