#include "mainwindow.h"

#include "core/bytesize.h"
#include "core/transferclient.h"
#include "core/transferfilter.h"
#include "core/urllistreader.h"
#include "ui/actionicons.h"
#include "ui/adddialog.h"
#include "ui/certificatetrustactions.h"
#include "ui/launchrequest.h"
#include "ui/linkintake.h"
#include "ui/loginprompter.h"
#include "ui/maintoolbar.h"
#include "ui/progressdelegate.h"
#include "ui/reportactions.h"
#include "ui/settings.h"
#include "ui/settingsdialog.h"
#include "ui/speedlimitbutton.h"
#include "ui/speedlimitmenu.h"
#include "ui/transferfilterproxymodel.h"
#include "ui/transferlistmodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr int ActionUpdateDelayMs = 100;
constexpr int StatusMessageMs = 8000;

} // namespace

MainWindow::MainWindow(TransferClient *client,
                       Settings *settings,
                       QThreadPool *workers,
                       TransferListModel *model,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_loginClient(client)
    , m_settings(settings)
    , m_model(model ? model : new TransferListModel(this))
    , m_proxy(new TransferFilterProxyModel(this))
    , m_delegate(new ProgressDelegate(this))
    , m_intake(new LinkIntake(client, m_model, settings, workers, this))
    , m_workers(workers)
{
    setWindowTitle(tr("Ferry"));
    setObjectName(u"mainWindow"_s);
    setAcceptDrops(true);
    m_proxy->setSourceModel(m_model);

    if (!model) {
        connect(m_client,
                &TransferClient::transfersAdded,
                m_model,
                &TransferListModel::handleTransfersAdded);
        connect(m_client,
                &TransferClient::transfersChanged,
                m_model,
                &TransferListModel::handleTransfersChanged);
        connect(m_client,
                &TransferClient::transfersRemoved,
                m_model,
                &TransferListModel::handleTransfersRemoved);
    }
    connect(m_model, &TransferListModel::totalsChanged, this, &MainWindow::updateTotals);
    new LoginPrompter(m_client, this); // one login dialog per server and realm

    createActions();
    createMenus();
    createToolBar();
    createCentralWidget();
    createStatusBar();

    m_actionTimer.setSingleShot(true);
    m_actionTimer.setInterval(ActionUpdateDelayMs);
    connect(&m_actionTimer, &QTimer::timeout, this, &MainWindow::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &MainWindow::scheduleActionUpdate);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateEmptyState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyState);

    if (!restoreGeometry(m_settings->windowGeometry()))
        resize(1100, 620);
    m_view->header()->restoreState(m_settings->headerState());
    updateActions();
    updateEmptyState();
    updateTotals(m_model->totals());
}

void MainWindow::setLocalClient(TransferClient *client)
{
    if (!client || client == m_loginClient)
        return;
    m_loginClient = client;
    new LoginPrompter(client, this);
}

MainWindow::~MainWindow()
{
    delete m_intake; // its reads stop while the window's parts are still there
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setHeaderState(m_view->header()->saveState());
}

