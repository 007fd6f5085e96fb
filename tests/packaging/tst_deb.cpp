// The .deb as a user gets it: CPack packs this build tree, apt-get installs the package, the
// installed ferry-cli downloads a file, the installed ferry shows its window on a virtual X
// screen (ctest runs this under xvfb-run), and apt-get removes it all again. Needs root.

#include "tests/support/generateddata.h"
#include "tests/support/testhttpserver.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = 60000;
constexpr int AptPatience = 600000;
const QString AppId = QStringLiteral(FERRY_APP_ID);

struct Finished
{
    int exitCode = -1;
    QString output; // standard output and error together
};

Finished run(const QString &program,
             const QStringList &arguments,
             int timeout = Patience,
             const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setProcessEnvironment(environment);
    process.setWorkingDirectory(QStringLiteral(FERRY_BUILD_DIR));
    process.start(program, arguments);
    Finished result;
    if (!process.waitForFinished(timeout)) {
        process.kill();
        process.waitForFinished();
        result.output = u"%1 did not finish: %2"_s.arg(program, process.errorString());
        return result;
    }
    result.output = QString::fromLocal8Bit(process.readAll());
    if (process.exitStatus() == QProcess::NormalExit)
        result.exitCode = process.exitCode();
    return result;
}

QProcessEnvironment aptEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"DEBIAN_FRONTEND"_s, u"noninteractive"_s);
    return environment;
}

Finished apt(const QStringList &arguments)
{
    // Another apt-get on the machine holds the lock for a while at most: wait for it.
    return run(u"apt-get"_s,
               QStringList{u"-y"_s, u"-o"_s, u"DPkg::Lock::Timeout=300"_s} + arguments,
               AptPatience,
               aptEnvironment());
}

bool packageInstalled()
{
    const Finished status = run(u"dpkg-query"_s, {u"-W"_s, u"-f=${Status}"_s, u"ferry"_s});
    return status.exitCode == 0 && status.output.contains("installed"_L1)
           && !status.output.contains("not-installed"_L1);
}

} // namespace

class TestDeb : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void cpack_packsThisTree_withFilesAndComputedDependencies();
    void installed_cliDownloads_guiShowsWindow_removeLeavesNothing();

private:
    QProcessEnvironment userEnvironment() const;

    QTemporaryDir m_work;
    QTemporaryDir m_home;
    QString m_deb;
    bool m_installed = false;
};

void TestDeb::initTestCase()
{
    if (::geteuid() != 0)
        QSKIP("packaging.deb installs the .deb with apt-get and needs root (CI runs it as root)");
    if (QStandardPaths::findExecutable(u"apt-get"_s).isEmpty())
        QSKIP("packaging.deb needs apt-get (Debian or Ubuntu)");
    if (packageInstalled() || QFileInfo::exists(u"/usr/bin/ferry"_s))
        QSKIP("a ferry package or /usr/bin/ferry is already here; this test would remove it");
    QVERIFY(m_work.isValid() && m_home.isValid());
}

void TestDeb::cleanupTestCase()
{
    if (m_installed)
        apt({u"remove"_s, u"ferry"_s}); // a failed check must not leave the package behind
}

QProcessEnvironment TestDeb::userEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QDir home(m_home.path());
    for (const char *folder : {"config", "data", "cache", "run", "downloads"})
        home.mkpath(QString::fromLatin1(folder));
    QFile::setPermissions(home.filePath(u"run"_s),
                          QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    environment.insert(u"HOME"_s, m_home.path());
    environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    environment.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    environment.insert(u"XDG_CACHE_HOME"_s, home.filePath(u"cache"_s));
    environment.insert(u"XDG_RUNTIME_DIR"_s, home.filePath(u"run"_s));
    environment.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s);
    return environment;
}

void TestDeb::cpack_packsThisTree_withFilesAndComputedDependencies()
{
    // The tree CI just built and tested, packed as it is (stripped): no second build.
    const Finished cpack = run(QStringLiteral(FERRY_CPACK),
                               {u"-G"_s,
                                u"DEB"_s,
                                u"--config"_s,
                                QStringLiteral(FERRY_BUILD_DIR "/CPackConfig.cmake"),
                                u"-B"_s,
                                m_work.path()},
                               AptPatience);
    QVERIFY2(cpack.exitCode == 0, qPrintable(cpack.output));
    const QStringList debs = QDir(m_work.path()).entryList({u"ferry_*.deb"_s}, QDir::Files);
    QCOMPARE(debs.size(), 1);
    QVERIFY(debs.first().startsWith(u"ferry_" FERRY_VERSION "_"_s));
    m_deb = QDir(m_work.path()).filePath(debs.first());

    const Finished fields = run(u"dpkg-deb"_s, {u"--field"_s, m_deb, u"Package"_s, u"Depends"_s});
    QCOMPARE(fields.exitCode, 0);
    QVERIFY2(fields.output.contains("Package: ferry\n"_L1), qPrintable(fields.output));
    // dpkg-shlibdeps found the libraries the programs link ...
    for (const char *library : {"libc6", "libqt6core6", "libqt6network6", "libqt6widgets6"})
        QVERIFY2(fields.output.contains(QLatin1String(library)), library);
    // ... and the two that are loaded rather than linked were added by hand.
    QVERIFY(fields.output.contains("libqt6svg6"_L1));
    QVERIFY(fields.output.contains("qt6-translations-l10n"_L1));

    const Finished contents = run(u"dpkg-deb"_s, {u"--contents"_s, m_deb});
    QCOMPARE(contents.exitCode, 0);
    QStringList paths;
    for (const QString &line : contents.output.split(u'\n', Qt::SkipEmptyParts))
        paths.append(line.section(u' ', -1));
    QStringList expected{u"./usr/bin/ferry"_s,
                         u"./usr/bin/ferry-cli"_s,
                         u"./usr/share/applications/%1.desktop"_s.arg(AppId),
                         u"./usr/share/metainfo/%1.metainfo.xml"_s.arg(AppId),
                         u"./usr/share/icons/hicolor/scalable/apps/%1.svg"_s.arg(AppId)};
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256, 512})
        expected.append(u"./usr/share/icons/hicolor/%1x%1/apps/%2.png"_s.arg(size).arg(AppId));
    for (const QString &path : expected)
        QVERIFY2(paths.contains(path), qPrintable(path + u"\n"_s + contents.output));
    for (const QString &path : paths)
        QVERIFY2(!path.contains("tst_"_L1) && !path.contains("iconrender"_L1), qPrintable(path));

    const QString unpacked = m_work.filePath(u"unpacked"_s);
    QCOMPARE(run(u"dpkg-deb"_s, {u"-x"_s, m_deb, unpacked}).exitCode, 0);
    for (const char *program : {"ferry", "ferry-cli"}) {
        const Finished file =
            run(u"file"_s, {u"-b"_s, unpacked + u"/usr/bin/"_s + QLatin1String(program)});
        QVERIFY2(file.output.contains("ELF"_L1) && file.output.contains(", stripped"_L1),
                 qPrintable(file.output));
    }
}

