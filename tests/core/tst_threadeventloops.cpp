#include "core/threadeventloops.h"

#include <QAbstractEventDispatcher>
#include <QTest>
#include <QThread>

using namespace Ferry;

namespace {

// The class name of the event dispatcher a thread started now gets.
QByteArray dispatcherOfNewThread()
{
    QThread thread;
    QByteArray name;
    QObject::connect(&thread, &QThread::started, [&thread, &name] {
        name = QThread::currentThread()->eventDispatcher()->metaObject()->className();
        thread.quit();
    });
    thread.start();
    thread.wait();
    return name;
}

} // namespace

class TestThreadEventLoops : public QObject
{
    Q_OBJECT

private slots:
    void preferQtEventLoops_newThreadsRunQtsLoop_mainThreadKeepsItsOwn();
};

void TestThreadEventLoops::preferQtEventLoops_newThreadsRunQtsLoop_mainThreadKeepsItsOwn()
{
    if (qEnvironmentVariableIsSet("QT_NO_GLIB") || qEnvironmentVariableIsSet("QT_NO_THREADED_GLIB"))
        QSKIP("the environment already chose the event loops");
    const QByteArray mainLoop =
        QThread::currentThread()->eventDispatcher()->metaObject()->className();
    // Debian's Qt is built with GLib: threads get its loop unless told otherwise.
    QCOMPARE(dispatcherOfNewThread(), QByteArray("QEventDispatcherGlib"));

    ThreadEventLoops::preferQtEventLoops();
    QCOMPARE(dispatcherOfNewThread(), QByteArray("QEventDispatcherUNIX"));
    QCOMPARE(QThread::currentThread()->eventDispatcher()->metaObject()->className(), mainLoop);
    qunsetenv("QT_NO_THREADED_GLIB");
}

QTEST_GUILESS_MAIN(TestThreadEventLoops)
#include "tst_threadeventloops.moc"
