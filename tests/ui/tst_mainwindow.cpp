#include "core/engineclient.h"
#include "core/transferfilter.h"
#include "tests/support/enginetestbed.h"
#include "tests/support/testhttpserver.h"
#include "ui/adddialog.h"
#include "ui/launchrequest.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/settingsdialog.h"
#include "ui/speedlimitbutton.h"
#include "ui/speedlimitdialog.h"
#include "ui/speedlimitmenu.h"
#include "ui/speedlimitspinbox.h"
#include "ui/transferfilterproxymodel.h"
#include "ui/transferlistmodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTreeView>

#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = EngineTestBed::Patience;

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void sharedList_windowMadeAgain_showsEveryItemAtOnce();

    void pause_multiSelection_actsOnSelectedRowsOnly();
    void resume_and_retry_enabledByState();
    void remove_confirmed_removesSelected_cancelKeepsThem();
    void removeWithFiles_deletesTheFile();
    void copyUrl_putsSelectedUrlsOnClipboard();
    void moveToTop_selectedRowsComeFirst();
    void changeUrl_failedItem_downloadsFromNewLink();
    void addDialog_startNow_downloadsAndStatusBarShowsTotals();
    void addDialog_addPaused_nothingRequested();
    void launchRequest_add_opensAddDialog();
    void paste_clipboardText_opensDialogWithUrls();
    void watchClipboard_onlyWhenEnabled_offersNewLinks();
    void drop_uriList_acceptsHttpRejectsOtherFiles();
    void drop_tenThousandUrlsAsText_parsedInBackground();
    void drop_txtFiles_unionWithoutDuplicates();
    void drop_urlAlreadyQueued_leftOut();
    void importList_aria2Format_queuesAndReportsProblems();
    void filter_categoryBox_hidesOtherStates();
    void speedLimit_windowMenu_storesAppliesAndShowsInStatusBar();
    void speedLimit_settingsDialog_updatesStatusBar();
    void speedLimit_chosenWhileRunning_holdsTheDownloadBack();
    void screenshot_withDownloads();
    void screenshot_speedLimitMenuOpen();

private:
    QList<TransferId> addStalled(int count);
    TransferState stateOf(TransferId id) const;
    void select(const QList<TransferId> &ids);
    QAction *action(const char *name) const;
    QMessageBox *waitForMessageBox(const QString &name) const;
    void applySettingsLikeTheApp();

    std::unique_ptr<EngineTestBed> m_bed;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<TransferClient> m_client;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<Settings> m_settings;
    QThreadPool m_workers; // outlives each test's window
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::init()
{
    m_bed = std::make_unique<EngineTestBed>();
    QVERIFY(m_bed->setUp());
    m_engine = m_bed->makeEngine();
    m_client = std::make_unique<EngineClient>(m_engine.get());
    m_config = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_config->filePath(u"ferry.ini"_s));
    m_settings->setDownloadDirectory(m_bed->downloads());
    m_window = std::make_unique<MainWindow>(m_client.get(), m_settings.get(), &m_workers);
    m_window->resize(1000, 500);
    m_window->show();
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_client.reset();
    m_engine.reset();
    m_settings.reset();
    m_config.reset();
    m_bed->tearDown();
}

void TestMainWindow::sharedList_windowMadeAgain_showsEveryItemAtOnce()
{
    // The application keeps this computer's list (fed from before any window, so the session's
    // items are in it); a window made again after a remote engine was shown lists them all at
    // once, finished and paused ones included, with their totals.
    TransferListModel list;
    QList<TransferId> ids;
    QList<TransferRecord> records;
    for (int i = 0; i < 3; ++i) {
        TransferRecord record;
        record.request.url = QUrl(u"https://example.org/%1.iso"_s.arg(i));
        record.request.directory = m_bed->downloads();
        record.state = i == 0 ? TransferState::Paused : TransferState::Completed;
        record.bytesDone = record.bytesTotal = 1024;
        ids.append(TransferId(100 + i));
        records.append(record);
    }
    list.handleTransfersAdded(ids, records);
    TransferTotals totals;
    totals.paused = 1;
    totals.completed = 2;
    list.handleTransfersChanged({}, totals);

    m_window = std::make_unique<MainWindow>(m_client.get(), m_settings.get(), &m_workers, &list);
    QCOMPARE(m_window->model(), &list);
    QCOMPARE(m_window->proxy()->rowCount(), 3);
    QCOMPARE(m_window->findChild<QLabel *>(u"filesLabel"_s)->text(), u"Files: 2 of 3 done"_s);
    m_window.reset();
    QCOMPARE(list.rowCount(), 3); // the list outlives the window
}

