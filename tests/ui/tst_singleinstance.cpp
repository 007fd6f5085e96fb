#include "ui/singleinstance.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestSingleInstance : public QObject
{
    Q_OBJECT

private slots:
    void handOff_noneRunning_reportsNoInstance();
    void handOff_toListeningInstance_deliversRequest();
    void listen_overStaleSocket_takesItOver();
};

void TestSingleInstance::handOff_noneRunning_reportsNoInstance()
{
    QTemporaryDir dir;
    SingleInstance second(dir.filePath(u"ferry.socket"_s));
    QSignalSpy none(&second, &SingleInstance::noInstance);
    QSignalSpy taken(&second, &SingleInstance::handedOff);
    second.handOff({});
    QTRY_COMPARE(none.size(), 1);
    QCOMPARE(taken.size(), 0);
}

void TestSingleInstance::handOff_toListeningInstance_deliversRequest()
{
    QTemporaryDir dir;
    const QString name = dir.filePath(u"ferry.socket"_s);
    SingleInstance first(name);
    QVERIFY(first.listen());
    QSignalSpy received(&first, &SingleInstance::requestReceived);

    SingleInstance second(name);
    QSignalSpy taken(&second, &SingleInstance::handedOff);
    QSignalSpy none(&second, &SingleInstance::noInstance);
    LaunchRequest request;
    request.urls = {QUrl(u"https://a.example/1"_s), QUrl(u"https://a.example/2"_s)};
    request.listFiles = {u"/tmp/list.txt"_s};
    second.handOff(request);
    QTRY_COMPARE(taken.size(), 1);
    QTRY_COMPARE(received.size(), 1);
    QCOMPARE(none.size(), 0);
    const auto got = received.at(0).at(0).value<LaunchRequest>();
    QCOMPARE(got.urls, request.urls);
    QCOMPARE(got.listFiles, request.listFiles);

    // An empty request ("ferry" alone) arrives too: the window is raised for it.
    SingleInstance third(name);
    QSignalSpy thirdTaken(&third, &SingleInstance::handedOff);
    third.handOff({});
    QTRY_COMPARE(thirdTaken.size(), 1);
    QTRY_COMPARE(received.size(), 2);
    QVERIFY(received.at(1).at(0).value<LaunchRequest>().isEmpty());
}

void TestSingleInstance::listen_overStaleSocket_takesItOver()
{
    QTemporaryDir dir;
    const QString name = dir.filePath(u"ferry.socket"_s);
    {
        QFile stale(name); // what a killed instance leaves behind
        QVERIFY(stale.open(QIODevice::WriteOnly));
    }
    SingleInstance first(name);
    QVERIFY(first.listen());
    SingleInstance second(name);
    QSignalSpy taken(&second, &SingleInstance::handedOff);
    second.handOff({});
    QTRY_COMPARE(taken.size(), 1);
}

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
