// Logins through the engine: HTTP Basic and Digest against the test server, from URL user-info,
// a default login, the user's answer and the keychain. Runs against a real Secret Service
// (ctest starts it under tests/support/with-keyring.sh).
#include "core/authhandler.h"
#include "core/credentialstore.h"
#include "core/engine.h"
#include "tests/support/enginetestbed.h"
#include "tests/support/generateddata.h"
#include "tests/support/testhttpserver.h"

#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

using Scheme = TestHttpServer::AuthScheme;

namespace {

constexpr auto Realm = "Members Only";
constexpr auto User = "alice";
constexpr auto Password = "s3cret-7c41";

QUrl withLogin(QUrl url, const QString &user, const QString &password)
{
    url.setUserName(user);
    url.setPassword(password);
    return url;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

} // namespace

class TestAuthHandler : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void basic_fromUrlUserInfo_completesWithoutKeepingThePassword();
    void digest_defaultLogin_completes();
    void noLogin_failsAskUserNamingHostAndRealm_othersContinue();
    void wrongPassword_failsAfterOneRefusal_noRetryStorm();
    void wrongPassword_batch_eachItemAtMostTwoRequests();
    void segmentsAndResume_reuseTheLogin();
    void provideCredentials_resumesEveryItemOfTheRealm();
    void keychain_hasTheLogin_itemCompletesWithoutAsking();
    void keychain_missing_failsAfterAsking();
    void defaultLogin_saveWhenAccepted_landsInTheKeychain();
    void defaultLogin_refused_isNotSaved();
    void nonAsciiPassword_basic_sentAsUtf8();
    void nonAsciiPassword_digest_hashedAsUtf8();
    void nonAsciiPassword_wrong_notOfferedAgain();

private:
    QString serveProtected(const QString &path, Scheme scheme, qint64 size = 100 << 10);
    CredentialKey keyFor(const QString &path) const;
    Credentials readStore(const CredentialKey &key);

    std::unique_ptr<EngineTestBed> m_bed;
    std::unique_ptr<CredentialStore> m_store;
    std::unique_ptr<QTemporaryDir> m_storeDir;
};

void TestAuthHandler::init()
{
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "run through tests/support/with-keyring.sh");
    m_bed = std::make_unique<EngineTestBed>();
    QVERIFY(m_bed->setUp());
    m_storeDir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<CredentialStore>(m_storeDir->filePath(u"credentials.json"_s));
}

void TestAuthHandler::cleanup()
{
    m_bed->tearDown();
    m_store.reset();
    m_storeDir.reset();
}

QString TestAuthHandler::serveProtected(const QString &path, Scheme scheme, qint64 size)
{
    m_bed->server().addGeneratedFile(path, size, 7);
    m_bed->server().setAuth(path, scheme, Realm, User, QByteArray(Password));
    return m_bed->downloadPath(path.mid(1));
}

CredentialKey TestAuthHandler::keyFor(const QString &path) const
{
    return CredentialKey::forUrl(m_bed->server().url(path), QString::fromUtf8(Realm));
}

Credentials TestAuthHandler::readStore(const CredentialKey &key)
{
    QSignalSpy read(m_store.get(), &CredentialStore::readFinished);
    m_store->read(key);
    if (!read.wait(EngineTestBed::Patience) && read.isEmpty())
        return {u"<timeout>"_s, {}};
    return read.first().at(1).value<Credentials>();
}

void TestAuthHandler::basic_fromUrlUserInfo_completesWithoutKeepingThePassword()
{
    const QString target = serveProtected(u"/basic.bin"_s, Scheme::Basic);
    auto engine = m_bed->makeEngine();
    TransferRequest request = m_bed->request(u"/basic.bin"_s);
    request.url = withLogin(request.url, QString::fromUtf8(User), QString::fromUtf8(Password));
    const TransferId id = engine->add({request}).first();

    const TransferSnapshot done = EngineTestBed::waitFinished(*engine, id);
    QVERIFY2(done.state == TransferState::Completed, qPrintable(done.error.message()));
    QCOMPARE(fileBytes(target), generatedData(0, 100 << 10, 7));
    QCOMPARE(m_bed->server().authChallenged(u"/basic.bin"_s), 1);
    QCOMPARE(m_bed->server().authAccepted(u"/basic.bin"_s), 1);
    QCOMPARE(m_bed->server().authRefused(u"/basic.bin"_s), 0);
    // What the engine shows (and the session keeps) has no password.
    QVERIFY(done.url.password().isEmpty());
    QCOMPARE(done.url.adjusted(QUrl::RemoveUserInfo), m_bed->server().url(u"/basic.bin"_s));
    QVERIFY(!done.url.toEncoded().contains("s3cr"));
}

