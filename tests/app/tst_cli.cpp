// ferry-cli end to end: a real child process against the loopback test server.

#include "core/checkpoint.h"
#include "tests/support/cliprocess.h"
#include "tests/support/generateddata.h"
#include "tests/support/proxyserver.h"
#include "tests/support/testhttpserver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <csignal>
#include <memory>
#include <unistd.h>

using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = CliProcess::Patience;
constexpr qint64 MiB = 1 << 20;

using CliResult = CliProcess::Result;

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result(); // raw, as generatedSha256() gives it
}

// The one checkpoint under `stateDirectory` claims only bytes that are in `partCopy` (a copy of
// the .part file taken at the same moment), and they are the right bytes.
void verifyCheckpointMatchesPart(const QString &stateDirectory,
                                 const QString &partCopy,
                                 qint64 size,
                                 quint32 seed)
{
    QStringList found;
    QDirIterator it(stateDirectory, {u"*.json"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        found.append(it.next());
    QCOMPARE(found.size(), 1);
    const Ferry::Result<Ferry::Checkpoint> checkpoint =
        Ferry::Checkpoint::fromJson(fileBytes(found.first()));
    QVERIFY(checkpoint.has_value());
    QVERIFY(!checkpoint->completed);
    QVERIFY(checkpoint->partPath.endsWith(u"/fat.bin.part"_s));
    QCOMPARE(checkpoint->totalSize, size);
    QVERIFY(checkpoint->bytesOnDisk() > 0);
    const QByteArray part = fileBytes(partCopy);
    for (const Ferry::ByteRange &range : checkpoint->ranges) {
        QVERIFY(range.end <= part.size());
        QVERIFY2(part.mid(range.begin, range.length())
                     == generatedData(range.begin, range.length(), seed),
                 qPrintable(u"checkpointed bytes %1-%2 differ from the file"_s.arg(range.begin)
                                .arg(range.end)));
    }
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void version_and_help_exitZero();
    void badFlag_exitsTwoAndDownloadsNothing_data();
    void badFlag_exitsTwoAndDownloadsNothing();
    void unreadableList_exitsTwo();
    void download_single_withOutName();
    void speedLimits_validValues_accepted();
    void list_badLinesReported_goodOnesDownloaded();
    void list_fromStdin_withOptionLines();
    void list_fromSlowPipe_startsAtOnce_andCtrlCStillStops();
    void failures_listedInSummary_exitOne();
    void report_jsonLines_everyItemWithItsHash();
    void report_csv_andFailedList_retriedWithDashI();
    void report_interruptedRun_listsUnfinishedItemsToo();
    void hostDownMidBatch_nothingLostNothingTwice_reportComplete();
    void perHostLimitAndWait_accepted();
    void rerun_skipsCompleted();
    void killAndResume_fetchesLittleTwice_data();
    void killAndResume_fetchesLittleTwice();
    void concurrentRuns_secondLeavesThePartAlone();
    void rerun_withChecksum_checksTheExistingFile();
    void diskFull_keepsPartialAndResumesLater();
    void headersAndCookies_reachTheServer();
    void proxyWithPasswordFromEnvironment_carriesTheRequests();
    void proxyPasswordOnCommandLine_warns();

private:
    CliResult run(const QStringList &arguments, const QByteArray &input = {});
    std::unique_ptr<QProcess> start(const QStringList &arguments);

    QString out(const QString &name) const { return m_out->filePath(name); }

    std::unique_ptr<QTemporaryDir> m_out;
    std::unique_ptr<QTemporaryDir> m_state;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<CliProcess> m_cli; // ferry-cli with this test's state folder
};

void TestCli::init()
{
    m_out = std::make_unique<QTemporaryDir>();
    m_state = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_cli = std::make_unique<CliProcess>(QStringLiteral(FERRY_CLI_PATH));
    m_cli->setEnvironment(u"XDG_DATA_HOME"_s, m_state->path());
    m_cli->setWorkingDirectory(m_out->path());
}

void TestCli::cleanup()
{
    m_cli.reset();
    m_server.reset();
    m_out.reset();
    m_state.reset();
}

std::unique_ptr<QProcess> TestCli::start(const QStringList &arguments)
{
    return m_cli->start(arguments);
}

CliResult TestCli::run(const QStringList &arguments, const QByteArray &input)
{
    return m_cli->run(arguments, input);
}

void TestCli::version_and_help_exitZero()
{
    const CliResult version = run({u"--version"_s});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith(u"ferry-cli "_s));
    const CliResult help = run({u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(u"--max-tries"_s));
    QVERIFY(help.out.contains(u"--input-file"_s));
    QVERIFY(help.out.contains(u"--max-overall-download-limit=SPEED"_s));
    QVERIFY(help.out.contains(u"--max-download-limit=SPEED"_s));
}

void TestCli::badFlag_exitsTwoAndDownloadsNothing_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QString url = u"URL"_s;
    QTest::newRow("unknown long") << QStringList{u"--frobnicate"_s, url} << u"unknown option"_s;
    QTest::newRow("unknown short") << QStringList{u"-Z"_s, url} << u"unknown option"_s;
    QTest::newRow("missing value") << QStringList{url, u"-d"_s} << u"needs a value"_s;
    QTest::newRow("j zero") << QStringList{u"-j"_s, u"0"_s, url} << u"invalid value"_s;
    QTest::newRow("j word") << QStringList{u"-jmany"_s, url} << u"invalid value"_s;
    QTest::newRow("bad checksum") << QStringList{u"--checksum=sha-256=abc"_s, url}
                                  << u"invalid value"_s;
    QTest::newRow("bool junk") << QStringList{u"--allow-overwrite=maybe"_s, url}
                               << u"invalid value"_s;
    QTest::newRow("-o with two") << QStringList{u"-o"_s, u"x"_s, url, url + u"?2"_s}
                                 << u"single download"_s;
    QTest::newRow("no url") << QStringList{u"-d"_s, u"."_s} << u"no URL"_s;
    QTest::newRow("ca file missing")
        << QStringList{u"--ca-certificate=/nonexistent.pem"_s, url} << u"invalid value"_s;
    QTest::newRow("dir is a file")
        << QStringList{u"-d"_s, u"plain-file"_s, url} << u"not a folder"_s;
    QTest::newRow("per host above 64")
        << QStringList{u"--max-connections-per-host=65"_s, url} << u"invalid value"_s;
    QTest::newRow("split 17") << QStringList{u"-s"_s, u"17"_s, url} << u"invalid value"_s;
    QTest::newRow("per host no host")
        << QStringList{u"--max-connections-per-host==2"_s, url} << u"invalid value"_s;
    QTest::newRow("per host zero")
        << QStringList{u"--max-connections-per-host=a.example=0"_s, url} << u"invalid value"_s;
    QTest::newRow("wait negative") << QStringList{u"--wait=-1"_s, url} << u"invalid value"_s;
    QTest::newRow("report is a folder")
        << QStringList{u"--save-report=."_s, url} << u"invalid value"_s;
    QTest::newRow("split size below 1M")
        << QStringList{u"-k"_s, u"512K"_s, url} << u"invalid value"_s;
    QTest::newRow("limit word") << QStringList{u"--max-download-limit=fast"_s, url}
                                << u"invalid value"_s;
    QTest::newRow("limit negative")
        << QStringList{u"--max-overall-download-limit=-1M"_s, url} << u"invalid value"_s;
    QTest::newRow("limit fraction")
        << QStringList{u"--max-overall-download-limit"_s, u"1.5M"_s, url} << u"invalid value"_s;
    QTest::newRow("limit unit") << QStringList{u"--max-download-limit=10MB"_s, url}
                                << u"invalid value"_s;
    QTest::newRow("limit overflow")
        << QStringList{u"--max-download-limit=99999999999999999999"_s, url} << u"invalid value"_s;
    QTest::newRow("limit missing")
        << QStringList{url, u"--max-overall-download-limit"_s} << u"needs a value"_s;
    QTest::newRow("engine's header")
        << QStringList{u"--header=Range: bytes=0-"_s, url} << u"set by Ferry"_s;
    QTest::newRow("header without colon")
        << QStringList{u"--header"_s, u"X-Token abc"_s, url} << u"Name: value"_s;
    QTest::newRow("no certificate checks")
        << QStringList{u"--check-certificate=false"_s, url} << u"not supported"_s;
    QTest::newRow("bad trust") << QStringList{u"--trust-certificate=example.org=abc"_s, url}
                               << u"HOST=SHA256"_s;
    QTest::newRow("cookie file missing")
        << QStringList{u"--load-cookies=no-cookies.txt"_s, url} << u"no-cookies.txt"_s;
    QTest::newRow("cookie file bad line")
        << QStringList{u"--load-cookies"_s, u"plain-file"_s, url} << u"line 1"_s;
    QTest::newRow("bad proxy") << QStringList{u"--all-proxy=ftp://proxy.lan"_s, url}
                               << u"invalid value"_s;
    QTest::newRow("ftp url") << QStringList{u"ftp://127.0.0.1/file"_s} << u"not a usable URL"_s;
    QTest::newRow("not a url") << QStringList{u"hello world"_s} << u"not a usable URL"_s;
}

void TestCli::badFlag_exitsTwoAndDownloadsNothing()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    m_server->addFile(u"/f.txt"_s, "data"_ba);
    for (QString &argument : arguments)
        argument.replace(u"URL"_s, m_server->url(u"/f.txt"_s).toString());
    writeFile(out(u"plain-file"_s), "not a folder");
    const CliResult result = run(arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY2(result.err.contains(message), qPrintable(result.err));
    QCOMPARE(m_server->requestCount(u"/f.txt"_s), 0);
    QCOMPARE(QDir(m_out->path()).entryList(QDir::Files), QStringList{u"plain-file"_s});
}

void TestCli::headersAndCookies_reachTheServer()
{
    m_server->addFile(u"/a.txt"_s, "A"_ba);
    m_server->addFile(u"/b.txt"_s, "B"_ba);
    writeFile(out(u"cookies.txt"_s),
              "# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\tc00kie\n");
    writeFile(out(u"other-cookies.txt"_s), "127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\tother\n");
    const QByteArray list = m_server->url(u"/b.txt"_s).toEncoded()
                            + "\n  user-agent=ListAgent/1\n  header=X-Entry: e\n"
                              "  load-cookies=other-cookies.txt\n";
    writeFile(out(u"list.txt"_s), list);
    const CliResult result = run({u"-U"_s,
                                  u"CliAgent/1"_s,
                                  u"--referer=https://example.org/"_s,
                                  u"--header=X-One: 1"_s,
                                  u"--header"_s,
                                  u"X-Two: 2"_s,
                                  u"--load-cookies=cookies.txt"_s,
                                  u"-i"_s,
                                  u"list.txt"_s,
                                  m_server->url(u"/a.txt"_s).toString()});
    QCOMPARE(result.exitCode, 0);
    const RecordedRequest a = m_server->requests(u"/a.txt"_s).value(0);
    QCOMPARE(a.header("user-agent"), "CliAgent/1");
    QCOMPARE(a.header("referer"), "https://example.org/");
    QCOMPARE(a.header("x-one"), "1");
    QCOMPARE(a.header("x-two"), "2");
    QCOMPARE(a.header("cookie"), "sid=c00kie");
    const RecordedRequest b = m_server->requests(u"/b.txt"_s).value(0);
    QCOMPARE(b.header("user-agent"), "ListAgent/1");
    QCOMPARE(b.header("referer"), "https://example.org/");
    QCOMPARE(b.header("x-one"), "1");
    QCOMPARE(b.header("x-entry"), "e");
    QCOMPARE(b.header("cookie"), "sid=other");
    QVERIFY2(!result.err.contains(u"c00kie"_s), qPrintable(result.err));
}

void TestCli::proxyWithPasswordFromEnvironment_carriesTheRequests()
{
    ProxyServer proxy(ProxyServer::Kind::Http);
    proxy.setLogin(u"cliuser"_s, u"env-pass"_s);
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
    m_server->addFile(u"/p.txt"_s, "P"_ba);
    m_cli->setEnvironment(u"FERRY_PROXY_PASSWORD"_s, u"env-pass"_s);
    const CliResult result = run({u"--all-proxy="_s + proxy.url().toString(),
                                  u"--all-proxy-user=cliuser"_s,
                                  m_server->url(u"/p.txt"_s).toString()});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(m_server->requests(u"/p.txt"_s).value(0).header("via").contains("ferrytest"));
    QVERIFY2(!result.err.contains(u"warning"_s), qPrintable(result.err));
    QVERIFY2(!result.err.contains(u"env-pass"_s), qPrintable(result.err));

    // --no-proxy sends the same host around the proxy.
    m_server->addFile(u"/direct.txt"_s, "D"_ba);
    const CliResult direct = run({u"--all-proxy="_s + proxy.url().toString(),
                                  u"--no-proxy=example.org,127.0.0.1"_s,
                                  m_server->url(u"/direct.txt"_s).toString()});
    QCOMPARE(direct.exitCode, 0);
    QVERIFY(!m_server->requests(u"/direct.txt"_s).value(0).hasHeader("via"));
}

void TestCli::proxyPasswordOnCommandLine_warns()
{
    ProxyServer proxy(ProxyServer::Kind::Http);
    proxy.setLogin(u"cliuser"_s, u"visible"_s);
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
    m_server->addFile(u"/p.txt"_s, "P"_ba);
    const CliResult result = run({u"--http-proxy="_s + proxy.url().toString(),
                                  u"--all-proxy-user=cliuser"_s,
                                  u"--all-proxy-passwd=visible"_s,
                                  m_server->url(u"/p.txt"_s).toString()});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.err.contains(u"warning: a proxy password on the command line"_s),
             qPrintable(result.err));
    QVERIFY(m_server->requests(u"/p.txt"_s).value(0).header("via").contains("ferrytest"));
}

