// ferry-cli's logins: --http-user with each password source, URL user-info, --save-credentials
// and the keychain, wrong and missing passwords, and a scan of every file the runs wrote for the
// password. The proxies' login likewise, through a real tinyproxy that wants one. Runs against a
// real Secret Service (ctest starts it under tests/support/with-keyring.sh).
#include "tests/support/cliprocess.h"
#include "tests/support/generateddata.h"
#include "tests/support/proxyserver.h"
#include "tests/support/testhttpserver.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr auto Realm = "Staff Area";
constexpr auto User = "carol";
constexpr auto Password = "pw-Zq81-unique";
constexpr auto ProxyUser = "ferry-proxy";
constexpr auto ProxyPassword = "px-Wm40-unique";

using CliResult = CliProcess::Result;

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestCliAuth : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void httpPasswd_works_withAWarning();
    void environmentPassword_works_withoutWarning();
    void urlUserInfo_works();
    void saveCredentials_thenTheKeychainIsUsed();
    void wrongPassword_failsOnce_exitOne();
    void noPassword_noTerminal_failsNamingTheRealm();
    void terminalPrompt_readsWithoutEcho();
    void proxyPassword_savedOnceAccepted_thenTheKeychainIsUsed();
    void proxyWrongPassword_failsOnceSayingSo();
    void secretScan_filesOfTheRuns_holdNoPassword();

private:
    CliResult run(const QStringList &arguments, const QHash<QString, QString> &environment = {});
    QString serve(const QString &path, TestHttpServer::AuthScheme scheme);
    // A tinyproxy wanting ProxyUser and ProxyPassword, and the arguments that use it.
    QStringList startProxy();

    QString target(const QString &name) const { return m_out->filePath(name); }

    std::unique_ptr<QTemporaryDir> m_out;
    std::unique_ptr<QTemporaryDir> m_home; // HOME and the XDG folders of the runs
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<ProxyServer> m_proxy;
    std::unique_ptr<CliProcess> m_cli; // ferry-cli writing under m_home
};

void TestCliAuth::init()
{
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "run through tests/support/with-keyring.sh");
    m_out = std::make_unique<QTemporaryDir>();
    m_home = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_cli = std::make_unique<CliProcess>(QStringLiteral(FERRY_CLI_PATH));
    m_cli->removeEnvironment(u"FERRY_HTTP_PASSWORD"_s);
    m_cli->removeEnvironment(u"FERRY_PROXY_PASSWORD"_s);
    // Everything Ferry writes lands under m_home (the keyring's own files stay with the bus).
    m_cli->setEnvironment(u"XDG_DATA_HOME"_s, m_home->filePath(u"data"_s));
    m_cli->setEnvironment(u"XDG_CONFIG_HOME"_s, m_home->filePath(u"config"_s));
    m_cli->setEnvironment(u"XDG_CACHE_HOME"_s, m_home->filePath(u"cache"_s));
    m_cli->setEnvironment(u"XDG_STATE_HOME"_s, m_home->filePath(u"state"_s));
    m_cli->setWorkingDirectory(m_out->path());
}

void TestCliAuth::cleanup()
{
    m_proxy.reset();
    m_cli.reset();
    m_server.reset();
    m_out.reset();
    m_home.reset();
}

QString TestCliAuth::serve(const QString &path, TestHttpServer::AuthScheme scheme)
{
    m_server->addGeneratedFile(path, 300 << 10, 11);
    m_server->setAuth(path, scheme, Realm, User, Password);
    return m_server->url(path).toString();
}

QStringList TestCliAuth::startProxy()
{
    m_proxy = std::make_unique<ProxyServer>(ProxyServer::Kind::Http);
    m_proxy->setLogin(QString::fromLatin1(ProxyUser), QString::fromLatin1(ProxyPassword));
    if (!m_proxy->start()) {
        qWarning() << m_proxy->errorString();
        return {};
    }
    return {u"--all-proxy"_s,
            m_proxy->url().toString(),
            u"--all-proxy-user"_s,
            QString::fromLatin1(ProxyUser)};
}

CliResult TestCliAuth::run(const QStringList &arguments, const QHash<QString, QString> &environment)
{
    CliProcess cli = *m_cli;
    for (auto it = environment.begin(); it != environment.end(); ++it)
        cli.setEnvironment(it.key(), it.value());
    return cli.run(arguments);
}

