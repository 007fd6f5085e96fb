// ferry-cli: the engine without a window. Composition root: options, engine thread, client,
// console reporter; nothing else lives here.

#include "clioptions.h"
#include "consolereporter.h"

#include "core/engine.h"
#include "core/transferclient.h"
#include "core/urllistreader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QSet>
#include <QSocketNotifier>
#include <QThread>
#include <QTranslator>

#include <csignal>
#include <cstdio>
#include <unistd.h>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

constexpr int ExitFailed = 1;
constexpr int ExitUsage = 2;
constexpr int ExitInterrupted = 130;
constexpr qsizetype AddBatch = 10000;

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

struct Collected
{
    QList<TransferRequest> requests;
    qint64 rejectedLines = 0;
};

QString absoluteDirectory(const QString &directory)
{
    return QDir::cleanPath(QDir::current().absoluteFilePath(directory));
}

// Command-line URLs and the -i list. nullopt (after printing why) when nothing may start.
std::optional<Collected> collectRequests(const CliOptions &options)
{
    Collected collected;
    QSet<QByteArray> seen;
    const auto addRequest = [&](TransferRequest request) {
        const QByteArray key = request.url.toEncoded() + '\n' + request.directory.toUtf8() + '\n'
                               + request.fileName.toUtf8();
        if (seen.contains(key))
            return;
        seen.insert(key);
        collected.requests.append(std::move(request));
    };

    for (const QString &text : options.urls) {
        QString reason;
        const std::optional<QUrl> url = UrlListReader::parseUrl(text, &reason);
        if (!url) {
            printError(QCoreApplication::translate("main", "\"%1\" is not a usable URL: %2")
                           .arg(text, reason));
            return std::nullopt;
        }
        TransferRequest request;
        request.url = *url;
        request.directory = options.directory;
        request.fileName = options.outName;
        request.checksum = options.checksum;
        request.allowOverwrite = options.allowOverwrite;
        addRequest(std::move(request));
    }

    if (options.inputFile.isEmpty())
        return collected;

    QFile list;
    const bool fromStdin = options.inputFile == "-"_L1;
    const QString listName =
        fromStdin ? QCoreApplication::translate("main", "standard input") : options.inputFile;
    if (fromStdin) {
        list.open(stdin, QIODevice::ReadOnly);
    } else {
        list.setFileName(options.inputFile);
        if (QFileInfo(options.inputFile).isDir() || !list.open(QIODevice::ReadOnly)) {
            printError(QCoreApplication::translate("main", "cannot read the list %1: %2")
                           .arg(options.inputFile,
                                QFileInfo(options.inputFile).isDir()
                                    ? QCoreApplication::translate("main", "it is a folder")
                                    : list.errorString()));
            return std::nullopt;
        }
    }
    UrlListReader reader(&list);
    while (const std::optional<UrlListEntry> entry = reader.next()) {
        TransferRequest request;
        request.url = entry->url;
        request.directory =
            entry->directory.isEmpty() ? options.directory : absoluteDirectory(entry->directory);
        request.fileName = entry->outName;
        request.checksum = entry->checksum;
        request.allowOverwrite = options.allowOverwrite;
        addRequest(std::move(request));
    }
    if (const auto readError = reader.readError()) {
        printError(QCoreApplication::translate("main", "cannot read the list %1: %2")
                       .arg(listName, *readError));
        return std::nullopt;
    }
    const QList<UrlListProblem> problems = reader.problems();
    for (const UrlListProblem &problem : problems) {
        printError(QCoreApplication::translate("main", "%1:%2: %3: %4")
                       .arg(listName)
                       .arg(problem.line)
                       .arg(problem.reason, problem.text));
    }
    if (reader.problemCount() > problems.size()) {
        printError(QCoreApplication::translate("main", "%1: %2 more problems not shown")
                       .arg(listName)
                       .arg(reader.problemCount() - problems.size()));
    }
    collected.rejectedLines = reader.problemCount();
    return collected;
}

EngineOptions engineOptions(const CliOptions &options)
{
    EngineOptions engine;
    engine.maxActive = options.maxConcurrent;
    engine.maxActivePerHost = options.maxConnectionsPerHost;
    engine.maxTries = options.maxTries;
    engine.retryWaitMs = qint64(options.retryWaitSeconds * 1000);
    engine.stallTimeoutMs = qint64(options.timeoutSeconds * 1000);
    engine.userAgent = "Ferry/" FERRY_VERSION;
    return engine;
}

} // namespace

int main(int argc, char *argv[])
{
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

    std::optional<Collected> collected = collectRequests(*options);
    if (!collected)
        return ExitUsage;

    ConsoleReporter reporter(stderr, options->quiet);
    reporter.noteRejectedLines(collected->rejectedLines);
    const qsizetype expected = collected->requests.size();
    if (expected == 0) {
        reporter.printSummary(false);
        return collected->rejectedLines > 0 ? ExitFailed : 0;
    }

    QThread engineThread;
    engineThread.setObjectName(u"ferry-engine"_s);
    auto *engine = new Engine(engineOptions(*options));
    engine->moveToThread(&engineThread);
    QObject::connect(&engineThread, &QThread::finished, engine, &QObject::deleteLater);
    engineThread.start();

    TransferClient client(engine);
    bool interrupted = false;
    qsizetype seen = 0;
    QObject::connect(&client,
                     &TransferClient::transfersChanged,
                     &reporter,
                     [&](const QList<TransferSnapshot> &changed, const TransferTotals &totals) {
                         seen = totals.count();
                         reporter.handleTransfersChanged(changed, totals);
                     });
    QObject::connect(&client, &TransferClient::drained, &app, [&] {
        if (interrupted || seen < expected)
            return; // more batches are still on their way to the engine
        reporter.printSummary(false);
        app.exit(reporter.allSucceeded() ? 0 : ExitFailed);
    });
    QObject::connect(&client, &TransferClient::stopped, &app, [&] {
        reporter.printSummary(true);
        app.exit(ExitInterrupted);
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
            client.stopAll();
        });
        std::signal(SIGINT, handleInterrupt);
        std::signal(SIGTERM, handleInterrupt);
    }

    // Hand the list over in batches, so a huge list never exists twice in full.
    QList<TransferRequest> &requests = collected->requests;
    for (qsizetype start = 0; start < requests.size(); start += AddBatch)
        client.add(requests.mid(start, AddBatch));
    requests = {};

    const int status = app.exec();
    engineThread.quit();
    engineThread.wait();
    return status;
}
