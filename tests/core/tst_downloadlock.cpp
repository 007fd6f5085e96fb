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
};

void TestDownloadLock::tryLock_secondHolder_isRefusedUntilReleased()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"locks"_s);
    auto first = std::make_unique<DownloadLock>(path, "a");
    QVERIFY(first->tryLock());
    DownloadLock second(path, "a");
    QVERIFY(!second.tryLock());
    first.reset();
    DownloadLock third(path, "a");
    QVERIFY(third.tryLock());
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
        QVERIFY2(held.back()->tryLock(), qPrintable(QString::number(i)));
    }
    DownloadLock again(path, "500");
    QVERIFY(!again.tryLock());
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
    QVERIFY(mine->tryLock());
    // Another process opening the same file gets its own open file description: refused.
    QProcess other;
    QSignalSpy finished(&other, &QProcess::finished);
    other.start(QCoreApplication::applicationFilePath(), {u"-holdlock"_s, path, u"k"_s});
    QVERIFY(finished.wait(10000));
    QCOMPARE(other.exitCode(), 3); // "refused"
    mine.reset();
    other.start(QCoreApplication::applicationFilePath(), {u"-holdlock"_s, path, u"k"_s});
    QVERIFY(finished.wait(10000));
    QCOMPARE(other.exitCode(), 0); // "taken"
}

void TestDownloadLock::tryLock_unusableFolder_fails()
{
    DownloadLock lock(u"/nonexistent/folder/locks"_s, "k");
    QVERIFY(!lock.tryLock());
}

// `tst_downloadlock -holdlock FILE KEY`: exits 0 if it could take the lock, 3 if not.
int main(int argc, char **argv)
{
    if (argc == 4 && std::strcmp(argv[1], "-holdlock") == 0) {
        DownloadLock lock(QString::fromLocal8Bit(argv[2]), QByteArray(argv[3]));
        return lock.tryLock() ? 0 : 3;
    }
    QCoreApplication app(argc, argv);
    TestDownloadLock test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_downloadlock.moc"
