// ferry-gui-bench: the desktop application's figures, measured rather than asserted.
//
//   ferry-gui-bench write-session DIR [COUNT]  a session of COUNT (100000) queued items in DIR
//   ferry-gui-bench startup DIR                start-up to a painted window with that session,
//                                              then the process's RSS
//   ferry-gui-bench latency [ITEMS] [SECONDS] [idle]
//                                              ITEMS (10000) in the list, downloads running at
//                                              full loopback speed from a local nginx; the GUI
//                                              thread's event-loop latency, p50/p99/max. With
//                                              "idle" nothing downloads (the baseline).
//
// It composes engine thread, client, session store and main window the way app/gui/main.cpp
// does. Run it with QT_QPA_PLATFORM=offscreen or under xvfb-run, from a Release/RelWithDebInfo
// build.

#include "core/engine.h"
#include "core/engineclient.h"
#include "core/sessionstore.h"
#include "tests/support/nginxserver.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/transferlistmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

qint64 threadCpuMicroseconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return qint64(now.tv_sec) * 1000000 + now.tv_nsec / 1000;
}

// Times every event the GUI thread delivers, in thread CPU time: what our code costs there, as
// opposed to time lost to other threads and processes on a busy machine.
class TimedApplication final : public QApplication
{
public:
    using QApplication::QApplication;

    bool notify(QObject *receiver, QEvent *event) override
    {
        // notify() runs in every thread that delivers events; only the GUI thread's count.
        if (!recording || depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        ++depth;
        const qint64 start = threadCpuMicroseconds();
        const bool result = QApplication::notify(receiver, event);
        const qint64 spent = threadCpuMicroseconds() - start;
        --depth;
        costs.append(spent);
        if (spent > worst) {
            worst = spent;
            worstWhat = QString::fromLatin1(receiver->metaObject()->className()) + u' '
                        + QString::number(int(event->type()));
        }
        return result;
    }

    bool recording = false;
    int depth = 0;
    QList<qint64> costs;
    qint64 worst = 0;
    QString worstWhat;
};

qint64 rssKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Runs an engine on its own thread, as the application does.
struct EngineHost
{
    explicit EngineHost(const EngineOptions &options)
    {
        thread.setObjectName(u"ferry-engine"_s);
        auto *engine = new Engine(options);
        engine->moveToThread(&thread);
        QObject::connect(&thread, &QThread::finished, engine, &QObject::deleteLater);
        thread.start();
        client = std::make_unique<EngineClient>(engine);
    }

    ~EngineHost()
    {
        client.reset();
        thread.quit();
        thread.wait();
    }

    QThread thread;
    std::unique_ptr<TransferClient> client;
};

// Notes when a widget is first painted.
class PaintProbe final : public QObject
{
public:
    explicit PaintProbe(QElapsedTimer *clock)
        : m_clock(clock)
    {}

    qint64 paintedAt = -1;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && paintedAt < 0)
            paintedAt = m_clock->elapsed();
        return QObject::eventFilter(watched, event);
    }

private:
    QElapsedTimer *m_clock;
};

int writeSession(const QString &directory, int count)
{
    EngineOptions options;
    options.stateDirectory = directory + u"/state"_s;
    EngineHost host(options);
    host.client->stopAll(); // nothing starts: the items stay queued
    SessionStore store(directory);
    store.attach(host.client.get());
    QList<TransferRequest> requests;
    requests.reserve(count);
    for (int i = 0; i < count; ++i) {
        TransferRequest request;
        request.url =
            QUrl(u"https://photos.example.org/sets/2024/%1/IMG_%2.jpg"_s.arg(i / 500).arg(i));
        request.directory = directory + u"/downloads"_s;
        requests.append(std::move(request));
    }
    QElapsedTimer clock;
    clock.start();
    host.client->add(requests);
    const qint64 added = clock.elapsed();
    store.flush();
    std::printf("wrote %d items: add %lld ms, written %lld ms\n", count, added, clock.elapsed());
    return 0;
}

int startup(const QString &directory)
{
    QElapsedTimer clock;
    clock.start();
    QTemporaryDir config;
    Settings settings(config.filePath(u"ferry.ini"_s));
    EngineOptions options;
    options.stateDirectory = directory + u"/state"_s;
    options.maxActive = 0; // measure the list, not downloads to a host that does not exist
    EngineHost host(options);
    MainWindow window(host.client.get(), &settings);
    PaintProbe probe(&clock);
    window.view()->viewport()->installEventFilter(&probe);
    SessionStore session(directory);
    const qint64 beforeRestore = clock.elapsed();
    const qsizetype restored = session.restoreInto(host.client.get());
    const qint64 afterRestore = clock.elapsed();
    window.show();
    QTimer::singleShot(3000, qApp, [] { QCoreApplication::exit(0); });
    QApplication::exec();
    std::printf("items restored: %lld, rows: %d\n", qint64(restored), window.model()->rowCount());
    std::printf("restore (load + hand-over): %lld ms\n", afterRestore - beforeRestore);
    std::printf("start-up to first paint of the list: %lld ms\n", probe.paintedAt);
    std::printf("RSS 3 s after start: %lld MiB\n", rssKiB() / 1024);
    return 0;
}

