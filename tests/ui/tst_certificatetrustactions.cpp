// "Trust This Certificate…" end to end: a real nginx over TLS with self-signed certificates the
// test makes, the engine, the window's model and the dialogs, offscreen.

#include "core/engine.h"
#include "core/engineclient.h"
#include "tests/support/generateddata.h"
#include "tests/support/nginxserver.h"
#include "tests/support/testcertificates.h"
#include "ui/certificatetrustactions.h"
#include "ui/certificatetrustdialog.h"
#include "ui/mainwindow.h"
#include "ui/settings.h"
#include "ui/transferlistmodel.h"
#include "ui/trustedcertificatesdialog.h"

#include <QAction>
#include <QCryptographicHash>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTreeWidget>
#include <QWidget>

#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = 30000;
constexpr qint64 Size = 300000;
constexpr quint32 Seed = 61;

QByteArray fingerprintOf(const QString &pemFile)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(pemFile);
    return certificates.isEmpty() ? QByteArray()
                                  : certificates.first().digest(QCryptographicHash::Sha256);
}

} // namespace

class TestCertificateTrustActions : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void failedCertificate_trusted_completesByteExact();
    void trusted_anotherCertificateOrHostStillFails();
    void removedInSettings_failsAgain();
    void cancelled_storesNothing();
    void window_offersItAndPassesTheTrustOn();

private:
    // Adds `url` and waits until it has finished; its row's snapshot.
    TransferSnapshot fetch(const QUrl &url);
    CertificateTrustDialog *waitForDialog();
    void applySettings();

    TestCertificates m_certificates;
    TestCertificates::Pair m_self;
    TestCertificates::Pair m_other;
    NginxServer m_server;      // serves m_self
    NginxServer m_otherServer; // serves m_other, also for 127.0.0.1
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<TransferClient> m_client;
    std::unique_ptr<TransferListModel> m_model;
    std::unique_ptr<QWidget> m_window;
    CertificateTrustActions *m_actions = nullptr; // child of m_window
    EngineOptions m_base;
};

void TestCertificateTrustActions::initTestCase()
{
    QVERIFY2(m_certificates.setUp(), qPrintable(m_certificates.errorString()));
    m_self = m_certificates.make(u"self"_s, u"IP:127.0.0.1,DNS:localhost"_s, true);
    m_other = m_certificates.make(u"other"_s, u"IP:127.0.0.1,DNS:localhost"_s, true);
    QVERIFY2(!m_self.certificate.isEmpty() && !m_other.certificate.isEmpty(),
             qPrintable(m_certificates.errorString()));
    QVERIFY(fingerprintOf(m_self.certificate) != fingerprintOf(m_other.certificate));
    QVERIFY(m_server.setCertificate(m_self.certificate, m_self.key));
    QVERIFY(m_otherServer.setCertificate(m_other.certificate, m_other.key));
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QVERIFY2(m_otherServer.start(), qPrintable(m_otherServer.errorString()));
    for (int i = 0; i < 4; ++i) {
        const QString name = u"file%1.bin"_s.arg(i);
        QVERIFY(m_server.writeGeneratedFile(name, Size, Seed + quint32(i)));
        QVERIFY(m_otherServer.writeGeneratedFile(name, Size, Seed + quint32(i)));
    }
}

void TestCertificateTrustActions::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<Settings>(m_dir->filePath(u"settings.ini"_s));
    m_settings->setDownloadDirectory(m_dir->filePath(u"downloads"_s));
    m_base.stateDirectory = m_dir->filePath(u"state"_s);
    m_base.retryWaitMs = 20;
    m_engine = std::make_unique<Engine>(m_settings->engineOptions(m_base));
    m_client = std::make_unique<EngineClient>(m_engine.get());
    m_model = std::make_unique<TransferListModel>();
    connect(m_client.get(),
            &TransferClient::transfersAdded,
            m_model.get(),
            &TransferListModel::handleTransfersAdded);
    connect(m_client.get(),
            &TransferClient::transfersChanged,
            m_model.get(),
            &TransferListModel::handleTransfersChanged);
    m_window = std::make_unique<QWidget>();
    m_actions = new CertificateTrustActions(
        m_model.get(), m_client.get(), m_settings.get(), m_window.get());
    // As app/gui/main.cpp does with the window's settingsChanged.
    connect(m_actions,
            &CertificateTrustActions::trustedCertificatesChanged,
            this,
            &TestCertificateTrustActions::applySettings);
}

