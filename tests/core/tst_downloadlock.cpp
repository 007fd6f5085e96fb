#include "core/downloadlock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <memory>
#include <vector>

using namespace Ferry;
using namespace Qt::StringLiterals;

class TestDownloadLock : public QObject
{
    Q_OBJECT

private slots:
    void tryLock_secondHolder_isRefusedUntilReleased();
    void tryLock_otherKeys_doNotConflict();
    void tryLock_heldByAnotherProcess_isRefused();
    void tryLock_unusableFolder_fails();
    void release_keepsTheProcessesOtherLocks();

private:
    // What another process gets for `key` in `path`: true if it could lock it.
    static bool otherProcessCanLock(const QString &path, const QString &key);
};

bool TestDownloadLock::otherProcessCanLock(const QString &path, const QString &key)
{
    QProcess other;
    QSignalSpy finished(&other, &QProcess::finished);
    other.start(QCoreApplication::applicationFilePath(), {u"-holdlock"_s, path, key});
    if (!finished.wait(10000) || other.exitStatus() != QProcess::NormalExit)
        qFatal("the -holdlock process did not finish");
    if (other.exitCode() != 0 && other.exitCode() != 3)
        qFatal("the -holdlock process failed");
    return other.exitCode() == 0; // 3: refused
}

void TestDownloadLock::tryLock_secondHolder_isRefusedUntilReleased()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"locks"_s);
    auto first = std::make_unique<DownloadLock>(path, "a");
    QCOMPARE(first->tryLock(), DownloadLock::Outcome::Locked);
    DownloadLock second(path, "a");
    QCOMPARE(second.tryLock(), DownloadLock::Outcome::Taken);
    first.reset();
    DownloadLock third(path, "a");
    QCOMPARE(third.tryLock(), DownloadLock::Outcome::Locked);
    // One shared file, whatever the number of downloads: nothing per download is left behind.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{u"locks"_s});
}

void TestDownloadLock::tryLock_otherKeys_doNotConflict()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"locks"_s);
    std::vector<std::unique_ptr<DownloadLock>> held;
    for (int i = 0; i < 1000; ++i) {
        held.push_back(std::make_unique<DownloadLock>(path, QByteArray::number(i)));
        QVERIFY2(held.back()->tryLock() == DownloadLock::Outcome::Locked,
                 qPrintable(QString::number(i)));
    }
    DownloadLock again(path, "500");
    QCOMPARE(again.tryLock(), DownloadLock::Outcome::Taken);
}

void TestDownloadLock::tryLock_heldByAnotherProcess_isRefused()
{
    // The same download from another process (ferry-cli twice: see app.cli's
    // concurrentRuns_secondLeavesThePartAlone); here this test binary again, in its -holdlock
    // mode, since flock(1) cannot take the byte-range lock.
#ifndef Q_OS_UNIX
    QSKIP("Unix only");
#endif
    QTemporaryDir dir;
    const QString path = dir.filePath(u"locks"_s);
    auto mine = std::make_unique<DownloadLock>(path, "k");
    QCOMPARE(mine->tryLock(), DownloadLock::Outcome::Locked);
    // Another process opening the same file gets its own open file description: refused.
    QVERIFY(!otherProcessCanLock(path, u"k"_s));
    mine.reset();
    QVERIFY(otherProcessCanLock(path, u"k"_s));
}

void TestDownloadLock::tryLock_unusableFolder_fails()
{
    DownloadLock lock(u"/nonexistent/folder/locks"_s, "k");
    QCOMPARE(lock.tryLock(), DownloadLock::Outcome::Unavailable);
}

void TestDownloadLock::release_keepsTheProcessesOtherLocks()
{
    // The process's locks of one file share one descriptor: releasing one must neither drop
    // the others nor leave its own byte locked.
#ifndef Q_OS_UNIX
    QSKIP("Unix only");
#endif
    QTemporaryDir dir;
    const QString path = dir.filePath(u"locks"_s);
    auto a = std::make_unique<DownloadLock>(path, "a");
    auto b = std::make_unique<DownloadLock>(path, "b");
    QCOMPARE(a->tryLock(), DownloadLock::Outcome::Locked);
    QCOMPARE(b->tryLock(), DownloadLock::Outcome::Locked);
    QVERIFY(!otherProcessCanLock(path, u"a"_s));
    a.reset();
    QVERIFY(otherProcessCanLock(path, u"a"_s));
    QVERIFY(!otherProcessCanLock(path, u"b"_s));
    DownloadLock again(path, "b");
    QCOMPARE(again.tryLock(), DownloadLock::Outcome::Taken); // by this process, through `b`
    b.reset();
    QVERIFY(otherProcessCanLock(path, u"b"_s));
    // Reopened after the last holder let go.
    DownloadLock later(path, "a");
    QCOMPARE(later.tryLock(), DownloadLock::Outcome::Locked);
    QVERIFY(!otherProcessCanLock(path, u"a"_s));
}

// `tst_downloadlock -holdlock FILE KEY`: exits 0 if it could take the lock, 3 if not.
int main(int argc, char **argv)
{
    if (argc == 4 && std::strcmp(argv[1], "-holdlock") == 0) {
        DownloadLock lock(QString::fromLocal8Bit(argv[2]), QByteArray(argv[3]));
        return lock.tryLock() == DownloadLock::Outcome::Locked ? 0 : 3;
    }
    QCoreApplication app(argc, argv);
    TestDownloadLock test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_downloadlock.moc"
