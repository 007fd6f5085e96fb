// ferry: the desktop application. Composition root: single-instance hand-off, settings, engine
// thread, client, session, main window and tray; nothing else lives here.

#include "core/aria2client.h"
#include "core/aria2rpc.h"
#include "core/credentialstore.h"
#include "core/engine.h"
#include "core/engineclient.h"
#include "core/sessionstore.h"
#include "core/threadeventloops.h"
#include "core/threadpriority.h"
#include "ui/appicon.h"
#include "ui/connectionstatuslabel.h"
#include "ui/launchrequest.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/singleinstance.h"
#include "ui/transferlistmodel.h"
#include "ui/trayicon.h"

#include <QApplication>
#include <QDir>
#include <QHash>
#include <QLibraryInfo>
#include <QLocale>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QTranslator>

#include <csignal>
#include <cstdio>
#include <memory>
#include <optional>
#include <unistd.h>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

constexpr int QuitPatienceMs = 10000; // running downloads get this long to save where they are

int g_signalPipe[2] = {-1, -1};

void handleTerminate(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

void installTranslators(QApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    // A language chosen in Settings also formats dates and numbers, like the system's would.
    if (!language.isEmpty())
        QLocale::setDefault(locale);
    auto *own = new QTranslator(&app);
    if (own->load(locale, u"ferry"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

// The running instance: everything that exists once no other Ferry answered.
class Primary
{
public:
    explicit Primary(Settings &settings)
        : m_settings(settings)
        , m_session(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        , m_credentials(CredentialStore::defaultIndexPath())
    {
        m_baseOptions.userAgent = "Ferry/" FERRY_VERSION;
        m_engineThread.setObjectName(u"ferry-engine"_s);
        auto *engine = new Engine(m_settings.engineOptions(m_baseOptions));
        engine->moveToThread(&m_engineThread);
        QObject::connect(&m_engineThread, &QThread::finished, engine, &QObject::deleteLater);
        // The window stays responsive when downloads keep both cores busy: the engine thread,
        // and the HTTP and file-writing threads it starts, give way to the GUI thread.
        QObject::connect(
            &m_engineThread,
            &QThread::started,
            engine,
            [] { ThreadPriority::lowerCurrentThread(ThreadPriority::EngineNiceIncrement); },
            Qt::DirectConnection);
        m_engineThread.start();
        // One worker reads dropped link lists and writes reports off the GUI thread.
        m_workers.setMaxThreadCount(1);
        m_workers.setObjectName(u"ferry-parse"_s);
        m_localClient = std::make_unique<EngineClient>(engine);
        m_localClient->setCredentialStore(&m_credentials); // outlives the engine: see ~Primary()
        // The proxy's password: typed in Settings, or found in the keychain when the proxy asks
        // (AuthHandler); FERRY_PROXY_PASSWORD still gives one for this run. Never a file.
        if (const QString password = qEnvironmentVariable("FERRY_PROXY_PASSWORD");
            !password.isEmpty()) {
            const ProxySettings proxy = m_settings.proxy();
            const QList<CredentialKey> keys = proxy.credentialKeys();
            for (const CredentialKey &key : keys)
                m_localClient->provideCredentials(key, {proxy.user, password}, false);
        }
        // This computer's list, kept across windows: one made again after another engine was
        // shown lists every item at once. It comes back from the session even when a remote
        // engine is shown: its downloads continue in the background.
        m_localModel = std::make_unique<TransferListModel>();
        QObject::connect(m_localClient.get(),
                         &TransferClient::transfersAdded,
                         m_localModel.get(),
                         &TransferListModel::handleTransfersAdded);
        QObject::connect(m_localClient.get(),
                         &TransferClient::transfersChanged,
                         m_localModel.get(),
                         &TransferListModel::handleTransfersChanged);
        QObject::connect(m_localClient.get(),
                         &TransferClient::transfersRemoved,
                         m_localModel.get(),
                         &TransferListModel::handleTransfersRemoved);
        m_session.restoreInto(m_localClient.get(), &m_sessionError);
        QObject::connect(m_localClient.get(), &TransferClient::stopped, qApp, [this] {
            if (m_quitting)
                QCoreApplication::exit(0); // not quit(): that would ask the window to close
        });
        QObject::connect(&m_credentials,
                         &CredentialStore::readFinished,
                         qApp,
                         [this](const CredentialKey &key, const Credentials &credentials) {
                             handleSecretRead(key, credentials.password);
                         });
        buildFrontEnd();
    }

    ~Primary()
    {
        m_tray.reset();
        m_window.reset();
        m_remoteClient.reset();
        m_session.flush();
        m_settings.sync();
        m_engineThread.quit();
        m_engineThread.wait();
    }

    void start(const LaunchRequest &request)
    {
        const bool minimized = request.startMinimized || m_settings.startMinimized();
        if (!(minimized && m_tray))
            m_window->show();
        if (!request.isEmpty())
            m_window->handleLaunchRequest(request);
    }

    void handleLaunchRequest(const LaunchRequest &request)
    {
        m_window->handleLaunchRequest(request);
    }

    // Logging out or `kill`: stop like the Quit command, saving where each download is.
    void quit()
    {
        if (m_quitting)
            return;
        m_quitting = true;
        m_window->hide();
        if (m_remoteClient)
            m_remoteClient->stopAll(); // the daemon's downloads go on; only the link closes
        m_localClient->stopAll();
        QTimer::singleShot(QuitPatienceMs, qApp, [] { QCoreApplication::exit(0); });
    }

private:
    void applyTrayPreference() { m_window->setHideOnClose(m_tray && m_settings.closeToTray()); }

    // The window, tray and status for the engine chosen in Settings: this computer's, or a
    // remote aria2 whose secret comes from the keychain. Switching engines builds them anew.
    void buildFrontEnd()
    {
        m_activeEngine = m_settings.activeRemoteEngine();
        m_remoteClient.reset();
        TransferClient *client = m_localClient.get();
        if (m_activeEngine) {
            Aria2Endpoint endpoint;
            endpoint.host = m_activeEngine->host;
            endpoint.port = quint16(m_activeEngine->port);
            m_remoteClient = std::make_unique<Aria2Client>(endpoint);
            m_remoteClient->setUseRequestDirectory(false); // the daemon's --dir, not ours
            m_remoteClient->setOptions(m_settings.engineOptions(m_baseOptions));
            client = m_remoteClient.get();
            const QString typed = m_typedSecrets.value(m_activeEngine->name);
            if (!typed.isNull())
                handleSecretRead(m_activeEngine->secretKey(), typed);
            else
                m_credentials.read(m_activeEngine->secretKey());
        }
        m_window = std::make_unique<MainWindow>(
            client, &m_settings, &m_workers, m_activeEngine ? nullptr : m_localModel.get());
        m_window->setLocalClient(m_localClient.get());
        m_window->setWindowIcon(AppIcon::make());
        m_window->statusBar()->addPermanentWidget(new ConnectionStatusLabel(
            client, m_activeEngine ? m_activeEngine->name : QString(), m_window.get()));
        if (!m_sessionError.isEmpty())
            m_window->statusBar()->showMessage(m_sessionError);
        if (QSystemTrayIcon::isSystemTrayAvailable()) {
            m_tray = std::make_unique<TrayIcon>(m_window.get(), client, &m_settings);
            m_tray->show();
        }
        applyTrayPreference();
        QObject::connect(m_window.get(), &MainWindow::settingsChanged, m_window.get(), [this] {
            const EngineOptions options = m_settings.engineOptions(m_baseOptions);
            m_localClient->setOptions(options);
            if (m_remoteClient)
                m_remoteClient->setOptions(options);
            applyTrayPreference();
            if (m_settings.activeRemoteEngine() != m_activeEngine) {
                // Not from inside the settings dialog's signal: the window goes away.
                QTimer::singleShot(0, qApp, [this] { switchEngine(); });
            }
        });
        QObject::connect(m_window.get(),
                         &MainWindow::engineSecretEntered,
                         m_window.get(),
                         [this](const RemoteEngine &engine, const QString &secret) {
                             m_typedSecrets.insert(engine.name, secret);
                             m_credentials.write(engine.secretKey(), Credentials{{}, secret});
                             // A corrected secret for the engine in use: connect again now.
                             if (m_activeEngine && m_activeEngine->name == engine.name)
                                 handleSecretRead(engine.secretKey(), secret);
                         });
        QObject::connect(
            m_window.get(), &MainWindow::quitRequested, m_window.get(), [this] { quit(); });
    }

    void switchEngine()
    {
        if (m_quitting)
            return;
        const bool visible = m_window->isVisible();
        m_tray.reset();
        m_window.reset();
        buildFrontEnd();
        if (visible)
            m_window->show();
    }

    void handleSecretRead(const CredentialKey &key, const QString &secret)
    {
        if (!m_remoteClient || !m_activeEngine || key != m_activeEngine->secretKey())
            return;
        Aria2Endpoint endpoint = m_remoteClient->rpc()->endpoint();
        endpoint.secret = secret;
        m_remoteClient->rpc()->setEndpoint(endpoint);
        m_remoteClient->open();
    }

    Settings &m_settings;
    EngineOptions m_baseOptions;
    QThread m_engineThread;
    std::unique_ptr<EngineClient> m_localClient;
    std::unique_ptr<Aria2Client> m_remoteClient; // when a remote engine is chosen
    std::optional<RemoteEngine> m_activeEngine;
    QHash<QString, QString> m_typedSecrets; // this run's typed secrets, until the keychain has them
    QString m_sessionError;
    QThreadPool m_workers;                           // outlives every window, which hands it work
    std::unique_ptr<TransferListModel> m_localModel; // outlives every window that shows it
    std::unique_ptr<MainWindow> m_window;
    SessionStore m_session;
    CredentialStore m_credentials; // logins in the keychain
    std::unique_ptr<TrayIcon> m_tray;
    bool m_quitting = false;
};

} // namespace

int main(int argc, char *argv[])
{
    ThreadEventLoops::preferQtEventLoops(); // before any thread starts
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Ferry"_s);
    QCoreApplication::setApplicationName(u"ferry"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
    QGuiApplication::setApplicationDisplayName(u"Ferry"_s);
    QGuiApplication::setDesktopFileName(QStringLiteral(FERRY_APP_ID));
    QApplication::setQuitOnLastWindowClosed(false);

    Settings settings;
    installTranslators(app, settings.language());

    const LaunchRequest request =
        LaunchRequest::fromArguments(app.arguments().mid(1), QDir::currentPath());
    for (const QString &problem : request.problems)
        std::fputs((u"ferry: "_s + problem + u'\n').toLocal8Bit().constData(), stderr);

    // Another Ferry takes the request and this one ends; otherwise this one becomes Ferry.
    SingleInstance instance(SingleInstance::defaultSocketName());
    std::unique_ptr<Primary> primary;
    QObject::connect(
        &instance, &SingleInstance::handedOff, &app, [] { QCoreApplication::exit(0); });
    QObject::connect(&instance, &SingleInstance::noInstance, &app, [&] {
        if (!instance.listen())
            std::fputs("ferry: cannot listen for other instances\n", stderr);
        primary = std::make_unique<Primary>(settings);
        QObject::connect(
            &instance,
            &SingleInstance::requestReceived,
            &app,
            [&primary](const LaunchRequest &received) { primary->handleLaunchRequest(received); });
        primary->start(request);
    });
    if (::pipe(g_signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [&primary] {
            char byte = 0;
            [[maybe_unused]] const auto got = ::read(g_signalPipe[0], &byte, 1);
            if (primary)
                primary->quit();
            else
                QCoreApplication::exit(0);
        });
        std::signal(SIGTERM, handleTerminate);
        std::signal(SIGINT, handleTerminate);
    }
    instance.handOff(request);

    const int status = app.exec();
    primary.reset();
    return status;
}