void TestCli::unreadableList_exitsTwo()
{
    m_server->addFile(u"/f.txt"_s, "data"_ba);
    const CliResult missing =
        run({m_server->url(u"/f.txt"_s).toString(), u"-i"_s, out(u"no-such-list.txt"_s)});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains(u"cannot read the list"_s), qPrintable(missing.err));
    QVERIFY(QDir().mkpath(out(u"adir"_s)));
    const CliResult folder = run({u"-i"_s, out(u"adir"_s)});
    QCOMPARE(folder.exitCode, 2);
    QVERIFY2(folder.err.contains(u"folder"_s), qPrintable(folder.err));
    QCOMPARE(m_server->requestCount(u"/f.txt"_s), 0);
}

void TestCli::download_single_withOutName()
{
    m_server->addFile(u"/f.txt"_s, "payload"_ba);
    const QByteArray sha = QCryptographicHash::hash("payload", QCryptographicHash::Sha256).toHex();
    const CliResult result = run({u"-d"_s,
                                  u"sub"_s,
                                  u"-o"_s,
                                  u"named.txt"_s,
                                  u"--checksum=sha-256="_s + QString::fromLatin1(sha),
                                  m_server->url(u"/f.txt"_s).toString()});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(fileBytes(out(u"sub/named.txt"_s)), "payload"_ba);
    QVERIFY2(result.err.contains(u"succeeded: 1"_s), qPrintable(result.err));
}

