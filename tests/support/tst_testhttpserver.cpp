#include "tests/support/generateddata.h"
#include "tests/support/testhttpserver.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using Ferry::Test::firstDifferenceFromGenerated;
using Ferry::Test::generatedData;
using Ferry::Test::generatedSha256;
using Ferry::Test::RecordedRequest;
using Ferry::Test::Response;
using Ferry::Test::TestHttpServer;

namespace {

constexpr int WaitMs = 20000;
constexpr qint64 TwoGiB = qint64{2} << 30;

struct DeleteLater
{
    void operator()(QObject *object) const { object->deleteLater(); }
};

using ReplyPtr = std::unique_ptr<QNetworkReply, DeleteLater>;

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

int httpStatus(const QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

// One response as a raw client saw it.
struct RawResponse
{
    QByteArray statusLine;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    int status() const { return statusLine.split(' ').value(1).toInt(); }

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[headerName, value] : headers) {
            if (headerName.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// A plain QTcpSocket client for what QNetworkAccessManager hides: pipelining, exact byte counts,
// connection closes. Waits process events (QTest::qWaitFor), never block.
class RawClient
{
public:
    bool connectTo(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return QTest::qWaitFor(
            [this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, WaitMs);
    }

    QTcpSocket &socket() { return m_socket; }

    void send(const QByteArray &bytes) { m_socket.write(bytes); }

    // The next complete response (framed by Content-Length; none for HEAD), if one arrives.
    std::optional<RawResponse> readResponse(bool head = false)
    {
        std::optional<RawResponse> response;
        if (!QTest::qWaitFor([&] { return (response = takeResponse(head)).has_value(); }, WaitMs))
            return std::nullopt;
        return response;
    }

    // Everything up to the server's close, e.g. after a dropped response.
    bool awaitClose()
    {
        return QTest::qWaitFor(
            [this] {
                m_received += m_socket.readAll();
                return m_socket.state() == QAbstractSocket::UnconnectedState;
            },
            WaitMs);
    }

    QByteArray &received() { return m_received; }

private:
    std::optional<RawResponse> takeResponse(bool head)
    {
        m_received += m_socket.readAll();
        const qsizetype headEnd = m_received.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return std::nullopt;
        RawResponse response;
        const QList<QByteArray> lines = m_received.left(headEnd).split('\n');
        response.statusLine = lines.constFirst().trimmed();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            response.headers.append(
                {lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed()});
        }
        const qint64 length = head ? 0 : response.header("content-length").toLongLong();
        if (m_received.size() < headEnd + 4 + length)
            return std::nullopt;
        response.body = m_received.mid(headEnd + 4, length);
        m_received.remove(0, headEnd + 4 + length);
        return response;
    }

    QTcpSocket m_socket;
    QByteArray m_received;
};

} // namespace

class TestTestHttpServer : public QObject
{
    Q_OBJECT

private slots:

    void initTestCase() { m_manager.setProxy(QNetworkProxy::NoProxy); }

    void generatedData_sliceOfWhole_equalsDirectSlice();
    void generatedData_otherSeed_differs();
    void generatedData_largeOffsets_areConsistent();
    void generatedSha256_matchesHashOfData();
    void firstDifferenceFromGenerated_findsFirstBadByte();

    void get_generatedFile_returnsWholeBodyAndValidators();
    void get_memoryFile_returnsBody();
    void head_returnsHeadersWithoutBody();
    void get_unknownPath_returns404();
    void get_range_returnsPartialContent_data();
    void get_range_returnsPartialContent();
    void get_ifRange_mismatchReturnsWholeBody();
    void get_rangeBeyondEnd_returns416();
    void get_multipleRanges_returnsWholeBody();
    void get_ignoreRange_returnsWholeBodyWithoutAcceptRanges();
    void replaceContent_changesBodyAndValidators();
    void setHeader_replacesAndRemovesDefaults();

    void dropAfter_firstRequestShort_secondComplete();
    void dropAfter_rawClient_getsExactPrefixThenClose();
    void stallAfterHeaders_sendsNoBody_untilClientLeaves();
    void throttle_deliversAllBytes();
    void chunked_deliversWholeBody();
    void statusSequence_cannedResponsesThenFile();
    void statusSequence_withoutFile_ends404();
    void redirect_sendsLocationVerbatim_data();
    void redirect_sendsLocationVerbatim();

    void records_keepMethodTargetAndHeaders();
    void pipelinedPartialRequests_answeredInOrder();
    void connectionClose_closesAfterResponse();
    void http10WithoutKeepAlive_closesAfterResponse();
    void closeAllConnections_abortsButKeepsListening();
    void idleConnection_isClosed();
    void slowReader_pushesBack_hugeFileStreams();
    void destroy_closesOpenConnections();

private:
    ReplyPtr get(const QUrl &url, const QByteArray &range = {})
    {
        QNetworkRequest request(url);
        if (!range.isNull())
            request.setRawHeader("Range", range);
        return ReplyPtr(m_manager.get(request));
    }

    static bool finish(QNetworkReply *reply)
    {
        QSignalSpy spy(reply, &QNetworkReply::finished);
        return reply->isFinished() || spy.wait(WaitMs);
    }

    QNetworkAccessManager m_manager;
};

void TestTestHttpServer::generatedData_sliceOfWhole_equalsDirectSlice()
{
    const QByteArray whole = generatedData(0, 10007, 7);
    QCOMPARE(whole.size(), 10007);
    for (const qint64 offset : {0, 1, 3, 7, 8, 9, 15, 16, 1000, 9999}) {
        for (const qint64 length : {0, 1, 2, 7, 8, 9, 17, 1003}) {
            if (offset + length > whole.size())
                continue;
            QCOMPARE(generatedData(offset, length, 7), whole.mid(offset, length));
        }
    }
    QCOMPARE(generatedData(0, 10007, 7), whole);
}

void TestTestHttpServer::generatedData_otherSeed_differs()
{
    QVERIFY(generatedData(0, 64, 1) != generatedData(0, 64, 2));
    QVERIFY(generatedData(0, 64, 1) != generatedData(64, 64, 1));
}

void TestTestHttpServer::generatedData_largeOffsets_areConsistent()
{
    const qint64 start = TwoGiB - 4099;
    const QByteArray block = generatedData(start, 4099, 42);
    QCOMPARE(generatedData(start + 5, 4000, 42), block.mid(5, 4000));
    QCOMPARE(generatedData(TwoGiB - 1, 1, 42), block.right(1));
}

void TestTestHttpServer::generatedSha256_matchesHashOfData()
{
    const qint64 size = 3 * 1024 * 1024 + 5;
    QCOMPARE(generatedSha256(size, 9), sha256(generatedData(0, size, 9)));
    QCOMPARE(generatedSha256(0, 9), sha256(QByteArray()));
    QCOMPARE(generatedSha256(0, 9).size(), 32);
}

void TestTestHttpServer::firstDifferenceFromGenerated_findsFirstBadByte()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"data.bin"_s);
    const qint64 size = 3 * 1024 * 1024 + 3;
    const auto writeFile = [&path](const QByteArray &bytes) {
        QFile file(path);
        return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
               && file.write(bytes) == bytes.size();
    };
    QByteArray data = generatedData(0, size, 4);

    QVERIFY(writeFile(data));
    QCOMPARE(firstDifferenceFromGenerated(path, size, 4), -1);
    QCOMPARE(firstDifferenceFromGenerated(path, size, 5), 0);
    QCOMPARE(firstDifferenceFromGenerated(path, size - 1, 4), size - 1); // the file is longer
    QCOMPARE(firstDifferenceFromGenerated(path, size + 10, 4), size);    // the file is shorter

    data[1234567] = static_cast<char>(data.at(1234567) ^ 0x01);
    QVERIFY(writeFile(data));
    QCOMPARE(firstDifferenceFromGenerated(path, size, 4), 1234567);
    QCOMPARE(firstDifferenceFromGenerated(dir.filePath(u"missing"_s), size, 4), 0);
}

void TestTestHttpServer::get_generatedFile_returnsWholeBodyAndValidators()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    const qint64 size = 5 * 1024 * 1024 + 17;
    server.addGeneratedFile(u"/gen.bin"_s, size, 42);