QList<TransferId> TestMainWindow::addStalled(int count)
{
    QList<TransferRequest> requests;
    for (int i = 0; i < count; ++i) {
        const QString path = u"/stall%1.bin"_s.arg(i);
        m_bed->server().addFile(path, QByteArray(1000, 'x'));
        m_bed->server().setStallAfterHeaders(path, 1000);
        requests.append(m_bed->request(path));
    }
    return m_client->add(requests);
}

TransferState TestMainWindow::stateOf(TransferId id) const
{
    const int row = m_window->model()->rowOf(id);
    return row < 0 ? TransferState::Cancelled : m_window->model()->snapshotAt(row).state;
}

void TestMainWindow::select(const QList<TransferId> &ids)
{
    QTreeView *view = m_window->view();
    view->clearSelection();
    for (const TransferId id : ids) {
        const QModelIndex source = m_window->model()->index(m_window->model()->rowOf(id), 0);
        const QModelIndex index = m_window->proxy()->mapFromSource(source);
        view->selectionModel()->select(index,
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

QAction *TestMainWindow::action(const char *name) const
{
    auto *found = m_window->findChild<QAction *>(QString::fromLatin1(name));
    if (!found)
        qFatal("no action %s", name);
    return found;
}

// What app/gui/main.cpp does on settingsChanged: hand the settings to the engine.
void TestMainWindow::applySettingsLikeTheApp()
{
    connect(m_window.get(), &MainWindow::settingsChanged, m_client.get(), [this] {
        EngineOptions base;
        base.stateDirectory = m_bed->state();
        m_client->setOptions(m_settings->engineOptions(base));
    });
}

QMessageBox *TestMainWindow::waitForMessageBox(const QString &name) const
{
    QMessageBox *box = nullptr;
    [[maybe_unused]] const bool found = QTest::qWaitFor([&] {
        box = m_window->findChild<QMessageBox *>(name);
        return box && box->isVisible();
    });
    return box;
}

void TestMainWindow::pause_multiSelection_actsOnSelectedRowsOnly()
{
    const QList<TransferId> ids = addStalled(3);
    for (const TransferId id : ids)
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), TransferState::Active, Patience);
    select({ids.at(0), ids.at(2)});
    QTRY_VERIFY(action("actionPause")->isEnabled());
    action("actionPause")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(ids.at(0)), TransferState::Paused, Patience);
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(ids.at(2)), TransferState::Paused, Patience);
    QCOMPARE(stateOf(ids.at(1)), TransferState::Active);
    QCOMPARE(m_engine->snapshot(ids.at(1))->state, TransferState::Active);
}

void TestMainWindow::resume_and_retry_enabledByState()
{
    m_bed->server().addFile(u"/late.bin"_s, "late");
    m_bed->server().setStatusSequence(u"/late.bin"_s, {Response{404, {}, "gone"}});
    const TransferId failed = m_client->add({m_bed->request(u"/late.bin"_s)}).first();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(failed), TransferState::Failed, Patience);
    select({failed});
    QTRY_VERIFY(action("actionRetry")->isEnabled());
    QVERIFY(!action("actionPause")->isEnabled());
    QVERIFY(!action("actionOpenFile")->isEnabled());
    action("actionRetry")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(failed), TransferState::Completed, Patience);
    QTRY_VERIFY(action("actionOpenFile")->isEnabled());
    QFile file(m_bed->downloadPath(u"late.bin"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("late"));
}