void TestCli::speedLimits_validValues_accepted()
{
    m_server->addFile(u"/f.txt"_s, "payload"_ba);
    const CliResult result = run({u"--max-overall-download-limit=10M"_s,
                                  u"--max-download-limit"_s,
                                  u"512k"_s,
                                  m_server->url(u"/f.txt"_s).toString()});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(fileBytes(out(u"f.txt"_s)), "payload"_ba);
    const CliResult unlimited = run({u"--max-download-limit=0"_s,
                                     u"-o"_s,
                                     u"again.txt"_s,
                                     m_server->url(u"/f.txt"_s).toString()});
    QCOMPARE(unlimited.exitCode, 0);
    QCOMPARE(fileBytes(out(u"again.txt"_s)), "payload"_ba);
}

void TestCli::list_badLinesReported_goodOnesDownloaded()
{
    m_server->addFile(u"/a.txt"_s, "A"_ba);
    m_server->addFile(u"/b.txt"_s, "B"_ba);
    const QString list = u"# my list\n"_s + m_server->url(u"/a.txt"_s).toString()
                         + u"\nftp://127.0.0.1/nope\n\nnot a url at all\n"_s
                         + m_server->url(u"/b.txt"_s).toString() + u"\n  out=bee.txt\n"_s
                         + m_server->url(u"/a.txt"_s).toString()
                         + u"\n"_s; // duplicate: fetched once
    writeFile(out(u"list.txt"_s), list.toUtf8());
    const CliResult result = run({u"-i"_s, u"list.txt"_s, u"-d"_s, u"got"_s});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"list.txt:3:"_s), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"list.txt:5:"_s), qPrintable(result.err));
    QVERIFY2(result.err.contains(u"rejected list lines: 2"_s), qPrintable(result.err));
    QCOMPARE(fileBytes(out(u"got/a.txt"_s)), "A"_ba);
    QCOMPARE(fileBytes(out(u"got/bee.txt"_s)), "B"_ba);
    QCOMPARE(m_server->requestCount(u"/a.txt"_s), 1);
    QCOMPARE(QDir(out(u"got"_s)).entryList(QDir::Files).size(), 2);
}

