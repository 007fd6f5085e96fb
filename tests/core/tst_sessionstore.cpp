#include "core/engine.h"
#include "core/engineclient.h"
#include "core/sessionstore.h"
#include "tests/support/enginetestbed.h"
#include "tests/support/testhttpserver.h"

#include <QDataStream>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = EngineTestBed::Patience;

std::optional<TransferRecord> findRecord(const QList<TransferRecord> &records, const QUrl &url)
{
    for (const TransferRecord &record : records) {
        if (record.request.url == url)
            return record;
    }
    return std::nullopt;
}

} // namespace

class TestSessionStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void load_nothingSaved_isEmpty();
    void roundTrip_keepsOrderStatesNamesAndRequest();
    void uncleanExit_whatReachedTheJournalIsRestored();
    void tornJournalTail_droppedRestKept();
    void damagedSnapshot_setAsideAndEmpty();
    void unknownNetworkError_readAsUnknown();
    void restore_interruptedDownload_resumesWithRange();
    void queueOrder_afterMoves_survivesRestore();
    void changedUrl_isSaved();
    void headersAndCookieFile_roundTrip_noCookieValueSaved();
    void restore_100000Items_measured();

private:
    void startEngine();
    TransferState stateOf(TransferId id) const;

    std::unique_ptr<EngineTestBed> m_bed;
    std::unique_ptr<QTemporaryDir> m_sessionDir;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<TransferClient> m_client;
    QHash<TransferId, TransferState> m_states;
};

void TestSessionStore::init()
{
    m_bed = std::make_unique<EngineTestBed>();
    QVERIFY(m_bed->setUp());
    m_sessionDir = std::make_unique<QTemporaryDir>();
    startEngine();
}

void TestSessionStore::cleanup()
{
    m_client.reset();
    m_engine.reset();
    m_sessionDir.reset();
    m_bed->tearDown();
}

void TestSessionStore::startEngine()
{
    m_client.reset();
    EngineOptions options;
    options.split = 1; // resume details are checked request by request
    m_engine = m_bed->makeEngine(options);
    m_client = std::make_unique<EngineClient>(m_engine.get());
    m_states.clear();
    connect(m_client.get(),
            &TransferClient::transfersChanged,
            this,
            [this](const QList<TransferSnapshot> &changed, const TransferTotals &) {
                for (const TransferSnapshot &snapshot : changed)
                    m_states.insert(snapshot.id, snapshot.state);
            });
}

TransferState TestSessionStore::stateOf(TransferId id) const
{
    return m_states.value(id, TransferState::Queued);
}

void TestSessionStore::load_nothingSaved_isEmpty()
{
    QString error;
    QVERIFY(SessionStore::load(m_sessionDir->path(), &error).isEmpty());
    QVERIFY(error.isEmpty());
}

void TestSessionStore::roundTrip_keepsOrderStatesNamesAndRequest()
{
    m_bed->server().addFile(u"/done.txt"_s, "done");
    m_bed->server().setContentDisposition(u"/done.txt"_s, "attachment; filename=\"named.txt\"");
    m_bed->server().addFile(u"/paused.bin"_s, "p");
    m_bed->server().addFile(u"/gone.bin"_s, "g");
    m_bed->server().setStatusSequence(u"/failed.bin"_s, {Response{404, {}, "no"}});
    {
        SessionStore store(m_sessionDir->path());
        store.attach(m_client.get());
        TransferRequest paused = m_bed->request(u"/paused.bin"_s);
        paused.checksum = ChecksumSpec::parse(u"md5=83878c91171338902e0fe0fb97a8c47a"_s);
        paused.priority = 3;
        const QList<TransferId> ids = m_client->add({m_bed->request(u"/done.txt"_s),
                                                     paused,
                                                     m_bed->request(u"/gone.bin"_s),
                                                     m_bed->request(u"/failed.bin"_s)});
        m_client->pause({ids.at(1)});
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(ids.at(0)), TransferState::Completed, Patience);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(ids.at(3)), TransferState::Failed, Patience);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(ids.at(1)), TransferState::Paused, Patience);
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(ids.at(2)), TransferState::Completed, Patience);
        m_client->remove({ids.at(2)}, false);
        QSignalSpy removed(m_client.get(), &TransferClient::transfersRemoved);
        QVERIFY(removed.wait(Patience));
    } // quits cleanly: pending changes written

    const QList<TransferRecord> records = SessionStore::load(m_sessionDir->path());
    QCOMPARE(records.size(), 3);
    QCOMPARE(records.at(0).request.url, m_bed->server().url(u"/done.txt"_s));
    QCOMPARE(records.at(0).state, TransferState::Completed);
    QCOMPARE(records.at(0).fileName, u"named.txt"_s);
    QCOMPARE(records.at(0).bytesTotal, 4);
    QCOMPARE(records.at(0).request.directory, m_bed->downloads());
    QCOMPARE(records.at(1).state, TransferState::Paused);
    QCOMPARE(records.at(1).request.priority, 3);
    QVERIFY(records.at(1).request.checksum.has_value());
    QCOMPARE(records.at(1).request.checksum->toString(), u"md5=83878c91171338902e0fe0fb97a8c47a"_s);
    QCOMPARE(records.at(2).state, TransferState::Failed);
    QCOMPARE(records.at(2).error.kind, TransferError::Kind::Http);
    QCOMPARE(records.at(2).error.httpStatus, 404);

    // Restored into a new engine, the states stay, and the list can be saved again.
    startEngine();
    SessionStore again(m_sessionDir->path());
    QSignalSpy added(m_client.get(), &TransferClient::transfersAdded);
    QCOMPARE(again.restoreInto(m_client.get()), 3);
    QCOMPARE(added.size(), 1);
    const auto ids = added.at(0).at(0).value<QList<TransferId>>();
    QTRY_VERIFY(m_engine->snapshot(ids.at(2)).has_value()); // the engine has them
    QCOMPARE(m_engine->snapshot(ids.at(0))->state, TransferState::Completed);
    QCOMPARE(m_engine->snapshot(ids.at(0))->filePath, m_bed->downloadPath(u"named.txt"_s));
    QCOMPARE(m_engine->snapshot(ids.at(1))->state, TransferState::Paused);
    QCOMPARE(m_engine->snapshot(ids.at(2))->state, TransferState::Failed);
    QCOMPARE(m_engine->totals().completed, 1);
    again.flush();
    QCOMPARE(SessionStore::load(m_sessionDir->path()).size(), 3);
}