void TestMainWindow::remove_confirmed_removesSelected_cancelKeepsThem()
{
    const QList<TransferId> ids = addStalled(3);
    QTRY_COMPARE(m_window->model()->rowCount(), 3);
    select({ids.at(0), ids.at(1)});
    QTRY_VERIFY(action("actionRemove")->isEnabled());
    action("actionRemove")->trigger();
    QMessageBox *box = waitForMessageBox(u"removeConfirmation"_s);
    QVERIFY(box);
    box->button(QMessageBox::Cancel)->click();
    QTest::qWait(50);
    QCOMPARE(m_window->model()->rowCount(), 3);

    select({ids.at(0), ids.at(1)});
    QTRY_VERIFY(action("actionRemove")->isEnabled());
    action("actionRemove")->trigger();
    box = waitForMessageBox(u"removeConfirmation"_s);
    QVERIFY(box);
    box->buttons().first()->click(); // "Remove"
    QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->rowCount(), 1, Patience);
    QVERIFY(m_window->model()->rowOf(ids.at(2)) >= 0);
    QVERIFY(!m_engine->snapshot(ids.at(0)));
}

void TestMainWindow::removeWithFiles_deletesTheFile()
{
    m_bed->server().addFile(u"/doomed.txt"_s, "doomed");
    const TransferId id = m_client->add({m_bed->request(u"/doomed.txt"_s)}).first();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), TransferState::Completed, Patience);
    const QString path = m_bed->downloadPath(u"doomed.txt"_s);
    QVERIFY(QFile::exists(path));
    select({id});
    QTRY_VERIFY(action("actionRemoveFiles")->isEnabled());
    action("actionRemoveFiles")->trigger();
    QMessageBox *box = waitForMessageBox(u"removeConfirmation"_s);
    QVERIFY(box);
    box->buttons().first()->click();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->rowCount(), 0, Patience);
    QVERIFY(!QFile::exists(path));
}

void TestMainWindow::copyUrl_putsSelectedUrlsOnClipboard()
{
    const QList<TransferId> ids = addStalled(2);
    QTRY_COMPARE(m_window->model()->rowCount(), 2);
    select(ids);
    QTRY_VERIFY(action("actionCopyUrl")->isEnabled());
    action("actionCopyUrl")->trigger();
    const QStringList lines = QApplication::clipboard()->text().split(u'\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.contains(m_bed->server().url(u"/stall1.bin"_s).toString()));
}

void TestMainWindow::moveToTop_selectedRowsComeFirst()
{
    const QList<TransferId> ids = addStalled(4);
    QTRY_COMPARE(m_window->model()->rowCount(), 4);
    const auto viewOrder = [this] {
        QList<TransferId> order;
        for (int row = 0; row < m_window->proxy()->rowCount(); ++row)
            order.append(m_window->proxy()
                             ->index(row, 0)
                             .data(TransferListModel::IdRole)
                             .value<TransferId>());
        return order;
    };
    QCOMPARE(viewOrder(), ids);
    m_window->view()->sortByColumn(int(TransferListModel::Column::Name), Qt::DescendingOrder);
    select({ids.at(2), ids.at(3)});
    QTRY_VERIFY(action("actionMoveTop")->isEnabled());
    action("actionMoveTop")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(
        viewOrder(), (QList<TransferId>{ids.at(2), ids.at(3), ids.at(0), ids.at(1)}), Patience);
    select({ids.at(0)});
    QTRY_VERIFY(action("actionMoveUp")->isEnabled());
    action("actionMoveUp")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(
        viewOrder(), (QList<TransferId>{ids.at(2), ids.at(0), ids.at(3), ids.at(1)}), Patience);
}

void TestMainWindow::changeUrl_failedItem_downloadsFromNewLink()
{
    m_bed->server().addFile(u"/fresh/report.pdf"_s, "fresh bytes");
    const TransferId id = m_client->add({m_bed->request(u"/expired/report.pdf"_s)}).first();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), TransferState::Failed, Patience);
    select({id});
    QTRY_VERIFY(action("actionChangeUrl")->isEnabled());
    action("actionChangeUrl")->trigger();
    QInputDialog *input = nullptr;
    QTRY_VERIFY((input = m_window->findChild<QInputDialog *>(u"changeUrlDialog"_s)));
    QCOMPARE(input->textValue(), m_bed->server().url(u"/expired/report.pdf"_s).toString());
    input->setTextValue(m_bed->server().url(u"/fresh/report.pdf"_s).toString());
    input->accept();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->snapshotAt(m_window->model()->rowOf(id)).url,
                              m_bed->server().url(u"/fresh/report.pdf"_s),
                              Patience);
    action("actionRetry")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), TransferState::Completed, Patience);
    QFile file(m_bed->downloadPath(u"report.pdf"_s));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("fresh bytes"));
}