    const ReplyPtr reply = get(server.url(u"/gen.bin"_s));
    QVERIFY(finish(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(httpStatus(reply.get()), 200);
    QCOMPARE(sha256(reply->readAll()), generatedSha256(size, 42));
    QCOMPARE(reply->rawHeader("Content-Length"), QByteArray::number(size));
    QCOMPARE(reply->rawHeader("Accept-Ranges"), "bytes");
    QCOMPARE(reply->rawHeader("ETag"), server.eTag(u"/gen.bin"_s));
    QVERIFY(reply->rawHeader("ETag").startsWith('"'));
    QCOMPARE(reply->rawHeader("Last-Modified"), server.lastModified(u"/gen.bin"_s));
    QCOMPARE(reply->rawHeader("Last-Modified"), "Wed, 01 Jan 2020 00:00:00 GMT");
    QCOMPARE(server.requestCount(u"/gen.bin"_s), 1);
    QTRY_COMPARE_WITH_TIMEOUT(server.bodyBytesSent(u"/gen.bin"_s), size, WaitMs);
    QCOMPARE(server.totalBodyBytesSent(), size);
}

void TestTestHttpServer::get_memoryFile_returnsBody()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addFile(u"/hello.txt"_s, "hello, world\n");
    server.setContentDisposition(u"/hello.txt"_s, "attachment; filename=\"../../etc/passwd\"");

    const ReplyPtr reply = get(server.url(u"/hello.txt"_s));
    QVERIFY(finish(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), "hello, world\n");
    QCOMPARE(reply->rawHeader("Content-Disposition"), "attachment; filename=\"../../etc/passwd\"");
}

void TestTestHttpServer::head_returnsHeadersWithoutBody()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addGeneratedFile(u"/f"_s, 12345, 1);

    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.send("HEAD /f HTTP/1.1\r\nHost: x\r\n\r\nGET /f HTTP/1.1\r\nHost: x\r\n\r\n");
    const std::optional<RawResponse> head = client.readResponse(true);
    QVERIFY(head);
    QCOMPARE(head->status(), 200);
    QCOMPARE(head->header("content-length"), "12345");
    const std::optional<RawResponse> get = client.readResponse();
    QVERIFY(get);
    QCOMPARE(get->body, generatedData(0, 12345, 1));
    QCOMPARE(server.requests(u"/f"_s).constFirst().method, "HEAD");
    QCOMPARE(server.connectionCount(), 1);
}

