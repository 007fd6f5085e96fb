#pragma once

#include "core/queuemove.h"
#include "core/transferid.h"
#include "core/transferrequest.h"
#include "core/transfersnapshot.h"
#include "ui/remoteengine.h"

#include <QList>
#include <QMainWindow>
#include <QTimer>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QMimeData;
class QProgressBar;
class QStackedWidget;
class QThreadPool;
class QTreeView;

namespace Ferry {

class AddDialog;
class CertificateTrustActions;
class ReportActions;
class LaunchRequest;
class LinkIntake;
class ProgressDelegate;
class Settings;
class SpeedLimitButton;
class SpeedLimitMenu;
class TransferClient;
class TransferFilterProxyModel;
class TransferListModel;

// The download list with its actions, filter bar and overall progress. Talks to the engine only
// through the TransferClient it is given.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // `workers` (one thread is enough) reads link lists and writes reports off the GUI thread;
    // it must outlive the window. `model`, when given (not owned), is a list that `client`
    // already feeds and that outlives the window, so a window made again (another engine chosen
    // and back) shows every item at once; otherwise the window keeps its own, fed from now on.
    MainWindow(TransferClient *client,
               Settings *settings,
               QThreadPool *workers,
               TransferListModel *model = nullptr,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // This computer's engine while the window shows a remote one: its logins (the proxy's
    // among them) are still asked for here, and Settings saves them there.
    void setLocalClient(TransferClient *client);

    TransferListModel *model() const { return m_model; }

    TransferFilterProxyModel *proxy() const { return m_proxy; }

    QTreeView *view() const { return m_view; }

    AddDialog *addDialog() const;

    // Ids of the selected rows, in view order.
    QList<TransferId> selectedIds() const;

    // Opens the add dialog (or brings the open one forward), filled with `text`.
    void openAddDialog(const QString &text = {});
    // Adds http(s) URLs straight into the default folder (a hand-off from another instance).
    void addUrls(const QList<QUrl> &urls);
    // Reads an aria2-style list (ferry-cli -i) and queues it, reporting rejected lines.
    void importList(const QString &path);
    // What a drop or paste brings: big inputs are parsed on a worker thread with progress.
    void handleMimeData(const QMimeData *mime);
    // Shows the window, also from the tray or a second instance.
    void raiseWindow();
    // The add dialog with the clipboard's links (Ctrl+V, the tray).
    void pasteFromClipboard();
    // What `ferry URL...` or `ferry -i list` asked for; nothing: show the window.
    void handleLaunchRequest(const Ferry::LaunchRequest &request);
    void openSettings();

    // True while a drop is being parsed in the background.
    bool isParsing() const;

    // Whether close hides the window (a tray icon is there to bring it back).
    void setHideOnClose(bool hide) { m_hideOnClose = hide; }

    QAction *pauseAllAction() const { return m_pauseAllAction; }

    QAction *resumeAllAction() const { return m_resumeAllAction; }

    QAction *quitAction() const { return m_quitAction; }

    // The overall speed limit, in the Downloads menu and behind the status bar's button.
    SpeedLimitMenu *speedLimitMenu() const { return m_speedLimitMenu; }

    ReportActions *reportActions() const { return m_reportActions; }

    // "Trust This Certificate…" for a download that failed on its server's certificate.
    CertificateTrustActions *certificateTrust() const { return m_certificateTrust; }

    SpeedLimitButton *speedLimitButton() const { return m_speedLimitButton; }

signals:
    void quitRequested();
    void hiddenToTray();    // the window was closed but downloads go on
    void settingsChanged(); // the user applied new settings, a speed limit among them
    // A remote engine's secret typed in Settings; the app keeps it in the keychain.
    void engineSecretEntered(const Ferry::RemoteEngine &engine, const QString &secret);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createToolBar();
    void createCentralWidget();
    void createStatusBar();
    void showContextMenu(const QPoint &position);
    void scheduleActionUpdate();
    void updateActions();
    void updateTotals(const TransferTotals &totals);
    void updateEmptyState();
    void confirmRemove(bool deleteFiles);
    void retrySelected();
    void openSelectedFiles();
    void openSelectedFolders();
    void copySelectedUrls();
    void moveSelected(QueueMove where);
    void sortByQueueOrder();
    void askForNewUrl();
    QList<int> selectedSourceRows() const;

    TransferClient *m_client;
    TransferClient *m_loginClient; // where Settings sends logins: this computer's engine
    Settings *m_settings;
    TransferListModel *m_model;
    TransferFilterProxyModel *m_proxy;
    ProgressDelegate *m_delegate;
    LinkIntake *m_intake;
    QTreeView *m_view = nullptr;
    QStackedWidget *m_stack = nullptr;
    QComboBox *m_categoryBox = nullptr;
    QLineEdit *m_searchEdit = nullptr;
    QProgressBar *m_overallBar = nullptr;
    QLabel *m_filesLabel = nullptr;
    QLabel *m_speedLabel = nullptr;
    QLabel *m_etaLabel = nullptr;
    QLabel *m_countsLabel = nullptr;
    QMenu *m_contextMenu = nullptr;
    SpeedLimitMenu *m_speedLimitMenu = nullptr;
    ReportActions *m_reportActions = nullptr;
    CertificateTrustActions *m_certificateTrust = nullptr;
    SpeedLimitButton *m_speedLimitButton = nullptr;
    QThreadPool *m_workers; // reads link lists and writes reports off the GUI thread
    QTimer m_actionTimer;
    bool m_hideOnClose = false;

    QAction *m_addAction = nullptr;
    QAction *m_pasteAction = nullptr;
    QAction *m_importAction = nullptr;
    QAction *m_resumeAction = nullptr;
    QAction *m_pauseAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_retryAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_removeFilesAction = nullptr;
    QAction *m_openFileAction = nullptr;
    QAction *m_openFolderAction = nullptr;
    QAction *m_copyUrlAction = nullptr;
    QAction *m_moveTopAction = nullptr;
    QAction *m_moveUpAction = nullptr;
    QAction *m_moveDownAction = nullptr;
    QAction *m_moveBottomAction = nullptr;
    QAction *m_queueOrderAction = nullptr;
    QAction *m_changeUrlAction = nullptr;
    QAction *m_pauseAllAction = nullptr;
    QAction *m_resumeAllAction = nullptr;
    QAction *m_selectAllAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_quitAction = nullptr;
};

} // namespace Ferry