void TestMainWindow::addDialog_startNow_downloadsAndStatusBarShowsTotals()
{
    m_bed->server().addFile(u"/one.bin"_s, QByteArray(4000, '1'));
    m_bed->server().addFile(u"/two.bin"_s, QByteArray(6000, '2'));
    m_window->openAddDialog(m_bed->server().url(u"/one.bin"_s).toString() + u"\n"_s
                            + m_bed->server().url(u"/two.bin"_s).toString());
    AddDialog *dialog = m_window->addDialog();
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->urls().size(), 2);
    QCOMPARE(dialog->directory(), m_bed->downloads());
    dialog->submit(true);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->totals().completed, 2, Patience);
    QCOMPARE(QFileInfo(m_bed->downloadPath(u"two.bin"_s)).size(), 6000);
    QCOMPARE(m_window->findChild<QProgressBar *>(u"overallBar"_s)->value(), 1000);
    QCOMPARE(m_window->findChild<QLabel *>(u"filesLabel"_s)->text(), u"Files: 2 of 2 done"_s);
    QCOMPARE(m_window->windowTitle(), u"Ferry"_s);
}

void TestMainWindow::launchRequest_add_opensAddDialog()
{
    QVERIFY(!m_window->addDialog());
    m_window->handleLaunchRequest(LaunchRequest::fromArguments({u"--add"_s}, u"/"_s));
    AddDialog *dialog = m_window->addDialog();
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(dialog->urls().isEmpty());
}

void TestMainWindow::addDialog_addPaused_nothingRequested()
{
    m_bed->server().addFile(u"/later.bin"_s, "later");
    m_window->openAddDialog(m_bed->server().url(u"/later.bin"_s).toString());
    m_window->addDialog()->submit(false);
    QTRY_COMPARE(m_window->model()->rowCount(), 1);
    const TransferId id = m_window->model()->snapshotAt(0).id;
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), TransferState::Paused, Patience);
    QTest::qWait(200);
    QCOMPARE(m_bed->server().requestCount(u"/later.bin"_s), 0);
}

void TestMainWindow::paste_clipboardText_opensDialogWithUrls()
{
    QApplication::clipboard()->setText(
        u"mail text https://a.example/x.zip more\nhttps://a.example/y.zip"_s);
    action("actionPaste")->trigger();
    QTRY_VERIFY(m_window->addDialog() && m_window->addDialog()->isVisible());
    QCOMPARE(m_window->addDialog()->urls().size(), 2);
}

void TestMainWindow::watchClipboard_onlyWhenEnabled_offersNewLinks()
{
    QApplication::clipboard()->setText(u"https://a.example/ignored.zip"_s);
    QTest::qWait(100);
    QVERIFY(!m_window->addDialog());

    m_settings->setWatchClipboard(true);
    QApplication::clipboard()->setText(u"no links here"_s);
    QTest::qWait(100);
    QVERIFY(!m_window->addDialog());
    QApplication::clipboard()->setText(u"look: https://a.example/copied.zip"_s);
    QTRY_VERIFY(m_window->addDialog() && m_window->addDialog()->isVisible());
    QCOMPARE(m_window->addDialog()->urls(), QList<QUrl>{QUrl(u"https://a.example/copied.zip"_s)});
}

