// How one download treats what servers answer: validators, ranges, odd statuses and names.
// Driven through the engine, which owns the services a Download needs.

#include "core/engine.h"
#include "tests/support/enginetestbed.h"
#include "tests/support/generateddata.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QTest>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MiB = 1 << 20;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestDownload : public QObject
{
    Q_OBJECT

private slots:

    void init() { QVERIFY(m_bed.setUp()); }

    void cleanup() { m_bed.tearDown(); }

    void resume_withoutStrongValidator_startsOverInsteadOfSplicing_data();
    void resume_withoutStrongValidator_startsOverInsteadOfSplicing();
    void partial206_longerThanItsRange_isRejected();
    void status204_failsWithoutFile();
    void redirectWithoutLocation_failsAtOnce();
    void sameUrlTwoNames_bothFilesWritten();
    void rerun_withNewName_downloadsAgain();
    void nameEqualToAnotherDownloadsPart_keepsBothIntact();

private:
    EngineTestBed m_bed;
};

void TestDownload::resume_withoutStrongValidator_startsOverInsteadOfSplicing_data()
{
    QTest::addColumn<QByteArray>("etag");         // empty: none
    QTest::addColumn<QByteArray>("lastModified"); // empty: none
    QTest::newRow("no validators") << QByteArray() << QByteArray();
    // A weak ETag may not be used, and a modification date less than a minute older than the
    // server's clock may change again within its second (RFC 9110 8.8.2.2).
    const QByteArray justNow =
        QLocale::c()
            .toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s)
            .toLatin1();
    QTest::newRow("weak etag, fresh date") << QByteArray("W/\"same\"") << justNow;
}

void TestDownload::resume_withoutStrongValidator_startsOverInsteadOfSplicing()
{
    QFETCH(QByteArray, etag);
    QFETCH(QByteArray, lastModified);
    const qint64 size = 6 * MiB;
    TestHttpServer &server = m_bed.server();
    server.addGeneratedFile(u"/nv.bin"_s, size, 1);
    if (etag.isEmpty())
        server.removeHeader(u"/nv.bin"_s, "ETag");
    else
        server.setHeader(u"/nv.bin"_s, "ETag", etag);
    if (lastModified.isEmpty())
        server.removeHeader(u"/nv.bin"_s, "Last-Modified");
    else
        server.setHeader(u"/nv.bin"_s, "Last-Modified", lastModified);
    server.setDropAfter(u"/nv.bin"_s, 2 * MiB, 1);
    EngineOptions options;
    options.retryWaitMs = 1500;
    auto engine = m_bed.makeEngine(options);
    const TransferId id = engine->add({m_bed.request(u"/nv.bin"_s)}).first();
    QTRY_VERIFY_WITH_TIMEOUT(engine->snapshot(id)->state == TransferState::Waiting,
                             EngineTestBed::Patience);
    server.replaceGeneratedContent(u"/nv.bin"_s, size, 2); // same size, other bytes

    const TransferSnapshot done = EngineTestBed::waitFinished(*engine, id);
    QCOMPARE(done.state, TransferState::Completed);
    QCOMPARE(firstDifferenceFromGenerated(done.filePath, size, 2), -1);
    const QList<RecordedRequest> seen = server.requests(u"/nv.bin"_s);
    QCOMPARE(seen.size(), 2);
    QVERIFY(!seen.at(1).hasHeader("range"));
    QCOMPARE(QDir(m_bed.downloads()).entryList(QDir::Files), QStringList{u"nv.bin"_s});
}

void TestDownload::partial206_longerThanItsRange_isRejected()
{
    const qint64 size = 4 * MiB;
    TestHttpServer &server = m_bed.server();
    server.addGeneratedFile(u"/w.bin"_s, size, 8);
    server.setDropAfter(u"/w.bin"_s, 1 * MiB, 1);
    EngineOptions options;
    options.split = 1; // one connection: this is about its resume
    options.retryWaitMs = 1500;
    options.maxTries = 3;
    auto engine = m_bed.makeEngine(options);
    const TransferId id = engine->add({m_bed.request(u"/w.bin"_s)}).first();
    QTRY_VERIFY_WITH_TIMEOUT(engine->snapshot(id)->state == TransferState::Waiting,
                             EngineTestBed::Patience);
    const qint64 from = QFileInfo(m_bed.downloadPath(u"w.bin.part"_s)).size();
    QVERIFY(from > 0);
    // Claims 10 bytes, carries megabytes of junk.
    const QByteArray contentRange = "bytes " + QByteArray::number(from) + '-'
                                    + QByteArray::number(from + 9) + '/' + QByteArray::number(size);
    server.setStatusSequence(
        u"/w.bin"_s,
        {Response(206,
                  {{"Content-Range", contentRange}, {"ETag", server.eTag(u"/w.bin"_s)}},
                  QByteArray(size - from, 'J'))});
    const TransferSnapshot done = EngineTestBed::waitFinished(*engine, id);
    // The lie costs one attempt; the next one gets the real bytes.
    QCOMPARE(done.state, TransferState::Completed);
    QCOMPARE(firstDifferenceFromGenerated(done.filePath, size, 8), -1);
}

