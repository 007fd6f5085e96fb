#include "ui/launchrequest.h"

#include <QDataStream>
#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestLaunchRequest : public QObject
{
    Q_OBJECT

private slots:
    void fromArguments_urlsAndLists();
    void fromArguments_add_asksForTheAddDialog();
    void fromArguments_badArguments_reported();
    void encodeDecode_roundTrip();
    void decode_garbage_refused();
    void decode_urlFromArgumentsWouldRefuse_refused_data();
    void decode_urlFromArgumentsWouldRefuse_refused();
    void decode_hugeCountClaimed_refusedWithoutAllocating_data();
    void decode_hugeCountClaimed_refusedWithoutAllocating();
};

void TestLaunchRequest::fromArguments_urlsAndLists()
{
    const LaunchRequest request = LaunchRequest::fromArguments(
        {u"https://a.example/1"_s, u"-i"_s, u"lists/a.txt"_s, u"--input-file=/abs/b.txt"_s},
        u"/home/u"_s);
    QCOMPARE(request.urls, QList<QUrl>{QUrl(u"https://a.example/1"_s)});
    QCOMPARE(request.listFiles, (QStringList{u"/home/u/lists/a.txt"_s, u"/abs/b.txt"_s}));
    QVERIFY(request.problems.isEmpty());
    QVERIFY(!request.isEmpty());
    QVERIFY(LaunchRequest::fromArguments({}, u"/"_s).isEmpty());
}

void TestLaunchRequest::fromArguments_add_asksForTheAddDialog()
{
    const LaunchRequest request = LaunchRequest::fromArguments({u"--add"_s}, u"/"_s);
    QVERIFY(request.showAddDialog);
    QVERIFY(request.problems.isEmpty());
    QVERIFY(!request.isEmpty()); // a running Ferry must act on it, not just raise its window
    QVERIFY(!LaunchRequest::fromArguments({u"--minimized"_s}, u"/"_s).showAddDialog);
}

void TestLaunchRequest::fromArguments_badArguments_reported()
{
    const LaunchRequest request =
        LaunchRequest::fromArguments({u"ftp://x/y"_s, u"--bogus"_s, u"-i"_s}, u"/"_s);
    QVERIFY(request.isEmpty());
    QCOMPARE(request.problems.size(), 3);
}

void TestLaunchRequest::encodeDecode_roundTrip()
{
    LaunchRequest request;
    request.urls = {QUrl(u"https://a.example/%E4%B8%AD.zip?x=1"_s)};
    request.listFiles = {u"/tmp/l.txt"_s};
    request.startMinimized = true;
    request.showAddDialog = true;
    const std::optional<LaunchRequest> back = LaunchRequest::decode(request.encode());
    QVERIFY(back);
    QCOMPARE(back->urls, request.urls);
    QCOMPARE(back->listFiles, request.listFiles);
    QCOMPARE(back->startMinimized, true);
    QCOMPARE(back->showAddDialog, true);
}

void TestLaunchRequest::decode_garbage_refused()
{
    QVERIFY(!LaunchRequest::decode("hello"));
    QVERIFY(!LaunchRequest::decode({}));
}

void TestLaunchRequest::decode_urlFromArgumentsWouldRefuse_refused_data()
{
    // Found by fuzz_launchrequest: decode() took any bytes as a URL, so an invalid one reached
    // the running Ferry and did not even survive being handed on (it encodes to nothing).
    QTest::addColumn<QByteArray>("url");
    QTest::newRow("NUL bytes") << QByteArray("https://FEER\0\0y=%20#z", 21);
    QTest::newRow("not http") << "ftp://example.org/a"_ba;
    QTest::newRow("no host") << "http:///a"_ba;
    QTest::newRow("empty") << QByteArray();
}

void TestLaunchRequest::decode_urlFromArgumentsWouldRefuse_refused()
{
    QFETCH(QByteArray, url);
    QByteArray message;
    QDataStream out(&message, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_4);
    out << quint32(0x46455231) << QList<QByteArray>{"https://example.org/ok"_ba, url}
        << QStringList() << false;
    QVERIFY(!LaunchRequest::decode(message));
}

void TestLaunchRequest::decode_hugeCountClaimed_refusedWithoutAllocating_data()
{
    // Found by fuzz_launchrequest: any local process may write to the hand-off socket, and a
    // list that claims 4 billion elements made decode() reserve ~96 GiB up front (bad_alloc,
    // the running Ferry gone).
    QTest::addColumn<QByteArray>("message");
    const QByteArray magic = QByteArray::fromHex("46455231");
    QTest::newRow("urls") << magic + QByteArray::fromHex("fffffff0") + "tail";
    QTest::newRow("list files") << magic + QByteArray::fromHex("00000000fffffff0");
    QTest::newRow("more than the bytes left")
        << magic + QByteArray::fromHex("00000003") + QByteArray::fromHex("00000000") + "\x01";
}

void TestLaunchRequest::decode_hugeCountClaimed_refusedWithoutAllocating()
{
    QFETCH(QByteArray, message);
    QVERIFY(!LaunchRequest::decode(message));
}

QTEST_GUILESS_MAIN(TestLaunchRequest)
#include "tst_launchrequest.moc"
