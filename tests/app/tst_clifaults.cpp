// ferry-cli when the machine says no: a read-only folder, a folder that vanishes mid-batch, a
// folder the user may not write to, a name the file system refuses. The item concerned fails
// with a clear message of its own; the process does not crash and the rest of the batch lands
// byte-exact. (The disk-full case lives in tst_cli.cpp.)

#include "tests/support/cliprocess.h"
#include "tests/support/generateddata.h"
#include "tests/support/testhttpserver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <unistd.h>

using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = 120000;
constexpr qint64 MiB = 1 << 20;
constexpr int CannotMount = 99;

using CliResult = CliProcess::Result;

QByteArray sha256Of(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result(); // raw, as generatedSha256() gives it
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// The line the reporter prints for a failed item, or an empty string.
QString failureLine(const QString &err, const QUrl &url)
{
    for (const QString &line : err.split(u'\n')) {
        if (line.startsWith(u"[fail] "_s) && line.contains(url.toString()))
            return line;
    }
    return {};
}

} // namespace

class TestCliFaults : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void readOnlyFolder_itemFailsRestComplete();
    void folderVanishesMidBatch_noCrashRestComplete();
    void folderWithoutPermission_itemFailsRestComplete();
    void nameTooLong_itemFailsRestComplete();

private:
    // Two files every test expects in the writable folder, and the list lines that fetch them.
    QByteArray addBystanders();
    void verifyBystanders();

    std::unique_ptr<QTemporaryDir> m_base;
    QString m_ok;    // a writable download folder
    QString m_state; // XDG_DATA_HOME
    std::unique_ptr<TestHttpServer> m_server;
    std::unique_ptr<CliProcess> m_cli; // ferry-cli and its wrappers: state under m_state, in m_ok
};

void TestCliFaults::init()
{
    m_base = std::make_unique<QTemporaryDir>();
    QVERIFY(m_base->isValid());
    m_ok = m_base->filePath(u"ok"_s);
    m_state = m_base->filePath(u"state"_s);
    QVERIFY(QDir().mkpath(m_ok));
    QVERIFY(QDir().mkpath(m_state));
    m_server = std::make_unique<TestHttpServer>();
    QVERIFY(m_server->listen());
    m_cli = std::make_unique<CliProcess>(QStringLiteral(FERRY_CLI_PATH));
    m_cli->setEnvironment(u"XDG_DATA_HOME"_s, m_state);
    m_cli->setEnvironment(u"HOME"_s, m_state);
    m_cli->setWorkingDirectory(m_ok);
}

void TestCliFaults::cleanup()
{
    m_cli.reset();
    m_server.reset();
    m_base.reset();
}

QByteArray TestCliFaults::addBystanders()
{
    m_server->addGeneratedFile(u"/one.bin"_s, 3 * MiB + 17, 1);
    m_server->addGeneratedFile(u"/two.bin"_s, 200 * 1024, 2);
    return m_server->url(u"/one.bin"_s).toEncoded() + "\n  dir=" + m_ok.toUtf8() + '\n'
           + m_server->url(u"/two.bin"_s).toEncoded() + "\n  dir=" + m_ok.toUtf8() + '\n';
}

void TestCliFaults::verifyBystanders()
{
    QCOMPARE(sha256Of(QDir(m_ok).filePath(u"one.bin"_s)), generatedSha256(3 * MiB + 17, 1));
    QCOMPARE(sha256Of(QDir(m_ok).filePath(u"two.bin"_s)), generatedSha256(200 * 1024, 2));
    QCOMPARE(QDir(m_ok).entryList(QDir::Files | QDir::Hidden),
             (QStringList{u"one.bin"_s, u"two.bin"_s}));
}

void TestCliFaults::readOnlyFolder_itemFailsRestComplete()
{
    // A read-only tmpfs in a private mount namespace: EROFS on the first write.
    const QString unshare = QStandardPaths::findExecutable(u"unshare"_s);
    QVERIFY2(!unshare.isEmpty(), "unshare (util-linux) is needed for the read-only test");
    const QString readOnly = m_base->filePath(u"readonly"_s);
    QVERIFY(QDir().mkpath(readOnly));
    m_server->addFile(u"/blocked.bin"_s, QByteArray(5000, 'b'));
    const QUrl blocked = m_server->url(u"/blocked.bin"_s);
    const QString list = m_base->filePath(u"list.txt"_s);
    QVERIFY(writeFile(
        list, blocked.toEncoded() + "\n  dir=" + readOnly.toUtf8() + '\n' + addBystanders()));

    const QString script = uR"(
mount -t tmpfs -o ro,size=1m ferry-readonly "$1" || exit 99
"$2" -j 1 -i "$3"
)"_s;
    QStringList arguments{u"-m"_s};
    if (::geteuid() != 0)
        arguments.prepend(u"-Ur"_s); // map ourselves to root in a user namespace
    arguments << u"sh"_s << u"-c"_s << script << u"sh"_s << readOnly
              << QStringLiteral(FERRY_CLI_PATH) << list;
    const std::unique_ptr<QProcess> process = m_cli->startCommand(unshare, arguments);
    const CliResult result = CliProcess::finish(*process, Patience);
    QVERIFY2(result.exitCode != CannotMount, qPrintable(u"cannot mount a tmpfs: "_s + result.err));
    QCOMPARE(result.exitStatus, QProcess::NormalExit);
    QCOMPARE(result.exitCode, 1);
    const QString failure = failureLine(result.err, blocked);
    QVERIFY2(failure.contains(u"Read-only file system"_s), qPrintable(result.err));
    verifyBystanders();
}

