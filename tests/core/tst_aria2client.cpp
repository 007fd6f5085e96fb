#include "core/aria2client.h"
#include "core/aria2rpc.h"
#include "core/transferreport.h"
#include "tests/support/aria2daemon.h"
#include "tests/support/generateddata.h"
#include "tests/support/testhttpserver.h"

#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = 30000; // ms; generous bound for QTRY_ on a loaded machine
constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;

// What a list fed by the client's signals holds: one entry per id, in the order added.
struct Listing
{
    QList<TransferId> ids;
    QHash<TransferId, TransferSnapshot> latest;
    int addedSignals = 0;
    TransferTotals totals;

    void attach(TransferClient *client, QObject *context)
    {
        QObject::connect(client,
                         &TransferClient::transfersAdded,
                         context,
                         [this](const QList<TransferId> &added, const QList<TransferRecord> &) {
                             ++addedSignals;
                             ids << added;
                         });
        QObject::connect(client,
                         &TransferClient::transfersChanged,
                         context,
                         [this](const QList<TransferSnapshot> &changed, const TransferTotals &t) {
                             for (const TransferSnapshot &snapshot : changed)
                                 latest.insert(snapshot.id, snapshot);
                             totals = t;
                         });
        QObject::connect(client,
                         &TransferClient::transfersRemoved,
                         context,
                         [this](const QList<TransferId> &removed) {
                             for (const TransferId id : removed) {
                                 ids.removeAll(id);
                                 latest.remove(id);
                             }
                         });
    }

    TransferState state(TransferId id) const { return latest.value(id).state; }

    qint64 bytesDone(TransferId id) const { return latest.value(id).bytesDone; }
};

} // namespace

// The remote engine against a real aria2c daemon on loopback, fetching from the test server.
class TestAria2Client : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void add_progressThenCompleted_fileOnDiskMatches();
    void add_withChecksumAndName_daemonGetsOptions();
    void pause_thenResume_completes();
    void remove_daemonForgetsIt_andItStaysGone();
    void move_top_reordersTheDaemonsQueue();
    void setOptions_daemonReportsLimits();
    void daemonRestart_reconnects_sameItemsOnce();
    void wrongSecret_reportsIt_withoutRetrying();
    void noDaemon_retriesWithGrowingBackoff();

private:
    std::unique_ptr<Aria2Client> makeClient(const QString &secret);
    // One call on a separate connection: what the daemon itself says.
    QJsonValue ask(const QString &method, const QJsonArray &params = {});
    TransferRequest request(const QString &path, const QString &name = {}) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<Aria2Daemon> m_daemon;
    std::unique_ptr<Aria2Client> m_client;
    std::unique_ptr<Aria2Rpc> m_probe;
    Listing m_list;
};

void TestAria2Client::initTestCase()
{
    if (Aria2Daemon::executablePath().isEmpty())
        QFAIL("aria2c is needed (Debian package aria2, in README's test command)");
}

void TestAria2Client::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_daemon = std::make_unique<Aria2Daemon>(m_dir->path());
    QVERIFY2(m_daemon->start(), qPrintable(m_daemon->errorString()));
    m_list = {};
    m_client = makeClient(m_daemon->secret());
    m_list.attach(m_client.get(), this);
    m_client->open();
    QTRY_COMPARE_WITH_TIMEOUT(m_client->connectionState(), ConnectionState::Connected, Patience);
    m_probe = std::make_unique<Aria2Rpc>();
    m_probe->setEndpoint({u"127.0.0.1"_s, m_daemon->port(), m_daemon->secret()});
    m_probe->open();
    QTRY_COMPARE_WITH_TIMEOUT(m_probe->state(), ConnectionState::Connected, Patience);
}

void TestAria2Client::cleanup()
{
    m_probe.reset();
    m_client.reset();
    m_daemon.reset();
    m_server.reset();
    m_dir.reset();
}

