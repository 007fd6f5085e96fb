// Runs against a real Secret Service: ctest starts it under tests/support/with-keyring.sh (a
// private session bus, a throwaway HOME and an unlocked gnome-keyring).
#include "core/credentialstore.h"

#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Ferry;
using namespace Qt::StringLiterals;

namespace {

constexpr int KeychainTimeoutMs = 20000;

CredentialKey key(const QString &realm)
{
    return CredentialKey::forUrl(QUrl(u"https://files.example:8443/a/b.iso"_s), realm);
}

} // namespace

class TestCredentialStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void forUrl_defaultPortAndLowerCase();
    void toString_realmCannotImitateAnotherKey();
    void write_thenRead_givesTheLoginBack();
    void write_landsInTheSecretService_notInTheIndex();
    void index_isReadByTheNextStore();
    void read_unknownKey_isEmptyWithoutError();
    void remove_forgetsSecretAndIndexEntry();
    void write_sameKeyAgain_replacesUserAndPassword();

private:
    Credentials readBack(CredentialStore &store, const CredentialKey &key);
    void writeOk(CredentialStore &store, const CredentialKey &key, const Credentials &login);

    QTemporaryDir m_dir;
};

void TestCredentialStore::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "run through tests/support/with-keyring.sh");
}

Credentials TestCredentialStore::readBack(CredentialStore &store, const CredentialKey &key)
{
    QSignalSpy read(&store, &CredentialStore::readFinished);
    store.read(key);
    if (!read.wait(KeychainTimeoutMs) && read.isEmpty())
        return {u"<timeout>"_s, {}};
    const QList<QVariant> args = read.takeFirst();
    if (args.at(0).value<CredentialKey>() != key)
        return {u"<wrong key>"_s, {}};
    if (!args.at(2).toString().isEmpty())
        return {u"<error>"_s, args.at(2).toString()};
    return args.at(1).value<Credentials>();
}

void TestCredentialStore::writeOk(CredentialStore &store,
                                  const CredentialKey &key,
                                  const Credentials &login)
{
    QSignalSpy written(&store, &CredentialStore::writeFinished);
    store.write(key, login);
    QVERIFY(written.wait(KeychainTimeoutMs));
    QCOMPARE(written.first().at(0).value<CredentialKey>(), key);
    QCOMPARE(written.first().at(1).toString(), QString());
}

void TestCredentialStore::forUrl_defaultPortAndLowerCase()
{
    const CredentialKey https = CredentialKey::forUrl(QUrl(u"HTTPS://Files.Example/x"_s), u"R"_s);
    QCOMPARE(https.scheme, u"https"_s);
    QCOMPARE(https.host, u"files.example"_s);
    QCOMPARE(https.port, 443);
    QCOMPARE(https.realm, u"R"_s);
    const CredentialKey http = CredentialKey::forUrl(QUrl(u"http://u:p@h:8080/x"_s), u"R"_s);
    QCOMPARE(http.port, 8080);
    QCOMPARE(CredentialKey::forUrl(QUrl(u"http://h/x"_s), {}).port, 80);
    QVERIFY(!http.toString().contains(u"u:p"_s));
}

void TestCredentialStore::toString_realmCannotImitateAnotherKey()
{
    CredentialKey a = key(u"x realm=y"_s);
    CredentialKey b = key(u"x"_s);
    QVERIFY(a.toString() != b.toString());
    QVERIFY(!a.toString().contains(u"x realm=y"_s));
    QVERIFY(key(u"Private Files"_s).toString().endsWith(u"realm=Private Files"_s));
}

void TestCredentialStore::write_thenRead_givesTheLoginBack()
{
    CredentialStore store(m_dir.filePath(u"a/credentials.json"_s));
    const Credentials login{u"alice"_s, u"p\u00e4ss w\u00f6rd:\u6f22"_s};
    writeOk(store, key(u"Files"_s), login);
    QCOMPARE(readBack(store, key(u"Files"_s)), login);
    // Another realm on the same server is another login.
    QCOMPARE(readBack(store, key(u"Other"_s)), Credentials());
    QCOMPARE(store.saved().size(), 1);
    QCOMPARE(store.saved().first().key, key(u"Files"_s));
    QCOMPARE(store.saved().first().user, u"alice"_s);
    QCOMPARE(store.savedFor(u"https"_s, u"files.example"_s, 8443).size(), 1);
    QCOMPARE(store.savedFor(u"https"_s, u"files.example"_s, 443).size(), 0);
}

