// The desktop side of logins: one dialog per server and realm however many downloads wait, the
// answer resuming all of them, Remember saving into the keychain, the saved-logins list, and a
// scan of every file the run wrote for the password. Runs offscreen against a real Secret
// Service (ctest starts it under tests/support/with-keyring.sh).
#include "core/credentialstore.h"
#include "core/engine.h"
#include "core/engineclient.h"
#include "core/sessionstore.h"
#include "tests/support/enginetestbed.h"
#include "tests/support/generateddata.h"
#include "tests/support/proxyserver.h"
#include "tests/support/testhttpserver.h"
#include "ui/logindialog.h"
#include "ui/loginprompter.h"
#include "ui/savedloginsdialog.h"
#include "ui/transferlistmodel.h"

#include <QApplication>
#include <QCheckBox>
#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <QWidget>

#include <algorithm>
#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = EngineTestBed::Patience;
constexpr auto Realm = "Team Share";
constexpr auto User = "dana";
constexpr auto Password = "gui-pw-4Rt9x";

} // namespace

class TestLoginPrompter : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void twoItemsOneRealm_oneDialog_bothComplete();
    void manyItems_stillOneDialog();
    void cancel_leavesThemFailedWithTheReason();
    void wrongAnswer_asksAgainSayingItWasRefused();
    void remember_savesInTheKeychain_listedAndDeletable();
    void secretScan_filesOfTheRun_holdNoPassword();
    void proxyAsks_oneDialogForTheProxy_rememberKeepsItInTheKeychain();

private:
    QList<TransferId> addProtected(int count, qint64 size = 20000);
    void answer(LoginDialog *dialog, const QString &password, bool remember);
    bool allCompleted(const QList<TransferId> &ids) const;

    std::unique_ptr<EngineTestBed> m_bed;
    std::unique_ptr<QTemporaryDir> m_config;
    std::unique_ptr<CredentialStore> m_store;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<TransferClient> m_client;
    std::unique_ptr<QWidget> m_window;
    LoginPrompter *m_prompter = nullptr;
};

void TestLoginPrompter::init()
{
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "run through tests/support/with-keyring.sh");
    m_bed = std::make_unique<EngineTestBed>();
    QVERIFY(m_bed->setUp());
    m_config = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<CredentialStore>(m_config->filePath(u"credentials.json"_s));
    m_engine = m_bed->makeEngine();
    m_client = std::make_unique<EngineClient>(m_engine.get());
    m_client->setCredentialStore(m_store.get());
    m_window = std::make_unique<QWidget>();
    m_prompter = new LoginPrompter(m_client.get(), m_window.get());
}

void TestLoginPrompter::cleanup()
{
    m_window.reset();
    m_client.reset();
    m_engine.reset();
    m_store.reset();
    m_config.reset();
    m_bed->tearDown();
}

QList<TransferId> TestLoginPrompter::addProtected(int count, qint64 size)
{
    QList<TransferRequest> requests;
    for (int i = 0; i < count; ++i) {
        const QString path = u"/f%1.bin"_s.arg(i);
        m_bed->server().addGeneratedFile(path, size, 3);
        m_bed->server().setAuth(path, TestHttpServer::AuthScheme::Basic, Realm, User, Password);
        requests.append(m_bed->request(path));
    }
    return m_client->add(requests);
}

void TestLoginPrompter::answer(LoginDialog *dialog, const QString &password, bool remember)
{
    dialog->findChild<QLineEdit *>(u"user"_s)->setText(QString::fromLatin1(User));
    dialog->findChild<QLineEdit *>(u"password"_s)->setText(password);
    dialog->findChild<QCheckBox *>(u"remember"_s)->setChecked(remember);
    dialog->accept();
}

bool TestLoginPrompter::allCompleted(const QList<TransferId> &ids) const
{
    return std::all_of(ids.begin(), ids.end(), [this](TransferId id) {
        return m_engine->snapshot(id)->state == TransferState::Completed;
    });
}

void TestLoginPrompter::twoItemsOneRealm_oneDialog_bothComplete()
{
    QSignalSpy shown(m_prompter, &LoginPrompter::dialogShown);
    const QList<TransferId> ids = addProtected(2);
    QVERIFY(shown.wait(Patience));
    // Both stop for the login before anyone answers; still one dialog.
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot(ids.at(0))->state == TransferState::Failed
                                 && m_engine->snapshot(ids.at(1))->state == TransferState::Failed,
                             Patience);
    QTest::qWait(100); // the second failure's batch reaches the prompter
    QCOMPARE(shown.size(), 1);
    // The list shows them as waiting for the login, not as failed.
    for (const TransferId id : ids) {
        const QString status = TransferListModel::stateText(*m_engine->snapshot(id));
        QVERIFY2(status.startsWith(u"Needs login"_s), qPrintable(status));
    }
    QCOMPARE(shown.first().at(0).value<CredentialKey>().realm, QString::fromLatin1(Realm));
    QCOMPARE(m_window->findChildren<LoginDialog *>().size(), 1);
    LoginDialog *dialog = m_prompter->currentDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(dialog->findChild<QLineEdit *>(u"password"_s)->echoMode() == QLineEdit::Password);

    answer(dialog, QString::fromLatin1(Password), false);
    QTRY_VERIFY_WITH_TIMEOUT(allCompleted(ids), Patience);
    QCOMPARE(shown.size(), 1);
    for (int i = 0; i < 2; ++i) {
        QFile file(m_bed->downloadPath(u"f%1.bin"_s.arg(i)));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), generatedData(0, 20000, 3));
    }
    QVERIFY(m_store->saved().isEmpty()); // not asked to remember
}