void TestTestHttpServer::get_unknownPath_returns404()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    const ReplyPtr reply = get(server.url(u"/nope"_s));
    QVERIFY(finish(reply.get()));
    QCOMPARE(httpStatus(reply.get()), 404);
    QCOMPARE(reply->error(), QNetworkReply::ContentNotFoundError);
    QVERIFY(!reply->readAll().isEmpty());
    QCOMPARE(server.requestCount(u"/nope"_s), 1);
}

void TestTestHttpServer::get_range_returnsPartialContent_data()
{
    QTest::addColumn<QByteArray>("range");
    QTest::addColumn<qint64>("first");
    QTest::addColumn<qint64>("last");

    QTest::newRow("a-b") << QByteArray("bytes=0-99") << qint64{0} << qint64{99};
    QTest::newRow("a-b middle") << QByteArray("bytes=123-456") << qint64{123} << qint64{456};
    QTest::newRow("a-") << QByteArray("bytes=100-") << qint64{100} << qint64{999};
    QTest::newRow("-n") << QByteArray("bytes=-50") << qint64{950} << qint64{999};
    QTest::newRow("-n larger than size") << QByteArray("bytes=-5000") << qint64{0} << qint64{999};
    QTest::newRow("b past end") << QByteArray("bytes=990-5000") << qint64{990} << qint64{999};
    QTest::newRow("last byte") << QByteArray("bytes=999-999") << qint64{999} << qint64{999};
}