void TestAuthHandler::digest_defaultLogin_completes()
{
    const QString target = serveProtected(u"/digest.bin"_s, Scheme::Digest);
    auto engine = m_bed->makeEngine();
    engine->setDefaultCredentials({QString::fromUtf8(User), QString::fromUtf8(Password)}, false);
    const TransferId id = engine->add({m_bed->request(u"/digest.bin"_s)}).first();

    QCOMPARE(EngineTestBed::waitFinished(*engine, id).state, TransferState::Completed);
    QCOMPARE(fileBytes(target), generatedData(0, 100 << 10, 7));
    QCOMPARE(m_bed->server().authAccepted(u"/digest.bin"_s), 1);
    QCOMPARE(m_bed->server().authRefused(u"/digest.bin"_s), 0);
    const QByteArray sent =
        m_bed->server().requests(u"/digest.bin"_s).last().header("authorization");
    QVERIFY2(sent.startsWith("Digest "), sent.constData());
    QVERIFY(!sent.contains("s3cr")); // Digest never sends the password itself
}

void TestAuthHandler::noLogin_failsAskUserNamingHostAndRealm_othersContinue()
{
    serveProtected(u"/locked.bin"_s, Scheme::Basic);
    m_bed->server().addFile(u"/open.txt"_s, "open");
    auto engine = m_bed->makeEngine();
    const QList<TransferId> ids =
        engine->add({m_bed->request(u"/locked.bin"_s), m_bed->request(u"/open.txt"_s)});

    const TransferSnapshot locked = EngineTestBed::waitFinished(*engine, ids.at(0));
    QCOMPARE(locked.state, TransferState::Failed);
    QCOMPARE(locked.error.kind, TransferError::Kind::AuthenticationRequired);
    QCOMPARE(locked.error.recovery, TransferError::Recovery::AskUser);
    QCOMPARE(locked.error.credentialKey, keyFor(u"/locked.bin"_s));
    QVERIFY2(locked.error.message().contains(u"127.0.0.1"_s), qPrintable(locked.error.message()));
    QVERIFY2(locked.error.message().contains(QString::fromUtf8(Realm)),
             qPrintable(locked.error.message()));
    QCOMPARE(locked.attempts, 1);
    QCOMPARE(m_bed->server().requestCount(u"/locked.bin"_s), 1);
    QCOMPARE(EngineTestBed::waitFinished(*engine, ids.at(1)).state, TransferState::Completed);
    QVERIFY(!QFile::exists(m_bed->downloadPath(u"locked.bin"_s)));
}

void TestAuthHandler::wrongPassword_failsAfterOneRefusal_noRetryStorm()
{
    serveProtected(u"/wrong.bin"_s, Scheme::Digest);
    EngineOptions options;
    options.maxTries = 5;
    auto engine = m_bed->makeEngine(options);
    TransferRequest request = m_bed->request(u"/wrong.bin"_s);
    request.url = withLogin(request.url, QString::fromUtf8(User), u"not-it"_s);
    const TransferId id = engine->add({request}).first();

    const TransferSnapshot failed = EngineTestBed::waitFinished(*engine, id);
    QCOMPARE(failed.state, TransferState::Failed);
    QCOMPARE(failed.error.kind, TransferError::Kind::AuthenticationFailed);
    QCOMPARE(failed.error.recovery, TransferError::Recovery::AskUser);
    QVERIFY2(failed.error.message().contains(u"refused"_s), qPrintable(failed.error.message()));
    QCOMPARE(m_bed->server().authChallenged(u"/wrong.bin"_s), 1);
    QCOMPARE(m_bed->server().authRefused(u"/wrong.bin"_s), 1);
    QCOMPARE(m_bed->server().requestCount(u"/wrong.bin"_s), 2);
    // Nothing tries again behind the user's back.
    QTest::qWait(300);
    QCOMPARE(m_bed->server().requestCount(u"/wrong.bin"_s), 2);
    QCOMPARE(engine->snapshot(id)->state, TransferState::Failed);
}