void TestCertificateTrustActions::cleanup()
{
    m_window.reset();
    m_model.reset();
    m_client.reset();
    m_engine.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestCertificateTrustActions::applySettings()
{
    m_client->setOptions(m_settings->engineOptions(m_base));
}

TransferSnapshot TestCertificateTrustActions::fetch(const QUrl &url)
{
    TransferRequest request;
    request.url = url;
    request.directory = m_settings->downloadDirectory();
    const int row = m_model->rowCount();
    m_client->add({request});
    // A timeout leaves the row unfinished (or missing), which the callers' checks then catch.
    [[maybe_unused]] const bool finished = QTest::qWaitFor(
        [&] { return m_model->rowCount() > row && isFinished(m_model->snapshotAt(row).state); },
        Patience);
    return m_model->rowCount() > row ? m_model->snapshotAt(row) : TransferSnapshot{};
}

CertificateTrustDialog *TestCertificateTrustActions::waitForDialog()
{
    CertificateTrustDialog *dialog = nullptr;
    [[maybe_unused]] const bool shown = QTest::qWaitFor(
        [&] {
            dialog = m_window->findChild<CertificateTrustDialog *>();
            return dialog && dialog->isVisible();
        },
        Patience);
    return dialog;
}

void TestCertificateTrustActions::failedCertificate_trusted_completesByteExact()
{
    const TransferSnapshot failed = fetch(m_server.url(u"/file0.bin"_s));
    QCOMPARE(failed.state, TransferState::Failed);
    QCOMPARE(failed.error.kind, TransferError::Kind::Tls);
    QVERIFY(failed.error.hasUntrustedCertificate());

    m_actions->setSelection({});
    QVERIFY(!m_actions->trustAction()->isEnabled());
    m_actions->setSelection({failed.id});
    QVERIFY(m_actions->trustAction()->isEnabled());
    m_actions->trustAction()->trigger();
    CertificateTrustDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    // What the user compares before saying yes.
    const QByteArray expected = fingerprintOf(m_self.certificate);
    QCOMPARE(dialog->findChild<QLabel *>(u"host"_s)->text(), u"127.0.0.1"_s);
    QCOMPARE(dialog->findChild<QLabel *>(u"fingerprint"_s)->text(),
             QString::fromLatin1(expected.toHex(':').toUpper()));
    QVERIFY2(dialog->findChild<QLabel *>(u"problems"_s)
                 ->text()
                 .contains(u"self-signed"_s, Qt::CaseInsensitive),
             qPrintable(dialog->findChild<QLabel *>(u"problems"_s)->text()));
    QVERIFY(m_settings->trustedCertificates().isEmpty()); // nothing before the answer
    dialog->findChild<QPushButton *>(u"trust"_s)->click();

    QCOMPARE(m_settings->trustedCertificates().values(u"127.0.0.1"_s), QList<QByteArray>{expected});
    const int row = m_model->rowOf(failed.id);
    QTRY_COMPARE_WITH_TIMEOUT(m_model->snapshotAt(row).state, TransferState::Completed, Patience);
    const TransferSnapshot done = m_model->snapshotAt(row);
    QCOMPARE(firstDifferenceFromGenerated(done.filePath, Size, Seed), -1);
    QVERIFY(!m_actions->trustAction()->isEnabled());

    // Kept in the settings file, for the next start.
    Settings reread(m_dir->filePath(u"settings.ini"_s));
    QCOMPARE(reread.trustedCertificates().values(u"127.0.0.1"_s), QList<QByteArray>{expected});
}

void TestCertificateTrustActions::trusted_anotherCertificateOrHostStillFails()
{
    m_actions->trust(u"127.0.0.1"_s, fingerprintOf(m_self.certificate));
    QCOMPARE(fetch(m_server.url(u"/file0.bin"_s)).state, TransferState::Completed);

    // Another certificate on the same host: not the one trusted.
    const TransferSnapshot other = fetch(m_otherServer.url(u"/file1.bin"_s));
    QCOMPARE(other.state, TransferState::Failed);
    QCOMPARE(other.error.kind, TransferError::Kind::Tls);
    QCOMPARE(other.error.certificateSha256, fingerprintOf(m_other.certificate));

    // The trusted certificate, but for another host name: trusted for 127.0.0.1 only.
    QUrl viaName = m_server.url(u"/file2.bin"_s);
    viaName.setHost(u"localhost"_s);
    const TransferSnapshot named = fetch(viaName);
    QCOMPARE(named.state, TransferState::Failed);
    QCOMPARE(named.error.kind, TransferError::Kind::Tls);
    QCOMPARE(named.error.certificateHost, u"localhost"_s);
    QCOMPARE(named.error.certificateSha256, fingerprintOf(m_self.certificate));
}

void TestCertificateTrustActions::removedInSettings_failsAgain()
{
    const QByteArray pin = fingerprintOf(m_self.certificate);
    m_actions->trust(u"127.0.0.1"_s, pin);
    QCOMPARE(fetch(m_server.url(u"/file0.bin"_s)).state, TransferState::Completed);

    TrustedCertificatesDialog dialog(m_settings.get());
    connect(&dialog,
            &TrustedCertificatesDialog::changed,
            this,
            &TestCertificateTrustActions::applySettings);
    auto *list = dialog.findChild<QTreeWidget *>(u"certificates"_s);
    QCOMPARE(list->topLevelItemCount(), 1);
    QCOMPARE(list->topLevelItem(0)->text(0), u"127.0.0.1"_s);
    QCOMPARE(list->topLevelItem(0)->text(1), QString::fromLatin1(pin.toHex(':').toUpper()));
    auto *remove = dialog.findChild<QPushButton *>(u"remove"_s);
    QVERIFY(!remove->isEnabled());
    list->topLevelItem(0)->setSelected(true);
    QVERIFY(remove->isEnabled());
    remove->click();
    QCOMPARE(list->topLevelItemCount(), 0);
    QVERIFY(m_settings->trustedCertificates().isEmpty());

    const TransferSnapshot again = fetch(m_server.url(u"/file3.bin"_s));
    QCOMPARE(again.state, TransferState::Failed);
    QCOMPARE(again.error.kind, TransferError::Kind::Tls);
}

void TestCertificateTrustActions::cancelled_storesNothing()
{
    const TransferSnapshot failed = fetch(m_server.url(u"/file0.bin"_s));
    QCOMPARE(failed.state, TransferState::Failed);
    m_actions->askToTrust(failed.id);
    CertificateTrustDialog *dialog = waitForDialog();
    QVERIFY(dialog);
    dialog->reject();
    QVERIFY(m_settings->trustedCertificates().isEmpty());
    // The engine was not told to trust it either, and the item was left alone.
    QCOMPARE(fetch(m_server.url(u"/file1.bin"_s)).state, TransferState::Failed);
    QCOMPARE(m_model->snapshotAt(m_model->rowOf(failed.id)).state, TransferState::Failed);
    QCOMPARE(m_model->snapshotAt(m_model->rowOf(failed.id)).attempts, failed.attempts);
}

void TestCertificateTrustActions::window_offersItAndPassesTheTrustOn()
{
    QThreadPool workers;
    MainWindow window(m_client.get(), m_settings.get(), &workers);
    QAction *trust = window.certificateTrust()->trustAction();
    QVERIFY(window.findChild<QMenu *>(u"contextMenu"_s)->actions().contains(trust));
    bool inMenuBar = false;
    const QList<QAction *> menus = window.menuBar()->actions();
    for (const QAction *menu : menus)
        inMenuBar = inMenuBar || (menu->menu() && menu->menu()->actions().contains(trust));
    QVERIFY(inMenuBar);
    QVERIFY(!trust->isEnabled());

    // The window's own list: a failed row selected offers it, and a "yes" reaches the engine's
    // options through settingsChanged, as app/gui/main.cpp listens.
    const TransferSnapshot failed = fetch(m_server.url(u"/file0.bin"_s));
    QCOMPARE(failed.state, TransferState::Failed);
    QTRY_COMPARE_WITH_TIMEOUT(window.model()->rowCount(), m_model->rowCount(), Patience);
    QTRY_VERIFY_WITH_TIMEOUT(window.model()->snapshotAt(window.model()->rowOf(failed.id)).state
                                 == TransferState::Failed,
                             Patience);
    window.view()->selectAll();
    QTRY_VERIFY_WITH_TIMEOUT(trust->isEnabled(), Patience);
    QSignalSpy changed(&window, &MainWindow::settingsChanged);
    window.certificateTrust()->trust(u"127.0.0.1"_s, fingerprintOf(m_self.certificate));
    QCOMPARE(changed.size(), 1);
}

QTEST_MAIN(TestCertificateTrustActions)
#include "tst_certificatetrustactions.moc"