void TestSessionStore::uncleanExit_whatReachedTheJournalIsRestored()
{
    // The store is never destroyed or flushed while we read its files: what is on disk
    // a moment after the changes is what a crash (or kill -9) would leave.
    auto *store = new SessionStore(m_sessionDir->path(), this);
    store->attach(m_client.get());
    for (int i = 0; i < 5; ++i)
        m_bed->server().addFile(u"/f%1"_s.arg(i), QByteArray(100, 'f'));
    QList<TransferRequest> requests;
    for (int i = 0; i < 5; ++i)
        requests.append(m_bed->request(u"/f%1"_s.arg(i)));
    const QList<TransferId> ids = m_client->add(requests);
    for (const TransferId id : ids)
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(id), TransferState::Completed, Patience);
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const QList<TransferRecord> records = SessionStore::load(m_sessionDir->path());
            return records.size() == 5
                   && std::all_of(records.begin(), records.end(), [](const TransferRecord &r) {
                          return r.state == TransferState::Completed;
                      });
        }(),
        Patience);
    const auto record =
        findRecord(SessionStore::load(m_sessionDir->path()), m_bed->server().url(u"/f3"_s));
    QVERIFY(record);
    QCOMPARE(record->fileName, u"f3"_s);
    store->deleteLater();
}

void TestSessionStore::tornJournalTail_droppedRestKept()
{
    {
        SessionStore store(m_sessionDir->path());
        store.attach(m_client.get());
        m_client->stopAll(); // nothing starts: only the adds are journaled
        m_client->add({m_bed->request(u"/a"_s), m_bed->request(u"/b"_s)});
        store.flush();
    }
    const QString journal = QDir(m_sessionDir->path()).filePath(u"session.journal"_s);
    QFile file(journal);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const qint64 size = file.size();
    QVERIFY(size > 40);
    QVERIFY(file.resize(size - 5)); // the second record torn mid-write
    file.close();
    const QList<TransferRecord> records = SessionStore::load(m_sessionDir->path());
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.at(0).request.url, m_bed->server().url(u"/a"_s));
}

void TestSessionStore::damagedSnapshot_setAsideAndEmpty()
{
    {
        SessionStore store(m_sessionDir->path());
        store.attach(m_client.get());
        m_client->stopAll();
        m_client->add({m_bed->request(u"/a"_s)});
    }
    const QString snapshot = QDir(m_sessionDir->path()).filePath(u"session.dat"_s);
    QFile file(snapshot);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("FERRYSES garbage");
    file.close();
    QString error;
    QVERIFY(SessionStore::load(m_sessionDir->path(), &error).isEmpty());
    QVERIFY(!error.isEmpty());
    QVERIFY(QFile::exists(snapshot + u".damaged"_s));
    QVERIFY(!QFile::exists(snapshot));
}