void TestAuthHandler::wrongPassword_batch_eachItemAtMostTwoRequests()
{
    constexpr int Items = 20;
    QList<TransferRequest> requests;
    for (int i = 0; i < Items; ++i) {
        const QString path = u"/w%1"_s.arg(i);
        serveProtected(path, Scheme::Basic, 1000);
        requests.append(m_bed->request(path));
    }
    auto engine = m_bed->makeEngine();
    engine->setDefaultCredentials({QString::fromUtf8(User), u"wrong"_s}, false);
    const QList<TransferId> ids = engine->add(requests);
    int refused = 0;
    int total = 0;
    for (int i = 0; i < Items; ++i) {
        const TransferSnapshot failed = EngineTestBed::waitFinished(*engine, ids.at(i));
        QCOMPARE(failed.state, TransferState::Failed);
        QVERIFY(failed.error.isAuthentication());
        QCOMPARE(failed.error.recovery, TransferError::Recovery::AskUser);
        const QString path = u"/w%1"_s.arg(i);
        QVERIFY(m_bed->server().requestCount(path) <= 2);
        refused += m_bed->server().authRefused(path);
        total += m_bed->server().requestCount(path);
    }
    QCOMPARE(ids.size(), Items);
    QVERIFY(refused >= 1);
    QVERIFY2(total <= 2 * Items, qPrintable(QString::number(total)));
    qInfo("%d items, wrong password: %d requests, %d refused logins", Items, total, refused);
}

void TestAuthHandler::segmentsAndResume_reuseTheLogin()
{
    constexpr qint64 Size = 6 << 20;
    const QString target = serveProtected(u"/big.bin"_s, Scheme::Basic, Size);
    // The first answer breaks off: the next attempt resumes with a Range, as a new request.
    m_bed->server().setDropAfter(u"/big.bin"_s, 512 << 10, 1);
    EngineOptions options;
    options.split = 4;
    options.minSplitBytes = 512 << 10;
    auto engine = m_bed->makeEngine(options);
    TransferRequest request = m_bed->request(u"/big.bin"_s);
    request.url = withLogin(request.url, QString::fromUtf8(User), QString::fromUtf8(Password));
    const TransferId id = engine->add({request}).first();

    QCOMPARE(EngineTestBed::waitFinished(*engine, id).state, TransferState::Completed);
    QCOMPARE(firstDifferenceFromGenerated(target, Size, 7), -1);
    QCOMPARE(m_bed->server().authRefused(u"/big.bin"_s), 0);
    int ranged = 0;
    for (const RecordedRequest &sent : m_bed->server().requests(u"/big.bin"_s)) {
        if (sent.hasHeader("range") && sent.hasHeader("authorization"))
            ++ranged;
    }
    QVERIFY2(ranged >= 2, qPrintable(QString::number(ranged)));
    QVERIFY(m_bed->server().authAccepted(u"/big.bin"_s) >= 3);
}

void TestAuthHandler::provideCredentials_resumesEveryItemOfTheRealm()
{
    QList<TransferRequest> requests;
    for (int i = 0; i < 3; ++i) {
        serveProtected(u"/p%1"_s.arg(i), Scheme::Digest, 5000);
        requests.append(m_bed->request(u"/p%1"_s.arg(i)));
    }
    auto engine = m_bed->makeEngine();
    const QList<TransferId> ids = engine->add(requests);
    for (const TransferId id : ids) {
        const TransferSnapshot failed = EngineTestBed::waitFinished(*engine, id);
        QCOMPARE(failed.error.kind, TransferError::Kind::AuthenticationRequired);
        QCOMPARE(failed.error.credentialKey, keyFor(u"/p0"_s)); // one server, one realm
    }
    engine->provideCredentials(
        keyFor(u"/p0"_s), {QString::fromUtf8(User), QString::fromUtf8(Password)}, false);
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(EngineTestBed::waitFinished(*engine, ids.at(i)).state, TransferState::Completed);
        QCOMPARE(fileBytes(m_bed->downloadPath(u"p%1"_s.arg(i))), generatedData(0, 5000, 7));
    }
}

