#include "core/connectionpool.h"
#include "core/http1accessmanager.h"

#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

const QString HostA = u"a.example"_s;
const QString HostB = u"b.example"_s;

} // namespace

class TestConnectionPool : public QObject
{
    Q_OBJECT

private slots:
    void construct_capBelowOne_clampedToOne_data();
    void construct_capBelowOne_clampedToOne();
    void acquire_upToCap_thenNull_data();
    void acquire_upToCap_thenNull();
    void acquire_perHost_countsSeparately();
    void acquire_managersShared_acrossHosts();
    void release_freesSlot_andEmitsReleased();
    void release_fillsFirstManagerAgain();
    void release_unknownOrSurplus_isIgnored();
    void release_surplusOnIdleManager_whileHostBusy_isIgnored();
    void setMaxPerHost_grow_emitsReleasedAndAllowsMore();
    void setMaxPerHost_shrink_keepsSlotsInUse();
    void smallAnswers_getManagersOfTheirOwn_untilABigOne();
    void oftenAnsweringHost_getsOwnHttp_unlessProxied();
};

void TestConnectionPool::construct_capBelowOne_clampedToOne_data()
{
    QTest::addColumn<int>("requested");
    QTest::addColumn<int>("expected");
    QTest::newRow("negative") << -5 << 1;
    QTest::newRow("zero") << 0 << 1;
    QTest::newRow("one") << 1 << 1;
    QTest::newRow("sixty-four") << 64 << 64;
}

void TestConnectionPool::construct_capBelowOne_clampedToOne()
{
    QFETCH(int, requested);
    QFETCH(int, expected);

    ConnectionPool pool(requested);
    QCOMPARE(pool.maxPerHost(), expected);
    pool.setMaxPerHost(requested);
    QCOMPARE(pool.maxPerHost(), expected);
    QVERIFY(pool.acquire(HostA));
}

void TestConnectionPool::acquire_upToCap_thenNull_data()
{
    QTest::addColumn<int>("cap");
    QTest::addColumn<int>("managers"); // distinct managers the cap's slots need

    QTest::newRow("1") << 1 << 1;
    QTest::newRow("6: one manager") << 6 << 1;
    QTest::newRow("7: a second manager") << 7 << 2;
    QTest::newRow("12") << 12 << 2;
    QTest::newRow("13") << 13 << 3;
    QTest::newRow("64") << 64 << 11;
}

void TestConnectionPool::acquire_upToCap_thenNull()
{
    QFETCH(int, cap);
    QFETCH(int, managers);

    ConnectionPool pool(cap);
    QHash<QNetworkAccessManager *, int> perManager;
    QList<QNetworkAccessManager *> order;
    for (int i = 0; i < cap; ++i) {
        QVERIFY(pool.hasRoom(HostA));
        QNetworkAccessManager *network = pool.acquire(HostA);
        QVERIFY(network);
        QCOMPARE(network->parent(), &pool);
        QVERIFY(!network->autoDeleteReplies()); // the connections release their replies
        if (!perManager.contains(network))
            order.append(network);
        ++perManager[network];
        QCOMPARE(pool.inUse(HostA), i + 1);
    }
    QVERIFY(!pool.hasRoom(HostA));
    QCOMPARE(pool.acquire(HostA), nullptr);
    QCOMPARE(pool.inUse(HostA), cap);

    // Filled in order, never more than Qt's six per host on one manager.
    QCOMPARE(int(order.size()), managers);
    for (qsizetype i = 0; i < order.size(); ++i) {
        const int expected = i + 1 < order.size()
                                 ? ConnectionPool::ConnectionsPerManager
                                 : cap - int(i) * ConnectionPool::ConnectionsPerManager;
        QCOMPARE(perManager.value(order.at(i)), expected);
    }
}

void TestConnectionPool::acquire_perHost_countsSeparately()
{
    ConnectionPool pool(2);
    QVERIFY(pool.acquire(HostA));
    QVERIFY(pool.acquire(HostA));
    QCOMPARE(pool.acquire(HostA), nullptr);
    QVERIFY(pool.hasRoom(HostB));
    QCOMPARE(pool.inUse(HostB), 0);
    QVERIFY(pool.acquire(HostB));
    QCOMPARE(pool.inUse(HostA), 2);
    QCOMPARE(pool.inUse(HostB), 1);
}