std::unique_ptr<Aria2Client> TestAria2Client::makeClient(const QString &secret)
{
    auto client =
        std::make_unique<Aria2Client>(Aria2Endpoint{u"127.0.0.1"_s, m_daemon->port(), secret});
    client->setPollInterval(200);
    return client;
}

QJsonValue TestAria2Client::ask(const QString &method, const QJsonArray &params)
{
    QJsonValue result;
    bool answered = false;
    m_probe->call(method, params, this, [&](const Aria2Reply &reply) {
        answered = true;
        result = reply.isOk() ? reply.result : QJsonValue(reply.errorMessage);
    });
    if (!QTest::qWaitFor([&] { return answered; }, Patience)) {
        // A dead probe must not pass for an empty list: the test fails here.
        QTest::qFail("the daemon did not answer the probe", __FILE__, __LINE__);
        return QJsonValue(QJsonValue::Undefined);
    }
    return result;
}

TransferRequest TestAria2Client::request(const QString &path, const QString &name) const
{
    TransferRequest request;
    request.url = m_server->url(path);
    request.directory = m_dir->path();
    request.fileName = name;
    return request;
}

void TestAria2Client::add_progressThenCompleted_fileOnDiskMatches()
{
    const qint64 size = 3 * MiB;
    m_server->addGeneratedFile(u"/a.bin"_s, size, 3);
    m_server->setThrottle(u"/a.bin"_s, 1 * MiB);
    QSignalSpy added(m_client.get(), &TransferClient::transfersAdded);
    const QList<TransferId> ids = m_client->add({request(u"/a.bin"_s)});
    QCOMPARE(ids.size(), 1);
    QCOMPARE(added.count(), 1); // announced at once, before the daemon answered
    const TransferId id = ids.first();
    QVERIFY(!m_client->gid(id).isEmpty());

    // Progress shows while it runs: some bytes, not all, a speed.
    QTRY_VERIFY_WITH_TIMEOUT(m_list.state(id) == TransferState::Active && m_list.bytesDone(id) > 0
                                 && m_list.bytesDone(id) < size && m_list.latest[id].speed > 0,
                             Patience);
    QCOMPARE(m_list.latest[id].bytesTotal, size);
    QVERIFY(m_list.totals.active == 1);

    QTRY_COMPARE_WITH_TIMEOUT(m_list.state(id), TransferState::Completed, Patience);
    const TransferSnapshot done = m_list.latest[id];
    QCOMPARE(done.bytesDone, size);
    QCOMPARE(done.filePath, QDir(m_dir->path()).filePath(u"a.bin"_s));
    QCOMPARE(TransferReport::fileSha256(done.filePath), generatedSha256(size, 3));
    QCOMPARE(m_list.totals.completed, 1);
    QCOMPARE(m_list.ids, ids);
    QCOMPARE(m_list.addedSignals, 1);
}

void TestAria2Client::add_withChecksumAndName_daemonGetsOptions()
{
    const qint64 size = 256 * KiB;
    m_server->addGeneratedFile(u"/b.bin"_s, size, 4);
    m_server->addGeneratedFile(u"/bad.bin"_s, size, 5);
    TransferRequest good = request(u"/b.bin"_s, u"renamed.bin"_s);
    good.checksum = ChecksumSpec::parse(
        QString(u"sha-256="_s + QString::fromLatin1(generatedSha256(size, 4).toHex())));
    TransferRequest bad = request(u"/bad.bin"_s, u"bad.bin"_s);
    bad.checksum = good.checksum; // the other file's digest
    QVERIFY(good.checksum);
    const QList<TransferId> ids = m_client->add({good, bad});
    QTRY_COMPARE_WITH_TIMEOUT(m_list.state(ids[0]), TransferState::Completed, Patience);
    QCOMPARE(TransferReport::fileSha256(QDir(m_dir->path()).filePath(u"renamed.bin"_s)),
             generatedSha256(size, 4));
    QTRY_COMPARE_WITH_TIMEOUT(m_list.state(ids[1]), TransferState::Failed, Patience);
    QCOMPARE(m_list.latest[ids[1]].error.kind, TransferError::Kind::Checksum);
    QVERIFY(!m_list.latest[ids[1]].error.detail.isEmpty()); // aria2's errorMessage
    const QJsonObject options = ask(u"aria2.getOption"_s, {m_client->gid(ids[0])}).toObject();
    QCOMPARE(options.value(u"out"_s).toString(), u"renamed.bin"_s);
    QCOMPARE(options.value(u"dir"_s).toString(), m_dir->path());
}