void TestSessionStore::unknownNetworkError_readAsUnknown()
{
    // Found by fuzz_sessionstore: a snapshot whose error names no QNetworkReply::NetworkError
    // (a damaged or foreign file) was converted to the enum anyway, which is undefined behaviour.
    QByteArray bytes;
    {
        QDataStream out(&bytes, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_4);
        out.writeRawData("FERRYSES", 8);
        out << quint32(2) << quint64(1) << quint64(1)
            << quint64(1); // version, generation, count, id
        out << QByteArray("http://example.org/a") << u"/tmp"_s << QString() << QString() << false
            << qint32(0);
        out << qint32(TransferState::Failed) << u"a"_s << qint64(0) << qint64(-1) << qint64(0)
            << qint64(0);
        out << qint32(TransferError::Kind::Network) << qint32(TransferError::Recovery::Fatal)
            << qint32(0) << qint32(-1641481467) << u"detail"_s;
    }
    QFile file(QDir(m_sessionDir->path()).filePath(u"session.dat"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();
    QString error;
    const QList<TransferRecord> records = SessionStore::load(m_sessionDir->path(), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.at(0).state, TransferState::Failed);
    QCOMPARE(records.at(0).error.networkError, QNetworkReply::UnknownNetworkError);
    QCOMPARE(records.at(0).error.detail, u"detail"_s);
}

void TestSessionStore::restore_interruptedDownload_resumesWithRange()
{
    constexpr qint64 Size = 8 << 20;
    m_bed->server().addGeneratedFile(u"/big.bin"_s, Size, 11);
    m_bed->server().setThrottle(u"/big.bin"_s, 2 << 20);
    TransferId id = 0;
    {
        SessionStore store(m_sessionDir->path());
        store.attach(m_client.get());
        id = m_client->add({m_bed->request(u"/big.bin"_s)}).first();
        QTRY_VERIFY_WITH_TIMEOUT(
            m_engine->snapshot(id).value_or(TransferSnapshot{}).bytesDone > (1 << 20), Patience);
        QSignalSpy stopped(m_client.get(), &TransferClient::stopped);
        m_client->stopAll(); // what quitting does
        QVERIFY(stopped.wait(Patience));
    }
    const QList<TransferRecord> saved = SessionStore::load(m_sessionDir->path());
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.at(0).state, TransferState::Queued);

    startEngine();
    m_bed->server().setThrottle(u"/big.bin"_s, 0);
    m_bed->server().resetRecords();
    SessionStore again(m_sessionDir->path());
    QSignalSpy added(m_client.get(), &TransferClient::transfersAdded);
    QCOMPARE(again.restoreInto(m_client.get()), 1);
    const TransferId restored = added.at(0).at(0).value<QList<TransferId>>().first();
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(restored), TransferState::Completed, Patience);
    QCOMPARE(QFileInfo(m_bed->downloadPath(u"big.bin"_s)).size(), Size);
    const QList<RecordedRequest> requests = m_bed->server().requests(u"/big.bin"_s);
    QVERIFY(!requests.isEmpty());
    const QByteArray range = requests.first().header("range");
    QVERIFY2(range.startsWith("bytes=") && !range.startsWith("bytes=0-"), range.constData());
    QVERIFY(m_bed->server().bodyBytesSent(u"/big.bin"_s) < Size);
}

void TestSessionStore::queueOrder_afterMoves_survivesRestore()
{
    const auto urls = [](const QList<TransferRecord> &records) {
        QStringList paths;
        for (const TransferRecord &record : records)
            paths.append(record.request.url.path());
        return paths;
    };
    {
        SessionStore store(m_sessionDir->path());
        store.attach(m_client.get());
        m_client->stopAll();
        const QList<TransferId> ids = m_client->add(
            {m_bed->request(u"/a"_s), m_bed->request(u"/b"_s), m_bed->request(u"/c"_s)});
        m_client->move({ids.at(2)}, QueueMove::Top);
        // On disk while the store still runs: what a crash would leave.
        QTRY_COMPARE_WITH_TIMEOUT(urls(SessionStore::load(m_sessionDir->path())),
                                  (QStringList{u"/c"_s, u"/a"_s, u"/b"_s}),
                                  Patience);
    }

    // Restored in that order, and saved so again.
    startEngine();
    m_client->stopAll();
    {
        SessionStore again(m_sessionDir->path());
        QCOMPARE(again.restoreInto(m_client.get()), 3);
    }
    QCOMPARE(urls(SessionStore::load(m_sessionDir->path())),
             (QStringList{u"/c"_s, u"/a"_s, u"/b"_s}));
}