void TestCredentialStore::write_landsInTheSecretService_notInTheIndex()
{
    const QString index = m_dir.filePath(u"b/credentials.json"_s);
    CredentialStore store(index);
    const QString password = u"only-in-the-keyring-91c2"_s;
    writeOk(store, key(u"Vault"_s), {u"bob"_s, password});

    // The Secret Service itself has it, under QtKeychain's attributes (service "Ferry"); QtKeychain
    // keeps binary secrets base64-encoded there.
    QProcess lookup;
    lookup.start(u"secret-tool"_s,
                 {u"lookup"_s, u"server"_s, u"Ferry"_s, u"user"_s, key(u"Vault"_s).toString()});
    QVERIFY(lookup.waitForFinished(KeychainTimeoutMs));
    QCOMPARE(lookup.exitCode(), 0);
    const QByteArray secret = QByteArray::fromBase64(lookup.readAllStandardOutput().trimmed());
    QCOMPARE(secret, "bob" + QByteArray(1, '\0') + password.toUtf8());

    QFile file(index);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray json = file.readAll();
    QVERIFY(json.contains("bob"));
    QVERIFY(json.contains("Vault"));
    QVERIFY(!json.contains(password.toUtf8()));
}

void TestCredentialStore::index_isReadByTheNextStore()
{
    const QString index = m_dir.filePath(u"c/credentials.json"_s);
    {
        CredentialStore store(index);
        writeOk(store, key(u"One"_s), {u"u1"_s, u"p1"_s});
        writeOk(store, key(u"Two"_s), {u"u2"_s, u"p2"_s});
    }
    CredentialStore again(index);
    QCOMPARE(again.saved().size(), 2);
    QCOMPARE(again.saved().at(0).key.realm, u"One"_s);
    QCOMPARE(again.saved().at(1).user, u"u2"_s);
    QCOMPARE(readBack(again, key(u"Two"_s)), (Credentials{u"u2"_s, u"p2"_s}));
}

void TestCredentialStore::read_unknownKey_isEmptyWithoutError()
{
    CredentialStore store(m_dir.filePath(u"d/credentials.json"_s));
    QCOMPARE(readBack(store, key(u"Never saved"_s)), Credentials());
    QVERIFY(store.saved().isEmpty());
    QVERIFY(!QFile::exists(store.indexPath()));
}

void TestCredentialStore::remove_forgetsSecretAndIndexEntry()
{
    CredentialStore store(m_dir.filePath(u"e/credentials.json"_s));
    writeOk(store, key(u"Gone"_s), {u"carol"_s, u"pw-gone"_s});
    QSignalSpy changed(&store, &CredentialStore::savedChanged);
    QSignalSpy removed(&store, &CredentialStore::removeFinished);
    store.remove(key(u"Gone"_s));
    QVERIFY(removed.wait(KeychainTimeoutMs));
    QCOMPARE(removed.first().at(1).toString(), QString());
    QCOMPARE(changed.size(), 1);
    QVERIFY(store.saved().isEmpty());
    QCOMPARE(readBack(store, key(u"Gone"_s)), Credentials());
    QCOMPARE(CredentialStore(store.indexPath()).saved().size(), 0);
}

void TestCredentialStore::write_sameKeyAgain_replacesUserAndPassword()
{
    CredentialStore store(m_dir.filePath(u"f/credentials.json"_s));
    writeOk(store, key(u"Again"_s), {u"dave"_s, u"old"_s});
    writeOk(store, key(u"Again"_s), {u"erin"_s, u"new"_s});
    QCOMPARE(readBack(store, key(u"Again"_s)), (Credentials{u"erin"_s, u"new"_s}));
    QCOMPARE(store.saved().size(), 1);
    QCOMPARE(store.saved().first().user, u"erin"_s);
}

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