void TestCliAuth::httpPasswd_works_withAWarning()
{
    const QString url = serve(u"/a.bin"_s, TestHttpServer::AuthScheme::Basic);
    const CliResult result = run({u"--http-user"_s,
                                  QString::fromLatin1(User),
                                  u"--http-passwd"_s,
                                  QString::fromLatin1(Password),
                                  url});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(fileBytes(target(u"a.bin"_s)), generatedData(0, 300 << 10, 11));
    QVERIFY2(result.err.contains(u"warning: --http-passwd"_s), qPrintable(result.err));
    QCOMPARE(m_server->authAccepted(u"/a.bin"_s), 1);
    QVERIFY(!result.err.contains(QString::fromLatin1(Password)));
}

void TestCliAuth::environmentPassword_works_withoutWarning()
{
    const QString url = serve(u"/e.bin"_s, TestHttpServer::AuthScheme::Digest);
    const CliResult result = run({u"--http-user"_s, QString::fromLatin1(User), url},
                                 {{u"FERRY_HTTP_PASSWORD"_s, QString::fromLatin1(Password)}});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(fileBytes(target(u"e.bin"_s)), generatedData(0, 300 << 10, 11));
    QVERIFY2(!result.err.contains(u"warning"_s), qPrintable(result.err));
    QCOMPARE(m_server->authAccepted(u"/e.bin"_s), 1);
}

void TestCliAuth::urlUserInfo_works()
{
    serve(u"/u.bin"_s, TestHttpServer::AuthScheme::Basic);
    QUrl url = m_server->url(u"/u.bin"_s);
    url.setUserName(QString::fromLatin1(User));
    url.setPassword(QString::fromLatin1(Password));
    const CliResult result = run({url.toString()});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    QCOMPARE(fileBytes(target(u"u.bin"_s)), generatedData(0, 300 << 10, 11));
    QVERIFY(!result.err.contains(QString::fromLatin1(Password)));
}

void TestCliAuth::saveCredentials_thenTheKeychainIsUsed()
{
    const QString first = serve(u"/s1.bin"_s, TestHttpServer::AuthScheme::Basic);
    const QString second = serve(u"/s2.bin"_s, TestHttpServer::AuthScheme::Basic);
    const CliResult saving =
        run({u"--http-user"_s, QString::fromLatin1(User), u"--save-credentials"_s, first},
            {{u"FERRY_HTTP_PASSWORD"_s, QString::fromLatin1(Password)}});
    QVERIFY2(saving.exitCode == 0, qPrintable(saving.err));
    const QByteArray index = fileBytes(m_home->filePath(u"config/ferry/credentials.json"_s));
    QVERIFY2(index.contains(User) && index.contains(Realm), index.constData());
    QVERIFY(!index.contains(Password));

    // No password anywhere this time, and no terminal: the keychain has it.
    const CliResult reusing = run({u"--http-user"_s, QString::fromLatin1(User), second});
    QVERIFY2(reusing.exitCode == 0, qPrintable(reusing.err));
    QCOMPARE(fileBytes(target(u"s2.bin"_s)), generatedData(0, 300 << 10, 11));
    QCOMPARE(m_server->authAccepted(u"/s2.bin"_s), 1);
}

void TestCliAuth::wrongPassword_failsOnce_exitOne()
{
    const QString url = serve(u"/w.bin"_s, TestHttpServer::AuthScheme::Digest);
    const CliResult result =
        run({u"--http-user"_s, QString::fromLatin1(User), u"-m"_s, u"5"_s, url},
            {{u"FERRY_HTTP_PASSWORD"_s, u"wrong"_s}});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"Authentication failed"_s), qPrintable(result.err));
    QCOMPARE(m_server->requestCount(u"/w.bin"_s), 2); // one challenge, one refusal: no storm
    QVERIFY(!QFile::exists(target(u"w.bin"_s)));
}