void TestDeb::installed_cliDownloads_guiShowsWindow_removeLeavesNothing()
{
    if (m_deb.isEmpty())
        QSKIP("no .deb: the packing test failed");
    const Finished install = apt({u"install"_s, m_deb});
    m_installed = true;
    QVERIFY2(install.exitCode == 0, qPrintable(install.output));
    QVERIFY(packageInstalled());

    const Finished version = run(u"/usr/bin/ferry-cli"_s, {u"--version"_s});
    QVERIFY2(version.exitCode == 0, qPrintable(version.output));
    QVERIFY2(version.output.contains(QLatin1String(FERRY_VERSION)), qPrintable(version.output));

    // A real download by the installed program; the server runs in this process, so wait
    // for the program with the event loop turning.
    TestHttpServer server;
    QVERIFY(server.listen());
    constexpr qint64 Size = 5 << 20;
    server.addGeneratedFile(u"/dataset.bin"_s, Size, 17);
    const QString downloads = QDir(m_home.path()).filePath(u"downloads"_s);
    QProcess cli;
    cli.setProcessEnvironment(userEnvironment());
    cli.setProcessChannelMode(QProcess::ForwardedChannels);
    cli.start(u"/usr/bin/ferry-cli"_s,
              {u"-q"_s, u"-d"_s, downloads, server.url(u"/dataset.bin"_s).toString()});
    QVERIFY(cli.waitForStarted(Patience));
    QTRY_COMPARE_WITH_TIMEOUT(cli.state(), QProcess::NotRunning, Patience);
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
    QCOMPARE(cli.exitCode(), 0);
    QCOMPARE(firstDifferenceFromGenerated(downloads + u"/dataset.bin"_s, Size, 17), -1);

    // The installed desktop program on the virtual screen: its window is there and mapped.
    QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"), "run under xvfb-run (ctest does)");
    QProcess gui;
    gui.setProcessEnvironment(userEnvironment());
    gui.setProcessChannelMode(QProcess::ForwardedChannels);
    gui.start(u"/usr/bin/ferry"_s, QStringList());
    QVERIFY(gui.waitForStarted(Patience));
    QString windowId;
    const auto findWindow = [&windowId] {
        // A line such as `0x200006 "Ferry": ("ferry" "ferry")  1000x560+0+0  +0+0`.
        const QString tree = run(u"xwininfo"_s, {u"-root"_s, u"-tree"_s}).output;
        for (const QString &line : tree.split(u'\n')) {
            if (line.contains("\"Ferry\": (\"ferry\" \"ferry\")"_L1))
                windowId = line.trimmed().section(u' ', 0, 0);
        }
        return !windowId.isEmpty();
    };
    QTRY_VERIFY_WITH_TIMEOUT(findWindow(), Patience);
    // The window exists a moment before it is mapped, so ask until it is viewable.
    QString mapState;
    const auto windowViewable = [&windowId, &mapState] {
        mapState = run(u"xwininfo"_s, {u"-id"_s, windowId}).output;
        return mapState.contains("Map State: IsViewable"_L1);
    };
    QTRY_VERIFY2_WITH_TIMEOUT(windowViewable(), qPrintable(mapState), Patience);
    gui.terminate(); // as at logout: Ferry saves its list and quits
    QVERIFY(gui.waitForFinished(Patience));
    QCOMPARE(gui.exitStatus(), QProcess::NormalExit);
    QCOMPARE(gui.exitCode(), 0);

    const Finished remove = apt({u"remove"_s, u"ferry"_s});
    QVERIFY2(remove.exitCode == 0, qPrintable(remove.output));
    m_installed = false;
    QVERIFY(!packageInstalled());
    for (const QString &path : {u"/usr/bin/ferry"_s,
                                u"/usr/bin/ferry-cli"_s,
                                u"/usr/share/applications/%1.desktop"_s.arg(AppId),
                                u"/usr/share/icons/hicolor/48x48/apps/%1.png"_s.arg(AppId)})
        QVERIFY2(!QFileInfo::exists(path), qPrintable(path));
}

QTEST_GUILESS_MAIN(TestDeb)
#include "tst_deb.moc"