void TestCli::list_fromStdin_withOptionLines()
{
    m_server->addFile(u"/x.bin"_s, "xx"_ba);
    m_server->addFile(u"/y.bin"_s, "yy"_ba);
    const QByteArray list = m_server->url(u"/x.bin"_s).toEncoded()
                            + "\n\tdir=" + out(u"other"_s).toUtf8() + "\n"
                            + m_server->url(u"/y.bin"_s).toEncoded()
                            + "\n  checksum=md5=00000000000000000000000000000000\n";
    const CliResult result = run({u"-i"_s, u"-"_s}, list);
    QCOMPARE(result.exitCode, 1); // y.bin fails its checksum
    QCOMPARE(fileBytes(out(u"other/x.bin"_s)), "xx"_ba);
    QVERIFY(!QFile::exists(out(u"y.bin"_s)));
    QVERIFY2(result.err.contains(u"Checksum mismatch"_s), qPrintable(result.err));
}

void TestCli::list_fromSlowPipe_startsAtOnce_andCtrlCStillStops()
{
    // `producer | ferry-cli -i -`: an entry starts once the next URL line shows it complete,
    // not when 64 KiB or the end of the list arrived, and Ctrl+C works while the producer is
    // silent. The last URL waits: its option lines may still come.
    m_server->addFile(u"/first.bin"_s, "first"_ba);
    m_server->addFile(u"/second.bin"_s, "second"_ba);
    m_server->addFile(u"/third.bin"_s, "third"_ba);
    std::unique_ptr<QProcess> process = m_cli->startWithInput({u"-i"_s, u"-"_s});
    QSignalSpy finished(process.get(), &QProcess::finished);
    QVERIFY(process->waitForStarted(Patience));
    process->write(m_server->url(u"/first.bin"_s).toEncoded() + "\n"
                   + m_server->url(u"/second.bin"_s).toEncoded() + "\n");
    QTRY_COMPARE_WITH_TIMEOUT(fileBytes(out(u"first.bin"_s)), "first"_ba, Patience);
    process->write("  out=renamed.bin\n" + m_server->url(u"/third.bin"_s).toEncoded() + "\n");
    QTRY_COMPARE_WITH_TIMEOUT(fileBytes(out(u"renamed.bin"_s)), "second"_ba, Patience);
    QCOMPARE(finished.size(), 0);                         // the list has not ended: still listening
    QCOMPARE(m_server->requestCount(u"/third.bin"_s), 0); // its options may still come
    ::kill(pid_t(process->processId()), SIGINT);
    QVERIFY2(finished.wait(Patience), "ferry-cli ignored Ctrl+C while reading a pipe");
    QCOMPARE(process->exitStatus(), QProcess::NormalExit);
    QCOMPARE(process->exitCode(), 130);
    const QString err = QString::fromUtf8(process->readAllStandardError());
    QVERIFY2(err.contains(u"Stopping"_s), qPrintable(err));
    QCOMPARE(m_server->requestCount(u"/first.bin"_s), 1);
    QCOMPARE(m_server->requestCount(u"/second.bin"_s), 1);
    QVERIFY(!QFile::exists(out(u"second.bin"_s)));
}

