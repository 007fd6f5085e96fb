#include "aria2daemon.h"

#include <QHostAddress>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

using namespace Qt::StringLiterals;

namespace Ferry::Test {

namespace {

constexpr int StartTimeoutMs = 15000;
constexpr int StopTimeoutMs = 10000;

} // namespace

Aria2Daemon::Aria2Daemon(const QString &directory, QObject *parent)
    : QObject(parent)
    , m_directory(directory)
    , m_secret(QString::number(QRandomGenerator::global()->generate64(), 36))
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardInputFile(QProcess::nullDevice());
#ifdef Q_OS_LINUX
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
#endif
}

Aria2Daemon::~Aria2Daemon()
{
    kill();
}

QString Aria2Daemon::executablePath()
{
    return QStandardPaths::findExecutable(u"aria2c"_s);
}

bool Aria2Daemon::start()
{
    if (isRunning())
        return true;
    if (m_port == 0) {
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            m_errorString = u"no free port"_s;
            return false;
        }
        m_port = probe.serverPort();
    }
    QStringList arguments{u"--enable-rpc"_s,
                          u"--rpc-listen-port=%1"_s.arg(m_port),
                          u"--rpc-secret=%1"_s.arg(m_secret),
                          u"--rpc-listen-all=false"_s,
                          u"--dir=%1"_s.arg(m_directory),
                          u"--no-conf"_s,
                          u"--quiet"_s};
    arguments << m_extra;
    m_process.start(executablePath(), arguments);
    QTcpSocket probe;
    const bool settled = QTest::qWaitFor(
        [&] {
            if (m_process.state() == QProcess::NotRunning)
                return true;
            if (probe.state() == QAbstractSocket::ConnectedState)
                return true;
            if (probe.state() == QAbstractSocket::UnconnectedState)
                probe.connectToHost(QHostAddress::LocalHost, m_port);
            return false;
        },
        StartTimeoutMs);
    probe.abort();
    if (settled && isRunning())
        return true;
    m_errorString = u"aria2c did not accept connections on port %1: %2"_s.arg(m_port).arg(
        QString::fromLocal8Bit(m_process.readAll()));
    kill();
    return false;
}

void Aria2Daemon::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    if (!QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; },
                         StopTimeoutMs)) {
        qWarning("aria2c outlived SIGKILL");
    }
}

} // namespace Ferry::Test