void TestAria2Client::pause_thenResume_completes()
{
    const qint64 size = 4 * MiB;
    m_server->addGeneratedFile(u"/p.bin"_s, size, 6);
    m_server->setThrottle(u"/p.bin"_s, 512 * KiB);
    const TransferId id = m_client->add({request(u"/p.bin"_s)}).first();
    QTRY_VERIFY_WITH_TIMEOUT(m_list.bytesDone(id) > 0, Patience);

    m_client->pause({id});
    QTRY_COMPARE_WITH_TIMEOUT(m_list.state(id), TransferState::Paused, Patience);
    const QJsonObject status = ask(u"aria2.tellStatus"_s, {m_client->gid(id)}).toObject();
    QCOMPARE(status.value(u"status"_s).toString(), u"paused"_s);
    const qint64 atPause = status.value(u"completedLength"_s).toString().toLongLong();
    QVERIFY(atPause > 0 && atPause < size);
    QCOMPARE(m_list.latest[id].speed, qint64(0));

    m_server->setThrottle(u"/p.bin"_s, 0);
    m_client->resume({id});
    QTRY_COMPARE_WITH_TIMEOUT(m_list.state(id), TransferState::Completed, Patience);
    QCOMPARE(TransferReport::fileSha256(m_list.latest[id].filePath), generatedSha256(size, 6));
}

void TestAria2Client::remove_daemonForgetsIt_andItStaysGone()
{
    m_server->addGeneratedFile(u"/r.bin"_s, 8 * MiB, 7);
    m_server->setThrottle(u"/r.bin"_s, 256 * KiB);
    m_server->addGeneratedFile(u"/done.bin"_s, 64 * KiB, 8);
    const QList<TransferId> ids = m_client->add({request(u"/r.bin"_s), request(u"/done.bin"_s)});
    QTRY_VERIFY_WITH_TIMEOUT(m_list.bytesDone(ids[0]) > 0, Patience);
    QTRY_COMPARE_WITH_TIMEOUT(m_list.state(ids[1]), TransferState::Completed, Patience);
    const QString gid = m_client->gid(ids[0]);

    QSignalSpy removed(m_client.get(), &TransferClient::transfersRemoved);
    m_client->remove(ids, false);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.first().first().value<QList<TransferId>>(), ids);
    QVERIFY(m_list.ids.isEmpty());
    // The daemon lists neither, running or stopped.
    QTRY_VERIFY_WITH_TIMEOUT(ask(u"aria2.tellActive"_s).toArray().isEmpty()
                                 && ask(u"aria2.tellStopped"_s, {0, 100}).toArray().isEmpty(),
                             Patience);
    const QString status = ask(u"aria2.tellStatus"_s, {gid}).toString(); // an RPC error
    QVERIFY2(status.contains(u"not found"_s), qPrintable(status));
    // Later polls bring nothing back.
    const int addedBefore = m_list.addedSignals;
    QTest::qWait(1000); // five polls: a removed item must not come back as someone else's
    QCOMPARE(m_list.addedSignals, addedBefore);
    QVERIFY(m_list.ids.isEmpty());
}

