// The real `ferry`, started as a user would: a first instance, a second one that hands URLs
// over and exits, a kill -9 in the middle of a download and a restart. Under Xvfb (ctest
// app.gui_xvfb) it also takes a screenshot of the screen.

#include "tests/support/testhttpserver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPixmap>
#include <QProcess>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = 30000;

} // namespace

class TestGui : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void secondStart_handsUrlsToFirst_whichDownloadsThem();
    void killedMidDownload_restartResumesFromCheckpoint();

private:
    std::unique_ptr<QProcess> startFerry(const QStringList &arguments);
    bool waitForInstance();

    QString downloadPath(const QString &name) const { return m_downloads.filePath(name); }

    void screenshot(const QString &name);

    QTemporaryDir m_home;
    QTemporaryDir m_downloads;
    std::unique_ptr<TestHttpServer> m_server;
    QProcessEnvironment m_environment;
    std::unique_ptr<QProcess> m_first;
};

void TestGui::init()
{
    QVERIFY(m_home.isValid() && m_downloads.isValid());
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    const QDir home(m_home.path());
    for (const char *folder : {"config/Ferry", "data", "cache", "run"})
        QVERIFY(home.mkpath(QString::fromLatin1(folder)));
    QFile::setPermissions(home.filePath(u"run"_s),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile config(home.filePath(u"config/Ferry/ferry.conf"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[downloads]\ndirectory=" + m_downloads.path().toUtf8() + "\n");
    config.close();
    m_environment = QProcessEnvironment::systemEnvironment();
    m_environment.insert(u"HOME"_s, m_home.path());
    m_environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    m_environment.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    m_environment.insert(u"XDG_CACHE_HOME"_s, home.filePath(u"cache"_s));
    m_environment.insert(u"XDG_RUNTIME_DIR"_s, home.filePath(u"run"_s));
}

void TestGui::cleanup()
{
    if (m_first && m_first->state() != QProcess::NotRunning) {
        m_first->kill();
        m_first->waitForFinished(Patience);
    }
    m_first.reset();
    m_server.reset();
}

std::unique_ptr<QProcess> TestGui::startFerry(const QStringList &arguments)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(m_environment);
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->start(QStringLiteral(FERRY_GUI_PATH), arguments);
    return process;
}

bool TestGui::waitForInstance()
{
    const QString socket = QDir(m_home.path()).filePath(u"run/ferry.socket"_s);
    return QTest::qWaitFor([&] { return QFileInfo::exists(socket); }, Patience);
}

void TestGui::screenshot(const QString &name)
{
    if (QGuiApplication::platformName() != "xcb"_L1)
        return; // offscreen: there is no screen to look at
    // Give the window a moment to paint the last batch; this is a picture, not a check.
    QTest::qWait(1000);
    const QPixmap shot = QGuiApplication::primaryScreen()->grabWindow(0);
    const QString path = QDir(QCoreApplication::applicationDirPath()).filePath(name);
    QVERIFY(shot.save(path));
    qInfo("screenshot: %s", qPrintable(path));
}

void TestGui::secondStart_handsUrlsToFirst_whichDownloadsThem()
{
    m_server->addFile(u"/photo.jpg"_s, QByteArray(200000, 'j'));
    m_server->addGeneratedFile(u"/dataset.tar"_s, 3 << 20, 5);
    m_server->addGeneratedFile(u"/slow.iso"_s, 64 << 20, 9);
    m_server->setThrottle(u"/slow.iso"_s, 1 << 20);

    m_first = startFerry({});
    QVERIFY(m_first->waitForStarted(Patience));
    QVERIFY(waitForInstance());

    const std::unique_ptr<QProcess> second =
        startFerry({m_server->url(u"/photo.jpg"_s).toString(),
                    m_server->url(u"/dataset.tar"_s).toString(),
                    m_server->url(u"/slow.iso"_s).toString(),
                    m_server->url(u"/missing.zip"_s).toString()});
    QVERIFY(second->waitForFinished(Patience));
    QCOMPARE(second->exitStatus(), QProcess::NormalExit);
    QCOMPARE(second->exitCode(), 0);
    QCOMPARE(m_first->state(), QProcess::Running);

    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(downloadPath(u"dataset.tar"_s)).size() == (3 << 20),
                             Patience);
    QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(downloadPath(u"photo.jpg"_s)).size(), 200000, Patience);
    QTRY_VERIFY_WITH_TIMEOUT(m_server->bodyBytesSent(u"/slow.iso"_s) > (1 << 20), Patience);

    // Plain `ferry` while one runs: it raises that window and leaves.
    const std::unique_ptr<QProcess> third = startFerry({});
    QVERIFY(third->waitForFinished(Patience));
    QCOMPARE(third->exitCode(), 0);
    screenshot(u"ferry-smoke.png"_s);

    // SIGTERM (a logout) quits cleanly: the running download is saved as queued, and the next
    // start picks it up again.
    m_first->terminate();
    QVERIFY(m_first->waitForFinished(Patience));
    QCOMPARE(m_first->exitStatus(), QProcess::NormalExit);
    QCOMPARE(m_first->exitCode(), 0);
    m_server->setThrottle(u"/slow.iso"_s, 0);
    m_first = startFerry({});
    QVERIFY(m_first->waitForStarted(Patience));
    QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(downloadPath(u"slow.iso"_s)).size(), 64 << 20, Patience);
}

void TestGui::killedMidDownload_restartResumesFromCheckpoint()
{
    constexpr qint64 Size = 24 << 20;
    m_server->addGeneratedFile(u"/big.bin"_s, Size, 21);
    m_server->setThrottle(u"/big.bin"_s, 1 << 20); // per connection; eight share the file
    m_first = startFerry({m_server->url(u"/big.bin"_s).toString()});
    QVERIFY(m_first->waitForStarted(Patience));
    QVERIFY(waitForInstance());
    // Segments write all over the .part at once, so its size says little: count what was sent.
    QTRY_VERIFY_WITH_TIMEOUT(m_server->bodyBytesSent(u"/big.bin"_s) > (8 << 20), Patience);

    m_first->kill(); // SIGKILL: no chance to save anything on the way out
    QVERIFY(m_first->waitForFinished(Patience));
    // Still paced after the restart: the resumed first request is open-ended (If-Range decides
    // whether the file changed) and is cut where the next part begins. Unpaced, the server
    // pushed megabytes into the socket buffers before the cut, and "sent" counted them (seen in
    // 2 of 8 runs once the GUI's engine thread ran at nice +10).
    m_server->setThrottle(u"/big.bin"_s, 4 << 20);
    m_server->resetRecords();

    m_first = startFerry({});
    QVERIFY(m_first->waitForStarted(Patience));
    QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(downloadPath(u"big.bin"_s)).size(), Size, Patience);
    const QList<RecordedRequest> requests = m_server->requests(u"/big.bin"_s);
    QVERIFY(!requests.isEmpty());
    const QByteArray range = requests.first().header("range");
    QVERIFY2(range.startsWith("bytes=") && !range.startsWith("bytes=0-"), range.constData());
    QVERIFY(m_server->bodyBytesSent(u"/big.bin"_s) < Size);
}

QTEST_MAIN(TestGui)
#include "tst_gui.moc"