void TestMainWindow::drop_uriList_acceptsHttpRejectsOtherFiles()
{
    QTemporaryDir dir;
    const QString picture = dir.filePath(u"photo.png"_s);
    QFile(picture).open(QIODevice::WriteOnly);
    QMimeData mime;
    mime.setUrls({QUrl(u"https://a.example/1.iso"_s), QUrl::fromLocalFile(picture)});
    const QPoint centre = m_window->rect().center();
    // Through the event path a real drag takes: enter (accepted), then drop.
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &drop);
    QTRY_VERIFY(m_window->addDialog() && m_window->addDialog()->isVisible());
    QCOMPARE(m_window->addDialog()->urls(), QList<QUrl>{QUrl(u"https://a.example/1.iso"_s)});
    QCOMPARE(m_window->addDialog()->rejected().size(), 1);
}

void TestMainWindow::drop_tenThousandUrlsAsText_parsedInBackground()
{
    QString text;
    for (int i = 0; i < 10000; ++i)
        text += u"https://big.example/file%1.bin\n"_s.arg(i);
    QMimeData mime;
    mime.setText(text);
    m_window->handleMimeData(&mime);
    // Handed to a worker: the result can only come back through the event loop.
    QVERIFY(!m_window->addDialog());
    QVERIFY(m_window->findChild<QProgressBar *>(u"parseBar"_s)->isVisibleTo(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->addDialog() && m_window->addDialog()->isVisible(), Patience);
    QCOMPARE(m_window->addDialog()->urls().size(), 10000);
    m_window->addDialog()->submit(false);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->rowCount(), 10000, Patience);
}

void TestMainWindow::drop_txtFiles_unionWithoutDuplicates()
{
    QTemporaryDir dir;
    const auto write = [&](const QString &name, const QByteArray &content) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    };
    const QString first = dir.filePath(u"a.txt"_s);
    const QString second = dir.filePath(u"b.txt"_s);
    write(u"a.txt"_s, "https://x.example/1\nhttps://x.example/2\n");
    write(u"b.txt"_s, "https://x.example/2\r\nhttps://x.example/3\r\nrubbish\r\n");
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(first), QUrl::fromLocalFile(second)});
    m_window->handleMimeData(&mime);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->addDialog() && m_window->addDialog()->isVisible(), Patience);
    QCOMPARE(m_window->addDialog()->urls().size(), 3);
    QCOMPARE(m_window->addDialog()->rejected().size(), 1);
    QVERIFY(m_window->addDialog()->rejected().first().text.startsWith(u"b.txt"_s));
    QVERIFY(m_window->addDialog()->summary().contains(u"duplicate"_s));
}

void TestMainWindow::drop_urlAlreadyQueued_leftOut()
{
    const QList<TransferId> ids = addStalled(1);
    QTRY_COMPARE(m_window->model()->rowCount(), 1);
    QMimeData mime;
    mime.setText(m_bed->server().url(u"/stall0.bin"_s).toString() + u"\nhttps://new.example/f"_s);
    m_window->handleMimeData(&mime);
    QTRY_VERIFY(m_window->addDialog() && m_window->addDialog()->isVisible());
    QCOMPARE(m_window->addDialog()->urls(), QList<QUrl>{QUrl(u"https://new.example/f"_s)});
    QVERIFY(m_window->addDialog()->summary().contains(u"already in the list"_s));
}

void TestMainWindow::importList_aria2Format_queuesAndReportsProblems()
{
    m_bed->server().addFile(u"/listed.bin"_s, "listed");
    QTemporaryDir dir;
    QFile list(dir.filePath(u"urls.txt"_s));
    QVERIFY(list.open(QIODevice::WriteOnly));
    list.write(m_bed->server().url(u"/listed.bin"_s).toEncoded() + "\n  out=renamed.bin\n");
    list.write("not a url\n");
    list.close();
    m_window->importList(list.fileName());
    QMessageBox *box = waitForMessageBox(u"importProblems"_s);
    QVERIFY(box);
    QVERIFY(box->detailedText().contains(u"Line 3"_s));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->model()->totals().completed, 1, Patience);
    QFile renamed(m_bed->downloadPath(u"renamed.bin"_s));
    QVERIFY(renamed.open(QIODevice::ReadOnly));
    QCOMPARE(renamed.readAll(), QByteArray("listed"));
}

