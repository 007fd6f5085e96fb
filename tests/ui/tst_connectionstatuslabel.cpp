#include "core/aria2client.h"
#include "core/aria2rpc.h"
#include "tests/support/aria2daemon.h"
#include "tests/support/generateddata.h"
#include "tests/support/testhttpserver.h"
#include "ui/connectionstatuslabel.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/transferlistmodel.h"

#include <QDir>
#include <QLabel>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = 30000;
constexpr qint64 MiB = 1024 * 1024;

} // namespace

// The window on a remote aria2 engine: the same list and progress as on the own engine, and the
// status bar's word on the connection.
class TestConnectionStatusLabel : public QObject
{
    Q_OBJECT

private slots:
    void describe_saysEachState();
    void window_onRemoteEngine_showsItemProgressAndConnection();

private:
    QLabel *statusLabel(MainWindow *window) const
    {
        return window->findChild<QLabel *>(u"connectionStatus"_s);
    }
};

void TestConnectionStatusLabel::describe_saysEachState()
{
    QVERIFY(ConnectionStatusLabel::describe(ConnectionState::Local, u"nas"_s).isEmpty());
    QSet<QString> texts;
    for (const ConnectionState state : {ConnectionState::Connecting,
                                        ConnectionState::Connected,
                                        ConnectionState::Lost,
                                        ConnectionState::WrongSecret}) {
        const QString text = ConnectionStatusLabel::describe(state, u"nas"_s);
        QVERIFY(text.contains(u"nas"_s));
        texts.insert(text);
    }
    QCOMPARE(texts.size(), 4);
}

void TestConnectionStatusLabel::window_onRemoteEngine_showsItemProgressAndConnection()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    TestHttpServer server;
    QVERIFY(server.listen());
    const qint64 size = 6 * MiB;
    server.addGeneratedFile(u"/remote.iso"_s, size, 21);
    server.setThrottle(u"/remote.iso"_s, 1 * MiB);
    Aria2Daemon daemon(dir.path());
    QVERIFY2(daemon.start(), qPrintable(daemon.errorString()));

    Aria2Client client(Aria2Endpoint{u"127.0.0.1"_s, daemon.port(), daemon.secret()});
    client.setPollInterval(200);
    client.setUseRequestDirectory(false); // the daemon's --dir, as the app does
    Settings settings(dir.filePath(u"ferry.ini"_s));
    QThreadPool workers;
    MainWindow window(&client, &settings, &workers);
    window.statusBar()->addPermanentWidget(
        new ConnectionStatusLabel(&client, u"Home NAS"_s, &window));
    window.resize(1000, 420);
    window.show();
    QVERIFY(statusLabel(&window));
    client.open();
    QTRY_COMPARE_WITH_TIMEOUT(
        statusLabel(&window)->text(),
        ConnectionStatusLabel::describe(ConnectionState::Connected, u"Home NAS"_s),
        Patience);

    TransferRequest request;
    request.url = server.url(u"/remote.iso"_s);
    request.directory = u"/nonexistent-local-folder"_s; // must not reach the daemon
    const TransferId id = client.add({request}).first();
    TransferListModel *model = window.model();
    QTRY_VERIFY_WITH_TIMEOUT(model->rowOf(id) >= 0, Patience);
    QCOMPARE(model->rowCount(), 1);
    // Progress in the list while aria2 fetches.
    QTRY_VERIFY_WITH_TIMEOUT(model->snapshotAt(model->rowOf(id)).state == TransferState::Active
                                 && model->snapshotAt(model->rowOf(id)).bytesDone > size / 6,
                             Patience);
    const QString shot = qEnvironmentVariable("FERRY_SCREENSHOT_DIR");
    if (!shot.isEmpty())
        QVERIFY(window.grab().save(QDir(shot).filePath(u"remote-engine.png"_s)));

    QTRY_COMPARE_WITH_TIMEOUT(
        model->snapshotAt(model->rowOf(id)).state, TransferState::Completed, Patience);
    const TransferSnapshot done = model->snapshotAt(model->rowOf(id));
    QCOMPARE(done.filePath, QDir(dir.path()).filePath(u"remote.iso"_s));
    QCOMPARE(firstDifferenceFromGenerated(done.filePath, size, 21), qint64(-1));
    QCOMPARE(model->rowCount(), 1);

    // The daemon goes away: the status bar says so, the row stays.
    daemon.kill();
    QTRY_COMPARE_WITH_TIMEOUT(statusLabel(&window)->text(),
                              ConnectionStatusLabel::describe(ConnectionState::Lost, u"Home NAS"_s),
                              Patience);
    QCOMPARE(model->rowCount(), 1);
}

QTEST_MAIN(TestConnectionStatusLabel)
#include "tst_connectionstatuslabel.moc"
