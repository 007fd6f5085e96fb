// ferry-faultserver: the loopback test server (tests/support/testhttpserver) as a process of its
// own, for the on-demand hardening scripts (crashtest.sh, soak.sh). Not run by ctest.
//
//   ferry-faultserver --files N --max-size BYTES --list FILE --manifest FILE [--faults]
//                     [--seed S] [--base-dir DIR] [--throttle BYTES_PER_SECOND]
//
// Serves /f<i>.bin (generated content, 1 byte .. max-size), writes an aria2-style URL list
// (one line per file, with "dir=" when --base-dir is given) and a sha256sum manifest, prints
// "ready <port>" and serves until it is killed. With --faults, one request in four (drawn as
// it arrives) meets a fault: a connection dropped mid-body, a stall after the headers, a 503
// with Retry-After: 1, or a slow trickle.

#include "tests/support/generateddata.h"
#include "tests/support/testhttpserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>
#include <QTimer>

#include <cstdio>

using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

QString pathOf(int index)
{
    return u"/f%1.bin"_s.arg(index);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption filesOption(u"files"_s, u"number of files"_s, u"N"_s, u"100"_s);
    const QCommandLineOption maxSizeOption(
        u"max-size"_s, u"largest file in bytes"_s, u"BYTES"_s, u"4194304"_s);
    const QCommandLineOption listOption(u"list"_s, u"write the URL list here"_s, u"FILE"_s);
    const QCommandLineOption manifestOption(
        u"manifest"_s, u"write a sha256sum manifest here"_s, u"FILE"_s);
    const QCommandLineOption faultsOption(u"faults"_s, u"inject random faults"_s);
    const QCommandLineOption seedOption(u"seed"_s, u"random seed"_s, u"S"_s, u"1"_s);
    const QCommandLineOption throttleOption(
        u"throttle"_s, u"pace every response at this many bytes/s"_s, u"BPS"_s, u"0"_s);
    const QCommandLineOption baseDirOption(
        u"base-dir"_s, u"spread the files over 4 folders under DIR (dir= lines)"_s, u"DIR"_s);
    parser.addOptions({filesOption,
                       maxSizeOption,
                       listOption,
                       manifestOption,
                       faultsOption,
                       seedOption,
                       throttleOption,
                       baseDirOption});
    parser.process(app);

    const int files = parser.value(filesOption).toInt();
    const qint64 maxSize = parser.value(maxSizeOption).toLongLong();
    QRandomGenerator random(parser.value(seedOption).toUInt());

    TestHttpServer server;
    server.setIdleTimeout(30000);
    if (files <= 0 || maxSize <= 0 || !server.listen()) {
        std::fputs("ferry-faultserver: bad options or cannot listen\n", stderr);
        return 2;
    }
    QByteArray list;
    QByteArray manifest;
    for (int i = 0; i < files; ++i) {
        // Mostly small files, some big ones: many checkpoints and renames, and long writes.
        const qint64 size = i % 10 == 0 ? maxSize / 2 + random.bounded(maxSize / 2)
                                        : 1 + random.bounded(qMax<qint64>(1, maxSize / 16));
        server.addGeneratedFile(pathOf(i), size, quint32(i + 1));
        server.setThrottle(pathOf(i), parser.value(throttleOption).toLongLong());
        list += server.url(pathOf(i)).toEncoded() + '\n';
        QString name = pathOf(i).mid(1);
        if (parser.isSet(baseDirOption)) {
            const QString folder = parser.value(baseDirOption) + u"/d%1"_s.arg(i % 4);
            list += "  dir="_ba + folder.toUtf8() + '\n';
            name = u"d%1/"_s.arg(i % 4) + name;
        }
        manifest += generatedSha256(size, quint32(i + 1)).toHex() + "  " + name.toUtf8() + '\n';
    }
    QFile listFile(parser.value(listOption));
    QFile manifestFile(parser.value(manifestOption));
    if (!listFile.open(QIODevice::WriteOnly) || !manifestFile.open(QIODevice::WriteOnly)
        || listFile.write(list) != list.size() || manifestFile.write(manifest) != manifest.size()) {
        std::fputs("ferry-faultserver: cannot write the list or the manifest\n", stderr);
        return 2;
    }
    listFile.close();
    manifestFile.close();

    // One request in four meets a fault. Drawn per request, not on a clock: faults set on a clock
    // piled up on every path while the engine waited for the host, so each probe after a
    // cool-down failed again, and the host's queue failed in batches for the test's own sake.
    QObject::connect(&server, &TestHttpServer::requestReceived, &server, [&](const QString &path) {
        if (!parser.isSet(faultsOption) || random.bounded(4) != 0)
            return;
        switch (random.bounded(4)) {
        case 0:
            server.setDropAfter(path, random.bounded(256 * 1024), 1);
            break;
        case 1:
            server.setStallAfterHeaders(path, 1);
            break;
        case 2:
            server.setStatusSequence(path, {Response(503, {{"Retry-After", "1"}})});
            break;
        default:
            server.setSlowRequests(path, 64 * 1024, 1);
            break;
        }
    });
    QTimer forget;
    QObject::connect(&forget, &QTimer::timeout, &server, [&] {
        server.resetRecords(); // the records would grow for ever
    });
    forget.start(1000);

    std::printf("ready %d\n", int(server.port()));
    std::fflush(stdout);
    return app.exec();
}