void TestMainWindow::filter_categoryBox_hidesOtherStates()
{
    const QList<TransferId> ids = addStalled(2);
    QTRY_COMPARE(m_window->model()->rowCount(), 2);
    m_client->pause({ids.at(0)});
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(ids.at(0)), TransferState::Paused, Patience);
    auto *box = m_window->findChild<QComboBox *>(u"categoryBox"_s);
    QVERIFY(box);
    box->setCurrentIndex(int(TransferFilter::Category::Paused));
    QCOMPARE(m_window->view()->model()->rowCount(), 1);
    QTRY_VERIFY(box->itemText(int(TransferFilter::Category::Paused)).contains(u"(1)"_s));
}

void TestMainWindow::speedLimit_windowMenu_storesAppliesAndShowsInStatusBar()
{
    SpeedLimitMenu *menu = m_window->speedLimitMenu();
    QVERIFY(menu);
    // Reachable from the menu bar (Downloads) and from the status bar's button.
    bool inMenuBar = false;
    const QList<QAction *> topLevel = m_window->menuBar()->actions();
    for (const QAction *entry : topLevel)
        inMenuBar =
            inMenuBar || (entry->menu() && entry->menu()->actions().contains(menu->menuAction()));
    QVERIFY(inMenuBar);
    SpeedLimitButton *button = m_window->speedLimitButton();
    QVERIFY(button);
    QCOMPARE(button->limitMenu(), menu);
    QCOMPARE(button->parentWidget(), m_window->statusBar());
    QVERIFY(button->isVisible());
    QCOMPARE(button->text(), u"No limit"_s);

    QSignalSpy applied(m_window.get(), &MainWindow::settingsChanged);
    action("speedLimit1048576")->trigger();
    QCOMPARE(applied.size(), 1);
    QCOMPARE(m_settings->overallSpeedLimit(), qint64(1 << 20));
    QCOMPARE(m_settings->engineOptions({}).maxOverallBytesPerSecond, qint64(1 << 20));
    QCOMPARE(button->text(), u"Limit: 1 MiB/s"_s);
    QVERIFY(action("speedLimit1048576")->isChecked());

    action("speedLimit0")->trigger();
    QCOMPARE(applied.size(), 2);
    QCOMPARE(m_settings->overallSpeedLimit(), qint64(0));
    QCOMPARE(button->text(), u"No limit"_s);
}

void TestMainWindow::speedLimit_settingsDialog_updatesStatusBar()
{
    QSignalSpy applied(m_window.get(), &MainWindow::settingsChanged);
    m_window->openSettings();
    auto *dialog = m_window->findChild<SettingsDialog *>(u"settingsDialog"_s);
    QVERIFY(dialog);
    dialog->findChild<SpeedLimitSpinBox *>(u"overallLimit"_s)->setValue(5 * 1024);
    dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(applied.size(), 1);
    QCOMPARE(m_window->speedLimitButton()->text(), u"Limit: 5 MiB/s"_s);
    emit m_window->speedLimitMenu()->aboutToShow();
    QVERIFY(action("speedLimit5242880")->isChecked());
}

void TestMainWindow::speedLimit_chosenWhileRunning_holdsTheDownloadBack()
{
    applySettingsLikeTheApp();
    m_bed->server().addGeneratedFile(u"/big.bin"_s, 40 << 20, 5);
    m_bed->server().setThrottle(u"/big.bin"_s, 4 << 20); // per connection
    const TransferId id = m_client->add({m_bed->request(u"/big.bin"_s)}).first();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->model()->totals().bytesDone > 0, Patience);
    action("speedLimit262144")->trigger();
    // Upper bound only: a loaded machine can be slower than the limit, never faster.
    QElapsedTimer clock;
    clock.start();
    QTRY_VERIFY_WITH_TIMEOUT(clock.elapsed() >= 300, Patience); // let what was in flight land
    const qint64 start = m_window->model()->totals().bytesDone;
    clock.restart();
    QTRY_VERIFY_WITH_TIMEOUT(clock.elapsed() >= 1500, Patience);
    const qint64 gained = m_window->model()->totals().bytesDone - start;
    const qint64 allowed = qint64(double(clock.elapsed()) / 1000 * 256 * 1024) + (512 << 10);
    QVERIFY2(gained <= allowed,
             qPrintable(u"%1 bytes in %2 ms"_s.arg(gained).arg(clock.elapsed())));
    action("speedLimit0")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), TransferState::Completed, Patience);
}