void TestAria2Client::move_top_reordersTheDaemonsQueue()
{
    EngineOptions options;
    options.maxActive = 1;
    m_client->setOptions(options);
    QTRY_COMPARE_WITH_TIMEOUT(
        ask(u"aria2.getGlobalOption"_s).toObject().value(u"max-concurrent-downloads"_s).toString(),
        u"1"_s,
        Patience);
    for (const QString &path : {u"/q1.bin"_s, u"/q2.bin"_s, u"/q3.bin"_s}) {
        m_server->addGeneratedFile(path, 8 * MiB, 9);
        m_server->setThrottle(path, 128 * KiB);
    }
    const QList<TransferId> ids =
        m_client->add({request(u"/q1.bin"_s), request(u"/q2.bin"_s), request(u"/q3.bin"_s)});
    QTRY_VERIFY_WITH_TIMEOUT(m_list.state(ids[0]) == TransferState::Active
                                 && m_list.state(ids[1]) == TransferState::Queued
                                 && m_list.state(ids[2]) == TransferState::Queued,
                             Patience);
    QVERIFY(m_list.latest[ids[1]].queueOrder < m_list.latest[ids[2]].queueOrder);

    m_client->move({ids[2]}, QueueMove::Top);
    QTRY_VERIFY_WITH_TIMEOUT(m_list.latest[ids[2]].queueOrder < m_list.latest[ids[1]].queueOrder,
                             Patience);
    const QJsonArray waiting = ask(u"aria2.tellWaiting"_s, {0, 10, QJsonArray{u"gid"_s}}).toArray();
    QCOMPARE(waiting.size(), 2);
    QCOMPARE(waiting[0].toObject().value(u"gid"_s).toString(), m_client->gid(ids[2]));
    QCOMPARE(waiting[1].toObject().value(u"gid"_s).toString(), m_client->gid(ids[1]));
}

void TestAria2Client::setOptions_daemonReportsLimits()
{
    EngineOptions options;
    options.maxActive = 3;
    options.maxOverallBytesPerSecond = 123 * KiB;
    options.maxBytesPerSecond = 45 * KiB;
    m_client->setOptions(options);
    QTRY_COMPARE_WITH_TIMEOUT(ask(u"aria2.getGlobalOption"_s)
                                  .toObject()
                                  .value(u"max-overall-download-limit"_s)
                                  .toString(),
                              QString::number(123 * KiB),
                              Patience);
    const QJsonObject global = ask(u"aria2.getGlobalOption"_s).toObject();
    QCOMPARE(global.value(u"max-concurrent-downloads"_s).toString(), u"3"_s);
    QCOMPARE(global.value(u"max-download-limit"_s).toString(), QString::number(45 * KiB));

    // One download's own limit.
    m_server->addGeneratedFile(u"/l.bin"_s, 8 * MiB, 10);
    m_server->setThrottle(u"/l.bin"_s, 256 * KiB);
    const TransferId id = m_client->add({request(u"/l.bin"_s)}).first();
    QTRY_VERIFY_WITH_TIMEOUT(m_list.state(id) == TransferState::Active, Patience);
    m_client->setSpeedLimit({id}, 20 * KiB);
    QTRY_COMPARE_WITH_TIMEOUT(ask(u"aria2.getOption"_s, {m_client->gid(id)})
                                  .toObject()
                                  .value(u"max-download-limit"_s)
                                  .toString(),
                              QString::number(20 * KiB),
                              Patience);
}