void TestConnectionPool::acquire_managersShared_acrossHosts()
{
    ConnectionPool pool(6);
    QNetworkAccessManager *first = pool.acquire(HostA);
    for (int i = 1; i < 6; ++i)
        QCOMPARE(pool.acquire(HostA), first);
    // Host A's six sockets do not crowd host B: Qt's limit is per host.
    QCOMPARE(pool.acquire(HostB), first);
}

void TestConnectionPool::release_freesSlot_andEmitsReleased()
{
    ConnectionPool pool(1);
    QSignalSpy released(&pool, &ConnectionPool::released);
    QNetworkAccessManager *network = pool.acquire(HostA);
    QVERIFY(network);
    QCOMPARE(released.count(), 0);
    QVERIFY(!pool.hasRoom(HostA));

    pool.release(HostA, network);
    QCOMPARE(released.count(), 1);
    QCOMPARE(pool.inUse(HostA), 0);
    QVERIFY(pool.hasRoom(HostA));
    QCOMPARE(pool.acquire(HostA), network);
}

void TestConnectionPool::release_fillsFirstManagerAgain()
{
    ConnectionPool pool(8);
    QList<QNetworkAccessManager *> held;
    for (int i = 0; i < 8; ++i)
        held.append(pool.acquire(HostA));
    QNetworkAccessManager *first = held.first();
    QNetworkAccessManager *second = held.last();
    QVERIFY(first != second);
    QCOMPARE(held.count(first), ConnectionPool::ConnectionsPerManager);

    pool.release(HostA, first);
    QCOMPARE(pool.inUse(HostA), 7);
    // The freed slot on the first manager is taken before the second gets a third request.
    QCOMPARE(pool.acquire(HostA), first);
    QCOMPARE(pool.acquire(HostA), nullptr);

    pool.release(HostA, second);
    QCOMPARE(pool.acquire(HostA), second); // the first is full again
}

void TestConnectionPool::release_unknownOrSurplus_isIgnored()
{
    ConnectionPool pool(2);
    QSignalSpy released(&pool, &ConnectionPool::released);
    QNetworkAccessManager stranger;
    QNetworkAccessManager *network = pool.acquire(HostA);

    pool.release(HostA, &stranger); // not ours
    pool.release(HostB, network);   // nothing taken for that host
    pool.release(HostA, nullptr);   // nothing at all
    QCOMPARE(released.count(), 0);
    QCOMPARE(pool.inUse(HostA), 1);

    pool.release(HostA, network);
    QCOMPARE(released.count(), 1);
    pool.release(HostA, network); // twice: must not go below zero or make room for an extra
    QCOMPARE(released.count(), 1);
    QCOMPARE(pool.inUse(HostA), 0);
    QVERIFY(pool.acquire(HostA));
    QVERIFY(pool.acquire(HostA));
    QCOMPARE(pool.acquire(HostA), nullptr);
}

void TestConnectionPool::release_surplusOnIdleManager_whileHostBusy_isIgnored()
{
    ConnectionPool pool(7);
    QList<QNetworkAccessManager *> held;
    for (int i = 0; i < 7; ++i)
        held.append(pool.acquire(HostA));
    QNetworkAccessManager *second = held.last();
    QVERIFY(second != held.first());
    QSignalSpy released(&pool, &ConnectionPool::released);

    pool.release(HostA, second);
    QCOMPARE(pool.inUse(HostA), 6);
    // The host still holds six slots on the first manager; the second has none left to free.
    pool.release(HostA, second);
    QCOMPARE(released.count(), 1);
    QCOMPARE(pool.inUse(HostA), 6);
    QVERIFY(pool.acquire(HostA));
    QCOMPARE(pool.acquire(HostA), nullptr);
}

void TestConnectionPool::setMaxPerHost_grow_emitsReleasedAndAllowsMore()
{
    ConnectionPool pool(1);
    QSignalSpy released(&pool, &ConnectionPool::released);
    QVERIFY(pool.acquire(HostA));
    QCOMPARE(pool.acquire(HostA), nullptr);

    pool.setMaxPerHost(3);
    QCOMPARE(released.count(), 1); // waiting requests may go now
    QCOMPARE(pool.maxPerHost(), 3);
    QVERIFY(pool.acquire(HostA));
    QVERIFY(pool.acquire(HostA));
    QCOMPARE(pool.acquire(HostA), nullptr);

    pool.setMaxPerHost(3);
    QCOMPARE(released.count(), 1); // no change, no signal
}