void TestMainWindow::screenshot_withDownloads()
{
    m_bed->server().addFile(u"/report.pdf"_s, QByteArray(300000, 'p'));
    m_bed->server().addGeneratedFile(u"/video.mkv"_s, 50 << 20, 7);
    m_bed->server().setThrottle(u"/video.mkv"_s, 2 << 20);
    m_bed->server().addFile(u"/missing.zip"_s, "x");
    m_bed->server().setStatusSequence(u"/missing.zip"_s, {Response{404, {}, "no"}});
    m_bed->server().addFile(u"/archive.tar.gz"_s, QByteArray(1000, 'a'));
    const QList<TransferId> ids = m_client->add({m_bed->request(u"/report.pdf"_s),
                                                 m_bed->request(u"/video.mkv"_s),
                                                 m_bed->request(u"/missing.zip"_s),
                                                 m_bed->request(u"/archive.tar.gz"_s)});
    m_client->pause({ids.at(3)});
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(ids.at(2)), TransferState::Failed, Patience);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->model()->snapshotAt(1).bytesDone > (4 << 20), Patience);
    select({ids.at(1)});
    QTest::qWait(300);
    const QDir here(QCoreApplication::applicationDirPath());
    const QPixmap shot = m_window->grab();
    QVERIFY(!shot.isNull());
    QVERIFY(shot.save(here.filePath(u"mainwindow.png"_s)));
    qInfo("screenshot: %s", qPrintable(here.filePath(u"mainwindow.png"_s)));

    m_window->openAddDialog(u"Here are the files:\n"_s
                            + m_bed->server().url(u"/report.pdf"_s).toString()
                            + u"\nhttps://cdn.example.org/a.zip https://cdn.example.org/b.zip\n"_s
                              u"https://cdn.example.org/a.zip\nftp://old.example.org/c.zip\n"_s);
    QVERIFY(m_window->addDialog());
    QVERIFY(m_window->addDialog()->grab().save(here.filePath(u"adddialog.png"_s)));
    m_window->addDialog()->reject();
    m_window->openSettings();
    auto *settings = m_window->findChild<QDialog *>(u"settingsDialog"_s);
    QVERIFY(settings);
    QVERIFY(settings->grab().save(here.filePath(u"settingsdialog.png"_s)));
}

void TestMainWindow::screenshot_speedLimitMenuOpen()
{
    m_bed->server().addGeneratedFile(u"/video.mkv"_s, 50 << 20, 7);
    m_bed->server().setThrottle(u"/video.mkv"_s, 2 << 20);
    m_bed->server().addFile(u"/notes.txt"_s, QByteArray(5000, 'n'));
    const QList<TransferId> ids =
        m_client->add({m_bed->request(u"/video.mkv"_s), m_bed->request(u"/notes.txt"_s)});
    applySettingsLikeTheApp();
    action("speedLimit1048576")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(ids.at(1)), TransferState::Completed, Patience);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->model()->totals().speed > 0, Patience);

    // A popup is a window of its own: paint it over the window's picture where it opened.
    SpeedLimitMenu *menu = m_window->speedLimitMenu();
    SpeedLimitButton *button = m_window->speedLimitButton();
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_VERIFY(menu->isVisible());
    QPixmap shot = m_window->grab();
    {
        QPainter painter(&shot);
        painter.drawPixmap(m_window->mapFromGlobal(menu->pos()), menu->grab());
    }
    menu->hide();
    const QDir here(QCoreApplication::applicationDirPath());
    QVERIFY(shot.save(here.filePath(u"speedlimitmenu.png"_s)));
    qInfo("screenshot: %s", qPrintable(here.filePath(u"speedlimitmenu.png"_s)));

    menu->customAction()->trigger();
    QVERIFY(menu->customDialog());
    QVERIFY(menu->customDialog()->grab().save(here.filePath(u"speedlimitdialog.png"_s)));
    menu->customDialog()->reject();
    m_client->cancel({ids.at(0)});
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
