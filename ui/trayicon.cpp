#include "trayicon.h"

#include "core/bytesize.h"
#include "core/transferclient.h"
#include "ui/appicon.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/speedlimitmenu.h"
#include "ui/transferlistmodel.h"

#include <QAction>
#include <QMenu>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr int MessageMs = 6000;

} // namespace

TrayIcon::TrayIcon(MainWindow *window, TransferClient *client, Settings *settings, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_settings(settings)
    , m_icon(new QSystemTrayIcon(AppIcon::make(), this))
    , m_menu(new QMenu)
    , m_toggleAction(nullptr)
    , m_speedLimitMenu(nullptr)
{
    m_menu->setObjectName(u"trayMenu"_s);
    m_toggleAction = m_menu->addAction(tr("&Show Ferry"), this, &TrayIcon::toggleWindow);
    m_toggleAction->setObjectName(u"trayToggle"_s);
    QAction *paste = m_menu->addAction(tr("Add from &Clipboard"), m_window, [this] {
        m_window->raiseWindow();
        m_window->pasteFromClipboard();
    });
    paste->setObjectName(u"trayPaste"_s);
    m_menu->addSeparator();
    QAction *pauseAll = m_menu->addAction(tr("&Pause All"), client, &TransferClient::pauseAll);
    pauseAll->setObjectName(u"trayPauseAll"_s);
    QAction *resumeAll = m_menu->addAction(tr("&Resume All"), client, &TransferClient::resumeAll);
    resumeAll->setObjectName(u"trayResumeAll"_s);
    m_speedLimitMenu = new SpeedLimitMenu(settings, m_menu);
    m_speedLimitMenu->setObjectName(u"traySpeedLimit"_s);
    // The window's settingsChanged is where the limit reaches the engine and the status bar.
    connect(
        m_speedLimitMenu, &SpeedLimitMenu::limitChanged, m_window, &MainWindow::settingsChanged);
    m_menu->addMenu(m_speedLimitMenu);
    m_menu->addSeparator();
    QAction *quit = m_menu->addAction(tr("&Quit"), m_window, &MainWindow::quitRequested);
    quit->setObjectName(u"trayQuit"_s);
    connect(m_menu, &QMenu::aboutToShow, this, [this] {
        m_toggleAction->setText(m_window->isVisible() ? tr("&Hide Ferry") : tr("&Show Ferry"));
    });
    m_icon->setContextMenu(m_menu);
    connect(
        m_icon, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason why) {
            if (why == QSystemTrayIcon::Trigger || why == QSystemTrayIcon::DoubleClick)
                toggleWindow();
        });
    connect(m_icon, &QSystemTrayIcon::messageClicked, m_window, &MainWindow::raiseWindow);
    connect(m_window->model(), &TransferListModel::totalsChanged, this, &TrayIcon::handleTotals);
    connect(client, &TransferClient::drained, this, &TrayIcon::handleDrained);
    connect(client, &TransferClient::transfersAdded, this, &TrayIcon::handleAdded);
    connect(client,
            &TransferClient::transfersChanged,
            this,
            [this](const QList<TransferSnapshot> &changed) { handleChanged(changed); });
    connect(m_window, &MainWindow::hiddenToTray, this, &TrayIcon::handleHiddenToTray);
    handleTotals({});
}

TrayIcon::~TrayIcon()
{
    delete m_menu;
}

void TrayIcon::show()
{
    m_icon->show();
}

void TrayIcon::toggleWindow()
{
    if (m_window->isVisible() && !m_window->isMinimized())
        m_window->hide();
    else
        m_window->raiseWindow();
}

void TrayIcon::handleTotals(const TransferTotals &totals)
{
    m_totals = totals;
    const bool running = totals.unfinished() > 0;
    const int percent = totals.permilleDone() / 10;
    if (!running) {
        m_toolTip =
            totals.count() == 0
                ? tr("Ferry")
                : tr("Ferry – %1 of %2 files done").arg(totals.completed).arg(totals.count());
    } else {
        //: Tray tooltip: percent, speed, files done, all files
        m_toolTip = tr("Ferry – %1%, %2/s\n%3 of %4 files done")
                        .arg(percent)
                        .arg(ByteSize::format(totals.speed))
                        .arg(totals.completed)
                        .arg(totals.count());
    }
    m_icon->setToolTip(m_toolTip);
    const int shown = running ? percent / 5 * 5 : -1; // a new icon every 5 %, not every batch
    if (shown != m_shownProgress) {
        m_shownProgress = shown;
        m_icon->setIcon(AppIcon::make(shown));
    }
}

void TrayIcon::handleAdded(const QList<TransferId> &ids, const QList<TransferRecord> &records)
{
    // Restored items that finished in an earlier session are not news.
    for (qsizetype i = 0; i < ids.size() && i < records.size(); ++i) {
        const TransferState state = records.at(i).state;
        if (state == TransferState::Completed || state == TransferState::Failed)
            m_finished.insert(ids.at(i));
    }
}

void TrayIcon::handleChanged(const QList<TransferSnapshot> &changed)
{
    for (const TransferSnapshot &snapshot : changed) {
        const bool finished =
            snapshot.state == TransferState::Completed || snapshot.state == TransferState::Failed;
        if (!finished) {
            m_finished.remove(snapshot.id); // retried: its next end is news again
            continue;
        }
        if (m_finished.contains(snapshot.id))
            continue;
        m_finished.insert(snapshot.id);
        if (snapshot.state == TransferState::Completed)
            ++m_newlyCompleted;
        else
            ++m_newlyFailed;
    }
}

void TrayIcon::handleDrained()
{
    const int completed = std::exchange(m_newlyCompleted, 0);
    const int failed = std::exchange(m_newlyFailed, 0);
    if (!m_settings->notifications())
        return;
    if (completed > 0)
        showMessage(tr("Downloads finished"),
                    completed == 1 ? tr("One file downloaded.")
                                   : tr("%n files downloaded.", nullptr, completed));
    if (failed > 0) {
        showMessage(tr("Downloads failed"),
                    failed == 1
                        ? tr("One download failed. Open Ferry to see why.")
                        : tr("%n downloads failed. Open Ferry to see why.", nullptr, failed),
                    QSystemTrayIcon::Warning);
    }
}

void TrayIcon::handleHiddenToTray()
{
    if (m_settings->trayHintShown())
        return;
    m_settings->setTrayHintShown(true);
    showMessage(tr("Ferry is still running"),
                tr("Downloads continue in the background. Use the tray icon to show the window "
                   "or to quit."));
}

void TrayIcon::showMessage(const QString &title,
                           const QString &text,
                           QSystemTrayIcon::MessageIcon icon)
{
    if (m_icon->isVisible())
        m_icon->showMessage(title, text, icon, MessageMs);
    emit messageShown(title, text);
}

} // namespace Ferry
