// ferry-cli, the real binary, against a real nginx: big files, many files, a killed and a
// terminated run resumed, and a 404 among good URLs. Served files are generated at test time.

#include "tests/support/generateddata.h"
#include "tests/support/nginxserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 KiB = 1 << 10;
constexpr qint64 MiB = 1 << 20;
constexpr qint64 SlowRate = 4 * MiB; // bytes per second under /slow/
constexpr int RunPatience = 90000;   // ms for a whole ferry-cli run
constexpr int Patience = 15000;      // ms for QTRY_ waits (a failing QTRY_ takes 3x) and stops
constexpr int ExitFailed = 1;
constexpr int ExitInterrupted = 130;

// One ferry-cli run as a child process. Its state (checkpoints, the record of finished
// downloads) lives in <workDir>/state, its working directory is workDir, and it speaks English.
class CliRun
{
    Q_DISABLE_COPY_MOVE(CliRun)

public:
    CliRun(const QString &workDir, const QStringList &arguments)
        : m_finished(&m_process, &QProcess::finished)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"XDG_DATA_HOME"_s, workDir + u"/state"_s);
        environment.insert(u"LANG"_s, u"C.UTF-8"_s);
        environment.remove(u"LC_ALL"_s);
        environment.remove(u"LC_MESSAGES"_s);
        environment.remove(u"LANGUAGE"_s);
        m_process.setProcessEnvironment(environment);
        m_process.setWorkingDirectory(workDir);
        m_process.setStandardInputFile(QProcess::nullDevice());
        m_process.setStandardOutputFile(QProcess::nullDevice());
#ifdef Q_OS_LINUX
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
        m_clock.start();
        m_process.start(QString::fromUtf8(FERRY_CLI_PATH), arguments);
    }

    ~CliRun()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(Patience); // teardown of a failed test only
        }
    }

    QProcess &process()
    {
        return m_process;
    }

    bool hasFinished() const
    {
        return !m_finished.isEmpty();
    }

    // Spins the event loop until the process ends, at most `msecs`.
    bool waitFinished(int msecs)
    {
        const bool finished = hasFinished() || m_finished.wait(msecs);
        if (finished && m_elapsedMs < 0)
            m_elapsedMs = m_clock.elapsed();
        return finished;
    }

    // From start to the end of the process (as seen by waitFinished()), in ms.
    qint64 elapsedMs() const
    {
        return m_elapsedMs;
    }

    QString errorOutput()
    {
        m_stderr += m_process.readAllStandardError();
        return QString::fromUtf8(m_stderr);
    }

    // For failure messages: how it ended and what it said.
    QString describe()
    {
        const QString how = m_process.state() != QProcess::NotRunning ? u"still running"_s
                            : m_process.exitStatus() == QProcess::CrashExit
                                ? u"crashed or was killed"_s
                                : u"exit code %1"_s.arg(m_process.exitCode());
        return u"ferry-cli %1; stderr:\n%2"_s.arg(how, errorOutput().right(4000));
    }

private:
    QProcess m_process;
    QSignalSpy m_finished;
    QByteArray m_stderr;
    QElapsedTimer m_clock;
    qint64 m_elapsedMs = -1;
};

bool hasLineMatching(const QString &text, const QString &pattern)
{
    return QRegularExpression(pattern, QRegularExpression::MultilineOption).match(text).hasMatch();
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

qsizetype countFetches(const QList<NginxLogEntry> &entries)
{
    return std::count_if(entries.cbegin(), entries.cend(), [](const NginxLogEntry &entry) {
        return entry.status == 200 || entry.status == 206;
    });
}

// For failure messages.
QString describeLog(const QList<NginxLogEntry> &entries)
{
    QString text = u"access log:"_s;
    for (const NginxLogEntry &entry : entries) {
        text +=
            u"\n  %1 %2 range=%3 if-range=%4 body=%5"_s.arg(QString::number(entry.status),
                                                            QString::fromLatin1(entry.requestLine),
                                                            QString::fromLatin1(entry.range),
                                                            QString::fromLatin1(entry.ifRange),
                                                            QString::number(entry.bodyBytesSent));
    }
    return text;
}

// The ETag nginx sends for a static file: "<mtime in hex>-<size in hex>".
QByteArray nginxETag(const QString &path)
{
    const QFileInfo info(path);
    return '"' + QByteArray::number(info.lastModified().toSecsSinceEpoch(), 16) + '-'
           + QByteArray::number(info.size(), 16) + '"';
}

} // namespace