void TestCli::failures_listedInSummary_exitOne()
{
    m_server->addFile(u"/ok.txt"_s, "ok"_ba);
    const QString missing = m_server->url(u"/gone.txt"_s).toString();
    const CliResult result = run({u"--max-tries=2"_s,
                                  u"--retry-wait=0.05"_s,
                                  m_server->url(u"/ok.txt"_s).toString(),
                                  missing});
    QCOMPARE(result.exitCode, 1);
    const qsizetype summary = result.err.indexOf(u"Download results:"_s);
    QVERIFY2(summary >= 0, qPrintable(result.err));
    const QString tail = result.err.mid(summary);
    QVERIFY2(tail.contains(u"succeeded: 1"_s), qPrintable(tail));
    QVERIFY2(tail.contains(u"failed:    1"_s), qPrintable(tail));
    QVERIFY2(tail.contains(missing), qPrintable(tail));
    QVERIFY2(tail.contains(u"404"_s), qPrintable(tail));
    QCOMPARE(fileBytes(out(u"ok.txt"_s)), "ok"_ba);
}

namespace {

QList<QJsonObject> jsonLines(const QString &path)
{
    QList<QJsonObject> lines;
    const QList<QByteArray> raw = fileBytes(path).split('\n');
    for (const QByteArray &line : raw) {
        if (!line.isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

} // namespace

void TestCli::report_jsonLines_everyItemWithItsHash()
{
    for (int i = 0; i < 3; ++i)
        m_server->addGeneratedFile(u"/r%1.bin"_s.arg(i), 40000 + i, quint32(i));
    const QString report = out(u"report.jsonl"_s);
    QStringList arguments = {u"--max-tries=1"_s, u"--save-report=report.jsonl"_s};
    for (int i = 0; i < 3; ++i)
        arguments.append(m_server->url(u"/r%1.bin"_s.arg(i)).toString());
    arguments.append(m_server->url(u"/missing.bin"_s).toString());
    const CliResult result = run(arguments);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"report: "_s + report), qPrintable(result.err));
    const QList<QJsonObject> lines = jsonLines(report);
    QCOMPARE(lines.size(), 4);
    int completed = 0;
    for (const QJsonObject &line : lines) {
        const QString url = line.value("url"_L1).toString();
        if (url.endsWith(u"/missing.bin"_s)) {
            QCOMPARE(line.value("state"_L1).toString(), u"failed"_s);
            QCOMPARE(line.value("http_status"_L1).toInt(), 404);
            QVERIFY(line.value("error"_L1).toString().contains(u"404"_s));
            QVERIFY(line.value("sha256"_L1).isNull());
            continue;
        }
        const int i = url.mid(url.lastIndexOf(u'r') + 1, 1).toInt();
        QCOMPARE(line.value("state"_L1).toString(), u"completed"_s);
        QCOMPARE(line.value("path"_L1).toString(), out(u"r%1.bin"_s.arg(i)));
        QCOMPARE(line.value("http_status"_L1).toInt(), 200);
        QCOMPARE(line.value("bytes"_L1).toInteger(), 40000 + i);
        QCOMPARE(line.value("size"_L1).toInteger(), 40000 + i);
        QCOMPARE(line.value("sha256"_L1).toString(),
                 QString::fromLatin1(generatedSha256(40000 + i, quint32(i)).toHex()));
        QCOMPARE(line.value("attempts"_L1).toInt(), 1);
        QVERIFY(line.value("duration_s"_L1).toDouble() >= 0);
        QVERIFY(!line.value("started"_L1).toString().isEmpty());
        ++completed;
    }
    QCOMPARE(completed, 3);
}

void TestCli::report_csv_andFailedList_retriedWithDashI()
{
    m_server->addFile(u"/a.txt"_s, "aaa"_ba);
    const QUrl missing = m_server->url(u"/later.txt"_s);
    QDir(m_out->path()).mkdir(u"sub"_s);
    const CliResult first = run({u"--max-tries=1"_s,
                                 u"--save-report=r.csv"_s,
                                 u"-d"_s,
                                 u"sub"_s,
                                 m_server->url(u"/a.txt"_s).toString(),
                                 missing.toString()});
    QCOMPARE(first.exitCode, 1);
    // Named in the summary; kept with the checkpoints, out of the download folder.
    const QRegularExpression named(u"the failed URLs are in (\\S+);"_s);
    const QString failedList = named.match(first.err).captured(1);
    QVERIFY2(failedList.startsWith(m_state->path() + u"/ferry/failed/failed-"_s),
             qPrintable(first.err));
    QVERIFY2(first.err.contains(u"ferry-cli -i "_s + failedList), qPrintable(first.err));
    QCOMPARE(QDir(out(u"sub"_s)).entryList(QDir::Files), QStringList{u"a.txt"_s});
    QCOMPARE(fileBytes(failedList),
             missing.toEncoded() + "\n  dir=" + out(u"sub"_s).toUtf8() + "\n");
    const QList<QByteArray> csv = fileBytes(out(u"r.csv"_s)).split('\n');
    QCOMPARE(csv.size(), 4); // header, two lines, and the empty rest after the last line end
    QVERIFY(csv.at(0).startsWith("url,path,state,http_status,bytes,size,sha256,"));
    const QByteArray aLine = csv.at(1).contains("/a.txt") ? csv.at(1) : csv.at(2);
    const QByteArray expected =
        ",completed,200,3,3," + QCryptographicHash::hash("aaa", QCryptographicHash::Sha256).toHex();
    QVERIFY2(aLine.contains(expected), aLine.constData());

    // The server has it now: the list retries it into the same folder.
    m_server->addFile(u"/later.txt"_s, "now"_ba);
    const CliResult retry = run({u"-i"_s, failedList});
    QCOMPARE(retry.exitCode, 0);
    QCOMPARE(fileBytes(out(u"sub/later.txt"_s)), "now"_ba);
}

void TestCli::hostDownMidBatch_nothingLostNothingTwice_reportComplete()
{
    constexpr int Count = 24;
    constexpr qint64 Size = 64 * 1024;
    QStringList arguments = {u"-j"_s,
                             u"3"_s,
                             u"--max-tries=3"_s,
                             u"--retry-wait=0.05"_s,
                             u"--save-report=batch.jsonl"_s};
    for (int i = 0; i < Count; ++i) {
        m_server->addGeneratedFile(u"/h%1.bin"_s.arg(i), Size, quint32(i));
        m_server->setThrottle(u"/h%1.bin"_s.arg(i), 1 * MiB); // ~60 ms each
        arguments.append(m_server->url(u"/h%1.bin"_s.arg(i)).toString());
    }
    std::unique_ptr<QProcess> process = start(arguments);
    QSignalSpy finished(process.get(), &QProcess::finished);
    QString err;
    connect(process.get(), &QProcess::readyReadStandardError, this, [&] {
        err += QString::fromUtf8(process->readAllStandardError());
    });
    QTRY_VERIFY_WITH_TIMEOUT(err.count(u"[done]"_s) >= 5, Patience);

    m_server->goDown();
    QTRY_VERIFY_WITH_TIMEOUT(err.contains(u"[wait] 127.0.0.1 keeps failing"_s), Patience);
    QStringList doneBefore;
    for (int i = 0; i < Count; ++i) {
        if (err.contains(u"[done] "_s + out(u"h%1.bin"_s.arg(i)) + u" "_s))
            doneBefore.append(u"/h%1.bin"_s.arg(i));
    }
    QVERIFY(doneBefore.size() < Count);
    m_server->resetRecords();
    QVERIFY(m_server->comeBack());

    QVERIFY(finished.wait(Patience * 2));
    err += QString::fromUtf8(process->readAllStandardError());
    QVERIFY2(process->exitCode() == 0, qPrintable(err));
    // Nothing lost: every file, byte for byte; nothing twice: what was done is not fetched
    // again, the rest once.
    for (int i = 0; i < Count; ++i) {
        const QString path = u"/h%1.bin"_s.arg(i);
        QCOMPARE(firstDifferenceFromGenerated(out(u"h%1.bin"_s.arg(i)), Size, quint32(i)), -1);
        QCOMPARE(m_server->requestCount(path), doneBefore.contains(path) ? 0 : 1);
    }
    // The report is complete: a line per file, each completed with its hash.
    const QList<QJsonObject> lines = jsonLines(out(u"batch.jsonl"_s));
    QCOMPARE(lines.size(), Count);
    for (const QJsonObject &line : lines) {
        QCOMPARE(line.value("state"_L1).toString(), u"completed"_s);
        const QString url = line.value("url"_L1).toString();
        const int i = url.mid(url.lastIndexOf(u"/h"_s) + 2).chopped(4).toInt();
        QCOMPARE(line.value("sha256"_L1).toString(),
                 QString::fromLatin1(generatedSha256(Size, quint32(i)).toHex()));
    }
}

void TestCli::report_interruptedRun_listsUnfinishedItemsToo()
{
    constexpr int Count = 6;
    QStringList arguments = {u"-j"_s, u"1"_s, u"--save-report=all.jsonl"_s};
    for (int i = 0; i < Count; ++i) {
        m_server->addGeneratedFile(u"/s%1.bin"_s.arg(i), 4 * MiB, quint32(i));
        m_server->setThrottle(u"/s%1.bin"_s.arg(i), 4 * MiB); // about a second each
        arguments.append(m_server->url(u"/s%1.bin"_s.arg(i)).toString());
    }
    std::unique_ptr<QProcess> process = start(arguments);
    QSignalSpy finished(process.get(), &QProcess::finished);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->requestCount(u"/s1.bin"_s) > 0, Patience);
    ::kill(pid_t(process->processId()), SIGINT);
    QVERIFY(finished.wait(Patience));
    QCOMPARE(process->exitCode(), 130);
    const QList<QJsonObject> lines = jsonLines(out(u"all.jsonl"_s));
    QCOMPARE(lines.size(), Count);
    QStringList states;
    for (const QJsonObject &line : lines)
        states.append(line.value("state"_L1).toString());
    QVERIFY2(states.contains(u"completed"_s), qPrintable(states.join(u',')));
    QVERIFY2(states.contains(u"queued"_s), qPrintable(states.join(u',')));
}