void MainWindow::createActions()
{
    const auto make = [this](const QString &name,
                             const QString &text,
                             const QIcon &icon,
                             const QKeySequence &shortcut,
                             auto handler) {
        auto *action = new QAction(icon, text, this);
        action->setObjectName(name);
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        connect(action, &QAction::triggered, this, handler);
        addAction(action);
        return action;
    };

    m_addAction = make(u"actionAdd"_s,
                       tr("&Add Downloads…"),
                       ActionIcons::fromTheme(u"list-add"_s),
                       QKeySequence::New,
                       [this] { openAddDialog(); });
    m_addAction->setIconText(tr("Add"));
    m_pasteAction = make(u"actionPaste"_s,
                         tr("Add from &Clipboard"),
                         ActionIcons::fromTheme(u"edit-paste"_s),
                         QKeySequence::Paste,
                         [this] { pasteFromClipboard(); });
    m_importAction = make(u"actionImport"_s,
                          tr("&Import List…"),
                          ActionIcons::fromTheme(u"document-open"_s),
                          QKeySequence::Open,
                          [this] { m_intake->chooseListToImport(); });
    m_resumeAction = make(u"actionResume"_s,
                          tr("&Start"),
                          ActionIcons::fromTheme(u"media-playback-start"_s),
                          QKeySequence(tr("Ctrl+R")),
                          [this] { m_client->resume(selectedIds()); });
    m_pauseAction = make(u"actionPause"_s,
                         tr("&Pause"),
                         ActionIcons::fromTheme(u"media-playback-pause"_s),
                         QKeySequence(tr("Ctrl+P")),
                         [this] { m_client->pause(selectedIds()); });
    m_cancelAction = make(u"actionCancel"_s,
                          tr("&Cancel"),
                          ActionIcons::fromTheme(u"process-stop"_s),
                          QKeySequence(tr("Ctrl+.")),
                          [this] { m_client->cancel(selectedIds()); });
    m_retryAction = make(u"actionRetry"_s,
                         tr("Re&try"),
                         ActionIcons::fromTheme(u"view-refresh"_s),
                         QKeySequence(tr("Ctrl+T")),
                         [this] { retrySelected(); });
    m_removeAction = make(u"actionRemove"_s,
                          tr("&Remove from List"),
                          ActionIcons::fromTheme(u"list-remove"_s),
                          QKeySequence::Delete,
                          [this] { confirmRemove(false); });
    m_removeAction->setIconText(tr("Remove"));
    m_removeFilesAction = make(u"actionRemoveFiles"_s,
                               tr("Remove and &Delete Files"),
                               ActionIcons::fromTheme(u"edit-delete"_s),
                               QKeySequence(tr("Shift+Del")),
                               [this] { confirmRemove(true); });
    m_openFileAction = make(u"actionOpenFile"_s,
                            tr("&Open File"),
                            ActionIcons::fromTheme(u"document-open"_s),
                            QKeySequence(tr("Return")),
                            [this] { openSelectedFiles(); });
    m_openFileAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_openFolderAction = make(u"actionOpenFolder"_s,
                              tr("Open Containing &Folder"),
                              ActionIcons::fromTheme(u"folder-open"_s),
                              QKeySequence(tr("Ctrl+Shift+O")),
                              [this] { openSelectedFolders(); });
    m_copyUrlAction = make(u"actionCopyUrl"_s,
                           tr("Copy &URL"),
                           ActionIcons::fromTheme(u"edit-copy"_s),
                           QKeySequence(tr("Ctrl+Shift+C")),
                           [this] { copySelectedUrls(); });
    m_moveTopAction = make(u"actionMoveTop"_s,
                           tr("Move to &Top"),
                           ActionIcons::fromTheme(u"go-top"_s),
                           QKeySequence(tr("Ctrl+Home")),
                           [this] { moveSelected(QueueMove::Top); });
    m_moveUpAction = make(u"actionMoveUp"_s,
                          tr("Move &Up"),
                          ActionIcons::fromTheme(u"go-up"_s),
                          QKeySequence(tr("Ctrl+Up")),
                          [this] { moveSelected(QueueMove::Up); });
    m_moveDownAction = make(u"actionMoveDown"_s,
                            tr("Move &Down"),
                            ActionIcons::fromTheme(u"go-down"_s),
                            QKeySequence(tr("Ctrl+Down")),
                            [this] { moveSelected(QueueMove::Down); });
    m_moveBottomAction = make(u"actionMoveBottom"_s,
                              tr("Move to &Bottom"),
                              ActionIcons::fromTheme(u"go-bottom"_s),
                              QKeySequence(tr("Ctrl+End")),
                              [this] { moveSelected(QueueMove::Bottom); });
    m_queueOrderAction =
        make(u"actionQueueOrder"_s, tr("Sort by &Queue Order"), QIcon(), QKeySequence(), [this] {
            sortByQueueOrder();
        });
    m_changeUrlAction = make(u"actionChangeUrl"_s,
                             tr("C&hange URL…"),
                             ActionIcons::fromTheme(u"document-edit"_s),
                             QKeySequence(tr("F2")),
                             [this] { askForNewUrl(); });
    m_pauseAllAction = make(u"actionPauseAll"_s,
                            tr("Pause A&ll"),
                            ActionIcons::fromTheme(u"media-playback-pause"_s),
                            QKeySequence(tr("Ctrl+Shift+P")),
                            [this] { m_client->pauseAll(); });
    m_resumeAllAction = make(u"actionResumeAll"_s,
                             tr("Resume &All"),
                             ActionIcons::fromTheme(u"media-playback-start"_s),
                             QKeySequence(tr("Ctrl+Shift+R")),
                             [this] { m_client->resumeAll(); });
    m_selectAllAction = make(u"actionSelectAll"_s,
                             tr("Select &All"),
                             ActionIcons::fromTheme(u"edit-select-all"_s),
                             QKeySequence::SelectAll,
                             [this] { m_view->selectAll(); });
    m_findAction = make(u"actionFind"_s,
                        tr("&Find"),
                        ActionIcons::fromTheme(u"edit-find"_s),
                        QKeySequence::Find,
                        [this] {
                            m_searchEdit->setFocus();
                            m_searchEdit->selectAll();
                        });
    m_settingsAction = make(u"actionSettings"_s,
                            tr("&Settings…"),
                            ActionIcons::fromTheme(u"preferences-system"_s),
                            QKeySequence::Preferences,
                            [this] { openSettings(); });
    m_quitAction = make(u"actionQuit"_s,
                        tr("&Quit"),
                        ActionIcons::fromTheme(u"application-exit"_s),
                        QKeySequence::Quit,
                        [this] { emit quitRequested(); });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_addAction);
    file->addAction(m_pasteAction);
    file->addAction(m_importAction);
    m_reportActions = new ReportActions(m_model, m_client, m_workers, this);
    file->addActions(
        {m_reportActions->exportReportAction(), m_reportActions->exportFailedAction()});
    m_certificateTrust = new CertificateTrustActions(m_model, m_client, m_settings, this);
    connect(m_certificateTrust,
            &CertificateTrustActions::trustedCertificatesChanged,
            this,
            &MainWindow::settingsChanged);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_selectAllAction);
    edit->addAction(m_findAction);
    edit->addAction(m_copyUrlAction);
    edit->addSeparator();
    edit->addAction(m_settingsAction);

    QMenu *downloads = menuBar()->addMenu(tr("&Downloads"));
    downloads->addAction(m_resumeAction);
    downloads->addAction(m_pauseAction);
    downloads->addAction(m_cancelAction);
    downloads->addAction(m_retryAction);
    downloads->addAction(m_reportActions->retryFailedAction());
    downloads->addAction(m_certificateTrust->trustAction());
    downloads->addSeparator();
    QMenu *queue = downloads->addMenu(tr("&Queue"));
    queue->addAction(m_moveTopAction);
    queue->addAction(m_moveUpAction);
    queue->addAction(m_moveDownAction);
    queue->addAction(m_moveBottomAction);
    queue->addSeparator();
    queue->addAction(m_queueOrderAction);
    downloads->addSeparator();
    downloads->addAction(m_openFileAction);
    downloads->addAction(m_openFolderAction);
    downloads->addAction(m_changeUrlAction);
    downloads->addSeparator();
    downloads->addAction(m_removeAction);
    downloads->addAction(m_removeFilesAction);
    downloads->addSeparator();
    downloads->addAction(m_pauseAllAction);
    downloads->addAction(m_resumeAllAction);
    m_speedLimitMenu = new SpeedLimitMenu(m_settings, this);
    connect(m_speedLimitMenu, &SpeedLimitMenu::limitChanged, this, &MainWindow::settingsChanged);
    downloads->addMenu(m_speedLimitMenu);

    m_contextMenu = new QMenu(this);
    m_contextMenu->setObjectName(u"contextMenu"_s);
    m_contextMenu->addAction(m_resumeAction);
    m_contextMenu->addAction(m_pauseAction);
    m_contextMenu->addAction(m_cancelAction);
    m_contextMenu->addAction(m_retryAction);
    m_contextMenu->addAction(m_certificateTrust->trustAction());
    m_contextMenu->addSeparator();
    m_contextMenu->addAction(m_moveTopAction);
    m_contextMenu->addAction(m_moveUpAction);
    m_contextMenu->addAction(m_moveDownAction);
    m_contextMenu->addAction(m_moveBottomAction);
    m_contextMenu->addSeparator();
    m_contextMenu->addAction(m_openFileAction);
    m_contextMenu->addAction(m_openFolderAction);
    m_contextMenu->addAction(m_copyUrlAction);
    m_contextMenu->addAction(m_changeUrlAction);
    m_contextMenu->addSeparator();
    m_contextMenu->addAction(m_removeAction);
    m_contextMenu->addAction(m_removeFilesAction);
}