class TestNginx : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void largeFile_isByteExact();
    void manySmallFiles_allArriveAndRerunFetchesNothing();
    void resumeAfterKill_refetchesLittle();
    void missingFile_failsAndOthersContinue();
    void sigterm_stopsCleanlyAndResumes();

private:
    QString workPath(const QString &name) const { return m_work->filePath(name); }

    bool writeList(const QList<QUrl> &urls) const;

    std::unique_ptr<NginxServer> m_server;
    std::unique_ptr<QTemporaryDir> m_work;
};

void TestNginx::initTestCase()
{
    QVERIFY2(QFileInfo(QString::fromUtf8(FERRY_CLI_PATH)).isExecutable(),
             "ferry-cli is not built: " FERRY_CLI_PATH);
    // Not a skip: CI installs nginx (README), so a missing one is a broken setup.
    QVERIFY2(!NginxServer::executablePath().isEmpty(),
             "nginx is missing: this test runs ferry-cli against /usr/sbin/nginx. "
             "Install it (see README): apt-get install nginx-light");
    m_server = std::make_unique<NginxServer>();
    m_server->setSlowRate(SlowRate);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    qInfo() << "nginx" << NginxServer::executablePath() << "on port" << m_server->port();
}

void TestNginx::init()
{
    QVERIFY2(m_server && m_server->isRunning(), "nginx is not running");
    if (m_server->slowRate() != SlowRate) {
        m_server->setSlowRate(SlowRate);
        QVERIFY2(m_server->restart(), qPrintable(m_server->errorString()));
    }
    m_work = std::make_unique<QTemporaryDir>();
    QVERIFY(m_work->isValid());
}

void TestNginx::cleanup()
{
    m_work.reset();
}

void TestNginx::cleanupTestCase()
{
    m_server.reset();
}

bool TestNginx::writeList(const QList<QUrl> &urls) const
{
    QFile list(workPath(u"list.txt"_s));
    if (!list.open(QIODevice::WriteOnly))
        return false;
    for (const QUrl &url : urls)
        list.write(url.toEncoded() + '\n');
    list.close();
    return list.error() == QFileDevice::NoError;
}

void TestNginx::largeFile_isByteExact()
{
    const qint64 size = 300 * MiB;
    const quint32 seed = 1;
    QVERIFY(m_server->writeGeneratedFile(u"large/big.bin"_s, size, seed));
    const QString url = m_server->url(u"/large/big.bin"_s).toString();

    CliRun run(m_work->path(), {u"-d"_s, u"out"_s, url});
    QVERIFY2(run.waitFinished(RunPatience), qPrintable(run.describe()));
    qInfo("300 MiB in one file: %lld ms", run.elapsedMs());
    QVERIFY2(run.process().exitStatus() == QProcess::NormalExit, qPrintable(run.describe()));
    QVERIFY2(run.process().exitCode() == 0, qPrintable(run.describe()));

    // Only the final name: no .part left behind.
    QCOMPARE(QDir(workPath(u"out"_s)).entryList(QDir::Files), QStringList{u"big.bin"_s});
    QCOMPARE(firstDifferenceFromGenerated(workPath(u"out/big.bin"_s), size, seed), -1);

    // Segmented by default: one plain GET, then range requests, each byte of the file sent at
    // least once. A connection whose part another one took over is closed early, so a little
    // may be sent twice. (nginx logs requests as they end, not as they begin.)
    QTRY_VERIFY_WITH_TIMEOUT(m_server->accessLog("/large/").size() >= 2, Patience);
    const QList<NginxLogEntry> entries = m_server->accessLog("/large/");
    qint64 sent = 0;
    int whole = 0;
    for (const NginxLogEntry &entry : entries) {
        QCOMPARE(entry.method, "GET"_ba);
        sent += entry.bodyBytesSent;
        if (entry.range.isEmpty()) {
            ++whole;
            QCOMPARE(entry.status, 200);
        } else {
            QCOMPARE(entry.status, 206);
        }
    }
    QCOMPARE(whole, 1);
    qInfo("%lld requests, %lld bytes sent for %lld", qsizetype(entries.size()), sent, size);
    QVERIFY(sent >= size);

    QFile::remove(QDir(m_server->documentRoot()).filePath(u"large/big.bin"_s)); // disk space
}