void TestAuthHandler::keychain_hasTheLogin_itemCompletesWithoutAsking()
{
    const QString target = serveProtected(u"/kept.bin"_s, Scheme::Basic);
    QSignalSpy written(m_store.get(), &CredentialStore::writeFinished);
    m_store->write(keyFor(u"/kept.bin"_s), {QString::fromUtf8(User), QString::fromUtf8(Password)});
    QVERIFY(written.wait(EngineTestBed::Patience));
    auto engine = m_bed->makeEngine();
    engine->setCredentialStore(m_store.get());
    const TransferId id = engine->add({m_bed->request(u"/kept.bin"_s)}).first();

    const TransferSnapshot done = EngineTestBed::waitFinished(*engine, id);
    QCOMPARE(done.state, TransferState::Completed);
    QCOMPARE(fileBytes(target), generatedData(0, 100 << 10, 7));
    QCOMPARE(done.attempts, 1); // asking the keychain is not a failed try
    // The first attempt learns the realm, the second one brings the login.
    QCOMPARE(m_bed->server().authChallenged(u"/kept.bin"_s), 2);
    QCOMPARE(m_bed->server().authAccepted(u"/kept.bin"_s), 1);
}

void TestAuthHandler::keychain_missing_failsAfterAsking()
{
    serveProtected(u"/unknown.bin"_s, Scheme::Basic);
    auto engine = m_bed->makeEngine();
    engine->setCredentialStore(m_store.get());
    const TransferId id = engine->add({m_bed->request(u"/unknown.bin"_s)}).first();
    const TransferSnapshot failed = EngineTestBed::waitFinished(*engine, id);
    QCOMPARE(failed.state, TransferState::Failed);
    QCOMPARE(failed.error.kind, TransferError::Kind::AuthenticationRequired);
    QCOMPARE(m_bed->server().requestCount(u"/unknown.bin"_s), 1);
}

void TestAuthHandler::defaultLogin_saveWhenAccepted_landsInTheKeychain()
{
    serveProtected(u"/save.bin"_s, Scheme::Digest);
    auto engine = m_bed->makeEngine();
    engine->setCredentialStore(m_store.get());
    engine->setDefaultCredentials({QString::fromUtf8(User), QString::fromUtf8(Password)}, true);
    QSignalSpy saved(m_store.get(), &CredentialStore::savedChanged);
    const TransferId id = engine->add({m_bed->request(u"/save.bin"_s)}).first();
    QCOMPARE(EngineTestBed::waitFinished(*engine, id).state, TransferState::Completed);
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, EngineTestBed::Patience);
    QCOMPARE(m_store->saved().size(), 1);
    QCOMPARE(m_store->saved().first().key, keyFor(u"/save.bin"_s));
    QCOMPARE(readStore(keyFor(u"/save.bin"_s)),
             (Credentials{QString::fromUtf8(User), QString::fromUtf8(Password)}));
}

void TestAuthHandler::defaultLogin_refused_isNotSaved()
{
    serveProtected(u"/nosave.bin"_s, Scheme::Basic);
    auto engine = m_bed->makeEngine();
    engine->setCredentialStore(m_store.get());
    engine->setDefaultCredentials({QString::fromUtf8(User), u"wrong"_s}, true);
    const TransferId id = engine->add({m_bed->request(u"/nosave.bin"_s)}).first();
    QCOMPARE(EngineTestBed::waitFinished(*engine, id).error.kind,
             TransferError::Kind::AuthenticationFailed);
    QCOMPARE(readStore(keyFor(u"/nosave.bin"_s)), Credentials());
    QVERIFY(m_store->saved().isEmpty());
}