void MainWindow::createToolBar()
{
    auto *bar = new MainToolBar(this);
    addToolBar(bar);
    bar->addLabelledAction(m_addAction);
    bar->addSeparator();
    for (QAction *action : {m_resumeAction, m_pauseAction, m_retryAction, m_removeAction})
        bar->addLabelledAction(action);
    bar->addSeparator();
    bar->addLabelledAction(m_pauseAllAction);
    bar->addLabelledAction(m_resumeAllAction);
}

void MainWindow::createCentralWidget()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    auto *filterRow = new QHBoxLayout;
    filterRow->setContentsMargins(6, 4, 6, 4);
    auto *showLabel = new QLabel(tr("S&how:"), central);
    m_categoryBox = new QComboBox(central);
    m_categoryBox->setObjectName(u"categoryBox"_s);
    m_categoryBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (int category = 0; category < int(TransferFilter::Category::Count); ++category)
        m_categoryBox->addItem(QString(), category);
    showLabel->setBuddy(m_categoryBox);
    m_searchEdit = new QLineEdit(central);
    m_searchEdit->setObjectName(u"searchEdit"_s);
    m_searchEdit->setClearButtonEnabled(true);
    m_searchEdit->setPlaceholderText(
        tr("Search names and URLs (%1)")
            .arg(m_findAction->shortcut().toString(QKeySequence::NativeText)));
    filterRow->addWidget(showLabel);
    filterRow->addWidget(m_categoryBox);
    filterRow->addStretch(1);
    filterRow->addWidget(m_searchEdit, 2);
    layout->addLayout(filterRow);

    connect(m_categoryBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setCategory(TransferFilter::Category(m_categoryBox->itemData(index).toInt()));
    });
    connect(
        m_searchEdit, &QLineEdit::textChanged, m_proxy, &TransferFilterProxyModel::setSearchText);

    m_view = new QTreeView(central);
    m_view->setObjectName(u"transferView"_s);
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(int(TransferListModel::Column::Order), Qt::AscendingOrder);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setItemDelegateForColumn(int(TransferListModel::Column::Progress), m_delegate);
    // Return opens files only from the list (not, say, from the search box).
    removeAction(m_openFileAction);
    m_view->addAction(m_openFileAction);
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(false);
    header->resizeSection(int(TransferListModel::Column::Name), 260);
    header->resizeSection(int(TransferListModel::Column::Size), 80);
    header->resizeSection(int(TransferListModel::Column::Progress), 120);
    header->resizeSection(int(TransferListModel::Column::Speed), 90);
    header->resizeSection(int(TransferListModel::Column::TimeLeft), 80);
    header->resizeSection(int(TransferListModel::Column::Status), 220);
    header->setSectionResizeMode(int(TransferListModel::Column::Status), QHeaderView::Stretch);
    header->resizeSection(int(TransferListModel::Column::Added), 150);
    header->hideSection(int(TransferListModel::Column::Order));
    connect(m_view, &QWidget::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this] { openSelectedFiles(); });
    connect(m_view->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &MainWindow::scheduleActionUpdate);

    auto *empty = new QLabel(tr("<p style='font-size:large'>No downloads yet</p>"
                                "<p>Drop links or a list of links here, paste them with %1, "
                                "or use <b>Add</b>.</p>")
                                 .arg(m_pasteAction->shortcut().toString(QKeySequence::NativeText)),
                             central);
    empty->setObjectName(u"emptyHint"_s);
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setEnabled(false);
    m_stack = new QStackedWidget(central);
    m_stack->addWidget(m_view);
    m_stack->addWidget(empty);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
}