void TestTestHttpServer::get_range_returnsPartialContent()
{
    QFETCH(QByteArray, range);
    QFETCH(qint64, first);
    QFETCH(qint64, last);
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addGeneratedFile(u"/r"_s, 1000, 5);

    const ReplyPtr reply = get(server.url(u"/r"_s), range);
    QVERIFY(finish(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(httpStatus(reply.get()), 206);
    const QByteArray expectedRange =
        "bytes " + QByteArray::number(first) + '-' + QByteArray::number(last) + "/1000";
    QCOMPARE(reply->rawHeader("Content-Range"), expectedRange);
    QCOMPARE(reply->readAll(), generatedData(first, last - first + 1, 5));
    QTRY_COMPARE_WITH_TIMEOUT(server.bodyBytesSent(u"/r"_s), last - first + 1, WaitMs);
}

void TestTestHttpServer::get_ifRange_mismatchReturnsWholeBody()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addGeneratedFile(u"/r"_s, 1000, 5);
    const auto getWithIfRange = [&](const QByteArray &validator) {
        QNetworkRequest request(server.url(u"/r"_s));
        request.setRawHeader("Range", "bytes=500-");
        request.setRawHeader("If-Range", validator);
        return ReplyPtr(m_manager.get(request));
    };

    const ReplyPtr stale = getWithIfRange("\"stale\"");
    QVERIFY(finish(stale.get()));
    QCOMPARE(httpStatus(stale.get()), 200);
    QCOMPARE(stale->readAll(), generatedData(0, 1000, 5));

    const ReplyPtr byETag = getWithIfRange(server.eTag(u"/r"_s));
    QVERIFY(finish(byETag.get()));
    QCOMPARE(httpStatus(byETag.get()), 206);
    QCOMPARE(byETag->readAll(), generatedData(500, 500, 5));

    const ReplyPtr byDate = getWithIfRange(server.lastModified(u"/r"_s));
    QVERIFY(finish(byDate.get()));
    QCOMPARE(httpStatus(byDate.get()), 206);

    const QByteArray oldETag = server.eTag(u"/r"_s);
    server.replaceGeneratedContent(u"/r"_s, 1200, 6);
    const ReplyPtr changed = getWithIfRange(oldETag);
    QVERIFY(finish(changed.get()));
    QCOMPARE(httpStatus(changed.get()), 200);
    QCOMPARE(changed->readAll(), generatedData(0, 1200, 6));
}

void TestTestHttpServer::get_rangeBeyondEnd_returns416()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addGeneratedFile(u"/r"_s, 1000, 5);

    const ReplyPtr reply = get(server.url(u"/r"_s), "bytes=1000-");
    QVERIFY(finish(reply.get()));
    QCOMPARE(httpStatus(reply.get()), 416);
    QVERIFY(reply->error() != QNetworkReply::NoError);
    QCOMPARE(reply->rawHeader("Content-Range"), "bytes */1000");
    QCOMPARE(server.bodyBytesSent(u"/r"_s), 0);
}

void TestTestHttpServer::get_multipleRanges_returnsWholeBody()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addGeneratedFile(u"/r"_s, 1000, 5);

    const ReplyPtr reply = get(server.url(u"/r"_s), "bytes=0-10,20-30");
    QVERIFY(finish(reply.get()));
    QCOMPARE(httpStatus(reply.get()), 200);
    QCOMPARE(reply->readAll(), generatedData(0, 1000, 5));
}

void TestTestHttpServer::get_ignoreRange_returnsWholeBodyWithoutAcceptRanges()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addGeneratedFile(u"/r"_s, 1000, 5);
    server.setIgnoreRange(u"/r"_s, true);

    const ReplyPtr reply = get(server.url(u"/r"_s), "bytes=100-199");
    QVERIFY(finish(reply.get()));
    QCOMPARE(httpStatus(reply.get()), 200);
    QVERIFY(!reply->hasRawHeader("Accept-Ranges"));
    QVERIFY(!reply->hasRawHeader("Content-Range"));
    QCOMPARE(reply->readAll(), generatedData(0, 1000, 5));
}