void TestCliAuth::noPassword_noTerminal_failsNamingTheRealm()
{
    const QString url = serve(u"/n.bin"_s, TestHttpServer::AuthScheme::Basic);
    const CliResult result = run({url});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"Authentication required by 127.0.0.1"_s),
             qPrintable(result.err));
    QVERIFY2(result.err.contains(QString::fromLatin1(Realm)), qPrintable(result.err));
    QCOMPARE(m_server->requestCount(u"/n.bin"_s), 1);
}

void TestCliAuth::terminalPrompt_readsWithoutEcho()
{
    // python3 gives ferry-cli a pseudo-terminal, waits for the prompt, types the password (which
    // it has from its environment; ferry-cli's is cleared) and says whether the terminal echoed it.
    const QString url = serve(u"/t.bin"_s, TestHttpServer::AuthScheme::Basic);
    const QString script = uR"(
import os, pty, sys
password = os.environ.pop('PROMPT_PASSWORD').encode()
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
seen = b''
typed = False
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
    if not typed and b'Password for' in seen:
        os.write(fd, password + b'\n')
        typed = True
_, status = os.waitpid(pid, 0)
print('EXIT', os.waitstatus_to_exitcode(status))
print('ECHOED' if password in seen else 'QUIET')
)"_s;
    CliProcess cli = *m_cli;
    cli.setEnvironment(u"PROMPT_PASSWORD"_s, QString::fromLatin1(Password));
    const std::unique_ptr<QProcess> process = cli.startCommand(u"python3"_s,
                                                               {u"-c"_s,
                                                                script,
                                                                QStringLiteral(FERRY_CLI_PATH),
                                                                u"--http-user"_s,
                                                                QString::fromLatin1(User),
                                                                u"-q"_s,
                                                                url});
    const CliResult result = CliProcess::finish(*process);
    const QString &report = result.out;
    QVERIFY2(report.contains(u"EXIT 0"_s), qPrintable(report + result.err));
    QVERIFY2(report.contains(u"QUIET"_s), qPrintable(report));
    QCOMPARE(fileBytes(target(u"t.bin"_s)), generatedData(0, 300 << 10, 11));
    QCOMPARE(m_server->authAccepted(u"/t.bin"_s), 1);
}

void TestCliAuth::proxyPassword_savedOnceAccepted_thenTheKeychainIsUsed()
{
    m_server->addGeneratedFile(u"/p1.bin"_s, 300 << 10, 12);
    m_server->addGeneratedFile(u"/p2.bin"_s, 300 << 10, 13);
    const QStringList proxy = startProxy();
    QVERIFY(!proxy.isEmpty());
    const CliResult saving =
        run(proxy + QStringList{u"--save-credentials"_s, m_server->url(u"/p1.bin"_s).toString()},
            {{u"FERRY_PROXY_PASSWORD"_s, QString::fromLatin1(ProxyPassword)}});
    QVERIFY2(saving.exitCode == 0, qPrintable(saving.err));
    QCOMPARE(fileBytes(target(u"p1.bin"_s)), generatedData(0, 300 << 10, 12));
    QVERIFY(!m_server->requests(u"/p1.bin"_s).isEmpty());
    QVERIFY(m_server->requests(u"/p1.bin"_s).first().header("via").contains("ferrytest"));
    const QByteArray index = fileBytes(m_home->filePath(u"config/ferry/credentials.json"_s));
    QVERIFY2(index.contains("http-proxy") && index.contains(ProxyUser), index.constData());
    QVERIFY(!index.contains(ProxyPassword));

    // No password anywhere this time: the proxy asks, the keychain answers.
    const CliResult reusing = run(proxy + QStringList{m_server->url(u"/p2.bin"_s).toString()});
    QVERIFY2(reusing.exitCode == 0, qPrintable(reusing.err));
    QCOMPARE(fileBytes(target(u"p2.bin"_s)), generatedData(0, 300 << 10, 13));
    QVERIFY(!m_server->requests(u"/p2.bin"_s).isEmpty());
    QVERIFY(m_server->requests(u"/p2.bin"_s).first().header("via").contains("ferrytest"));
}

