// HTTP/2 against a real nginx over TLS: used when offered, and memory stays bounded when the
// disk cannot keep up (Qt 6.4 acknowledges HTTP/2 data whether or not it is read).

#include "core/engine.h"
#include "tests/support/generateddata.h"
#include "tests/support/nginxlogentry.h"
#include "tests/support/nginxserver.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MiB = 1 << 20;
constexpr int Patience = 60000;

} // namespace

class TestHttp2 : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void overTls_usesHttp2AndArrivesIntact();
    void readerLags_continuesOverHttp11WithBoundedMemory();

private:
    std::unique_ptr<Engine> makeEngine(EngineOptions options);
    TransferSnapshot download(Engine &engine, const QString &path);

    NginxServer m_server;
    QTemporaryDir m_downloads;
    QTemporaryDir m_state;
};

void TestHttp2::initTestCase()
{
    QVERIFY(m_downloads.isValid() && m_state.isValid());
    m_server.setTls(true);
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY(m_server.writeGeneratedFile(u"h2.bin"_s, 48 * MiB, 3));
    QVERIFY(m_server.writeGeneratedFile(u"spill.bin"_s, 96 * MiB, 4));
}

std::unique_ptr<Engine> TestHttp2::makeEngine(EngineOptions options)
{
    options.stateDirectory = m_state.path();
    options.caCertificateFile = m_server.certificatePath();
    options.retryWaitMs = 20;
    return std::make_unique<Engine>(options);
}

TransferSnapshot TestHttp2::download(Engine &engine, const QString &path)
{
    TransferRequest request;
    request.url = m_server.url(path);
    request.directory = m_downloads.path();
    QSignalSpy drained(&engine, &Engine::drained);
    const TransferId id = engine.add({request}).first();
    // A real event loop: QTRY's pauses would themselves make the reader lag.
    [[maybe_unused]] const bool done = drained.wait(Patience);
    return engine.snapshot(id).value_or(TransferSnapshot{});
}

void TestHttp2::overTls_usesHttp2AndArrivesIntact()
{
    auto engine = makeEngine({});
    const TransferSnapshot done = download(*engine, u"/h2.bin"_s);
    QCOMPARE(done.state, TransferState::Completed);
    QCOMPARE(firstDifferenceFromGenerated(done.filePath, 48 * MiB, 3), -1);
    const QList<NginxLogEntry> seen = m_server.accessLog("/h2.bin");
    QVERIFY(!seen.isEmpty());
    // The first request (no Range) goes over HTTP/2; segments go over HTTP/1.1, since Qt would
    // put every HTTP/2 request to the host on the same connection.
    for (const NginxLogEntry &entry : seen) {
        const QByteArray protocol = entry.range.isEmpty() ? "HTTP/2.0" : "HTTP/1.1";
        QVERIFY2(entry.requestLine.endsWith(protocol), entry.requestLine.constData());
    }
    QCOMPARE(std::count_if(seen.begin(),
                           seen.end(),
                           [](const NginxLogEntry &entry) { return entry.range.isEmpty(); }),
             1);
}

void TestHttp2::readerLags_continuesOverHttp11WithBoundedMemory()
{
    // A writer allowed 64 KiB in flight cannot keep up with loopback HTTP/2; past 1 MiB unread
    // the engine must give up on HTTP/2 for this host and finish over HTTP/1.1.
    EngineOptions options;
    options.transferBufferBytes = 64 * 1024;
    options.globalBufferBytes = 64 * 1024;
    options.http2SpillBytes = 1 * MiB;
    options.split = 1; // segments would use HTTP/1.1 from the start
    auto engine = makeEngine(options);
    const TransferSnapshot done = download(*engine, u"/spill.bin"_s);
    QCOMPARE(done.state, TransferState::Completed);
    QCOMPARE(firstDifferenceFromGenerated(done.filePath, 96 * MiB, 4), -1);
    const QList<NginxLogEntry> seen = m_server.accessLog("/spill.bin");
    QVERIFY2(seen.size() >= 2, qPrintable(QString::number(seen.size())));
    QVERIFY2(seen.first().requestLine.endsWith("HTTP/2.0"), seen.first().requestLine.constData());
    QVERIFY2(seen.last().requestLine.endsWith("HTTP/1.1"), seen.last().requestLine.constData());
    QVERIFY2(seen.last().range.startsWith("bytes="), seen.last().range.constData());
}

QTEST_GUILESS_MAIN(TestHttp2)
#include "tst_http2.moc"