void TestLoginPrompter::manyItems_stillOneDialog()
{
    QSignalSpy shown(m_prompter, &LoginPrompter::dialogShown);
    const QList<TransferId> ids = addProtected(1000, 500);
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(ids.begin(),
                                         ids.end(),
                                         [this](TransferId id) {
                                             return m_engine->snapshot(id)->state
                                                    == TransferState::Failed;
                                         }),
                             Patience);
    QTest::qWait(300);
    QCOMPARE(shown.size(), 1);
    answer(m_prompter->currentDialog(), QString::fromLatin1(Password), false);
    QTRY_VERIFY_WITH_TIMEOUT(allCompleted(ids), Patience);
    QCOMPARE(shown.size(), 1);
    int requests = 0;
    for (int i = 0; i < 1000; ++i)
        requests += m_bed->server().requestCount(u"/f%1.bin"_s.arg(i));
    QVERIFY2(requests <= 3 * 1000, qPrintable(QString::number(requests)));
    qInfo("1000 items behind one login: %d dialog(s), %d requests", int(shown.size()), requests);
}

void TestLoginPrompter::cancel_leavesThemFailedWithTheReason()
{
    QSignalSpy shown(m_prompter, &LoginPrompter::dialogShown);
    const QList<TransferId> ids = addProtected(2);
    QVERIFY(shown.wait(Patience));
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->snapshot(ids.at(1))->state == TransferState::Failed,
                             Patience);
    m_prompter->currentDialog()->reject();
    QTest::qWait(300);
    for (const TransferId id : ids) {
        const TransferSnapshot snapshot = *m_engine->snapshot(id);
        QCOMPARE(snapshot.state, TransferState::Failed);
        QCOMPARE(snapshot.error.kind, TransferError::Kind::AuthenticationRequired);
        QVERIFY(snapshot.error.message().contains(QString::fromLatin1(Realm)));
    }
    QCOMPARE(shown.size(), 1);
    QVERIFY(!m_prompter->currentDialog());
}

void TestLoginPrompter::wrongAnswer_asksAgainSayingItWasRefused()
{
    QSignalSpy shown(m_prompter, &LoginPrompter::dialogShown);
    const QList<TransferId> ids = addProtected(1);
    QVERIFY(shown.wait(Patience));
    answer(m_prompter->currentDialog(), u"wrong"_s, false);
    QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, Patience);
    const QString message = m_prompter->currentDialog()->findChild<QLabel *>(u"message"_s)->text();
    QVERIFY2(message.contains(u"refused"_s), qPrintable(message));
    answer(m_prompter->currentDialog(), QString::fromLatin1(Password), false);
    QTRY_VERIFY_WITH_TIMEOUT(allCompleted(ids), Patience);
    QCOMPARE(shown.size(), 2);
}

void TestLoginPrompter::remember_savesInTheKeychain_listedAndDeletable()
{
    QSignalSpy shown(m_prompter, &LoginPrompter::dialogShown);
    const QList<TransferId> ids = addProtected(2);
    QVERIFY(shown.wait(Patience));
    answer(m_prompter->currentDialog(), QString::fromLatin1(Password), true);
    QTRY_VERIFY_WITH_TIMEOUT(allCompleted(ids), Patience);
    QTRY_COMPARE_WITH_TIMEOUT(m_store->saved().size(), 1, Patience);
    QCOMPARE(m_store->saved().first().user, QString::fromLatin1(User));

    SavedLoginsDialog dialog(m_client.get(), m_window.get());
    auto *list = dialog.findChild<QTreeWidget *>(u"logins"_s);
    QCOMPARE(list->topLevelItemCount(), 1);
    QCOMPARE(list->topLevelItem(0)->text(1), QString::fromLatin1(Realm));
    QCOMPARE(list->topLevelItem(0)->text(2), QString::fromLatin1(User));
    list->topLevelItem(0)->setSelected(true);
    dialog.findChild<QPushButton *>(u"remove"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItemCount(), 0, Patience);
    QVERIFY(m_store->saved().isEmpty());
}