int latency(int items, int seconds, bool idle)
{
    NginxServer nginx;
    if (!nginx.start()) {
        std::fprintf(stderr, "nginx: %s\n", qPrintable(nginx.errorString()));
        return 1;
    }
    {
        QFile big(nginx.documentRoot() + u"/big.bin"_s);
        if (!big.open(QIODevice::WriteOnly) || !big.resize(256 << 20))
            return 1; // sparse: nginx reads it fast, Ferry writes every byte
    }
    QTemporaryDir work;
    QTemporaryDir config;
    Settings settings(config.filePath(u"ferry.ini"_s));
    EngineOptions options;
    options.stateDirectory = work.filePath(u"state"_s);
    if (idle)
        options.maxActive = 0; // the same list, nothing running: the machine's own noise
    EngineHost host(options);
    MainWindow window(host.client.get(), &settings);
    window.show();
    QList<TransferRequest> requests;
    for (int i = 0; i < items; ++i) {
        TransferRequest request;
        QUrl url = nginx.url(u"/big.bin"_s);
        url.setQuery(u"n=%1"_s.arg(i));
        request.url = url;
        request.directory = work.filePath(u"downloads"_s);
        request.fileName = u"big-%1.bin"_s.arg(i);
        requests.append(std::move(request));
    }
    host.client->add(requests);

    QList<qint64> lateness;
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0;
    qint64 peakSpeed = 0;
    constexpr int ProbeMs = 5;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(ProbeMs);
    QObject::connect(&probe, &QTimer::timeout, &window, [&] {
        const qint64 now = clock.nsecsElapsed() / 1000;
        if (last > 0)
            lateness.append(qMax<qint64>(0, now - last - ProbeMs * 1000));
        last = now;
        peakSpeed = qMax(peakSpeed, window.model()->totals().speed);
    });
    auto *timed = static_cast<TimedApplication *>(qApp);
    QTimer::singleShot(2000, &probe, [&] {
        probe.start(); // after the list is in
        timed->recording = true;
    });
    QTimer::singleShot((seconds + 2) * 1000, qApp, [] { QCoreApplication::exit(0); });
    QApplication::exec();
    timed->recording = false;
    host.client->stopAll();
    std::sort(timed->costs.begin(), timed->costs.end());
    if (!timed->costs.isEmpty()) {
        std::printf("GUI-thread CPU per event over %lld events: p99 %.2f ms, max %.2f ms (%s)\n",
                    qint64(timed->costs.size()),
                    double(timed->costs.at(qsizetype(0.99 * double(timed->costs.size() - 1))))
                        / 1000.0,
                    double(timed->worst) / 1000.0,
                    qPrintable(timed->worstWhat));
    }

    std::sort(lateness.begin(), lateness.end());
    const auto at = [&](double q) {
        return lateness.isEmpty() ? 0 : lateness.at(qsizetype(q * double(lateness.size() - 1)));
    };
    const TransferTotals totals = window.model()->totals();
    std::printf("items: %d, rows: %d, completed: %d, active: %d\n",
                items,
                window.model()->rowCount(),
                totals.completed,
                totals.active);
    std::printf("fetched %lld MiB in %d s, peak speed %lld MiB/s\n",
                totals.bytesFetched >> 20,
                seconds,
                peakSpeed >> 20);
    std::printf("event-loop latency over %lld probes: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                qint64(lateness.size()),
                double(at(0.5)) / 1000.0,
                double(at(0.99)) / 1000.0,
                double(lateness.isEmpty() ? 0 : lateness.last()) / 1000.0);
    std::printf("RSS: %lld MiB\n", rssKiB() / 1024);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    TimedApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString mode = args.value(1);
    if (mode == "write-session"_L1 && args.size() >= 3)
        return writeSession(args.at(2), args.value(3, u"100000"_s).toInt());
    if (mode == "startup"_L1 && args.size() >= 3)
        return startup(args.at(2));
    if (mode == "latency"_L1)
        return latency(args.value(2, u"10000"_s).toInt(),
                       args.value(3, u"15"_s).toInt(),
                       args.value(4) == "idle"_L1);
    std::fputs("usage: ferry-gui-bench write-session DIR [COUNT] | startup DIR | latency [ITEMS] "
               "[SECONDS] [idle]\n",
               stderr);
    return 2;
}