void TestTestHttpServer::replaceContent_changesBodyAndValidators()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addFile(u"/f"_s, "first version");
    const QByteArray firstETag = server.eTag(u"/f"_s);
    const QByteArray firstDate = server.lastModified(u"/f"_s);
    server.replaceContent(u"/f"_s, "second, longer version");
    QVERIFY(server.eTag(u"/f"_s) != firstETag);
    QVERIFY(server.lastModified(u"/f"_s) != firstDate);

    const ReplyPtr reply = get(server.url(u"/f"_s));
    QVERIFY(finish(reply.get()));
    QCOMPARE(reply->readAll(), "second, longer version");
    QCOMPARE(reply->rawHeader("ETag"), server.eTag(u"/f"_s));
}

void TestTestHttpServer::setHeader_replacesAndRemovesDefaults()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addFile(u"/f"_s, "body");
    server.setHeader(u"/f"_s, "content-type", "text/html");
    server.setHeader(u"/f"_s, "X-Extra", "1");
    server.removeHeader(u"/f"_s, "ETag");

    const ReplyPtr reply = get(server.url(u"/f"_s));
    QVERIFY(finish(reply.get()));
    QCOMPARE(reply->rawHeader("Content-Type"), "text/html");
    QCOMPARE(reply->rawHeader("X-Extra"), "1");
    QVERIFY(!reply->hasRawHeader("ETag"));
    QVERIFY(server.eTag(u"/f"_s).isNull());
}

void TestTestHttpServer::dropAfter_firstRequestShort_secondComplete()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    const qint64 size = 100000;
    server.addGeneratedFile(u"/d"_s, size, 3);
    server.setDropAfter(u"/d"_s, 10000, 1);

    const ReplyPtr dropped = get(server.url(u"/d"_s));
    QVERIFY(finish(dropped.get()));
    QVERIFY(dropped->error() != QNetworkReply::NoError);
    const QByteArray partial = dropped->readAll();
    QVERIFY(partial.size() <= 10000);
    QCOMPARE(partial, generatedData(0, partial.size(), 3));
    QCOMPARE(server.bodyBytesSent(u"/d"_s), 10000);

    const ReplyPtr complete = get(server.url(u"/d"_s));
    QVERIFY(finish(complete.get()));
    QCOMPARE(complete->error(), QNetworkReply::NoError);
    QCOMPARE(complete->readAll(), generatedData(0, size, 3));
    QTRY_COMPARE_WITH_TIMEOUT(server.bodyBytesSent(u"/d"_s), 10000 + size, WaitMs);
    QCOMPARE(server.requestCount(u"/d"_s), 2);
}

void TestTestHttpServer::dropAfter_rawClient_getsExactPrefixThenClose()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addGeneratedFile(u"/d"_s, 1 << 20, 3);
    server.setDropAfter(u"/d"_s, 300000, 1);

    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.send("GET /d HTTP/1.1\r\nHost: x\r\nRange: bytes=1000-\r\n\r\n");
    QVERIFY(client.awaitClose());
    const qsizetype headEnd = client.received().indexOf("\r\n\r\n");
    QVERIFY(headEnd > 0);
    QVERIFY(client.received().left(headEnd).contains("Content-Length: 1047576"));
    QCOMPARE(client.received().mid(headEnd + 4), generatedData(1000, 300000, 3));
    QCOMPARE(server.bodyBytesSent(u"/d"_s), 300000);
}

