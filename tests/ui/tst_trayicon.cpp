#include "core/engineclient.h"
#include "tests/support/enginetestbed.h"
#include "tests/support/testhttpserver.h"
#include "ui/adddialog.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/speedlimitbutton.h"
#include "ui/speedlimitmenu.h"
#include "ui/transferlistmodel.h"
#include "ui/trayicon.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMenu>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = EngineTestBed::Patience;

} // namespace

class TestTrayIcon : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void menu_pauseAllThenResumeAll_actOnEveryDownload();
    void menu_toggleHidesAndShowsWindow();
    void menu_quit_asksTheAppToQuit();
    void menu_addFromClipboard_opensAddDialog();
    void menu_speedLimit_storedAndAppliedThroughWindow();
    void toolTip_showsPercentAndSpeedWhileRunning();
    void batchFinished_oneNotificationForAll_oneForFailures();
    void closeToTray_saidOnceOnly();

private:
    QAction *action(const QString &name) const;
    TransferState stateOf(TransferId id) const;

    std::unique_ptr<EngineTestBed> m_bed;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<TransferClient> m_client;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<Settings> m_settings;
    QThreadPool m_workers; // outlives each test's window
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<TrayIcon> m_tray;
};

void TestTrayIcon::init()
{
    m_bed = std::make_unique<EngineTestBed>();
    QVERIFY(m_bed->setUp());
    m_engine = m_bed->makeEngine();
    m_client = std::make_unique<EngineClient>(m_engine.get());
    m_config = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_config->filePath(u"ferry.ini"_s));
    m_settings->setDownloadDirectory(m_bed->downloads());
    m_window = std::make_unique<MainWindow>(m_client.get(), m_settings.get(), &m_workers);
    m_tray = std::make_unique<TrayIcon>(m_window.get(), m_client.get(), m_settings.get());
    m_window->show();
}

void TestTrayIcon::cleanup()
{
    m_tray.reset();
    m_window.reset();
    m_client.reset();
    m_engine.reset();
    m_settings.reset();
    m_config.reset();
    m_bed->tearDown();
}

QAction *TestTrayIcon::action(const QString &name) const
{
    const QList<QAction *> actions = m_tray->menu()->actions();
    for (QAction *candidate : actions) {
        if (candidate->objectName() == name)
            return candidate;
    }
    qFatal("no tray action %s", qPrintable(name));
}

TransferState TestTrayIcon::stateOf(TransferId id) const
{
    const int row = m_window->model()->rowOf(id);
    return row < 0 ? TransferState::Cancelled : m_window->model()->snapshotAt(row).state;
}

void TestTrayIcon::menu_pauseAllThenResumeAll_actOnEveryDownload()
{
    QList<TransferRequest> requests;
    for (int i = 0; i < 3; ++i) {
        const QString path = u"/slow%1"_s.arg(i);
        m_bed->server().addFile(path, QByteArray(100, 's'));
        m_bed->server().setStallAfterHeaders(path, 1000);
        requests.append(m_bed->request(path));
    }
    const QList<TransferId> ids = m_client->add(requests);
    for (const TransferId id : ids)
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), TransferState::Active, Patience);
    action(u"trayPauseAll"_s)->trigger();
    for (const TransferId id : ids)
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), TransferState::Paused, Patience);
    action(u"trayResumeAll"_s)->trigger();
    for (const TransferId id : ids)
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), TransferState::Active, Patience);
}

void TestTrayIcon::menu_toggleHidesAndShowsWindow()
{
    QVERIFY(m_window->isVisible());
    action(u"trayToggle"_s)->trigger();
    QVERIFY(!m_window->isVisible());
    action(u"trayToggle"_s)->trigger();
    QVERIFY(m_window->isVisible());
}

void TestTrayIcon::menu_quit_asksTheAppToQuit()
{
    QSignalSpy quit(m_window.get(), &MainWindow::quitRequested);
    action(u"trayQuit"_s)->trigger();
    QCOMPARE(quit.size(), 1);
}

void TestTrayIcon::menu_addFromClipboard_opensAddDialog()
{
    QApplication::clipboard()->setText(u"https://a.example/from-tray.iso"_s);
    m_window->hide();
    action(u"trayPaste"_s)->trigger();
    QVERIFY(m_window->isVisible());
    QTRY_VERIFY(m_window->addDialog() && m_window->addDialog()->isVisible());
    QCOMPARE(m_window->addDialog()->urls(),
             QList<QUrl>{QUrl(u"https://a.example/from-tray.iso"_s)});
}

