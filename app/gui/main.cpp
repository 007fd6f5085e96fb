// ferry: the desktop application. Composition root: settings, engine thread, client, main
// window; nothing else lives here.

#include "core/engine.h"
#include "core/sessionstore.h"
#include "core/transferclient.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QStatusBar>
#include <QThread>
#include <QTimer>
#include <QTranslator>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

constexpr int QuitPatienceMs = 10000; // running downloads get this long to save where they are

void installTranslators(QApplication &app, const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    auto *own = new QTranslator(&app);
    if (own->load(locale, u"ferry"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Ferry"_s);
    QCoreApplication::setApplicationName(u"ferry"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
    QGuiApplication::setApplicationDisplayName(u"Ferry"_s);
    QGuiApplication::setDesktopFileName(u"ferry"_s);
    QApplication::setQuitOnLastWindowClosed(false);

    Settings settings;
    installTranslators(app, settings.language());

    EngineOptions options;
    options.userAgent = "Ferry/" FERRY_VERSION;
    options = settings.engineOptions(options);

    QThread engineThread;
    engineThread.setObjectName(u"ferry-engine"_s);
    auto *engine = new Engine(options);
    engine->moveToThread(&engineThread);
    QObject::connect(&engineThread, &QThread::finished, engine, &QObject::deleteLater);
    engineThread.start();

    TransferClient client(engine);
    MainWindow window(&client, &settings);
    // The list comes back before the window shows; downloads that were running continue.
    SessionStore session(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    QString sessionError;
    session.restoreInto(&client, &sessionError);
    if (!sessionError.isEmpty())
        window.statusBar()->showMessage(sessionError);

    bool quitting = false;
    const auto quit = [&] {
        if (quitting)
            return;
        quitting = true;
        window.hide();
        client.stopAll();
        QTimer::singleShot(QuitPatienceMs, &app, &QCoreApplication::quit);
    };
    QObject::connect(&window, &MainWindow::quitRequested, &app, quit);
    QObject::connect(&client, &TransferClient::stopped, &app, [&] {
        if (!quitting)
            return;
        session.flush();
        QCoreApplication::quit();
    });

    window.show();
    const int status = app.exec();
    session.flush();
    settings.sync();
    engineThread.quit();
    engineThread.wait();
    return status;
}
