#include "ui/launchrequest.h"

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

QTEST_GUILESS_MAIN(TestLaunchRequest)
#include "tst_launchrequest.moc"
