// ferry-cli: the engine without a window. Composition root: options, engine thread, client,
// console reporter; nothing else lives here.

#include "clilogin.h"
#include "clioptions.h"
#include "consolereporter.h"
#include "requestfeed.h"
#include "runrecorder.h"

#include "core/credentialstore.h"
#include "core/engine.h"
#include "core/engineclient.h"
#include "core/filename.h"
#include "core/threadeventloops.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QThread>
#include <QTranslator>

#include <csignal>
#include <cstdio>
#include <functional>
#include <unistd.h>
#include <utility>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

constexpr int ExitFailed = 1;
constexpr int ExitUsage = 2;
constexpr int ExitInterrupted = 130;

int g_signalPipe[2] = {-1, -1};
volatile std::sig_atomic_t g_interrupts = 0;

void handleInterrupt(int)
{
    // A second Ctrl+C means "now": checkpoints already on disk stay valid.
    g_interrupts = g_interrupts + 1;
    if (g_interrupts > 1)
        ::_exit(ExitInterrupted);
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

void printError(const QString &text)
{
    std::fputs((u"ferry-cli: "_s + text + u'\n').toLocal8Bit().constData(), stderr);
}

void installTranslators(QCoreApplication &app)
{
    auto *own = new QTranslator(&app);
    if (own->load(QLocale(), u"ferry"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(
            QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
    }
}

// The download folder holds only downloads: failed URLs go next to the checkpoints, in a file
// per run, and the summary says which.
QString defaultFailedListPath()
{
    const QString folder =
        QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/failed"_s;
    QDir().mkpath(folder);
    const QString stamp = QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
    QString path = folder + u"/failed-"_s + stamp + u".txt"_s;
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = folder + u"/failed-%1-%2.txt"_s.arg(stamp).arg(n);
    return path;
}

EngineOptions engineOptions(const CliOptions &options)
{
    EngineOptions engine;
    engine.maxActive = options.maxConcurrent;
    engine.autoConcurrency = options.autoConcurrent;
    engine.maxConnectionsPerHost = options.maxConnectionsPerHost;
    engine.hostConnectionLimits = options.hostConnectionLimits;
    engine.waitMs = qint64(options.waitSeconds * 1000);
    engine.randomWait = options.randomWait;
    engine.split = options.split;
    engine.maxConnectionsPerServer = options.connectionsPerServer;
    engine.minSplitBytes = options.minSplitBytes;
    engine.maxTries = options.maxTries;
    engine.retryWaitMs = qint64(options.retryWaitSeconds * 1000);
    engine.stallTimeoutMs = qint64(options.timeoutSeconds * 1000);
    engine.maxOverallBytesPerSecond = options.maxOverallBytesPerSecond;
    engine.maxBytesPerSecond = options.maxBytesPerSecond;
    engine.userAgent = "Ferry/" FERRY_VERSION;
    engine.caCertificateFile = options.caCertificateFile;
    engine.trustedCertificates = options.trustedCertificates;
    engine.proxy = options.proxy;
    // The proxies' password goes to the engine as a login (provideProxyLogin()), so that it can
    // be saved once a proxy accepted it; none given, the keychain has it.
    engine.proxy.password.clear();
    engine.proxy.httpProxy = engine.proxy.httpProxy.adjusted(QUrl::RemovePassword);
    engine.proxy.httpsProxy = engine.proxy.httpsProxy.adjusted(QUrl::RemovePassword);
    return engine;
}

// The proxies' password from --all-proxy-passwd or FERRY_PROXY_PASSWORD, given to the engine for
// each manual proxy, or one written into a proxy's URL, given to that proxy only; with
// --save-credentials it goes into the keychain once the proxy let a request through. Without
// one, a proxy that asks gets the keychain's.
void provideProxyLogin(const CliOptions &options, TransferClient &client)
{
    const ProxySettings &proxy = options.proxy;
    QString shared = proxy.password;
    if (shared.isEmpty())
        shared = qEnvironmentVariable("FERRY_PROXY_PASSWORD");
    QList<CredentialKey> done;
    for (const QUrl &url : {proxy.httpProxy, proxy.httpsProxy}) {
        if (url.isEmpty() || proxy.mode != ProxySettings::Mode::Manual)
            continue;
        const CredentialKey key = CredentialKey::forProxy(url);
        const QString own = url.password(QUrl::FullyDecoded);
        const QString password = own.isEmpty() ? shared : own;
        const QString user = !own.isEmpty() && !url.userName().isEmpty()
                                 ? url.userName(QUrl::FullyDecoded)
                             : proxy.user.isEmpty() ? url.userName(QUrl::FullyDecoded)
                                                    : proxy.user;
        if (password.isEmpty() || user.isEmpty() || done.contains(key))
            continue;
        done.append(key);
        client.provideCredentials(key, {user, password}, options.saveCredentials);
    }
}

} // namespace

int main(int argc, char *argv[])
{
    ThreadEventLoops::preferQtEventLoops(); // before any thread starts
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"ferry"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FERRY_VERSION));
    installTranslators(app);

    QString error;
    const std::optional<CliOptions> options = CliOptions::parse(app.arguments().mid(1), &error);
    if (!options) {
        printError(error);
        printError(QCoreApplication::translate("main", "try \"ferry-cli --help\""));
        return ExitUsage;
    }
    if (options->action == CliOptions::Action::Help) {
        std::fputs(CliOptions::helpText().toLocal8Bit().constData(), stdout);
        return 0;
    }
    if (options->action == CliOptions::Action::Version) {
        std::fputs("ferry-cli " FERRY_VERSION "\n", stdout);
        return 0;
    }

    if (!options->outName.isEmpty() && FileName::sanitize(options->outName) != options->outName) {
        printError(QCoreApplication::translate("main",
                                               "note: -o \"%1\" is saved as \"%2\" (names "
                                               "stay inside the folder)")
                       .arg(options->outName, FileName::sanitize(options->outName)));
    }
    if (options->proxyPasswordOnCommandLine) {
        printError(QCoreApplication::translate("main",
                                               "warning: a proxy password on the command line "
                                               "can be seen by other users of this computer; "
                                               "set FERRY_PROXY_PASSWORD instead"));
    }
    RequestFeed feed(*options, printError);
    if (!feed.addCommandLine() || !feed.openList())
        return ExitUsage;

    // Logins: the keychain index first, so a saved one is not asked for again.
    CredentialStore credentials(CredentialStore::defaultIndexPath());
    QList<QUrl> commandLineUrls;
    for (const QString &text : options->urls)
        commandLineUrls.append(QUrl::fromUserInput(text));
    const CliLogin::Resolved login = CliLogin::resolve(
        *options, credentials, commandLineUrls, !options->inputFile.isEmpty(), printError);

    ConsoleReporter reporter(stderr, options->quiet);
    RunRecorder recorder(options->reportFile,
                         options->failedListFile.isEmpty() ? defaultFailedListPath()
                                                           : options->failedListFile);
    if (QString reportError; !recorder.open(&reportError)) {
        printError(reportError);
        return ExitUsage;
    }
    QThread engineThread;
    engineThread.setObjectName(u"ferry-engine"_s);
    auto *engine = new Engine(engineOptions(*options));
    engine->moveToThread(&engineThread);
    QObject::connect(&engineThread, &QThread::finished, engine, &QObject::deleteLater);
    engineThread.start();
    const auto stopEngine = [&engineThread] {
        engineThread.quit();
        engineThread.wait();
    };

    EngineClient client(engine);
    client.setCredentialStore(&credentials);
    if (!login.credentials.password.isEmpty())
        client.setDefaultCredentials(login.credentials, options->saveCredentials);
    provideProxyLogin(*options, client);
    QObject::connect(&credentials,
                     &CredentialStore::writeFinished,
                     &app,
                     [](const CredentialKey &key, const QString &problem) {
                         if (!problem.isEmpty()) {
                             printError(
                                 QCoreApplication::translate(
                                     "main", "cannot save the login for %1 in the keychain: %2")
                                     .arg(key.origin(), problem));
                         }
                     });
    // A login accepted at the end may still be on its way into the keychain.
    const auto exitWhenSaved = [&app, &credentials](int status) {
        if (!credentials.isBusy()) {
            app.exit(status);
            return;
        }
        QObject::connect(
            &credentials, &CredentialStore::idle, &app, [&app, status] { app.exit(status); });
    };
    bool interrupted = false;
    int stoppedStatus = ExitInterrupted;
    qint64 expected = -1; // known once the whole list is read
    TransferTotals lastTotals;
    QObject::connect(&client,
                     &TransferClient::transfersChanged,
                     &reporter,
                     [&](const QList<TransferSnapshot> &changed, const TransferTotals &totals) {
                         lastTotals = totals;
                         recorder.handleTransfersChanged(changed);
                         reporter.handleTransfersChanged(changed, totals);
                     });
    // The summary waits for the report's last hashes, so it can say where everything went.
    const auto whenRecorded = [&](const std::function<void()> &then) {
        if (recorder.pending() == 0) {
            then();
            return;
        }
        auto *once = new QObject(&app);
        QObject::connect(&recorder, &RunRecorder::idle, once, [once, then] {
            delete once;
            then();
        });
    };
    bool finishing = false; // the end can be seen twice: the list's end, then the engine's
    const auto finishRun = [&](bool interruptedRun, int status) {
        if (std::exchange(finishing, true))
            return;
        whenRecorded([&, interruptedRun, status] {
            reporter.noteRecords(recorder.failedListPath(), recorder.reportPath());
            reporter.printSummary(interruptedRun);
            exitWhenSaved(status);
        });
    };
    // Everything handed over has ended: what the last batch of snapshots says.
    const auto allDone = [&] {
        return !interrupted && expected >= 0 && lastTotals.count() >= expected
               && lastTotals.unfinished() == 0;
    };
    QObject::connect(&client, &TransferClient::drained, &app, [&] {
        if (allDone()) // otherwise more batches are still on their way to the engine
            finishRun(false, reporter.allSucceeded() ? 0 : ExitFailed);
    });
    QObject::connect(&client, &TransferClient::stopped, &app, [&] {
        finishRun(stoppedStatus == ExitInterrupted, stoppedStatus);
    });

    if (::pipe(g_signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [&] {
            char byte = 0;
            [[maybe_unused]] const auto got = ::read(g_signalPipe[0], &byte, 1);
            if (interrupted)
                return;
            interrupted = true;
            reporter.printLine(QCoreApplication::translate(
                "main", "Stopping: saving where each download is (Ctrl+C again quits at once)"));
            feed.interrupt(); // also a list still coming through a pipe
            client.stopAll();
        });
        std::signal(SIGINT, handleInterrupt);
        std::signal(SIGTERM, handleInterrupt);
    }

    // Downloads start while the rest of a long list is still being read.
    const auto hand = [&](const QList<TransferRequest> &batch) {
        if (!batch.isEmpty())
            client.add(batch);
    };
    QObject::connect(&feed, &RequestFeed::batchRead, &app, hand);
    QObject::connect(&feed, &RequestFeed::finished, &app, [&](bool listRead) {
        reporter.noteRejectedLines(feed.rejectedLines());
        if (interrupted)
            return; // the engine's stop ends the run
        if (!listRead && feed.added() > 0) {
            // Part of the list was handed over already: stop it, keep its progress, say so.
            interrupted = true;
            stoppedStatus = ExitUsage;
            client.stopAll();
            return;
        }
        if (feed.added() == 0) {
            reporter.printSummary(false);
            app.exit(!listRead ? ExitUsage : feed.rejectedLines() > 0 ? ExitFailed : 0);
            return;
        }
        expected = feed.added();
        if (allDone()) // the engine finished before the list's end was known
            finishRun(false, reporter.allSucceeded() ? 0 : ExitFailed);
    });
    hand(feed.takeBatch());
    feed.start();

    int status = app.exec();
    // Items that never finished (an interrupted run) get their report lines from the engine.
    QList<TransferSnapshot> unfinished;
    if (!options->reportFile.isEmpty()) {
        const QList<TransferId> ids = recorder.unrecorded(TransferId(feed.added()));
        QMetaObject::invokeMethod(
            engine,
            [&] {
                for (const TransferId id : ids) {
                    if (const std::optional<TransferSnapshot> item = engine->snapshot(id))
                        unfinished.append(*item);
                }
            },
            Qt::BlockingQueuedConnection);
    }
    stopEngine();
    if (QString recordError; !recorder.finish(unfinished, &recordError)) {
        printError(recordError);
        status = status == 0 ? ExitFailed : status;
    }
    return status;
}
