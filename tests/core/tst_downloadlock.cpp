#include "core/downloadlock.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestDownloadLock : public QObject
{
    Q_OBJECT

private slots:
    void tryLock_secondHolder_isRefusedUntilReleased();
    void tryLock_heldByAnotherProcess_isRefused();
};

void TestDownloadLock::tryLock_secondHolder_isRefusedUntilReleased()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"x.lock"_s);
    auto first = std::make_unique<DownloadLock>(path);
    QVERIFY(first->tryLock());
    DownloadLock second(path);
    QVERIFY(!second.tryLock());
    first.reset();
    QVERIFY(!QFile::exists(path)); // released locks leave nothing behind
    DownloadLock third(path);
    QVERIFY(third.tryLock());
}

void TestDownloadLock::tryLock_heldByAnotherProcess_isRefused()
{
#ifndef Q_OS_UNIX
    QSKIP("flock(1) is a Unix tool");
#endif
    QTemporaryDir dir;
    const QString path = dir.filePath(u"x.lock"_s);
    // flock(1) from util-linux holds the lock while its child runs.
    QProcess holder;
    QSignalSpy told(&holder, &QProcess::readyReadStandardOutput);
    QSignalSpy finished(&holder, &QProcess::finished);
    holder.start(u"flock"_s, {path, u"sh"_s, u"-c"_s, u"echo held; read line"_s});
    QVERIFY(told.wait(10000));
    DownloadLock mine(path);
    QVERIFY(!mine.tryLock());
    holder.write("\n");
    holder.closeWriteChannel();
    QVERIFY(finished.wait(10000));
    QVERIFY(mine.tryLock());
}

QTEST_GUILESS_MAIN(TestDownloadLock)
#include "tst_downloadlock.moc"