void TestAria2Client::daemonRestart_reconnects_sameItemsOnce()
{
    const qint64 size = 6 * MiB;
    m_server->addGeneratedFile(u"/long.bin"_s, size, 11);
    m_server->setThrottle(u"/long.bin"_s, 1 * MiB);
    m_server->addGeneratedFile(u"/short.bin"_s, 64 * KiB, 12);
    const QList<TransferId> ids =
        m_client->add({request(u"/long.bin"_s), request(u"/short.bin"_s)});
    QTRY_COMPARE_WITH_TIMEOUT(m_list.state(ids[1]), TransferState::Completed, Patience);
    QTRY_VERIFY_WITH_TIMEOUT(m_list.bytesDone(ids[0]) > 0, Patience);
    const QString gid = m_client->gid(ids[0]);
    const int addedBefore = m_list.addedSignals;

    QSignalSpy states(m_client.get(), &TransferClient::connectionStateChanged);
    m_probe.reset();
    m_daemon->kill(); // no session saved: the daemon forgets everything
    QTRY_COMPARE_WITH_TIMEOUT(m_client->connectionState(), ConnectionState::Lost, Patience);
    QVERIFY(m_daemon->start());
    QTRY_COMPARE_WITH_TIMEOUT(m_client->connectionState(), ConnectionState::Connected, Patience);
    QVERIFY(states.count() >= 2);
    QCOMPARE(states.first().first().value<ConnectionState>(), ConnectionState::Lost);
    QCOMPARE(states.last().first().value<ConnectionState>(), ConnectionState::Connected);
    QCOMPARE(m_client->rpc()->reconnectDelayMs(), 1000); // backoff starts over

    // The unfinished download is handed to the new daemon under its gid and completes; the
    // finished one stays; nothing appears twice.
    QTRY_COMPARE_WITH_TIMEOUT(m_list.state(ids[0]), TransferState::Completed, Patience);
    QCOMPARE(m_client->gid(ids[0]), gid);
    QCOMPARE(m_list.ids, ids);
    QCOMPARE(m_list.addedSignals, addedBefore);
    QCOMPARE(m_list.state(ids[1]), TransferState::Completed);
    QCOMPARE(TransferReport::fileSha256(m_list.latest[ids[0]].filePath), generatedSha256(size, 11));
    QCOMPARE(m_list.totals.count(), 2);
}

void TestAria2Client::wrongSecret_reportsIt_withoutRetrying()
{
    auto wrong = makeClient(m_daemon->secret() + u"x"_s);
    QSignalSpy states(wrong.get(), &TransferClient::connectionStateChanged);
    wrong->open();
    QTRY_COMPARE_WITH_TIMEOUT(wrong->connectionState(), ConnectionState::WrongSecret, Patience);
    QCOMPARE(wrong->rpc()->connectAttempts(), 1);
    QVERIFY(!wrong->rpc()->lastError().isEmpty());
    // Nothing is sent while the secret is wrong: the first reconnect would come after 1 s.
    QTest::qWait(2500);
    QCOMPARE(wrong->rpc()->connectAttempts(), 1);
    QCOMPARE(wrong->connectionState(), ConnectionState::WrongSecret);
    QCOMPARE(states.last().first().value<ConnectionState>(), ConnectionState::WrongSecret);
    // An add meanwhile is kept, not lost, and nothing reaches the daemon.
    const QList<TransferId> ids = wrong->add({request(u"/x.bin"_s)});
    QCOMPARE(ids.size(), 1);
    QCOMPARE(ask(u"aria2.tellWaiting"_s, {0, 10}).toArray().size(), 0);

    // The user corrects the secret: it connects, and the kept add reaches the daemon.
    wrong->rpc()->setEndpoint({u"127.0.0.1"_s, m_daemon->port(), m_daemon->secret()});
    wrong->open();
    QTRY_COMPARE_WITH_TIMEOUT(wrong->connectionState(), ConnectionState::Connected, Patience);
    QTRY_COMPARE_WITH_TIMEOUT(
        ask(u"aria2.tellStatus"_s, {wrong->gid(ids.first())}).toObject().value(u"gid"_s).toString(),
        wrong->gid(ids.first()),
        Patience);
}

void TestAria2Client::noDaemon_retriesWithGrowingBackoff()
{
    const quint16 port = m_daemon->port();
    m_probe.reset();
    m_client.reset();
    m_daemon->kill();
    Aria2Client client(Aria2Endpoint{u"127.0.0.1"_s, port, u"s"_s});
    client.rpc()->setReconnectDelays(20, 160);
    client.open();
    QTRY_VERIFY_WITH_TIMEOUT(client.rpc()->connectAttempts() >= 6, Patience);
    QCOMPARE(client.connectionState(), ConnectionState::Lost);
    QCOMPARE(client.rpc()->reconnectDelayMs(), 160); // doubled up to the cap, not beyond
}

QTEST_GUILESS_MAIN(TestAria2Client)
#include "tst_aria2client.moc"
