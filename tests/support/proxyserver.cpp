#include "proxyserver.h"

#include <QFile>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;

namespace Ferry::Test {

namespace {

constexpr int StartTimeoutMs = 15000;
constexpr int StopTimeoutMs = 10000;
constexpr int PortAttempts = 5;

quint16 pickFreePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

ProxyServer::ProxyServer(Kind kind, QObject *parent)
    : QObject(parent)
    , m_kind(kind)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.setWorkingDirectory(m_dir.path());
#ifdef Q_OS_LINUX
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
}

ProxyServer::~ProxyServer()
{
    stop();
}

void ProxyServer::setLogin(const QString &user, const QString &password)
{
    m_user = user;
    m_password = password;
}

bool ProxyServer::start()
{
    const QString logPath = m_dir.filePath(u"proxy.log"_s);
    for (int attempt = 0; attempt < PortAttempts; ++attempt) {
        m_port = pickFreePort();
        if (m_port == 0) {
            m_errorString = u"no free port on 127.0.0.1"_s;
            return false;
        }
        m_output.clear();
        if (m_kind == Kind::Http) {
            QFile config(m_dir.filePath(u"tinyproxy.conf"_s));
            if (!config.open(QIODevice::WriteOnly)) {
                m_errorString = config.errorString();
                return false;
            }
            QString text = u"Port %1\nListen 127.0.0.1\nTimeout 60\nLogFile \"%2\"\n"
                           u"LogLevel Connect\nMaxClients 50\nAllow 127.0.0.1\n"
                           u"ViaProxyName \"ferrytest\"\n"_s.arg(m_port)
                               .arg(logPath);
            if (!m_user.isEmpty())
                text += u"BasicAuth %1 %2\n"_s.arg(m_user, m_password);
            config.write(text.toUtf8());
            config.close();
            m_process.start(u"tinyproxy"_s, {u"-d"_s, u"-c"_s, config.fileName()});
        } else {
            QStringList arguments{u"-i"_s, u"127.0.0.1"_s, u"-p"_s, QString::number(m_port)};
            if (!m_user.isEmpty())
                arguments << u"-u"_s << m_user << u"-P"_s << m_password;
            m_process.start(u"microsocks"_s, arguments);
        }
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
        if (settled && m_process.state() == QProcess::Running)
            return true;
        m_errorString =
            u"%1 did not start: %2 %3"_s.arg(m_process.program(),
                                             m_process.errorString(),
                                             QString::fromLocal8Bit(m_process.readAll()));
        stop();
        if (m_process.error() == QProcess::FailedToStart)
            return false;
    }
    return false;
}

void ProxyServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!QTest::qWaitFor([this] { return m_process.state() == QProcess::NotRunning; },
                         StopTimeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(StopTimeoutMs);
    }
}

QUrl ProxyServer::url() const
{
    return QUrl((m_kind == Kind::Http ? u"http://127.0.0.1:"_s : u"socks5://127.0.0.1:"_s)
                + QString::number(m_port));
}

QString ProxyServer::log()
{
    m_output += QString::fromLocal8Bit(m_process.readAll());
    if (m_kind == Kind::Socks5)
        return m_output;
    QFile file(m_dir.filePath(u"proxy.log"_s));
    return file.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(file.readAll()) + m_output
                                          : m_output;
}

} // namespace Ferry::Test
