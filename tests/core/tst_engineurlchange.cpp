// Engine::changeUrl(): an expired link replaced without losing what is on disk, when the new
// server confirms it is the same file. Kept apart from tst_engine.cpp so the engine's own
// tests can change freely while the engine is reworked.

#include "core/engine.h"
#include "tests/support/enginetestbed.h"
#include "tests/support/generateddata.h"
#include "tests/support/testhttpserver.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTest>

#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 Size = 8 << 20;
constexpr quint32 Seed = 31;

QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex();
}

} // namespace

class TestEngineUrlChange : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void sameFileElsewhere_keepsBytesAndResumes();
    void differentFile_startsOverCleanly();
    void runningItemOrBadUrl_refused();

private:
    TransferId startAndPause();

    std::unique_ptr<EngineTestBed> m_bed;
    std::unique_ptr<Engine> m_engine;
};

void TestEngineUrlChange::init()
{
    m_bed = std::make_unique<EngineTestBed>();
    QVERIFY(m_bed->setUp());
    EngineOptions options;
    options.split = 1; // resume details are checked request by request
    m_engine = m_bed->makeEngine(options);
    m_bed->server().addGeneratedFile(u"/old/data.bin"_s, Size, Seed);
    m_bed->server().setThrottle(u"/old/data.bin"_s, 4 << 20);
}

void TestEngineUrlChange::cleanup()
{
    m_engine.reset();
    m_bed->tearDown();
}

// A download of /old/data.bin paused with part of it on disk.
TransferId TestEngineUrlChange::startAndPause()
{
    TransferRequest request = m_bed->request(u"/old/data.bin"_s);
    request.fileName = u"data.bin"_s;
    const TransferId id = m_engine->add({request}).first();
    [[maybe_unused]] const bool some = QTest::qWaitFor(
        [&] { return m_engine->snapshot(id)->bytesDone > (2 << 20); }, EngineTestBed::Patience);
    m_engine->pause({id});
    [[maybe_unused]] const bool paused =
        QTest::qWaitFor([&] { return m_engine->snapshot(id)->state == TransferState::Paused; },
                        EngineTestBed::Patience);
    return id;
}

void TestEngineUrlChange::sameFileElsewhere_keepsBytesAndResumes()
{
    const TransferId id = startAndPause();
    QCOMPARE(m_engine->snapshot(id)->state, TransferState::Paused);
    // The same bytes on another server path, with the same validators.
    m_bed->server().addGeneratedFile(u"/new/data.bin"_s, Size, Seed);
    m_bed->server().setHeader(u"/new/data.bin"_s, "ETag", m_bed->server().eTag(u"/old/data.bin"_s));
    m_bed->server().setHeader(
        u"/new/data.bin"_s, "Last-Modified", m_bed->server().lastModified(u"/old/data.bin"_s));

    QVERIFY(m_engine->changeUrl(id, m_bed->server().url(u"/new/data.bin"_s)));
    QCOMPARE(m_engine->snapshot(id)->url, m_bed->server().url(u"/new/data.bin"_s));
    m_engine->resume({id});
    QCOMPARE(EngineTestBed::waitFinished(*m_engine, id).state, TransferState::Completed);
    const QList<RecordedRequest> requests = m_bed->server().requests(u"/new/data.bin"_s);
    QCOMPARE(requests.size(), 1);
    const QByteArray range = requests.first().header("range");
    QVERIFY2(range.startsWith("bytes=") && !range.startsWith("bytes=0-"), range.constData());
    QVERIFY(m_bed->server().bodyBytesSent(u"/new/data.bin"_s) < Size);
    QCOMPARE(sha256Of(m_bed->downloadPath(u"data.bin"_s)), generatedSha256(Size, Seed).toHex());
}

void TestEngineUrlChange::differentFile_startsOverCleanly()
{
    const TransferId id = startAndPause();
    constexpr qint64 OtherSize = 5 << 20;
    m_bed->server().addGeneratedFile(u"/other/data.bin"_s, OtherSize, 77); // new validators
    QVERIFY(m_engine->changeUrl(id, m_bed->server().url(u"/other/data.bin"_s)));
    m_engine->resume({id});
    QCOMPARE(EngineTestBed::waitFinished(*m_engine, id).state, TransferState::Completed);
    QCOMPARE(sha256Of(m_bed->downloadPath(u"data.bin"_s)),
             generatedSha256(OtherSize, 77).toHex()); // never spliced with the old bytes
}

void TestEngineUrlChange::runningItemOrBadUrl_refused()
{
    TransferRequest request = m_bed->request(u"/old/data.bin"_s);
    const TransferId id = m_engine->add({request}).first();
    QTRY_COMPARE(m_engine->snapshot(id)->state, TransferState::Active);
    QVERIFY(!m_engine->changeUrl(id, m_bed->server().url(u"/x"_s)));
    m_engine->pause({id});
    QTRY_COMPARE_WITH_TIMEOUT(
        m_engine->snapshot(id)->state, TransferState::Paused, EngineTestBed::Patience);
    QVERIFY(!m_engine->changeUrl(id, QUrl(u"ftp://example.org/x"_s)));
    QVERIFY(!m_engine->changeUrl(12345, m_bed->server().url(u"/x"_s)));
    QCOMPARE(m_engine->snapshot(id)->url, m_bed->server().url(u"/old/data.bin"_s));
}

QTEST_GUILESS_MAIN(TestEngineUrlChange)
#include "tst_engineurlchange.moc"
