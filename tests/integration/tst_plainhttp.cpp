// Plain HTTP on a direct connection, against a real nginx: Qt 6.4 reads an answer's headers one
// byte at a time, which on its unbuffered socket means one read() call per byte. The engine
// makes Qt use its buffered socket instead (ProxyFactory); this counts the read() calls the
// process makes. (tst_proxyfactory checks that such a connection is still direct.)

#include "core/engine.h"
#include "tests/support/generateddata.h"
#include "tests/support/nginxserver.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = 60000;
constexpr int Files = 200;
constexpr int WarmUp = 16; // files after which the engine carries this host with Http1Reply
constexpr qint64 Size = 4096;
constexpr quint32 FirstSeed = 7000;

// read() and similar calls made so far by every thread of this process (Linux /proc/self/io).
qint64 readCalls()
{
    QFile io(u"/proc/self/io"_s);
    if (!io.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = io.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("syscr:"))
            return line.mid(6).trimmed().toLongLong();
    }
    return -1;
}

QString fileName(int i)
{
    return u"f%1.bin"_s.arg(i);
}

} // namespace

class TestPlainHttp : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void manyFiles_headersAreNotReadByteByByte_data();
    void manyFiles_headersAreNotReadByteByByte();

private:
    std::unique_ptr<Engine> makeEngine(ProxySettings::Mode mode);
    // Fetches files first..first+count-1; false (with a message) unless each arrived intact.
    bool fetch(Engine &engine, int first, int count, QString *problem);

    NginxServer m_server;
    std::unique_ptr<QTemporaryDir> m_downloads;
    std::unique_ptr<QTemporaryDir> m_state;
};

void TestPlainHttp::initTestCase()
{
    QVERIFY2(QFile::exists(u"/proc/self/io"_s), "this test counts system calls in /proc/self/io");
    // The system's proxy settings are the environment's here: none.
    for (const char *name : {"http_proxy", "HTTP_PROXY", "https_proxy", "all_proxy", "no_proxy"})
        qunsetenv(name);
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    for (int i = 0; i < WarmUp + Files; ++i)
        QVERIFY(m_server.writeGeneratedFile(fileName(i), Size, FirstSeed + i));
}

void TestPlainHttp::init()
{
    m_downloads = std::make_unique<QTemporaryDir>();
    m_state = std::make_unique<QTemporaryDir>();
    QVERIFY(m_downloads->isValid() && m_state->isValid());
}

std::unique_ptr<Engine> TestPlainHttp::makeEngine(ProxySettings::Mode mode)
{
    EngineOptions options;
    options.stateDirectory = m_state->path();
    options.retryWaitMs = 20;
    options.maxActive = 8;
    options.proxy.mode = mode;
    return std::make_unique<Engine>(options);
}

bool TestPlainHttp::fetch(Engine &engine, int first, int count, QString *problem)
{
    QList<TransferRequest> requests;
    for (int i = first; i < first + count; ++i) {
        TransferRequest request;
        request.url = m_server.url(u"/"_s + fileName(i));
        request.directory = m_downloads->path();
        requests.append(request);
    }
    QSignalSpy drained(&engine, &Engine::drained);
    const QList<TransferId> ids = engine.add(requests);
    if (!drained.wait(Patience)) {
        *problem = u"the batch did not end in time"_s;
        return false;
    }
    for (int i = first; i < first + count; ++i) {
        const TransferSnapshot done =
            engine.snapshot(ids.value(i - first)).value_or(TransferSnapshot{});
        if (done.state != TransferState::Completed) {
            *problem = u"%1: %2"_s.arg(fileName(i), done.error.message());
            return false;
        }
        if (firstDifferenceFromGenerated(done.filePath, Size, FirstSeed + i) != -1) {
            *problem = fileName(i) + u" differs from what was served"_s;
            return false;
        }
    }
    return true;
}

void TestPlainHttp::manyFiles_headersAreNotReadByteByByte_data()
{
    QTest::addColumn<ProxySettings::Mode>("mode");
    QTest::newRow("system settings") << ProxySettings::Mode::System;
    QTest::newRow("no proxy") << ProxySettings::Mode::None;
}

void TestPlainHttp::manyFiles_headersAreNotReadByteByByte()
{
    QFETCH(ProxySettings::Mode, mode);
    auto engine = makeEngine(mode);
    QString problem;
    QVERIFY2(fetch(*engine, 0, WarmUp, &problem), qPrintable(problem));
    const qint64 before = readCalls();
    QVERIFY2(fetch(*engine, WarmUp, Files, &problem), qPrintable(problem));
    const qint64 perFile = (readCalls() - before) / Files;
    qInfo("%lld read() calls per file of %lld bytes", perFile, Size);
    // nginx's headers are about 240 bytes: byte by byte that would be 240 calls and more.
    QVERIFY2(perFile < 40, qPrintable(QString::number(perFile)));
}

QTEST_GUILESS_MAIN(TestPlainHttp)
#include "tst_plainhttp.moc"
