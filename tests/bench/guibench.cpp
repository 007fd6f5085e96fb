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
//                                              Also: where the late probes' time went (waiting
//                                              for a core or running), CPU per thread, and how
//                                              busy the machine was.
//
// It composes engine thread, client, session store and main window the way app/gui/main.cpp
// does, including the engine thread's lower priority (FERRY_BENCH_ENGINE_NICE=N overrides the
// increment, 0 turns it off). Run it with QT_QPA_PLATFORM=offscreen or under xvfb-run, from a
// Release/RelWithDebInfo build; tests/bench/guibench.sh runs it several times.

#include "core/engine.h"
#include "core/engineclient.h"
#include "core/sessionstore.h"
#include "core/threadeventloops.h"
#include "core/threadpriority.h"
#include "tests/support/nginxserver.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/transferlistmodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QMap>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <functional>
#include <memory>
#include <unistd.h>

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
        // Named before delivery: a DeferredDelete event deletes its receiver.
        const QString what = QString::fromLatin1(receiver->metaObject()->className()) + u' '
                             + QString::number(int(event->type()));
        ++depth;
        const qint64 start = threadCpuMicroseconds();
        const bool result = QApplication::notify(receiver, event);
        const qint64 spent = threadCpuMicroseconds() - start;
        --depth;
        costs.append(spent);
        spentBy[what] += spent;
        if (spent > worst) {
            worst = spent;
            worstWhat = what;
        }
        return result;
    }

    // "receiver class, event type" with the most GUI-thread CPU, largest first.
    QString topSpenders(int count) const
    {
        QList<std::pair<qint64, QString>> sorted;
        for (auto it = spentBy.cbegin(); it != spentBy.cend(); ++it)
            sorted.append({it.value(), it.key()});
        std::sort(sorted.begin(), sorted.end(), std::greater<>());
        QStringList parts;
        for (qsizetype i = 0; i < sorted.size() && i < count; ++i)
            parts.append(u"%1 %2 ms"_s.arg(sorted.at(i).second).arg(sorted.at(i).first / 1000));
        return parts.join(u"; "_s);
    }

    bool recording = false;
    int depth = 0;
    QList<qint64> costs;
    qint64 worst = 0;
    QString worstWhat;
    QHash<QString, qint64> spentBy;
};

// /proc/thread-self/schedstat: the calling thread's time on a CPU and time spent runnable but
// waiting for one, in nanoseconds.
struct SchedStat
{
    qint64 runNs = 0;
    qint64 waitNs = 0;
};

SchedStat threadSchedStat()
{
    // Plain system calls: this runs 200 times a second inside the probe.
    SchedStat stat;
    const int fd = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return stat;
    char buffer[128] = {};
    const ssize_t got = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    if (got > 0) {
        long long run = 0;
        long long wait = 0;
        if (std::sscanf(buffer, "%lld %lld", &run, &wait) == 2)
            stat = {run, wait};
    }
    return stat;
}

// CPU time (user + system, clock ticks) of each of this process's threads, summed by name.
QMap<QString, qint64> threadTicks()
{
    QMap<QString, qint64> ticks;
    const QDir tasks(u"/proc/self/task"_s);
    const QStringList ids = tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &id : ids) {
        QFile stat(tasks.filePath(id + u"/stat"_s));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('(');
        const qsizetype close = line.lastIndexOf(')');
        if (open < 0 || close < open)
            continue;
        const QString name = QString::fromUtf8(line.mid(open + 1, close - open - 1));
        // After the name: state is field 3; utime and stime are fields 14 and 15.
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        if (fields.size() > 12)
            ticks[name] += fields.at(11).toLongLong() + fields.at(12).toLongLong();
    }
    return ticks;
}

// The machine's busy and total CPU time so far (all cores, clock ticks) from /proc/stat.
std::pair<qint64, qint64> machineTicks()
{
    QFile stat(u"/proc/stat"_s);
    if (!stat.open(QIODevice::ReadOnly))
        return {0, 0};
    const QList<QByteArray> fields = stat.readLine().simplified().split(' ');
    qint64 total = 0;
    qint64 idle = 0;
    for (qsizetype i = 1; i < fields.size(); ++i) {
        total += fields.at(i).toLongLong();
        if (i == 4 || i == 5) // idle, iowait
            idle += fields.at(i).toLongLong();
    }
    return {total - idle, total};
}