void MainWindow::createStatusBar()
{
    QStatusBar *bar = statusBar();
    bar->addWidget(m_intake->parseBar());
    m_countsLabel = new QLabel(bar);
    m_countsLabel->setObjectName(u"countsLabel"_s);
    bar->addWidget(m_countsLabel);
    m_filesLabel = new QLabel(bar);
    m_filesLabel->setObjectName(u"filesLabel"_s);
    bar->addPermanentWidget(m_filesLabel);
    m_speedLabel = new QLabel(bar);
    m_speedLabel->setObjectName(u"speedLabel"_s);
    bar->addPermanentWidget(m_speedLabel);
    m_speedLimitButton = new SpeedLimitButton(m_speedLimitMenu, m_settings, bar);
    connect(this, &MainWindow::settingsChanged, m_speedLimitButton, &SpeedLimitButton::updateText);
    bar->addPermanentWidget(m_speedLimitButton);
    m_etaLabel = new QLabel(bar);
    m_etaLabel->setObjectName(u"etaLabel"_s);
    bar->addPermanentWidget(m_etaLabel);
    m_overallBar = new QProgressBar(bar);
    m_overallBar->setObjectName(u"overallBar"_s);
    m_overallBar->setRange(0, 1000);
    m_overallBar->setMaximumWidth(200);
    m_overallBar->setTextVisible(true);
    bar->addPermanentWidget(m_overallBar);
}