void TestCliFaults::folderVanishesMidBatch_noCrashRestComplete()
{
    // One at a time: the first file trickles into `doomed`, which is deleted under it; then two
    // bystanders go elsewhere, and a last item wants the vanished folder again.
    const QString doomed = m_base->filePath(u"doomed"_s);
    QVERIFY(QDir().mkpath(doomed));
    const qint64 size = 4 * MiB;
    m_server->addGeneratedFile(u"/slow.bin"_s, size, 7);
    m_server->setThrottle(u"/slow.bin"_s, 1 * MiB);
    m_server->addFile(u"/later.txt"_s, "later"_ba);
    const QUrl slow = m_server->url(u"/slow.bin"_s);
    const QString list = m_base->filePath(u"list.txt"_s);
    QVERIFY(writeFile(list,
                      slow.toEncoded() + "\n  dir=" + doomed.toUtf8() + '\n' + addBystanders()
                          + m_server->url(u"/later.txt"_s).toEncoded()
                          + "\n  dir=" + doomed.toUtf8() + '\n'));

    const std::unique_ptr<QProcess> process = m_cli->start({u"-j"_s, u"1"_s, u"-i"_s, list});
    QTRY_VERIFY_WITH_TIMEOUT(m_server->bodyBytesSent(u"/slow.bin"_s) > MiB, Patience);
    QVERIFY(QDir(doomed).removeRecursively());
    const CliResult result = CliProcess::finish(*process, Patience);

    QCOMPARE(result.exitStatus, QProcess::NormalExit);
    const QString failure = failureLine(result.err, slow);
    if (result.exitCode == 0) {
        // Ferry may recreate the folder and fetch the file again; then it must be whole.
        QCOMPARE(sha256Of(QDir(doomed).filePath(u"slow.bin"_s)), generatedSha256(size, 7));
    } else {
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(failure.contains(u"Cannot write the file"_s), qPrintable(result.err));
        QVERIFY(!QFile::exists(QDir(doomed).filePath(u"slow.bin"_s)));
    }
    QCOMPARE(QFile(QDir(doomed).filePath(u"later.txt"_s)).size(), 5);
    verifyBystanders();
}

void TestCliFaults::folderWithoutPermission_itemFailsRestComplete()
{
    // root writes anywhere: run ferry-cli as nobody, with everything else open to it.
    QStringList command;
    if (::geteuid() == 0) {
        const QString setpriv = QStandardPaths::findExecutable(u"setpriv"_s);
        QVERIFY2(!setpriv.isEmpty(), "setpriv (util-linux) is needed to drop root");
        command << setpriv << u"--reuid=65534"_s << u"--regid=65534"_s << u"--clear-groups"_s;
        const QFileDevice::Permissions open = QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                              | QFileDevice::ExeOwner | QFileDevice::ReadOther
                                              | QFileDevice::WriteOther | QFileDevice::ExeOther;
        for (const QString &path : {m_base->path(), m_ok, m_state})
            QVERIFY(QFile::setPermissions(path, open));
    }
    command << QStringLiteral(FERRY_CLI_PATH);
    const QString locked = m_base->filePath(u"locked"_s);
    QVERIFY(QDir().mkpath(locked));
    QVERIFY(QFile::setPermissions(locked,
                                  QFileDevice::ReadOwner | QFileDevice::ExeOwner
                                      | QFileDevice::ReadOther | QFileDevice::ExeOther));
    m_server->addFile(u"/denied.bin"_s, QByteArray(3000, 'd'));
    const QUrl denied = m_server->url(u"/denied.bin"_s);
    const QString list = m_base->filePath(u"list.txt"_s);
    QVERIFY(writeFile(list,
                      denied.toEncoded() + "\n  dir=" + locked.toUtf8() + '\n' + addBystanders()));

    const QString program = command.takeFirst();
    const std::unique_ptr<QProcess> process =
        m_cli->startCommand(program, command + QStringList{u"-j"_s, u"1"_s, u"-i"_s, list});
    const CliResult result = CliProcess::finish(*process, Patience);
    QCOMPARE(result.exitStatus, QProcess::NormalExit);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(failureLine(result.err, denied).contains(u"Permission denied"_s),
             qPrintable(result.err));
    QVERIFY(QDir(locked).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
    verifyBystanders();
}

void TestCliFaults::nameTooLong_itemFailsRestComplete()
{
    // A folder name of 300 bytes: the file system refuses it (NAME_MAX is 255).
    const QString tooLong = m_base->filePath(QString(300, u'n'));
    m_server->addFile(u"/long.bin"_s, "long"_ba);
    const QUrl url = m_server->url(u"/long.bin"_s);
    const QString list = m_base->filePath(u"list.txt"_s);
    QVERIFY(
        writeFile(list, url.toEncoded() + "\n  dir=" + tooLong.toUtf8() + '\n' + addBystanders()));
    const std::unique_ptr<QProcess> process = m_cli->start({u"-i"_s, list});
    const CliResult result = CliProcess::finish(*process, Patience);
    QCOMPARE(result.exitStatus, QProcess::NormalExit);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(failureLine(result.err, url).contains(u"File name too long"_s),
             qPrintable(result.err));
    verifyBystanders();
}

QTEST_GUILESS_MAIN(TestCliFaults)
#include "tst_clifaults.moc"