void TestCli::perHostLimitAndWait_accepted()
{
    m_server->addFile(u"/w1.txt"_s, "1"_ba);
    m_server->addFile(u"/w2.txt"_s, "2"_ba);
    const CliResult result = run({u"-j"_s,
                                  u"auto"_s,
                                  u"--max-connections-per-host=127.0.0.1=1"_s,
                                  u"--wait=0.2"_s,
                                  u"--random-wait"_s,
                                  m_server->url(u"/w1.txt"_s).toString(),
                                  m_server->url(u"/w2.txt"_s).toString()});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(fileBytes(out(u"w2.txt"_s)), "2"_ba);
}

void TestCli::rerun_skipsCompleted()
{
    m_server->addFile(u"/once.bin"_s, "once"_ba);
    const QStringList arguments{m_server->url(u"/once.bin"_s).toString()};
    QCOMPARE(run(arguments).exitCode, 0);
    const CliResult again = run(arguments);
    QCOMPARE(again.exitCode, 0);
    QVERIFY2(again.err.contains(u"already complete"_s), qPrintable(again.err));
    QCOMPARE(m_server->requestCount(u"/once.bin"_s), 1);
    QCOMPARE(QDir(m_out->path()).entryList(QDir::Files), QStringList{u"once.bin"_s});
}