QByteArray loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return "?";
    return file.readAll().split(' ').mid(0, 3).join(' ');
}

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
        const int increment = qEnvironmentVariableIsSet("FERRY_BENCH_ENGINE_NICE")
                                  ? qEnvironmentVariableIntValue("FERRY_BENCH_ENGINE_NICE")
                                  : ThreadPriority::EngineNiceIncrement;
        QObject::connect(
            &thread,
            &QThread::started,
            engine,
            [this, increment] {
                if (increment > 0)
                    ThreadPriority::lowerCurrentThread(increment);
                engineNice = ThreadPriority::currentThreadNice();
            },
            Qt::DirectConnection); // in the engine thread, before it runs anything else
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
    std::atomic<int> engineNice = 0;
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
    QThreadPool workers;
    MainWindow window(host.client.get(), &settings, &workers);
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
    QThreadPool workers;
    MainWindow window(host.client.get(), &settings, &workers);
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
    // Per late probe: how long the GUI thread waited for a core and how long it ran meanwhile.
    constexpr qint64 LateUs = 16000;
    qint64 lateCount = 0;
    qint64 lateWaitNs = 0;
    qint64 lateRunNs = 0;
    SchedStat lastSched;
    QObject::connect(&probe, &QTimer::timeout, &window, [&] {
        const qint64 now = clock.nsecsElapsed() / 1000;
        const SchedStat sched = threadSchedStat();
        if (last > 0) {
            const qint64 late = qMax<qint64>(0, now - last - ProbeMs * 1000);
            lateness.append(late);
            if (late >= LateUs) {
                ++lateCount;
                lateWaitNs += sched.waitNs - lastSched.waitNs;
                lateRunNs += sched.runNs - lastSched.runNs;
            }
        }
        last = now;
        lastSched = sched;
        peakSpeed = qMax(peakSpeed, window.model()->totals().speed);
    });
    auto *timed = static_cast<TimedApplication *>(qApp);
    SchedStat schedBefore;
    QMap<QString, qint64> ticksBefore;
    std::pair<qint64, qint64> machineBefore;
    qint64 fetchedBefore = 0;
    QByteArray load;
    QTimer::singleShot(2000, &probe, [&] {
        probe.start(); // after the list is in
        timed->recording = true;
        schedBefore = threadSchedStat();
        ticksBefore = threadTicks();
        machineBefore = machineTicks();
        fetchedBefore = window.model()->totals().bytesFetched;
        load = loadAverage();
    });
    SchedStat schedAfter;
    QMap<QString, qint64> ticksAfter;
    std::pair<qint64, qint64> machineAfter;
    qint64 fetchedAfter = 0;
    QTimer::singleShot((seconds + 2) * 1000, qApp, [&] {
        schedAfter = threadSchedStat();
        ticksAfter = threadTicks();
        machineAfter = machineTicks();
        fetchedAfter = window.model()->totals().bytesFetched;
        QCoreApplication::exit(0);
    });
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
        std::printf("GUI-thread CPU by receiver and event type: %s\n",
                    qPrintable(timed->topSpenders(6)));
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
    std::printf("late probes (>= %lld ms late): %lld; per late probe the GUI thread waited %.2f ms "
                "for a core and ran %.2f ms\n",
                LateUs / 1000,
                lateCount,
                lateCount > 0 ? double(lateWaitNs) / 1e6 / double(lateCount) : 0.0,
                lateCount > 0 ? double(lateRunNs) / 1e6 / double(lateCount) : 0.0);
    std::printf("GUI thread over the %d s: ran %.0f ms, waited for a core %.0f ms\n",
                seconds,
                double(schedAfter.runNs - schedBefore.runNs) / 1e6,
                double(schedAfter.waitNs - schedBefore.waitNs) / 1e6);
    std::printf("measured window: %.0f MiB/s downloaded; engine thread nice %d\n",
                double(fetchedAfter - fetchedBefore) / double(1 << 20) / double(seconds),
                host.engineNice.load());
    const double tick = double(::sysconf(_SC_CLK_TCK));
    const qint64 busy = machineAfter.first - machineBefore.first;
    const qint64 total = machineAfter.second - machineBefore.second;
    std::printf("machine: load average %s at the start; %.0f%% of %ld cores busy\n",
                load.constData(),
                total > 0 ? 100.0 * double(busy) / double(total) : 0.0,
                ::sysconf(_SC_NPROCESSORS_ONLN));
    std::printf("CPU per thread over the window (%% of one core):");
    for (auto it = ticksAfter.cbegin(); it != ticksAfter.cend(); ++it) {
        const qint64 used = it.value() - ticksBefore.value(it.key());
        if (used > 0)
            std::printf(
                " %s %.0f%%;", qPrintable(it.key()), 100.0 * double(used) / tick / double(seconds));
    }
    std::printf("\nRSS: %lld MiB\n", rssKiB() / 1024);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    ThreadEventLoops::preferQtEventLoops(); // as the application does
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
