// ferry: the desktop application. Composition root: single-instance hand-off, settings, engine
// thread, client, session, main window and tray; nothing else lives here.

#include "core/credentialstore.h"
#include "core/engine.h"
#include "core/sessionstore.h"
#include "core/transferclient.h"
#include "ui/appicon.h"
#include "ui/launchrequest.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/singleinstance.h"
#include "ui/trayicon.h"

#include <QApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QThread>
#include <QTimer>
#include <QTranslator>

#include <csignal>
#include <cstdio>
#include <memory>
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
        m_engineThread.start();
        m_client = std::make_unique<TransferClient>(engine);
        m_client->setCredentialStore(&m_credentials); // outlives the engine: see ~Primary()
        // The proxy's password: typed in Settings, or found in the keychain when the proxy asks
        // (AuthHandler); FERRY_PROXY_PASSWORD still gives one for this run. Never a file.
        if (const QString password = qEnvironmentVariable("FERRY_PROXY_PASSWORD");
            !password.isEmpty()) {
            const ProxySettings proxy = m_settings.proxy();
            const QList<CredentialKey> keys = proxy.credentialKeys();
            for (const CredentialKey &key : keys)
                m_client->provideCredentials(key, {proxy.user, password}, false);
        }
        m_window = std::make_unique<MainWindow>(m_client.get(), &m_settings);
        m_window->setWindowIcon(AppIcon::make());

        // The list comes back before the window shows; downloads that were running continue.
        QString sessionError;
        m_session.restoreInto(m_client.get(), &sessionError);
        if (!sessionError.isEmpty())
            m_window->statusBar()->showMessage(sessionError);

        if (QSystemTrayIcon::isSystemTrayAvailable()) {
            m_tray = std::make_unique<TrayIcon>(m_window.get(), m_client.get(), &m_settings);
            m_tray->show();
        }
        applyTrayPreference();
        QObject::connect(m_window.get(), &MainWindow::settingsChanged, m_window.get(), [this] {
            m_client->setOptions(m_settings.engineOptions(m_baseOptions));
            applyTrayPreference();
        });
        QObject::connect(
            m_window.get(), &MainWindow::quitRequested, m_window.get(), [this] { quit(); });
        QObject::connect(m_client.get(), &TransferClient::stopped, m_window.get(), [this] {
            if (m_quitting)
                QCoreApplication::exit(0); // not quit(): that would ask the window to close
        });
    }

    ~Primary()
    {
        m_tray.reset();
        m_window.reset();
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
        m_client->stopAll();
        QTimer::singleShot(QuitPatienceMs, qApp, [] { QCoreApplication::exit(0); });
    }

private:
    void applyTrayPreference() { m_window->setHideOnClose(m_tray && m_settings.closeToTray()); }

    Settings &m_settings;
    EngineOptions m_baseOptions;
    QThread m_engineThread;
    std::unique_ptr<TransferClient> m_client;
    std::unique_ptr<MainWindow> m_window;
    SessionStore m_session;
    CredentialStore m_credentials; // logins in the keychain
    std::unique_ptr<TrayIcon> m_tray;
    bool m_quitting = false;
};

} // namespace

int main(int argc, char *argv[])
{
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