void TestTestHttpServer::stallAfterHeaders_sendsNoBody_untilClientLeaves()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addGeneratedFile(u"/s"_s, 50000, 4);
    server.setStallAfterHeaders(u"/s"_s, 1);

    const ReplyPtr stalled = get(server.url(u"/s"_s));
    QSignalSpy headers(stalled.get(), &QNetworkReply::metaDataChanged);
    QTRY_VERIFY_WITH_TIMEOUT(headers.count() > 0, WaitMs);
    QCOMPARE(httpStatus(stalled.get()), 200);

    QTimer window;
    window.setSingleShot(true);
    QSignalSpy windowOver(&window, &QTimer::timeout);
    window.start(500);
    QTRY_COMPARE_WITH_TIMEOUT(windowOver.count(), 1, WaitMs);
    QCOMPARE(stalled->bytesAvailable(), 0);
    QVERIFY(!stalled->isFinished());
    QCOMPARE(server.bodyBytesSent(u"/s"_s), 0);
    QCOMPARE(server.openConnectionCount(), 1);

    stalled->abort();
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnectionCount(), 0, WaitMs);

    const ReplyPtr next = get(server.url(u"/s"_s));
    QVERIFY(finish(next.get()));
    QCOMPARE(next->readAll(), generatedData(0, 50000, 4));
}

void TestTestHttpServer::throttle_deliversAllBytes()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    const qint64 size = 64 * 1024;
    server.addGeneratedFile(u"/t"_s, size, 8);
    server.setThrottle(u"/t"_s, 256 * 1024);

    QElapsedTimer clock;
    clock.start();
    const ReplyPtr reply = get(server.url(u"/t"_s));
    QVERIFY(finish(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), generatedData(0, size, 8));
    QVERIFY2(clock.elapsed() >= 100, "a quarter-second's worth of bytes came far too fast");
    QTRY_COMPARE_WITH_TIMEOUT(server.bodyBytesSent(u"/t"_s), size, WaitMs);
}

void TestTestHttpServer::chunked_deliversWholeBody()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    const qint64 size = 300000;
    server.addGeneratedFile(u"/c"_s, size, 2);
    server.setChunked(u"/c"_s, true);

    const ReplyPtr reply = get(server.url(u"/c"_s));
    QVERIFY(finish(reply.get()));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QVERIFY(!reply->hasRawHeader("Content-Length"));
    QCOMPARE(reply->readAll(), generatedData(0, size, 2));
    QTRY_COMPARE_WITH_TIMEOUT(server.bodyBytesSent(u"/c"_s), size, WaitMs);
}

void TestTestHttpServer::statusSequence_cannedResponsesThenFile()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addFile(u"/q"_s, "payload");
    server.setStatusSequence(u"/q"_s, {{503, {{"Retry-After", "1"}}}, {500, {}, "oops"}});

    const ReplyPtr first = get(server.url(u"/q"_s));
    QVERIFY(finish(first.get()));
    QCOMPARE(httpStatus(first.get()), 503);
    QCOMPARE(first->rawHeader("Retry-After"), "1");

    const ReplyPtr second = get(server.url(u"/q"_s));
    QVERIFY(finish(second.get()));
    QCOMPARE(httpStatus(second.get()), 500);
    QCOMPARE(second->readAll(), "oops");

    const ReplyPtr third = get(server.url(u"/q"_s));
    QVERIFY(finish(third.get()));
    QCOMPARE(httpStatus(third.get()), 200);
    QCOMPARE(third->readAll(), "payload");
    QCOMPARE(server.requestCount(u"/q"_s), 3);
    QTRY_COMPARE_WITH_TIMEOUT(server.bodyBytesSent(u"/q"_s), 7, WaitMs);
}

void TestTestHttpServer::statusSequence_withoutFile_ends404()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.setStatusSequence(u"/only"_s, {{429, {{"Retry-After", "2"}}}});

    const ReplyPtr first = get(server.url(u"/only"_s));
    QVERIFY(finish(first.get()));
    QCOMPARE(httpStatus(first.get()), 429);
    const ReplyPtr second = get(server.url(u"/only"_s));
    QVERIFY(finish(second.get()));
    QCOMPARE(httpStatus(second.get()), 404);
}