AddDialog *MainWindow::addDialog() const
{
    return m_intake->addDialog();
}

void MainWindow::pasteFromClipboard()
{
    m_intake->pasteFromClipboard();
}

bool MainWindow::isParsing() const
{
    return m_intake->isParsing();
}

QList<int> MainWindow::selectedSourceRows() const
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    rows.reserve(selected.size());
    for (const QModelIndex &index : selected)
        rows.append(m_proxy->mapToSource(index).row());
    return rows;
}

QList<TransferId> MainWindow::selectedIds() const
{
    QList<TransferId> ids;
    const QList<int> rows = selectedSourceRows();
    ids.reserve(rows.size());
    for (const int row : rows)
        ids.append(m_model->snapshotAt(row).id);
    return ids;
}

void MainWindow::showContextMenu(const QPoint &position)
{
    updateActions();
    m_contextMenu->popup(m_view->viewport()->mapToGlobal(position));
}

void MainWindow::scheduleActionUpdate()
{
    if (!m_actionTimer.isActive())
        m_actionTimer.start();
}

void MainWindow::updateActions()
{
    bool canResume = false;
    bool canPause = false;
    bool canCancel = false;
    bool canRetry = false;
    bool canOpen = false;
    bool hasFolder = false;
    const QList<int> rows = selectedSourceRows();
    for (const int row : rows) {
        const TransferSnapshot &snapshot = m_model->snapshotAt(row);
        switch (snapshot.state) {
        case TransferState::Queued:
        case TransferState::Active:
            canPause = true;
            canCancel = true;
            break;
        case TransferState::Waiting:
            canResume = true;
            canPause = true;
            canCancel = true;
            break;
        case TransferState::Paused:
            canResume = true;
            canCancel = true;
            break;
        case TransferState::Completed:
            canOpen = true;
            break;
        case TransferState::Failed:
        case TransferState::Cancelled:
            canRetry = true;
            break;
        }
        hasFolder = hasFolder || !m_model->directoryAt(row).isEmpty();
    }
    const bool any = !rows.isEmpty();
    const bool canMove = canPause || canResume; // unfinished items have a place in the queue
    m_moveTopAction->setEnabled(canMove);
    m_moveUpAction->setEnabled(canMove);
    m_moveDownAction->setEnabled(canMove);
    m_moveBottomAction->setEnabled(canMove);
    m_resumeAction->setEnabled(canResume);
    m_pauseAction->setEnabled(canPause);
    m_cancelAction->setEnabled(canCancel);
    m_retryAction->setEnabled(canRetry);
    m_removeAction->setEnabled(any);
    m_removeFilesAction->setEnabled(any);
    m_openFileAction->setEnabled(canOpen);
    m_openFolderAction->setEnabled(hasFolder);
    m_copyUrlAction->setEnabled(any);
    m_changeUrlAction->setEnabled(
        rows.size() == 1 && m_model->snapshotAt(rows.first()).state != TransferState::Active);
    m_certificateTrust->setSelection(selectedIds());
}