void TestCliAuth::proxyWrongPassword_failsOnceSayingSo()
{
    m_server->addGeneratedFile(u"/pw.bin"_s, 300 << 10, 14);
    const QStringList proxy = startProxy();
    QVERIFY(!proxy.isEmpty());
    const CliResult result = run(proxy
                                     + QStringList{u"--save-credentials"_s,
                                                   u"-m"_s,
                                                   u"5"_s,
                                                   m_server->url(u"/pw.bin"_s).toString()},
                                 {{u"FERRY_PROXY_PASSWORD"_s, u"wrong"_s}});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(u"Proxy authentication failed"_s), qPrintable(result.err));
    QCOMPARE(m_server->requestCount(u"/pw.bin"_s), 0); // the proxy stopped it
    QVERIFY(!QFile::exists(target(u"pw.bin"_s)));
    // A refused login is not remembered.
    const QByteArray index = fileBytes(m_home->filePath(u"config/ferry/credentials.json"_s));
    QVERIFY2(!index.contains("http-proxy"), index.constData());
}

void TestCliAuth::secretScan_filesOfTheRuns_holdNoPassword()
{
    // Every way a password reaches ferry-cli, in runs that also leave checkpoints (a transfer
    // broken off and resumed) and a saved login.
    serve(u"/x1.bin"_s, TestHttpServer::AuthScheme::Basic);
    const QString second = serve(u"/x2.bin"_s, TestHttpServer::AuthScheme::Digest);
    m_server->setDropAfter(u"/x1.bin"_s, 100 << 10, 1);
    QUrl withLogin = m_server->url(u"/x1.bin"_s);
    withLogin.setUserName(QString::fromLatin1(User));
    withLogin.setPassword(QString::fromLatin1(Password));
    const CliResult first = run({u"--retry-wait=0"_s, withLogin.toString()});
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    const CliResult saving =
        run({u"--http-user"_s, QString::fromLatin1(User), u"--save-credentials"_s, second},
            {{u"FERRY_HTTP_PASSWORD"_s, QString::fromLatin1(Password)}});
    QVERIFY2(saving.exitCode == 0, qPrintable(saving.err));
    QVERIFY(QFile::exists(m_home->filePath(u"config/ferry/credentials.json"_s)));
    // The proxy's password, saved too: through the environment and on the command line.
    m_server->addGeneratedFile(u"/x3.bin"_s, 300 << 10, 15);
    m_server->addGeneratedFile(u"/x4.bin"_s, 300 << 10, 16);
    const QStringList proxy = startProxy();
    QVERIFY(!proxy.isEmpty());
    const CliResult proxied =
        run(proxy + QStringList{u"--save-credentials"_s, m_server->url(u"/x3.bin"_s).toString()},
            {{u"FERRY_PROXY_PASSWORD"_s, QString::fromLatin1(ProxyPassword)}});
    QVERIFY2(proxied.exitCode == 0, qPrintable(proxied.err));
    const CliResult proxiedFlag = run(proxy
                                      + QStringList{u"--all-proxy-passwd"_s,
                                                    QString::fromLatin1(ProxyPassword),
                                                    m_server->url(u"/x4.bin"_s).toString()});
    QVERIFY2(proxiedFlag.exitCode == 0, qPrintable(proxiedFlag.err));

    const QList<QByteArray> secrets{
        QByteArray(Password),
        QByteArray(QByteArray(User) + ':' + Password).toBase64(),
        QByteArray(Password).toBase64(),
        QByteArray(Password).toHex(),
        QByteArray(ProxyPassword),
        QByteArray(QByteArray(ProxyUser) + ':' + ProxyPassword).toBase64(),
        QByteArray(ProxyPassword).toBase64(),
        QByteArray(ProxyPassword).toHex(),
    };
    for (const CliResult &result : {first, saving, proxied, proxiedFlag}) {
        for (const QByteArray &secret : secrets)
            QVERIFY(!(result.out + result.err).toUtf8().contains(secret));
    }
    int files = 0;
    for (const QString &root : {m_home->path(), m_out->path()}) {
        QDirIterator it(
            root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QByteArray bytes = fileBytes(path);
            ++files;
            for (const QByteArray &secret : secrets)
                QVERIFY2(!bytes.contains(secret), qPrintable(path));
        }
    }
    QVERIFY2(files >= 4, qPrintable(QString::number(files))); // downloads, checkpoints, index
    qInfo("scanned %d files", files);
}

QTEST_GUILESS_MAIN(TestCliAuth)
#include "tst_cliauth.moc"