void TestDownload::status204_failsWithoutFile()
{
    m_bed.server().setStatusSequence(u"/nc"_s, {Response(204)});
    auto engine = m_bed.makeEngine();
    const TransferSnapshot done =
        EngineTestBed::waitFinished(*engine, engine->add({m_bed.request(u"/nc"_s)}).first());
    QCOMPARE(done.state, TransferState::Failed);
    QCOMPARE(done.error.kind, TransferError::Kind::Protocol);
    QVERIFY(QDir(m_bed.downloads()).entryList(QDir::Files).isEmpty());
}

void TestDownload::redirectWithoutLocation_failsAtOnce()
{
    QList<Response> moved;
    for (int i = 0; i < 5; ++i)
        moved.append(Response(302, {}, "moved"));
    m_bed.server().setStatusSequence(u"/r"_s, moved);
    auto engine = m_bed.makeEngine();
    const TransferSnapshot done =
        EngineTestBed::waitFinished(*engine, engine->add({m_bed.request(u"/r"_s)}).first());
    QCOMPARE(done.state, TransferState::Failed);
    QCOMPARE(done.attempts, 1);
    QVERIFY2(done.error.message().contains(u"Location"_s), qPrintable(done.error.message()));
}

void TestDownload::sameUrlTwoNames_bothFilesWritten()
{
    m_bed.server().addFile(u"/f"_s, "content"_ba);
    TransferRequest a = m_bed.request(u"/f"_s);
    a.fileName = u"a.txt"_s;
    TransferRequest b = m_bed.request(u"/f"_s);
    b.fileName = u"b.txt"_s;
    EngineOptions options;
    options.maxActive = 1;
    auto engine = m_bed.makeEngine(options);
    const QList<TransferId> ids = engine->add({a, b});
    QCOMPARE(EngineTestBed::waitFinished(*engine, ids.at(0)).state, TransferState::Completed);
    QCOMPARE(EngineTestBed::waitFinished(*engine, ids.at(1)).state, TransferState::Completed);
    QCOMPARE(readAll(m_bed.downloadPath(u"a.txt"_s)), "content"_ba);
    QCOMPARE(readAll(m_bed.downloadPath(u"b.txt"_s)), "content"_ba);
}

void TestDownload::rerun_withNewName_downloadsAgain()
{
    m_bed.server().addFile(u"/g"_s, "content"_ba);
    TransferRequest first = m_bed.request(u"/g"_s);
    first.fileName = u"first.txt"_s;
    {
        auto engine = m_bed.makeEngine();
        QCOMPARE(EngineTestBed::waitFinished(*engine, engine->add({first}).first()).state,
                 TransferState::Completed);
    }
    TransferRequest second = m_bed.request(u"/g"_s);
    second.fileName = u"second.txt"_s;
    auto engine = m_bed.makeEngine();
    const TransferSnapshot done =
        EngineTestBed::waitFinished(*engine, engine->add({second}).first());
    QCOMPARE(done.state, TransferState::Completed);
    QVERIFY(!done.skipped);
    QCOMPARE(readAll(m_bed.downloadPath(u"second.txt"_s)), "content"_ba);
    QCOMPARE(readAll(m_bed.downloadPath(u"first.txt"_s)), "content"_ba);
}

void TestDownload::nameEqualToAnotherDownloadsPart_keepsBothIntact()
{
    // "foo" downloads into foo.part; meanwhile a URL whose own name is "foo.part" arrives,
    // with permission to overwrite. It must not land on the other's .part.
    const qint64 bigSize = 4 * MiB;
    TestHttpServer &server = m_bed.server();
    server.addGeneratedFile(u"/y/foo"_s, bigSize, 21);
    server.setThrottle(u"/y/foo"_s, 4 * MiB);
    server.addFile(u"/x/foo.part"_s, "I am a different file"_ba);
    auto engine = m_bed.makeEngine();
    TransferRequest big = m_bed.request(u"/y/foo"_s);
    big.allowOverwrite = true;
    TransferRequest small = m_bed.request(u"/x/foo.part"_s);
    small.allowOverwrite = true;
    const TransferId bigId = engine->add({big}).first();
    QTRY_VERIFY_WITH_TIMEOUT(engine->snapshot(bigId)->bytesDone > 0, EngineTestBed::Patience);
    const TransferId smallId = engine->add({small}).first();
    const TransferSnapshot s = EngineTestBed::waitFinished(*engine, smallId);
    const TransferSnapshot b = EngineTestBed::waitFinished(*engine, bigId);
    QCOMPARE(s.state, TransferState::Completed);
    QCOMPARE(b.state, TransferState::Completed);
    QVERIFY(s.filePath != m_bed.downloadPath(u"foo.part"_s));
    QCOMPARE(readAll(s.filePath), "I am a different file"_ba);
    QCOMPARE(firstDifferenceFromGenerated(b.filePath, bigSize, 21), -1);
}

QTEST_GUILESS_MAIN(TestDownload)
#include "tst_download.moc"