void TestNginx::manySmallFiles_allArriveAndRerunFetchesNothing()
{
    constexpr int Count = 1000;
    constexpr qint64 Size = 32 * KiB;
    constexpr quint32 FirstSeed = 1000;
    const auto name = [](int i) { return u"f%1.bin"_s.arg(i, 4, 10, QChar(u'0')); };
    QList<QUrl> urls;
    for (int i = 0; i < Count; ++i) {
        QVERIFY(m_server->writeGeneratedFile(u"small/"_s + name(i), Size, FirstSeed + i));
        urls.append(m_server->url(u"/small/"_s + name(i)));
    }
    QVERIFY(writeList(urls));
    const QStringList arguments{u"-j"_s, u"8"_s, u"-d"_s, u"out"_s, u"-i"_s, u"list.txt"_s};

    CliRun first(m_work->path(), arguments);
    QVERIFY2(first.waitFinished(RunPatience), qPrintable(first.describe()));
    qInfo("1000 files of 32 KiB, -j 8: %lld ms", first.elapsedMs());
    QVERIFY2(first.process().exitStatus() == QProcess::NormalExit, qPrintable(first.describe()));
    QVERIFY2(first.process().exitCode() == 0, qPrintable(first.describe()));
    QVERIFY2(hasLineMatching(first.errorOutput(), uR"(^\s*succeeded: 1000$)"_s),
             qPrintable(first.describe()));

    const QDir out(workPath(u"out"_s));
    QCOMPARE(out.entryList(QDir::Files).size(), Count);
    for (int i = 0; i < Count; ++i) {
        const QByteArray content = readAll(out.filePath(name(i)));
        QVERIFY2(content == generatedData(0, Size, FirstSeed + i), qPrintable(name(i)));
    }

    QTRY_COMPARE_WITH_TIMEOUT(countFetches(m_server->accessLog("/small/")), Count, Patience);
    const qsizetype loggedBefore = m_server->accessLog("/small/").size();

    CliRun second(m_work->path(), arguments);
    QVERIFY2(second.waitFinished(RunPatience), qPrintable(second.describe()));
    qInfo("the same 1000 files again (all complete): %lld ms", second.elapsedMs());
    QVERIFY2(second.process().exitStatus() == QProcess::NormalExit, qPrintable(second.describe()));
    QVERIFY2(second.process().exitCode() == 0, qPrintable(second.describe()));
    QVERIFY2(hasLineMatching(second.errorOutput(),
                             uR"(^\s*succeeded: 1000 \(1000 already complete\)$)"_s),
             qPrintable(second.describe()));
    QVERIFY2(!second.errorOutput().contains("[done]"_L1), qPrintable(second.describe()));

    // The skips were decided locally: nginx saw no request at all.
    QCOMPARE(m_server->accessLog("/small/").size(), loggedBefore);
    QCOMPARE(countFetches(m_server->accessLog("/small/")), Count);
    QCOMPARE(out.entryList(QDir::Files).size(), Count);
}

