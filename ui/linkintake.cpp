#include "linkintake.h"

#include "core/transferclient.h"
#include "core/urlextractjob.h"
#include "core/urllistimportjob.h"
#include "ui/adddialog.h"
#include "ui/settings.h"
#include "ui/transferlistmodel.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

// Drops up to this many characters are parsed at once; bigger ones on a worker thread.
constexpr qsizetype InlineParseLimit = 64 * 1024;
constexpr int StatusMessageMs = 8000;

bool isListFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == "txt"_L1 || suffix == "list"_L1 || suffix.isEmpty();
}

} // namespace

LinkIntake::LinkIntake(TransferClient *client,
                       TransferListModel *model,
                       Settings *settings,
                       QThreadPool *pool,
                       QMainWindow *window)
    : QObject(window)
    , m_client(client)
    , m_model(model)
    , m_settings(settings)
    , m_window(window)
    , m_pool(pool)
    , m_parseBar(new QProgressBar(window))
{
    m_parseBar->setObjectName(u"parseBar"_s);
    m_parseBar->setMaximumWidth(160);
    m_parseBar->setFormat(tr("Reading links %p%"));
    m_parseBar->setVisible(false);

    connect(&m_parseWatcher,
            &QFutureWatcher<UrlExtractor>::finished,
            this,
            &LinkIntake::handleParseFinished);
    connect(&m_parseWatcher,
            &QFutureWatcher<UrlExtractor>::progressRangeChanged,
            m_parseBar,
            &QProgressBar::setRange);
    connect(&m_parseWatcher,
            &QFutureWatcher<UrlExtractor>::progressValueChanged,
            m_parseBar,
            &QProgressBar::setValue);
    connect(QApplication::clipboard(),
            &QClipboard::dataChanged,
            this,
            &LinkIntake::handleClipboardChanged);
}

LinkIntake::~LinkIntake()
{
    m_parseWatcher.cancel();
    m_parseWatcher.waitForFinished();
}

void LinkIntake::showMessage(const QString &message)
{
    m_window->statusBar()->showMessage(message, StatusMessageMs);
}

void LinkIntake::openAddDialog(const QString &text)
{
    if (!m_addDialog) {
        m_addDialog = new AddDialog(m_settings->downloadDirectory(), m_model->urlKeys(), m_window);
        m_addDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_addDialog, &AddDialog::downloadsRequested, this, &LinkIntake::addRequests);
    }
    if (!text.isEmpty())
        m_addDialog->setText(text);
    m_addDialog->show();
    m_addDialog->raise();
    m_addDialog->activateWindow();
}

void LinkIntake::addRequests(const QList<TransferRequest> &requests, bool startNow)
{
    if (requests.isEmpty())
        return;
    const QList<TransferId> ids = m_client->add(requests);
    // The engine handles commands in order, so the items are paused before they can start.
    if (!startNow)
        m_client->pause(ids);
    showMessage(tr("Added to the list: %n", nullptr, int(ids.size())));
}

void LinkIntake::addUrls(const QList<QUrl> &urls)
{
    UrlExtractor extractor;
    extractor.setKnownKeys(m_model->urlKeys());
    for (const QUrl &url : urls)
        extractor.addUrl(url);
    QList<TransferRequest> requests;
    const QList<QUrl> found = extractor.urls();
    for (const QUrl &url : found) {
        TransferRequest request;
        request.url = url;
        request.directory = m_settings->downloadDirectory();
        requests.append(std::move(request));
    }
    addRequests(requests, true);
}

void LinkIntake::pasteFromClipboard()
{
    const QMimeData *mime = QApplication::clipboard()->mimeData();
    if (!mime || (!mime->hasText() && !mime->hasUrls())) {
        openAddDialog();
        return;
    }
    handleMimeData(mime);
}