void TestTrayIcon::menu_speedLimit_storedAndAppliedThroughWindow()
{
    SpeedLimitMenu *submenu = m_tray->speedLimitMenu();
    QVERIFY(submenu);
    QVERIFY(m_tray->menu()->actions().contains(submenu->menuAction()));
    QVERIFY(submenu != m_window->speedLimitMenu());
    QSignalSpy applied(m_window.get(), &MainWindow::settingsChanged);
    auto *fiveMiB = m_tray->menu()->findChild<QAction *>(u"speedLimit5242880"_s);
    QVERIFY(fiveMiB);
    fiveMiB->trigger();
    QCOMPARE(applied.size(), 1);
    QCOMPARE(m_settings->overallSpeedLimit(), qint64(5 << 20));
    QVERIFY(fiveMiB->isChecked());
    // The window follows: its status bar at once, its menu when next shown.
    QCOMPARE(m_window->speedLimitButton()->text(), u"Limit: 5 MiB/s"_s);
    emit m_window->speedLimitMenu()->aboutToShow();
    QVERIFY(m_window->findChild<QAction *>(u"speedLimit5242880"_s)->isChecked());

    // And the other way: chosen in the window, checked in the tray when it opens.
    m_window->findChild<QAction *>(u"speedLimit262144"_s)->trigger();
    QCOMPARE(applied.size(), 2);
    emit m_tray->menu()->aboutToShow();
    emit submenu->aboutToShow();
    QVERIFY(m_tray->menu()->findChild<QAction *>(u"speedLimit262144"_s)->isChecked());
    QVERIFY(!fiveMiB->isChecked());
}

void TestTrayIcon::toolTip_showsPercentAndSpeedWhileRunning()
{
    m_bed->server().addGeneratedFile(u"/big"_s, 20 << 20, 3);
    m_bed->server().setThrottle(u"/big"_s, 2 << 20);
    const TransferId id = m_client->add({m_bed->request(u"/big"_s)}).first();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->model()->totals().speed > 0, Patience);
    const QString tip = m_tray->toolTip();
    QVERIFY2(tip.contains(u'%') && tip.contains(u"/s"_s), qPrintable(tip));
    QVERIFY2(tip.contains(u"0 of 1"_s), qPrintable(tip));
    m_client->cancel({id});
}

void TestTrayIcon::batchFinished_oneNotificationForAll_oneForFailures()
{
    QSignalSpy shown(m_tray.get(), &TrayIcon::messageShown);
    QList<TransferRequest> requests;
    for (int i = 0; i < 3; ++i) {
        m_bed->server().addFile(u"/ok%1"_s.arg(i), "ok");
        requests.append(m_bed->request(u"/ok%1"_s.arg(i)));
    }
    requests.append(m_bed->request(u"/missing"_s)); // 404
    m_client->add(requests);
    QSignalSpy drained(m_client.get(), &TransferClient::drained);
    QVERIFY(drained.wait(Patience));
    QTRY_COMPARE(shown.size(), 2);
    QCOMPARE(shown.at(0).at(0).toString(), u"Downloads finished"_s);
    QVERIFY(shown.at(0).at(1).toString().contains(u"3 files"_s));
    QCOMPARE(shown.at(1).at(0).toString(), u"Downloads failed"_s);
    QTest::qWait(100);
    QCOMPARE(shown.size(), 2);
}

void TestTrayIcon::closeToTray_saidOnceOnly()
{
    QSignalSpy shown(m_tray.get(), &TrayIcon::messageShown);
    QSignalSpy quit(m_window.get(), &MainWindow::quitRequested);
    m_window->setHideOnClose(true);
    m_window->close();
    QVERIFY(!m_window->isVisible());
    QCOMPARE(shown.size(), 1);
    m_window->raiseWindow();
    m_window->close();
    QCOMPARE(shown.size(), 1);
    QCOMPARE(quit.size(), 0);
    QVERIFY(m_settings->trayHintShown());
}

QTEST_MAIN(TestTrayIcon)
#include "tst_trayicon.moc"