void MainWindow::updateTotals(const TransferTotals &totals)
{
    const int count = totals.count();
    const int permille = totals.permilleDone();
    m_overallBar->setValue(permille);
    m_overallBar->setFormat(tr("%1%").arg(permille / 10));
    m_overallBar->setToolTip(
        tr("%1 of %2")
            .arg(ByteSize::format(totals.bytesDone), ByteSize::format(totals.bytesTotal)));
    //: Files completed out of all files in the list
    m_filesLabel->setText(tr("Files: %1 of %2 done").arg(totals.completed).arg(count));
    const bool running = totals.active > 0;
    m_speedLabel->setText(running ? tr("%1/s").arg(ByteSize::format(totals.speed)) : QString());
    const qint64 eta = totals.etaSeconds();
    m_etaLabel->setText(running && eta >= 0 && totals.sizesKnown()
                            ? tr("%1 left").arg(TransferListModel::formatDuration(eta))
                            : QString());

    QStringList counts;
    if (totals.active + totals.waiting > 0)
        counts.append(tr("%1 active").arg(totals.active + totals.waiting));
    if (totals.queued > 0)
        counts.append(tr("%1 queued").arg(totals.queued));
    if (totals.paused > 0)
        counts.append(tr("%1 paused").arg(totals.paused));
    if (totals.failed > 0)
        counts.append(tr("%1 failed").arg(totals.failed));
    if (totals.cancelled > 0)
        counts.append(tr("%1 cancelled").arg(totals.cancelled));
    //: Separator between counts in the status bar
    m_countsLabel->setText(counts.join(tr(" · ")));

    const int perCategory[] = {count,
                               totals.active + totals.waiting,
                               totals.queued,
                               totals.paused,
                               totals.completed,
                               totals.failed + totals.cancelled};
    const QString names[] = {
        tr("All"), tr("Active"), tr("Queued"), tr("Paused"), tr("Completed"), tr("Failed")};
    for (int i = 0; i < int(TransferFilter::Category::Count); ++i)
        m_categoryBox->setItemText(i, tr("%1 (%2)").arg(names[i]).arg(perCategory[i]));

    const int percent = permille / 10;
    setWindowTitle(totals.unfinished() > 0
                       //: Window title while downloading: percent done
                       ? tr("%1% – Ferry").arg(percent)
                       : tr("Ferry"));
    scheduleActionUpdate();
}

void MainWindow::updateEmptyState()
{
    m_stack->setCurrentIndex(m_model->rowCount() == 0 ? 1 : 0);
}

void MainWindow::openAddDialog(const QString &text)
{
    m_intake->openAddDialog(text);
}

void MainWindow::addUrls(const QList<QUrl> &urls)
{
    m_intake->addUrls(urls);
}

void MainWindow::handleMimeData(const QMimeData *mime)
{
    m_intake->handleMimeData(mime);
}

void MainWindow::importList(const QString &path)
{
    m_intake->importList(path);
}

void MainWindow::confirmRemove(bool deleteFiles)
{
    const QList<TransferId> ids = selectedIds();
    if (ids.isEmpty())
        return;
    const int count = int(ids.size());
    const QString question =
        deleteFiles ? (count == 1 ? tr("Remove this download from the list and delete its file?")
                                  : tr("Remove these %n downloads from the list and delete their "
                                       "files?",
                                       nullptr,
                                       count))
                    : (count == 1 ? tr("Remove this download from the list? A downloaded file "
                                       "stays on disk.")
                                  : tr("Remove these %n downloads from the list? Downloaded files "
                                       "stay on disk.",
                                       nullptr,
                                       count));
    auto *box = new QMessageBox(QMessageBox::Question,
                                deleteFiles ? tr("Delete Files") : tr("Remove Downloads"),
                                question,
                                QMessageBox::NoButton,
                                this);
    box->setObjectName(u"removeConfirmation"_s);
    QPushButton *yes =
        box->addButton(deleteFiles ? tr("&Delete") : tr("&Remove"), QMessageBox::AcceptRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box,
            &QMessageBox::buttonClicked,
            this,
            [this, ids, deleteFiles, yes](QAbstractButton *button) {
                if (button == static_cast<QAbstractButton *>(yes))
                    m_client->remove(ids, deleteFiles);
            });
    box->open();
}