void TestNginx::resumeAfterKill_refetchesLittle()
{
    const qint64 size = 64 * MiB;
    const quint32 seed = 3;
    QVERIFY(m_server->writeGeneratedFile(u"slow/resume.bin"_s, size, seed));
    // One connection, so the .part is a clean prefix that can be checked byte by byte.
    const QStringList arguments{
        u"-s"_s, u"1"_s, u"-d"_s, u"out"_s, m_server->url(u"/slow/resume.bin"_s).toString()};
    const QString part = workPath(u"out/resume.bin.part"_s);
    const QString finalPath = workPath(u"out/resume.bin"_s);

    CliRun first(m_work->path(), arguments);
    QTRY_VERIFY_WITH_TIMEOUT(first.hasFinished() || QFileInfo(part).size() >= 8 * MiB, Patience);
    QVERIFY2(!first.hasFinished(), qPrintable(first.describe()));
    first.process().kill();
    QVERIFY(first.waitFinished(Patience));
    QCOMPARE(first.process().exitStatus(), QProcess::CrashExit);
    const qint64 partSize = QFileInfo(part).size();
    QVERIFY(partSize >= 8 * MiB && partSize < size);
    QVERIFY(!QFileInfo::exists(finalPath));
    QCOMPARE(firstDifferenceFromGenerated(part, size, seed), partSize); // a clean prefix

    // nginx logs the request once it notices the client is gone.
    QTRY_COMPARE_WITH_TIMEOUT(m_server->accessLog("/slow/resume.bin").size(), 1, Patience);
    const NginxLogEntry killed = m_server->accessLog("/slow/resume.bin").constFirst();
    QCOMPARE(killed.status, 200);
    QCOMPARE(killed.range, QByteArray());

    // Only the first run had to be slow (to be caught midway); same URL, same file, same ETag.
    m_server->setSlowRate(0);
    QVERIFY2(m_server->restart(), qPrintable(m_server->errorString()));

    CliRun second(m_work->path(), arguments);
    QVERIFY2(second.waitFinished(RunPatience), qPrintable(second.describe()));
    QVERIFY2(second.process().exitStatus() == QProcess::NormalExit, qPrintable(second.describe()));
    QVERIFY2(second.process().exitCode() == 0, qPrintable(second.describe()));
    QVERIFY(!QFileInfo::exists(part));
    QCOMPARE(firstDifferenceFromGenerated(finalPath, size, seed), -1);

    QTRY_COMPARE_WITH_TIMEOUT(m_server->accessLog("/slow/resume.bin").size(), 2, Patience);
    const NginxLogEntry resumed = m_server->accessLog("/slow/resume.bin").at(1);
    QCOMPARE(resumed.status, 206);
    const std::optional<qint64> resumeAt = resumed.rangeStart();
    QVERIFY2(resumeAt && *resumeAt > 0, resumed.range.constData());
    QCOMPARE(resumed.range, "bytes=" + QByteArray::number(*resumeAt) + '-');
    QCOMPARE(resumed.ifRange,
             nginxETag(QDir(m_server->documentRoot()).filePath(u"slow/resume.bin"_s)));
    QVERIFY(*resumeAt <= partSize);
    QCOMPARE(resumed.bodyBytesSent, size - *resumeAt);

    const qint64 fetchedTwice = killed.bodyBytesSent + resumed.bodyBytesSent - size;
    qInfo("SIGKILL after %lld bytes on disk; nginx had sent %lld; resumed at %lld; "
          "bytes fetched twice: %lld (%.2f MiB)",
          partSize,
          killed.bodyBytesSent,
          *resumeAt,
          fetchedTwice,
          double(fetchedTwice) / MiB);
    QVERIFY(fetchedTwice >= 0);
    QVERIFY2(fetchedTwice <= 4 * MiB, qPrintable(QString::number(fetchedTwice)));
}

void TestNginx::missingFile_failsAndOthersContinue()
{
    const qint64 size = 100 * KiB;
    const QStringList good{u"good1.bin"_s, u"good2.bin"_s, u"good3.bin"_s};
    const auto seedOf = [](qsizetype i) { return static_cast<quint32>(40 + i); };
    for (qsizetype i = 0; i < good.size(); ++i)
        QVERIFY(m_server->writeGeneratedFile(u"misc/"_s + good.at(i), size, seedOf(i)));
    const QUrl missing = m_server->url(u"/misc/missing.bin"_s);
    QVERIFY(writeList({m_server->url(u"/misc/good1.bin"_s),
                       missing,
                       m_server->url(u"/misc/good2.bin"_s),
                       m_server->url(u"/misc/good3.bin"_s)}));

    CliRun run(m_work->path(), {u"-d"_s, u"out"_s, u"-i"_s, u"list.txt"_s});
    QVERIFY2(run.waitFinished(RunPatience), qPrintable(run.describe()));
    QVERIFY2(run.process().exitStatus() == QProcess::NormalExit, qPrintable(run.describe()));
    QVERIFY2(run.process().exitCode() == ExitFailed, qPrintable(run.describe()));

    const QDir out(workPath(u"out"_s));
    QCOMPARE(out.entryList(QDir::Files), good);
    for (qsizetype i = 0; i < good.size(); ++i)
        QCOMPARE(firstDifferenceFromGenerated(out.filePath(good.at(i)), size, seedOf(i)), -1);

    // One line names the URL and the status.
    const QString pattern = QRegularExpression::escape(missing.toString()) + u".*\\b404\\b"_s;
    QVERIFY2(hasLineMatching(run.errorOutput(), pattern), qPrintable(run.describe()));
    QVERIFY2(hasLineMatching(run.errorOutput(), uR"(^\s*succeeded: 3$)"_s),
             qPrintable(run.describe()));
    QVERIFY2(hasLineMatching(run.errorOutput(), uR"(^\s*failed:\s+1$)"_s),
             qPrintable(run.describe()));

    QTRY_COMPARE_WITH_TIMEOUT(m_server->accessLog("/misc/").size(), 4, Patience);
    const QList<NginxLogEntry> seen = m_server->accessLog("/misc/missing.bin");
    QCOMPARE(seen.size(), 1); // a 404 is final: no retries
    QCOMPARE(seen.constFirst().status, 404);
}