void TestLoginPrompter::secretScan_filesOfTheRun_holdNoPassword()
{
    // A whole desktop-style run: session recorded, a transfer broken off and resumed
    // (checkpoints), a login remembered; then every file under the run's folders is read.
    QTemporaryDir sessionDir;
    auto session = std::make_unique<SessionStore>(sessionDir.path());
    session->attach(m_client.get());
    QSignalSpy shown(m_prompter, &LoginPrompter::dialogShown);
    m_bed->server().setDropAfter(u"/f0.bin"_s, 200 << 10, 1);
    QList<TransferId> ids = addProtected(2, 1 << 20);
    // And one with the login in its URL, as a pasted link may have it, from another server (a
    // URL's login serves its whole server).
    TestHttpServer other;
    QVERIFY(other.listen());
    other.addGeneratedFile(u"/inurl.bin"_s, 5000, 3);
    other.setAuth(u"/inurl.bin"_s, TestHttpServer::AuthScheme::Digest, "Other", User, Password);
    TransferRequest withLogin = m_bed->request(u"/inurl.bin"_s);
    withLogin.url = other.url(u"/inurl.bin"_s);
    withLogin.url.setUserName(QString::fromLatin1(User));
    withLogin.url.setPassword(QString::fromLatin1(Password));
    ids += m_client->add({withLogin});
    QVERIFY(shown.wait(Patience));
    answer(m_prompter->currentDialog(), QString::fromLatin1(Password), true);
    QTRY_VERIFY_WITH_TIMEOUT(allCompleted(ids), Patience);
    QTRY_COMPARE_WITH_TIMEOUT(m_store->saved().size(), 1, Patience);
    session->flush();
    session.reset();

    const QList<QByteArray> secrets{
        QByteArray(Password),
        QByteArray(QByteArray(User) + ':' + Password).toBase64(),
        QByteArray(Password).toBase64(),
        QString::fromLatin1(Password).toUtf8().toHex(),
    };
    int files = 0;
    for (const QString &root :
         {sessionDir.path(), m_config->path(), m_bed->state(), m_bed->downloads()}) {
        QDirIterator it(
            root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray bytes = file.readAll();
            ++files;
            for (const QByteArray &secret : secrets)
                QVERIFY2(!bytes.contains(secret), qPrintable(path));
        }
    }
    QVERIFY2(files >= 5, qPrintable(QString::number(files)));
    qInfo("scanned %d files", files);
}

void TestLoginPrompter::proxyAsks_oneDialogForTheProxy_rememberKeepsItInTheKeychain()
{
    const QString proxyPassword = u"gui-proxy-7Hq2"_s;
    ProxyServer proxy(ProxyServer::Kind::Http);
    proxy.setLogin(u"proxyuser"_s, proxyPassword);
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));
    EngineOptions options;
    options.stateDirectory = m_bed->state();
    options.proxy.mode = ProxySettings::Mode::Manual;
    options.proxy.httpProxy = proxy.url();
    options.proxy.httpsProxy = proxy.url();
    m_client->setOptions(options);
    QList<TransferRequest> requests;
    for (int i = 0; i < 3; ++i) {
        const QString path = u"/open%1.bin"_s.arg(i);
        m_bed->server().addGeneratedFile(path, 30000, 4);
        requests.append(m_bed->request(path));
    }
    QSignalSpy shown(m_prompter, &LoginPrompter::dialogShown);
    const QList<TransferId> ids = m_client->add(requests);
    QVERIFY(shown.wait(Patience));
    const CredentialKey key = CredentialKey::forProxy(proxy.url());
    QCOMPARE(shown.first().at(0).value<CredentialKey>(), key);
    LoginDialog *dialog = m_prompter->currentDialog();
    QVERIFY2(dialog->findChild<QLabel *>(u"message"_s)->text().contains(u"proxy"_s),
             qPrintable(dialog->findChild<QLabel *>(u"message"_s)->text()));
    dialog->findChild<QLineEdit *>(u"user"_s)->setText(u"proxyuser"_s);
    dialog->findChild<QLineEdit *>(u"password"_s)->setText(proxyPassword);
    dialog->findChild<QCheckBox *>(u"remember"_s)->setChecked(true);
    dialog->accept();
    QTRY_VERIFY_WITH_TIMEOUT(allCompleted(ids), Patience);
    QCOMPARE(shown.size(), 1); // one question for the proxy, whatever the number of files
    for (int i = 0; i < 3; ++i) {
        const QString path = u"/open%1.bin"_s.arg(i);
        QCOMPARE(firstDifferenceFromGenerated(m_bed->downloadPath(path.mid(1)), 30000, 4), -1);
        QVERIFY(m_bed->server().requests(path).value(0).header("via").contains("ferrytest"));
    }
    // Kept in the keychain (the index lists the proxy, without the password).
    QTRY_COMPARE_WITH_TIMEOUT(m_store->saved().size(), 1, Patience);
    QCOMPARE(m_store->saved().first().key, key);
    QSignalSpy read(m_store.get(), &CredentialStore::readFinished);
    m_store->read(key);
    QVERIFY(read.wait(Patience));
    QCOMPARE(read.first().at(1).value<Credentials>().password, proxyPassword);
    QFile index(m_config->filePath(u"credentials.json"_s));
    QVERIFY(index.open(QIODevice::ReadOnly));
    QVERIFY(!index.readAll().contains(proxyPassword.toUtf8()));
}

QTEST_MAIN(TestLoginPrompter)
#include "tst_loginprompter.moc"