void TestConnectionPool::setMaxPerHost_shrink_keepsSlotsInUse()
{
    ConnectionPool pool(4);
    QSignalSpy released(&pool, &ConnectionPool::released);
    QList<QNetworkAccessManager *> taken;
    for (int i = 0; i < 4; ++i)
        taken.append(pool.acquire(HostA));

    pool.setMaxPerHost(2);
    QCOMPARE(released.count(), 0);
    QCOMPARE(pool.inUse(HostA), 4); // never revoked
    QVERIFY(!pool.hasRoom(HostA));

    pool.release(HostA, taken.takeLast());
    pool.release(HostA, taken.takeLast());
    QCOMPARE(pool.inUse(HostA), 2);
    QCOMPARE(pool.acquire(HostA), nullptr); // still at the new cap
    pool.release(HostA, taken.takeLast());
    QVERIFY(pool.acquire(HostA));
}

void TestConnectionPool::smallAnswers_getManagersOfTheirOwn_untilABigOne()
{
    ConnectionPool pool(16);
    pool.setOwnHttpEnabled(false); // which would carry such a host's plain HTTP itself
    const QString host = u"files.example.org"_s;
    const auto buffers = [](QNetworkAccessManager *network) {
        const QList<QNetworkProxy> told = network->proxyFactory()->queryProxy(
            QNetworkProxyQuery(QUrl(u"http://files.example.org/a"_s)));
        return told.value(0).type() == QNetworkProxy::DefaultProxy;
    };
    QNetworkAccessManager *first = pool.acquire(host);
    QVERIFY(!buffers(first));
    for (int i = 0; i < AnswerSizes::SmallInARow; ++i)
        pool.noteAnswerSize(host, 32 << 10);
    QNetworkAccessManager *small = pool.acquire(host);
    QVERIFY(small != first);
    QVERIFY(buffers(small));
    QCOMPARE(pool.inUse(host), 2);
    // Another host is not affected, and shares the first manager.
    QCOMPARE(pool.acquire(u"other.example.org"_s), first);

    pool.noteAnswerSize(host, 64 << 20);
    QNetworkAccessManager *big = pool.acquire(host);
    QCOMPARE(big, first);
    pool.release(host, small);
    pool.release(host, big);
    pool.release(host, first);
    QCOMPARE(pool.inUse(host), 0);
}

void TestConnectionPool::oftenAnsweringHost_getsOwnHttp_unlessProxied()
{
    ConnectionPool pool(16);
    ProxySettings direct;
    direct.mode = ProxySettings::Mode::None;
    pool.setProxySettings(direct);
    const QString host = u"files.example.org"_s;
    QNetworkAccessManager *first = pool.acquire(host);
    QVERIFY(!qobject_cast<Http1AccessManager *>(first));
    for (int i = 0; i < AnswerSizes::OftenAnswers - 1; ++i)
        pool.noteAnswerSize(host, 64 << 20);
    QVERIFY(!pool.usesOwnHttp(host));
    pool.noteAnswerSize(host, 64 << 20);
    QVERIFY(pool.usesOwnHttp(host));
    // More slots than one Qt manager holds, all on the one manager with its own HTTP.
    QList<QNetworkAccessManager *> own;
    for (int i = 0; i < ConnectionPool::ConnectionsPerManager + 2; ++i)
        own.append(pool.acquire(host, true));
    QVERIFY(qobject_cast<Http1AccessManager *>(own.first()));
    QCOMPARE(QSet<QNetworkAccessManager *>(own.cbegin(), own.cend()).size(), 1);
    QCOMPARE(pool.inUse(host), ConnectionPool::ConnectionsPerManager + 3);
    QVERIFY(!pool.usesOwnHttp(u"other.example.org"_s));
    // An https:// request to the same host goes through Qt.
    QNetworkAccessManager *secure = pool.acquire(host, false);
    QVERIFY(!qobject_cast<Http1AccessManager *>(secure));
    pool.release(host, secure);
    for (QNetworkAccessManager *network : std::as_const(own))
        pool.release(host, network);
    pool.release(host, first);
    QCOMPARE(pool.inUse(host), 0);

    // Through a proxy, Qt carries it.
    ProxySettings proxied;
    proxied.mode = ProxySettings::Mode::Manual;
    proxied.httpProxy = QUrl(u"http://127.0.0.1:3128"_s);
    pool.setProxySettings(proxied);
    QVERIFY(!pool.usesOwnHttp(host));
    QNetworkAccessManager *viaProxy = pool.acquire(host, true);
    QVERIFY(!qobject_cast<Http1AccessManager *>(viaProxy));
    pool.release(host, viaProxy);
}

QTEST_GUILESS_MAIN(TestConnectionPool)
#include "tst_connectionpool.moc"