void TestCli::killAndResume_fetchesLittleTwice_data()
{
    QTest::addColumn<QString>("split");
    QTest::newRow("one connection") << u"1"_s;
    QTest::newRow("eight connections") << u"8"_s;
}

void TestCli::killAndResume_fetchesLittleTwice()
{
    QFETCH(QString, split);
    const bool segmented = split != "1"_L1;
    const qint64 size = 40 * MiB;
    m_server->addGeneratedFile(u"/big.bin"_s, size, 21);
    m_server->setThrottle(u"/big.bin"_s, 8 * MiB / split.toInt()); // per connection
    const QStringList arguments{u"-s"_s, split, m_server->url(u"/big.bin"_s).toString()};

    std::unique_ptr<QProcess> first = start(arguments);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->bodyBytesSent(u"/big.bin"_s) >= 12 * MiB, Patience);
    const int requestsBeforeKill = m_server->requestCount(u"/big.bin"_s);
    QSignalSpy killed(first.get(), &QProcess::finished);
    first->kill(); // SIGKILL: no chance to save anything more
    QVERIFY(killed.wait(Patience));
    QVERIFY(!QFile::exists(out(u"big.bin"_s)));
    const qint64 sentBeforeKill = m_server->bodyBytesSent(u"/big.bin"_s);

    m_server->setThrottle(u"/big.bin"_s, 0);
    const CliResult second = run(arguments);
    QCOMPARE(second.exitCode, 0);
    QCOMPARE(firstDifferenceFromGenerated(out(u"big.bin"_s), size, 21), -1);
    QCOMPARE(QFileInfo(out(u"big.bin"_s)).size(), size);
    const QList<RecordedRequest> seen = m_server->requests(u"/big.bin"_s);
    if (!segmented)
        QCOMPARE(seen.size(), 2);
    QVERIFY(seen.size() > requestsBeforeKill);
    for (qsizetype i = requestsBeforeKill; i < seen.size(); ++i) {
        QVERIFY(seen.at(i).header("range").startsWith("bytes="));
        QCOMPARE(seen.at(i).header("if-range"), m_server->eTag(u"/big.bin"_s));
    }
    const qint64 fetchedTwice = m_server->bodyBytesSent(u"/big.bin"_s) - size;
    qInfo("-s %s, SIGKILL after %lld MiB sent: %lld bytes (%.2f MiB) fetched twice",
          qPrintable(split),
          sentBeforeKill / MiB,
          fetchedTwice,
          double(fetchedTwice) / MiB);
    // At most one checkpoint interval (2 MiB) of what Ferry had read, plus what was on its way
    // (reply buffers, and kernel socket buffers the server counts as sent): about 1 MiB more
    // per connection.
    const qint64 bound = 2 * MiB + split.toInt() * MiB + MiB;
    QVERIFY2(fetchedTwice <= bound, qPrintable(QString::number(fetchedTwice)));
}