void LinkIntake::handleMimeData(const QMimeData *mime)
{
    UrlExtractInput input;
    if (mime->hasUrls()) {
        const QList<QUrl> urls = mime->urls();
        for (const QUrl &url : urls) {
            if (url.isLocalFile()) {
                if (isListFile(url.toLocalFile()))
                    input.filePaths.append(url.toLocalFile());
                else
                    input.urls.append(url); // rejected with a reason
            } else {
                input.urls.append(url);
            }
        }
    } else if (mime->hasText()) {
        input.text = mime->text();
    }
    if (input.filePaths.isEmpty() && input.urls.isEmpty() && input.text.isEmpty())
        return;
    input.knownKeys = m_model->urlKeys();

    if (input.filePaths.isEmpty() && input.text.size() <= InlineParseLimit
        && input.urls.size() <= 1000) {
        const UrlExtractor result = UrlExtractJob::run(input);
        openAddDialog();
        m_addDialog->setExtracted(result);
        return;
    }
    if (m_parseWatcher.isRunning())
        m_parseWatcher.cancel();
    m_parseBar->setRange(0, 0);
    m_parseBar->setVisible(true);
    m_parseWatcher.setFuture(UrlExtractJob::start(std::move(input), m_pool));
}

void LinkIntake::handleParseFinished()
{
    m_parseBar->setVisible(false);
    const QFuture<UrlExtractor> future = m_parseWatcher.future();
    if (future.isCanceled() || future.resultCount() == 0)
        return;
    openAddDialog();
    m_addDialog->setExtracted(future.result());
}

void LinkIntake::handleClipboardChanged()
{
    if (!m_settings->watchClipboard())
        return;
    const QString text = QApplication::clipboard()->text();
    if (text.isEmpty() || text == m_lastClipboard || text.size() > InlineParseLimit)
        return;
    m_lastClipboard = text;
    UrlExtractor extractor;
    extractor.setKnownKeys(m_model->urlKeys());
    extractor.addText(text);
    if (extractor.urls().isEmpty())
        return; // no new links: say nothing
    openAddDialog();
    m_addDialog->setExtracted(extractor);
}

void LinkIntake::chooseListToImport()
{
    auto *picker = new QFileDialog(m_window,
                                   tr("Import a List of Links"),
                                   QString(),
                                   tr("Link lists (*.txt *.list);;All files (*)"));
    picker->setAttribute(Qt::WA_DeleteOnClose);
    picker->setFileMode(QFileDialog::ExistingFile);
    connect(picker, &QFileDialog::fileSelected, this, &LinkIntake::importList);
    picker->open();
}

void LinkIntake::importList(const QString &path)
{
    auto *watcher = new QFutureWatcher<UrlListImport>(this);
    connect(watcher, &QFutureWatcher<UrlListImport>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const UrlListImport result = watcher->result();
        addRequests(result.requests, true);
        QStringList lines;
        if (result.error)
            lines.append(tr("Reading stopped: %1").arg(*result.error));
        for (const UrlListProblem &problem : result.problems)
            lines.append(
                tr("Line %1: %2 (%3)").arg(problem.line).arg(problem.text, problem.reason));
        const QString summary =
            tr("Added from %1: %n", nullptr, int(result.requests.size()))
                .arg(QFileInfo(path).fileName())
            + (result.duplicates > 0
                   ? u' ' + tr("(duplicates left out: %n)", nullptr, result.duplicates)
                   : QString());
        showMessage(summary);
        if (lines.isEmpty())
            return;
        auto *box = new QMessageBox(
            QMessageBox::Warning,
            tr("Import List"),
            summary + u'\n'
                + tr("Lines that could not be used: %n", nullptr, int(result.problemCount)),
            QMessageBox::Ok,
            m_window);
        box->setObjectName(u"importProblems"_s);
        box->setDetailedText(lines.join(u'\n'));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    });
    watcher->setFuture(
        UrlListImportJob::start(path, m_settings->downloadDirectory(), m_model->urlKeys(), m_pool));
}

} // namespace Ferry
