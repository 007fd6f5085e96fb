#pragma once

#include "core/transferrequest.h"
#include "core/urlextractor.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QPointer>

class QMainWindow;
class QMimeData;
class QProgressBar;
class QThreadPool;
class QUrl;

namespace Ferry {

class AddDialog;
class Settings;
class TransferClient;
class TransferListModel;

// Everything that brings links into the list: the add dialog, drops and pastes, the watched
// clipboard, imported list files and hand-offs from another instance. Small inputs are read at
// once; big drops and list files are read on a worker thread while the status bar shows progress.
// Links already in the list are left out.
class LinkIntake final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LinkIntake)

public:
    // `window` parents the dialogs and shows the status messages; it owns this object. Reads
    // run on `pool` (not owned).
    LinkIntake(TransferClient *client,
               TransferListModel *model,
               Settings *settings,
               QThreadPool *pool,
               QMainWindow *window);
    ~LinkIntake() override;

    AddDialog *addDialog() const { return m_addDialog; }

    // The "Reading links" bar, for the status bar; hidden unless a read runs.
    QProgressBar *parseBar() const { return m_parseBar; }

    // True while a drop is being parsed in the background.
    bool isParsing() const { return m_parseWatcher.isRunning(); }

    // Opens the add dialog (or brings the open one forward), filled with `text`.
    void openAddDialog(const QString &text = {});
    // Adds http(s) URLs straight into the default folder (a hand-off from another instance).
    void addUrls(const QList<QUrl> &urls);
    // Reads an aria2-style list (ferry-cli -i) and queues it, reporting rejected lines.
    void importList(const QString &path);
    // Asks for a list file, then imports it.
    void chooseListToImport();
    // What a drop or paste brings: big inputs are parsed on a worker thread with progress.
    void handleMimeData(const QMimeData *mime);
    // The add dialog with the clipboard's links (Ctrl+V, the tray).
    void pasteFromClipboard();

    // Text Ferry itself put on the clipboard, which the clipboard watch must not offer back.
    void setOwnClipboardText(const QString &text) { m_lastClipboard = text; }

private:
    void addRequests(const QList<TransferRequest> &requests, bool startNow);
    void handleParseFinished();
    void handleClipboardChanged();
    void showMessage(const QString &message);

    TransferClient *m_client;
    TransferListModel *m_model;
    Settings *m_settings;
    QMainWindow *m_window;
    QThreadPool *m_pool;
    QProgressBar *m_parseBar;
    QPointer<AddDialog> m_addDialog;
    QFutureWatcher<UrlExtractor> m_parseWatcher;
    QString m_lastClipboard; // what the clipboard held when we last looked
};

} // namespace Ferry