void TestAuthHandler::nonAsciiPassword_basic_sentAsUtf8()
{
    // Latin-1 would send "ä" as one byte and "密" as "?"; the server (like RFC 7617's
    // charset="UTF-8") compares UTF-8 bytes.
    const QString user = u"jörg"_s;
    const QString password = u"pässwörd-密码"_s;
    m_bed->server().addGeneratedFile(u"/utf8.bin"_s, 100 << 10, 7);
    m_bed->server().setAuth(u"/utf8.bin"_s, Scheme::Basic, Realm, user.toUtf8(), password.toUtf8());
    auto engine = m_bed->makeEngine();
    TransferRequest request = m_bed->request(u"/utf8.bin"_s);
    request.url = withLogin(request.url, user, password);
    const TransferId id = engine->add({request}).first();

    const TransferSnapshot done = EngineTestBed::waitFinished(*engine, id);
    QVERIFY2(done.state == TransferState::Completed, qPrintable(done.error.message()));
    QCOMPARE(fileBytes(m_bed->downloadPath(u"utf8.bin"_s)), generatedData(0, 100 << 10, 7));
    QCOMPARE(m_bed->server().authAccepted(u"/utf8.bin"_s), 1);
    QCOMPARE(m_bed->server().authRefused(u"/utf8.bin"_s), 0);
    const QByteArray sent = m_bed->server().requests(u"/utf8.bin"_s).last().header("authorization");
    QCOMPARE(QByteArray::fromBase64(sent.mid(6)), (user + u':' + password).toUtf8());
}

void TestAuthHandler::nonAsciiPassword_digest_hashedAsUtf8()
{
    const QString password = u"ümlaut-пароль"_s;
    m_bed->server().addGeneratedFile(u"/utf8d.bin"_s, 100 << 10, 7);
    m_bed->server().setAuth(u"/utf8d.bin"_s, Scheme::Digest, Realm, User, password.toUtf8());
    auto engine = m_bed->makeEngine();
    engine->setDefaultCredentials({QString::fromUtf8(User), password}, false);
    const TransferId id = engine->add({m_bed->request(u"/utf8d.bin"_s)}).first();

    const TransferSnapshot done = EngineTestBed::waitFinished(*engine, id);
    QVERIFY2(done.state == TransferState::Completed, qPrintable(done.error.message()));
    QCOMPARE(m_bed->server().authAccepted(u"/utf8d.bin"_s), 1);
    QCOMPARE(m_bed->server().authRefused(u"/utf8d.bin"_s), 0);
}

void TestAuthHandler::nonAsciiPassword_wrong_notOfferedAgain()
{
    // A refused login is recognised in the form Qt hands back, so no item retries it.
    constexpr int Items = 3;
    const QString wrong = u"fälsch-密"_s;
    QList<TransferRequest> requests;
    for (int i = 0; i < Items; ++i) {
        const QString path = u"/nw%1"_s.arg(i);
        m_bed->server().addGeneratedFile(path, 10 << 10, 7);
        m_bed->server().setAuth(path, Scheme::Basic, Realm, User, QByteArray(Password));
        requests.append(m_bed->request(path));
    }
    EngineOptions options;
    options.maxTries = 5;
    auto engine = m_bed->makeEngine(options);
    engine->setDefaultCredentials({QString::fromUtf8(User), wrong}, false);
    const QList<TransferId> ids = engine->add(requests);
    for (const TransferId id : ids) {
        const TransferSnapshot failed = EngineTestBed::waitFinished(*engine, id);
        QCOMPARE(failed.state, TransferState::Failed);
        QCOMPARE(failed.error.kind, TransferError::Kind::AuthenticationFailed);
        QCOMPARE(failed.attempts, 1);
    }
    const QByteArray expected = (QString::fromUtf8(User) + u':' + wrong).toUtf8();
    for (int i = 0; i < Items; ++i) {
        const QString path = u"/nw%1"_s.arg(i);
        QVERIFY2(m_bed->server().requestCount(path) <= 2, qPrintable(path));
        for (const RecordedRequest &request : m_bed->server().requests(path)) {
            const QByteArray sent = request.header("authorization");
            if (!sent.isEmpty())
                QCOMPARE(QByteArray::fromBase64(sent.mid(6)), expected);
        }
    }
}

QTEST_GUILESS_MAIN(TestAuthHandler)
#include "tst_authhandler.moc"