void TestTestHttpServer::redirect_sendsLocationVerbatim_data()
{
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<int>("status");

    QTest::newRow("file url") << QByteArray("file:///etc/passwd") << 302;
    QTest::newRow("absolute http") << QByteArray("http://127.0.0.1:1/x?y=%20z") << 301;
    QTest::newRow("relative") << QByteArray("../other/file.bin?a=b") << 307;
}

void TestTestHttpServer::redirect_sendsLocationVerbatim()
{
    QFETCH(QByteArray, location);
    QFETCH(int, status);
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addRedirect(u"/from"_s, location, status);

    QNetworkRequest request(server.url(u"/from"_s));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    const ReplyPtr reply(m_manager.get(request));
    QVERIFY(finish(reply.get()));
    QCOMPARE(httpStatus(reply.get()), status);
    QCOMPARE(reply->rawHeader("Location"), location);
}

void TestTestHttpServer::records_keepMethodTargetAndHeaders()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addGeneratedFile(u"/f"_s, 100, 1);
    QSignalSpy received(&server, &TestHttpServer::requestReceived);

    const ReplyPtr reply = get(server.url(u"/f?x=1&y=2"_s), "bytes=0-9");
    QVERIFY(finish(reply.get()));
    QCOMPARE(httpStatus(reply.get()), 206);
    QCOMPARE(received.count(), 1);
    QCOMPARE(received.at(0).at(0).toString(), u"/f"_s);
    QCOMPARE(server.requestCount(u"/f"_s), 1);
    const QList<RecordedRequest> requests = server.requests(u"/f"_s);
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.at(0).method, "GET");
    QCOMPARE(requests.at(0).target, "/f?x=1&y=2");
    QCOMPARE(requests.at(0).path, u"/f"_s);
    QCOMPARE(requests.at(0).header("range"), "bytes=0-9");
    QCOMPARE(requests.at(0).header("Range"), "bytes=0-9");
    QVERIFY(requests.at(0).hasHeader("host"));
    QVERIFY(requests.at(0).header("if-range").isNull());
    for (const auto &[name, value] : requests.at(0).headers)
        QCOMPARE(name, name.toLower());

    const ReplyPtr spaced = get(server.url(u"/a b"_s));
    QVERIFY(finish(spaced.get()));
    QCOMPARE(server.requestCount(u"/a b"_s), 1);
    QCOMPARE(server.requests(u"/a b"_s).at(0).target, "/a%20b");

    server.resetRecords();
    QCOMPARE(server.requestCount(u"/f"_s), 0);
    QCOMPARE(server.bodyBytesSent(u"/f"_s), 0);
    QCOMPARE(server.totalBodyBytesSent(), 0);
    QVERIFY(server.requests(u"/f"_s).isEmpty());
}

void TestTestHttpServer::pipelinedPartialRequests_answeredInOrder()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addFile(u"/one"_s, "first");
    server.addFile(u"/two"_s, "second");

    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    const QByteArray requests = "GET /one HTTP/1.1\r\nHost: x\r\n\r\n"
                                "GET /two HTTP/1.1\r\nHost: x\r\nRange: bytes=1-\r\n\r\n"
                                "GET /missing HTTP/1.1\r\nHost: x\r\n\r\n";
    client.send(requests.left(20));
    QTRY_COMPARE_WITH_TIMEOUT(client.socket().bytesToWrite(), 0, WaitMs);
    client.send(requests.mid(20));

    const std::optional<RawResponse> one = client.readResponse();
    QVERIFY(one);
    QCOMPARE(one->status(), 200);
    QCOMPARE(one->body, "first");
    const std::optional<RawResponse> two = client.readResponse();
    QVERIFY(two);
    QCOMPARE(two->status(), 206);
    QCOMPARE(two->header("content-range"), "bytes 1-5/6");
    QCOMPARE(two->body, "econd");
    const std::optional<RawResponse> missing = client.readResponse();
    QVERIFY(missing);
    QCOMPARE(missing->status(), 404);
    QCOMPARE(server.connectionCount(), 1);
    QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);
}