void TestCli::concurrentRuns_secondLeavesThePartAlone()
{
    const qint64 size = 12 * MiB;
    m_server->addGeneratedFile(u"/shared.bin"_s, size, 44);
    m_server->setThrottle(u"/shared.bin"_s, 4 * MiB);
    const QStringList arguments{m_server->url(u"/shared.bin"_s).toString()};
    std::unique_ptr<QProcess> first = start(arguments);
    QSignalSpy firstDone(first.get(), &QProcess::finished);
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(out(u"shared.bin.part"_s)).size() >= 1 * MiB, Patience);

    const int requestsBefore = m_server->requestCount(u"/shared.bin"_s);
    const CliResult second = run(arguments); // e.g. an overlapping cron job
    QCOMPARE(second.exitCode, 1);
    QCOMPARE(m_server->requestCount(u"/shared.bin"_s), requestsBefore);
    QVERIFY2(second.err.contains(u"already being downloaded"_s), qPrintable(second.err));

    m_server->setThrottle(u"/shared.bin"_s, 0);
    QVERIFY(firstDone.wait(Patience));
    QCOMPARE(first->exitCode(), 0);
    QCOMPARE(firstDifferenceFromGenerated(out(u"shared.bin"_s), size, 44), -1);
}

void TestCli::rerun_withChecksum_checksTheExistingFile()
{
    m_server->addFile(u"/sum.txt"_s, "summed"_ba);
    const QString url = m_server->url(u"/sum.txt"_s).toString();
    QCOMPARE(run({url}).exitCode, 0);
    const QString right =
        QString::fromLatin1(QCryptographicHash::hash("summed", QCryptographicHash::Sha256).toHex());
    const CliResult good = run({u"--checksum=sha-256="_s + right, url});
    QCOMPARE(good.exitCode, 0);
    QVERIFY2(good.err.contains(u"already complete"_s), qPrintable(good.err));
    const CliResult bad = run({u"--checksum=sha-256="_s + QString(64, u'0'), url});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains(u"Checksum mismatch"_s), qPrintable(bad.err));
    QCOMPARE(fileBytes(out(u"sum.txt"_s)), "summed"_ba); // the user's file is left as it is
    QCOMPARE(m_server->requestCount(u"/sum.txt"_s), 1);
}

void TestCli::diskFull_keepsPartialAndResumesLater()
{
    // A private mount namespace with a 3 MiB tmpfs as the download folder: real ENOSPC.
    const QString unshare = QStandardPaths::findExecutable(u"unshare"_s);
    QVERIFY2(!unshare.isEmpty(), "unshare (util-linux) is needed for the disk-full test");
    const qint64 size = 12 * MiB;
    m_server->addGeneratedFile(u"/fat.bin"_s, size, 33);
    const QString folder = out(u"small-disk"_s);
    QVERIFY(QDir().mkpath(folder));
    const QString script = uR"(
mount -t tmpfs -o size=3m ferry-test "$1" || exit 99
"$2" -d "$1" "$3"; echo "first=$?"
ls "$1"
cat "$1/fat.bin.part" > "$5"
cp -r "$XDG_DATA_HOME" "$6"
mount -o remount,size=64m "$1" || exit 98
"$2" -d "$1" "$3"; echo "second=$?"
cat "$1/fat.bin" > "$4"
)"_s;
    // As root a plain mount namespace will do; otherwise map ourselves to root in a user one.
    QStringList arguments{u"-m"_s};
    if (::geteuid() != 0)
        arguments.prepend(u"-Ur"_s);
    arguments << u"sh"_s << u"-c"_s << script << u"sh"_s << folder << QStringLiteral(FERRY_CLI_PATH)
              << m_server->url(u"/fat.bin"_s).toString() << out(u"copy.bin"_s)
              << out(u"part-when-full.bin"_s) << out(u"state-when-full"_s);
    const std::unique_ptr<QProcess> shell = m_cli->startCommand(unshare, arguments);
    const CliResult result = CliProcess::finish(*shell);
    QCOMPARE(result.exitStatus, QProcess::NormalExit);
    const QString &stdOut = result.out;
    const QString &stdErr = result.err;
    const QString both = stdOut + stdErr;
    QVERIFY2(result.exitCode != 99, qPrintable(u"cannot mount a tmpfs here: "_s + both));
    QVERIFY2(stdOut.contains(u"first=1"_s), qPrintable(both));
    QVERIFY2(stdErr.contains(u"disk is full"_s), qPrintable(both));
    QVERIFY2(stdOut.contains(u"fat.bin.part"_s), qPrintable(both)); // partial data kept
    verifyCheckpointMatchesPart(out(u"state-when-full"_s), out(u"part-when-full.bin"_s), size, 33);
    QVERIFY2(stdOut.contains(u"second=0"_s), qPrintable(both));
    QCOMPARE(firstDifferenceFromGenerated(out(u"copy.bin"_s), size, 33), -1);
    QCOMPARE(sha256Of(out(u"copy.bin"_s)), generatedSha256(size, 33));
    // Only the very first request asked for the whole file: the second run resumed.
    const QList<RecordedRequest> seen = m_server->requests(u"/fat.bin"_s);
    const auto whole = std::count_if(
        seen.begin(), seen.end(), [](const RecordedRequest &r) { return !r.hasHeader("range"); });
    QCOMPARE(whole, 1);
    QVERIFY(!seen.first().hasHeader("range"));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
