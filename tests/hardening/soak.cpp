// ferry-soak: the engine fed a continuous stream of downloads for a bounded time, sampling its
// own resident memory and open file descriptors, which must stay flat. Run by soak.sh against
// ferry-faultserver with random faults on; not run by ctest.
//
//   ferry-soak --list FILE --dir DIR --state DIR [--minutes N] [--sample-seconds S]
//
// Keeps twice the engine's concurrency queued, each download a new URL (a counter in the query)
// so nothing is skipped as already done. A completed file is compared with the generated content
// (the seed is the file's number + 1, as ferry-faultserver makes it) and removed with its data;
// a failed one is removed too. Prints one line per sample and a summary; exits 1 when a file
// came out wrong.

#include "core/engine.h"
#include "core/transferrequest.h"
#include "tests/support/generateddata.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QTimer>

#include <cstdio>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

qint64 residentKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

qsizetype openDescriptors()
{
    return QDir(u"/proc/self/fd"_s).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).size();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption listOption(u"list"_s, u"URL list from ferry-faultserver"_s, u"FILE"_s);
    const QCommandLineOption dirOption(u"dir"_s, u"download folder"_s, u"DIR"_s);
    const QCommandLineOption stateOption(u"state"_s, u"engine state folder"_s, u"DIR"_s);
    const QCommandLineOption minutesOption(u"minutes"_s, u"how long"_s, u"N"_s, u"30"_s);
    const QCommandLineOption sampleOption(
        u"sample-seconds"_s, u"seconds between samples"_s, u"S"_s, u"10"_s);
    parser.addOptions({listOption, dirOption, stateOption, minutesOption, sampleOption});
    parser.process(app);

    QList<QUrl> urls;
    QFile list(parser.value(listOption));
    if (list.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : list.readAll().split('\n')) {
            if (line.startsWith("http"))
                urls.append(QUrl::fromEncoded(line.trimmed()));
        }
    }
    const QString directory = parser.value(dirOption);
    if (urls.isEmpty() || directory.isEmpty() || !QDir().mkpath(directory)) {
        std::fputs("ferry-soak: need --list with URLs and a --dir\n", stderr);
        return 2;
    }

    EngineOptions options;
    options.stateDirectory = parser.value(stateOption);
    options.maxTries = 3;
    options.retryWaitMs = 200;
    options.maxRetryWaitMs = 2000;
    options.stallTimeoutMs = 3000;
    Engine engine(options);

    const QRegularExpression number(u"/f(\\d+)\\.bin"_s);
    qint64 added = 0;
    qint64 completed = 0;
    qint64 failed = 0;
    qint64 corrupt = 0;
    qint64 unfinished = 0;
    QMap<QString, int> failureReasons;
    const QRegularExpression digits(u"\\d+"_s);
    const auto topUp = [&] {
        QList<TransferRequest> requests;
        while (unfinished + requests.size() < 2 * options.maxActive) {
            TransferRequest request;
            request.url = urls.at(added % urls.size());
            request.url.setQuery(u"n=%1"_s.arg(added));
            request.directory = directory;
            requests.append(request);
            ++added;
        }
        unfinished += requests.size();
        if (!requests.isEmpty())
            engine.add(requests);
    };

    QObject::connect(&engine,
                     &Engine::transfersChanged,
                     &app,
                     [&](const QList<TransferSnapshot> &changed, const TransferTotals &) {
                         QList<TransferId> done;
                         for (const TransferSnapshot &snapshot : changed) {
                             if (snapshot.state == TransferState::Completed) {
                                 const QRegularExpressionMatch match =
                                     number.match(snapshot.url.path());
                                 const quint32 seed = match.captured(1).toUInt() + 1;
                                 if (Test::firstDifferenceFromGenerated(
                                         snapshot.filePath, snapshot.bytesTotal, seed)
                                     != -1) {
                                     ++corrupt;
                                     std::fprintf(stderr,
                                                  "ferry-soak: %s differs from what was served\n",
                                                  qPrintable(snapshot.filePath));
                                 }
                                 QFile::remove(snapshot.filePath); // the disk stays flat too
                                 ++completed;
                                 done.append(snapshot.id);
                             } else if (snapshot.state == TransferState::Failed) {
                                 ++failed;
                                 // Grouped by what went wrong, numbers aside.
                                 QString why = snapshot.error.detail;
                                 why.replace(digits, u"N"_s);
                                 ++failureReasons[u"%1 after %2 tries: %3"_s.arg(
                                     QString::number(int(snapshot.error.kind)),
                                     QString::number(snapshot.attempts),
                                     why)];
                                 done.append(snapshot.id);
                             }
                         }
                         if (done.isEmpty())
                             return;
                         unfinished -= done.size();
                         engine.remove(done, true);
                         topUp();
                     });

    QElapsedTimer clock;
    clock.start();
    const qint64 endMs = qint64(parser.value(minutesOption).toDouble() * 60000);
    qint64 firstRss = -1;
    qsizetype firstFds = -1;
    QTimer sampler;
    const auto sample = [&] {
        const qint64 rss = residentKiB();
        const qsizetype fds = openDescriptors();
        if (firstRss < 0) {
            firstRss = rss;
            firstFds = fds;
        }
        std::printf("t=%llds rss=%lldKiB fds=%lld completed=%lld failed=%lld corrupt=%lld\n",
                    static_cast<long long>(clock.elapsed() / 1000),
                    static_cast<long long>(rss),
                    static_cast<long long>(fds),
                    static_cast<long long>(completed),
                    static_cast<long long>(failed),
                    static_cast<long long>(corrupt));
        std::fflush(stdout);
        if (clock.elapsed() >= endMs) {
            std::printf("summary: rss %lld -> %lld KiB, fds %lld -> %lld, completed %lld, "
                        "failed %lld, corrupt %lld\n",
                        static_cast<long long>(firstRss),
                        static_cast<long long>(rss),
                        static_cast<long long>(firstFds),
                        static_cast<long long>(fds),
                        static_cast<long long>(completed),
                        static_cast<long long>(failed),
                        static_cast<long long>(corrupt));
            // Why items failed (error kind, tries, detail): the faults' doing, or a bug?
            for (auto it = failureReasons.cbegin(); it != failureReasons.cend(); ++it)
                std::printf("failed %6d x kind %s\n", it.value(), qPrintable(it.key()));
            QCoreApplication::exit(corrupt == 0 ? 0 : 1);
        }
    };
    QObject::connect(&sampler, &QTimer::timeout, &app, sample);
    sampler.start(parser.value(sampleOption).toInt() * 1000);
    topUp();
    return app.exec();
}