void TestTestHttpServer::connectionClose_closesAfterResponse()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addFile(u"/f"_s, "bye");

    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.send("GET /f HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QVERIFY(client.awaitClose());
    QVERIFY(client.received().contains("Connection: close\r\n"));
    QVERIFY(client.received().endsWith("\r\n\r\nbye"));
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnectionCount(), 0, WaitMs);
}

void TestTestHttpServer::http10WithoutKeepAlive_closesAfterResponse()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addFile(u"/f"_s, "old client");

    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    client.send("GET /f HTTP/1.0\r\n\r\n");
    QVERIFY(client.awaitClose());
    QVERIFY(client.received().startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(client.received().endsWith("\r\n\r\nold client"));
}

void TestTestHttpServer::closeAllConnections_abortsButKeepsListening()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addFile(u"/f"_s, "still here");

    RawClient first;
    QVERIFY(first.connectTo(server.port()));
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnectionCount(), 1, WaitMs);
    server.closeAllConnections();
    QCOMPARE(server.openConnectionCount(), 0);
    QVERIFY(first.awaitClose());

    const ReplyPtr reply = get(server.url(u"/f"_s));
    QVERIFY(finish(reply.get()));
    QCOMPARE(reply->readAll(), "still here");
}

void TestTestHttpServer::idleConnection_isClosed()
{
    TestHttpServer server;
    server.setIdleTimeout(200);
    QVERIFY(server.listen());

    RawClient client;
    QVERIFY(client.connectTo(server.port()));
    QVERIFY(client.awaitClose());
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnectionCount(), 0, WaitMs);
}

void TestTestHttpServer::slowReader_pushesBack_hugeFileStreams()
{
    TestHttpServer server;
    QVERIFY(server.listen());
    server.addGeneratedFile(u"/huge"_s, TwoGiB, 11);

    // A client that stops reading: the server must stop once the kernel buffers and its own
    // write-ahead are full, instead of queueing the 2 GiB.
    RawClient slow;
    slow.socket().setReadBufferSize(64 * 1024);
    QVERIFY(slow.connectTo(server.port()));
    slow.send("GET /huge HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(server.bodyBytesSent(u"/huge"_s) > 0, WaitMs);
    QTimer window;
    window.setSingleShot(true);
    QSignalSpy windowOver(&window, &QTimer::timeout);
    window.start(300);
    QTRY_COMPARE_WITH_TIMEOUT(windowOver.count(), 1, WaitMs);
    QVERIFY2(server.bodyBytesSent(u"/huge"_s) < 64 * 1024 * 1024,
             QByteArray::number(server.bodyBytesSent(u"/huge"_s)).constData());

    // The tail of the same file, on another connection.
    RawClient tail;
    QVERIFY(tail.connectTo(server.port()));
    tail.send("GET /huge HTTP/1.1\r\nHost: x\r\nRange: bytes=-100000\r\n\r\n");
    const std::optional<RawResponse> response = tail.readResponse();
    QVERIFY(response);
    QCOMPARE(response->status(), 206);
    QCOMPARE(response->header("content-range"), "bytes 2147383648-2147483647/2147483648");
    QCOMPARE(response->body, generatedData(TwoGiB - 100000, 100000, 11));
}

void TestTestHttpServer::destroy_closesOpenConnections()
{
    auto server = std::make_unique<TestHttpServer>();
    QVERIFY(server->listen());
    server->addGeneratedFile(u"/s"_s, 1000, 1);
    server->setStallAfterHeaders(u"/s"_s, 1);

    RawClient stalled;
    QVERIFY(stalled.connectTo(server->port()));
    stalled.send("GET /s HTTP/1.1\r\nHost: x\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(stalled.socket().bytesAvailable() > 0, WaitMs);
    RawClient idle;
    QVERIFY(idle.connectTo(server->port()));
    QTRY_COMPARE_WITH_TIMEOUT(server->openConnectionCount(), 2, WaitMs);

    server.reset();
    QVERIFY(stalled.awaitClose());
    QVERIFY(idle.awaitClose());
}

QTEST_GUILESS_MAIN(TestTestHttpServer)
#include "tst_testhttpserver.moc"