void MainWindow::retrySelected()
{
    QList<TransferId> ids;
    const QList<int> rows = selectedSourceRows();
    for (const int row : rows) {
        const TransferSnapshot &snapshot = m_model->snapshotAt(row);
        if (snapshot.state == TransferState::Failed || snapshot.state == TransferState::Cancelled)
            ids.append(snapshot.id);
    }
    m_client->resume(ids);
}

void MainWindow::openSelectedFiles()
{
    const QList<int> rows = selectedSourceRows();
    for (const int row : rows) {
        const TransferSnapshot &snapshot = m_model->snapshotAt(row);
        if (snapshot.state == TransferState::Completed && !snapshot.filePath.isEmpty())
            QDesktopServices::openUrl(QUrl::fromLocalFile(snapshot.filePath));
    }
}

void MainWindow::openSelectedFolders()
{
    QSet<QString> folders;
    const QList<int> rows = selectedSourceRows();
    for (const int row : rows) {
        const QString folder = m_model->directoryAt(row);
        if (!folder.isEmpty() && !folders.contains(folder)) {
            folders.insert(folder);
            QDesktopServices::openUrl(QUrl::fromLocalFile(QDir::fromNativeSeparators(folder)));
        }
    }
}

void MainWindow::copySelectedUrls()
{
    QStringList urls;
    const QList<int> rows = selectedSourceRows();
    for (const int row : rows)
        urls.append(m_model->snapshotAt(row).url.toString());
    if (urls.isEmpty())
        return;
    const QString text = urls.join(u'\n');
    m_intake->setOwnClipboardText(text); // our own copy is not news
    QApplication::clipboard()->setText(text);
}

void MainWindow::handleLaunchRequest(const LaunchRequest &request)
{
    if (request.isEmpty() || request.showAddDialog)
        raiseWindow();
    if (request.showAddDialog)
        openAddDialog();
    if (!request.urls.isEmpty())
        addUrls(request.urls);
    for (const QString &list : request.listFiles)
        importList(list);
}

void MainWindow::openSettings()
{
    if (auto *open = findChild<SettingsDialog *>()) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto *dialog = new SettingsDialog(m_settings, m_loginClient, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::settingsApplied, this, &MainWindow::settingsChanged);
    connect(dialog, &SettingsDialog::engineSecretEntered, this, &MainWindow::engineSecretEntered);
    dialog->open();
}

void MainWindow::moveSelected(QueueMove where)
{
    const QList<TransferId> ids = selectedIds();
    if (ids.isEmpty())
        return;
    m_client->move(ids, where);
    sortByQueueOrder(); // so the move can be seen
}

void MainWindow::askForNewUrl()
{
    const QList<int> rows = selectedSourceRows();
    if (rows.size() != 1)
        return;
    const TransferSnapshot &snapshot = m_model->snapshotAt(rows.first());
    const TransferId id = snapshot.id;
    auto *input = new QInputDialog(this);
    input->setObjectName(u"changeUrlDialog"_s);
    input->setAttribute(Qt::WA_DeleteOnClose);
    input->setWindowTitle(tr("Change URL"));
    input->setLabelText(tr("A new link for %1. What is already downloaded is kept if the server "
                           "confirms it is the same file.")
                            .arg(TransferFilter::displayName(snapshot)));
    input->setTextValue(snapshot.url.toString());
    input->resize(560, input->sizeHint().height());
    connect(input, &QInputDialog::textValueSelected, this, [this, id](const QString &text) {
        QString reason;
        const std::optional<QUrl> url = UrlListReader::parseUrl(text, &reason);
        if (!url) {
            statusBar()->showMessage(tr("Not changed: %1").arg(reason), StatusMessageMs);
            return;
        }
        m_client->changeUrl(id, *url);
    });
    input->open();
}

void MainWindow::sortByQueueOrder()
{
    m_view->sortByColumn(int(TransferListModel::Column::Order), Qt::AscendingOrder);
}

void MainWindow::raiseWindow()
{
    if (isMinimized())
        showNormal();
    else
        show();
    raise();
    activateWindow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setHeaderState(m_view->header()->saveState());
    if (m_hideOnClose) {
        event->ignore();
        hide();
        emit hiddenToTray();
        return;
    }
    event->ignore(); // the application quits once the engine has saved its state
    emit quitRequested();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() || event->mimeData()->hasText())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    handleMimeData(event->mimeData());
    event->acceptProposedAction();
}

} // namespace Ferry