void TestNginx::sigterm_stopsCleanlyAndResumes()
{
    const qint64 size = 64 * MiB;
    const quint32 seed = 5;
    QVERIFY(m_server->writeGeneratedFile(u"slow/term.bin"_s, size, seed));
    // One connection, so the .part is a clean prefix that can be checked byte by byte.
    const QStringList arguments{
        u"-s"_s, u"1"_s, u"-d"_s, u"out"_s, m_server->url(u"/slow/term.bin"_s).toString()};
    const QString part = workPath(u"out/term.bin.part"_s);
    const QString finalPath = workPath(u"out/term.bin"_s);

    CliRun first(m_work->path(), arguments);
    QTRY_VERIFY_WITH_TIMEOUT(first.hasFinished() || QFileInfo(part).size() >= 2 * MiB, Patience);
    QVERIFY2(!first.hasFinished(), qPrintable(first.describe()));
    QElapsedTimer stopping;
    stopping.start();
    first.process().terminate();
    QVERIFY2(first.waitFinished(Patience), "ferry-cli did not stop after SIGTERM");
    qInfo("SIGTERM to exit: %lld ms", stopping.elapsed());
    QVERIFY2(first.process().exitStatus() == QProcess::NormalExit, qPrintable(first.describe()));
    QVERIFY2(first.process().exitCode() == ExitInterrupted, qPrintable(first.describe()));
    QVERIFY2(first.errorOutput().contains("Interrupted"_L1), qPrintable(first.describe()));

    const qint64 partSize = QFileInfo(part).size();
    QVERIFY(partSize >= 2 * MiB && partSize < size);
    QVERIFY(!QFileInfo::exists(finalPath));
    QCOMPARE(firstDifferenceFromGenerated(part, size, seed), partSize); // a clean prefix

    // nginx logs the request once it notices the connection is closed.
    QTRY_VERIFY_WITH_TIMEOUT(!m_server->accessLog("/slow/term.bin").isEmpty(), Patience);

    m_server->setSlowRate(0);
    QVERIFY2(m_server->restart(), qPrintable(m_server->errorString()));

    CliRun second(m_work->path(), arguments);
    QVERIFY2(second.waitFinished(RunPatience), qPrintable(second.describe()));
    QVERIFY2(second.process().exitStatus() == QProcess::NormalExit, qPrintable(second.describe()));
    QVERIFY2(second.process().exitCode() == 0, qPrintable(second.describe()));
    QVERIFY(!QFileInfo::exists(part));
    QCOMPARE(firstDifferenceFromGenerated(finalPath, size, seed), -1);

    // The re-run's request is the last one: a resume that fetched exactly the rest.
    const auto resumedToTheEnd = [&] {
        const QList<NginxLogEntry> seen = m_server->accessLog("/slow/term.bin");
        if (seen.size() < 2)
            return false;
        const std::optional<qint64> from = seen.constLast().rangeStart();
        return seen.constLast().status == 206 && from
               && seen.constLast().bodyBytesSent == size - *from;
    };
    QTRY_VERIFY2_WITH_TIMEOUT(resumedToTheEnd(),
                              qPrintable(describeLog(m_server->accessLog("/slow/term.bin"))),
                              Patience);
    const QList<NginxLogEntry> seen = m_server->accessLog("/slow/term.bin");
    const NginxLogEntry &resumed = seen.constLast();
    const qint64 resumeAt = resumed.rangeStart().value_or(0);
    QVERIFY2(resumeAt > 0 && resumeAt <= partSize, qPrintable(describeLog(seen)));
    QCOMPARE(resumed.range, "bytes=" + QByteArray::number(resumeAt) + '-');
    QCOMPARE(resumed.ifRange,
             nginxETag(QDir(m_server->documentRoot()).filePath(u"slow/term.bin"_s)));

    // The interrupted run made exactly one request (from 0); after stopped() nothing starts
    // again, so the only other request is the re-run's resume.
    QVERIFY2(seen.size() == 2, qPrintable(describeLog(seen)));
    QCOMPARE(seen.constFirst().status, 200);
    QCOMPARE(seen.constFirst().range, QByteArray());
    const qint64 bodyBytes = seen.at(0).bodyBytesSent + seen.at(1).bodyBytesSent;
    qInfo("SIGTERM: %lld bytes kept, resumed at %lld; requests in the interrupted run: %lld; "
          "bytes fetched twice: %lld",
          partSize,
          resumeAt,
          seen.size() - 1,
          bodyBytes - size);
}

QTEST_GUILESS_MAIN(TestNginx)
#include "tst_nginx.moc"