void TestSessionStore::changedUrl_isSaved()
{
    {
        SessionStore store(m_sessionDir->path());
        store.attach(m_client.get());
        m_client->stopAll();
        const TransferId id = m_client->add({m_bed->request(u"/expired"_s)}).first();
        m_client->changeUrl(id, m_bed->server().url(u"/renewed"_s));
        QTRY_COMPARE_WITH_TIMEOUT(SessionStore::load(m_sessionDir->path()).value(0).request.url,
                                  m_bed->server().url(u"/renewed"_s),
                                  Patience);
    }
    const QList<TransferRecord> records = SessionStore::load(m_sessionDir->path());
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.at(0).request.url, m_bed->server().url(u"/renewed"_s));
}

void TestSessionStore::headersAndCookieFile_roundTrip_noCookieValueSaved()
{
    const QByteArray secret = "s3cr3t-cookie-value-4711";
    const QString cookiePath = m_sessionDir->filePath(u"cookies.txt"_s);
    QFile cookies(cookiePath);
    QVERIFY(cookies.open(QIODevice::WriteOnly));
    cookies.write("127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\t" + secret + '\n');
    cookies.close();
    m_bed->server().addFile(u"/h.bin"_s, "hh");
    TransferRequest request = m_bed->request(u"/h.bin"_s);
    request.headers.setUserAgent("Agent/1");
    request.headers.setReferer("https://example.org/page");
    request.headers.setExtra({{"X-One", "1"}, {"X-Two", "two words"}});
    request.headers.setCookieFile(cookiePath);
    const QString sessionFolder = m_sessionDir->filePath(u"session"_s);
    {
        SessionStore store(sessionFolder);
        store.attach(m_client.get());
        const QList<TransferId> ids = m_client->add({request});
        QTRY_COMPARE_WITH_TIMEOUT(stateOf(ids.at(0)), TransferState::Completed, Patience);
        QCOMPARE(m_bed->server().requests(u"/h.bin"_s).value(0).header("cookie"), "sid=" + secret);
    }
    // Through the journal, then through a snapshot written by a restore.
    for (int round = 0; round < 2; ++round) {
        const QList<TransferRecord> records = SessionStore::load(sessionFolder);
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.at(0).request.headers, request.headers);
        QCOMPARE(records.at(0).request.headers.cookieFile(), cookiePath);
        if (round == 0) {
            startEngine();
            SessionStore again(sessionFolder);
            QCOMPARE(again.restoreInto(m_client.get()), 1);
            again.flush();
        }
    }
    // The cookie's value is in no file the session or the engine wrote.
    for (const QString &folder : {sessionFolder, m_bed->state()}) {
        QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(!file.readAll().contains(secret), qPrintable(file.fileName()));
        }
    }
}

void TestSessionStore::restore_100000Items_measured()
{
    constexpr int Count = 100000;
    QElapsedTimer clock;
    {
        SessionStore store(m_sessionDir->path());
        store.attach(m_client.get());
        m_client->stopAll();
        QList<TransferRequest> requests;
        requests.reserve(Count);
        for (int i = 0; i < Count; ++i) {
            TransferRequest request;
            request.url =
                QUrl(u"https://photos.example.org/sets/2024/%1/IMG_%2.jpg"_s.arg(i / 500).arg(i));
            request.directory = m_bed->downloads();
            requests.append(request);
        }
        clock.start();
        m_client->add(requests);
        // What the GUI thread spends on a pasted list of this size, the client's part included.
        qInfo("adding %d items, on the calling thread: %lld ms", Count, clock.elapsed());
        store.flush();
        qInfo("journaling %d adds: %lld ms", Count, clock.elapsed());
    }
    clock.start();
    const QList<TransferRecord> records = SessionStore::load(m_sessionDir->path());
    qInfo("loading %d items from the journal: %lld ms", Count, clock.elapsed());
    QCOMPARE(records.size(), Count);

    startEngine();
    m_client->stopAll();
    SessionStore again(m_sessionDir->path());
    clock.start();
    QCOMPARE(again.restoreInto(m_client.get()), Count);
    qInfo(
        "restoring %d items (load + hand-over + snapshot queued): %lld ms", Count, clock.elapsed());
    clock.start();
    again.flush();
    qInfo("writing the %d-item snapshot: %lld ms", Count, clock.elapsed());
    clock.start();
    QCOMPARE(SessionStore::load(m_sessionDir->path()).size(), Count);
    qInfo("loading %d items from the snapshot: %lld ms (%lld bytes)",
          Count,
          clock.elapsed(),
          QFileInfo(QDir(m_sessionDir->path()).filePath(u"session.dat"_s)).size());
}

QTEST_GUILESS_MAIN(TestSessionStore)
#include "tst_sessionstore.moc"
