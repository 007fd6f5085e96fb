#include "nginxserver.h"

#include "tests/support/generateddata.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

using namespace Qt::StringLiterals;

namespace Ferry::Test {

namespace {

constexpr int StartTimeoutMs = 15000;
constexpr int StopTimeoutMs = 10000;
constexpr int PortAttempts = 5;
constexpr qint64 WriteChunkBytes = 4 << 20;

// A port nobody listens on right now. Another process may take it before nginx binds it;
// launch() notices that and start() tries again.
quint16 pickFreePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

NginxServer::NginxServer(QObject *parent)
    : QObject(parent)
    , m_dir(QDir::tempPath() + u"/ferry-nginx-XXXXXX"_s)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.setWorkingDirectory(m_dir.path());
#ifdef Q_OS_LINUX
    // Runs in the child between fork and exec: nginx gets SIGTERM when this process dies.
    m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
}

NginxServer::~NginxServer()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(StopTimeoutMs)) {
        m_process.kill();
        m_process.waitForFinished(StopTimeoutMs);
    }
}

QString NginxServer::executablePath()
{
    const QString system = u"/usr/sbin/nginx"_s;
    if (QFileInfo(system).isExecutable())
        return system;
    return QStandardPaths::findExecutable(u"nginx"_s);
}

void NginxServer::setSlowRate(qint64 bytesPerSecond)
{
    m_slowRate = std::max<qint64>(0, bytesPerSecond);
}

bool NginxServer::start()
{
    m_errorString.clear();
    if (m_process.state() != QProcess::NotRunning) {
        m_errorString = u"nginx is already running"_s;
        return false;
    }
    if (!m_dir.isValid()) {
        m_errorString = u"cannot create a temporary folder: %1"_s.arg(m_dir.errorString());
        return false;
    }
    if (executablePath().isEmpty()) {
        m_errorString = u"nginx is not installed (neither /usr/sbin/nginx nor nginx in PATH)"_s;
        return false;
    }
    if (m_tls && !QFileInfo::exists(certificatePath()) && !makeCertificate())
        return false;
    if (!QDir().mkpath(documentRoot())) {
        m_errorString = u"cannot create %1"_s.arg(documentRoot());
        return false;
    }
    for (int attempt = 0; attempt < PortAttempts; ++attempt) {
        m_port = pickFreePort();
        if (m_port == 0) {
            m_errorString = u"cannot find a free port on 127.0.0.1"_s;
            return false;
        }
        switch (launch()) {
        case Launch::Running:
            return true;
        case Launch::PortTaken:
            continue;
        case Launch::Failed:
            return false;
        }
    }
    m_errorString =
        u"no free port after %1 attempts; last: %2"_s.arg(PortAttempts).arg(m_errorString);
    return false;
}

bool NginxServer::restart()
{
    if (m_port == 0)
        return start();
    m_errorString.clear();
    stop();
    const Launch result = launch();
    if (result == Launch::PortTaken)
        m_errorString = u"port %1 was taken while nginx restarted: "_s.arg(m_port) + m_errorString;
    return result == Launch::Running;
}

void NginxServer::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    const auto stopped = [this] { return m_process.state() == QProcess::NotRunning; };
    m_process.terminate(); // SIGTERM: nginx's fast shutdown
    if (QTest::qWaitFor(stopped, StopTimeoutMs))
        return;
    m_process.kill();
    [[maybe_unused]] const bool killed = QTest::qWaitFor(stopped, StopTimeoutMs);
}

bool NginxServer::isRunning() const
{
    return m_process.state() == QProcess::Running;
}

QUrl NginxServer::url(const QString &path) const
{
    return QUrl((m_tls ? u"https://127.0.0.1:"_s : u"http://127.0.0.1:"_s) + QString::number(m_port)
                + path);
}

QString NginxServer::documentRoot() const
{
    return filePath(u"www"_s);
}

bool NginxServer::writeGeneratedFile(const QString &relativePath, qint64 size, quint32 seed) const
{
    const QString path = QDir(documentRoot()).filePath(relativePath);
    if (!QDir().mkpath(QFileInfo(path).path()))
        return false;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    for (qint64 offset = 0; offset < size; offset += WriteChunkBytes) {
        const QByteArray chunk =
            generatedData(offset, std::min(WriteChunkBytes, size - offset), seed);
        if (file.write(chunk) != chunk.size())
            return false;
    }
    file.close();
    return file.error() == QFileDevice::NoError;
}

QString NginxServer::accessLogPath() const
{
    return filePath(u"access.log"_s);
}

QString NginxServer::errorLogPath() const
{
    return filePath(u"error.log"_s);
}

QList<NginxLogEntry> NginxServer::accessLog() const
{
    QFile file(accessLogPath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return NginxLogEntry::parseLog(file.readAll());
}

QList<NginxLogEntry> NginxServer::accessLog(const QByteArray &pathPrefix) const
{
    QList<NginxLogEntry> entries = accessLog();
    entries.removeIf(
        [&](const NginxLogEntry &entry) { return !entry.path().startsWith(pathPrefix); });
    return entries;
}

NginxServer::Launch NginxServer::launch()
{
    if (!writeConfig()) {
        m_errorString = u"cannot write %1"_s.arg(filePath(u"nginx.conf"_s));
        return Launch::Failed;
    }
    QFile::remove(filePath(u"nginx.pid"_s));
    const qint64 errorLogStart = QFileInfo(errorLogPath()).size();
    // -e: where nginx complains before it has read the config's error_log.
    m_process.start(executablePath(),
                    {u"-p"_s,
                     m_dir.path() + u'/',
                     u"-c"_s,
                     filePath(u"nginx.conf"_s),
                     u"-e"_s,
                     errorLogPath()});

    // nginx writes its pid file after it has bound the port, so a connection accepted after that
    // is nginx's, not that of some process that took the port meanwhile.
    QTcpSocket probe;
    const bool settled = QTest::qWaitFor(
        [&] {
            if (m_process.state() == QProcess::NotRunning)
                return true;
            if (!hasWrittenPidFile())
                return false;
            if (probe.state() == QAbstractSocket::ConnectedState)
                return true;
            if (probe.state() == QAbstractSocket::UnconnectedState)
                probe.connectToHost(QHostAddress::LocalHost, m_port);
            return false;
        },
        StartTimeoutMs);
    probe.abort();
    if (settled && m_process.state() == QProcess::Running)
        return Launch::Running;

    if (!settled) {
        stop();
        m_errorString =
            u"nginx did not accept connections on port %1 within %2 ms"_s.arg(m_port).arg(
                StartTimeoutMs);
    } else if (m_process.error() == QProcess::FailedToStart) {
        m_errorString = u"cannot run %1: %2"_s.arg(executablePath(), m_process.errorString());
        return Launch::Failed;
    } else {
        m_errorString = u"nginx exited with code %1"_s.arg(m_process.exitCode());
    }
    const QString said = QString::fromLocal8Bit(m_process.readAll()).trimmed() + u'\n'
                         + newErrorLogText(errorLogStart).trimmed();
    m_errorString += u"; it said:\n"_s + said.trimmed();
    return said.contains("Address already in use"_L1) ? Launch::PortTaken : Launch::Failed;
}

QString NginxServer::filePath(const QString &name) const
{
    return m_dir.filePath(name);
}

bool NginxServer::writeConfig() const
{
    const QString config =
        uR"(# Written by Ferry's tests (NginxServer): one process in the foreground.
daemon off;
master_process off;
worker_processes 1;
error_log "%1/error.log";
pid "%1/nginx.pid";

events {
}

http {
    default_type application/octet-stream;
    log_format ferry "%2";
    access_log "%1/access.log" ferry;
    client_body_temp_path "%1/client_body_temp";
    proxy_temp_path "%1/proxy_temp";
    fastcgi_temp_path "%1/fastcgi_temp";
    uwsgi_temp_path "%1/uwsgi_temp";
    scgi_temp_path "%1/scgi_temp";

    server {
        listen 127.0.0.1:%3%6;
        root "%4";
%7

        location /slow/ {
            limit_rate %5;
        }
    }
}
)"_s.arg(m_dir.path(),
         QString::fromLatin1(NginxLogEntry::logFormat()),
         QString::number(m_port),
         documentRoot(),
         QString::number(m_slowRate),
         m_tls ? u" ssl http2"_s : QString(),
         m_tls ? u"        ssl_certificate \"%1/cert.pem\";\n"
                 u"        ssl_certificate_key \"%1/key.pem\";\n"_s.arg(m_dir.path())
               : QString());
    QFile file(filePath(u"nginx.conf"_s));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const QByteArray bytes = config.toUtf8();
    const bool written = file.write(bytes) == bytes.size();
    file.close();
    return written && file.error() == QFileDevice::NoError;
}

QString NginxServer::certificatePath() const
{
    return m_dir.filePath(u"cert.pem"_s);
}

bool NginxServer::setCertificate(const QString &certificateFile, const QString &keyFile)
{
    m_tls = true;
    const QString key = m_dir.filePath(u"key.pem"_s);
    QFile::remove(certificatePath());
    QFile::remove(key);
    return QFile::copy(certificateFile, certificatePath()) && QFile::copy(keyFile, key);
}

bool NginxServer::makeCertificate()
{
    // A throwaway self-signed certificate for 127.0.0.1; EC keys are made in milliseconds.
    QProcess openssl;
    openssl.start(u"openssl"_s,
                  {u"req"_s,
                   u"-x509"_s,
                   u"-newkey"_s,
                   u"ec"_s,
                   u"-pkeyopt"_s,
                   u"ec_paramgen_curve:prime256v1"_s,
                   u"-nodes"_s,
                   u"-days"_s,
                   u"2"_s,
                   u"-subj"_s,
                   u"/CN=127.0.0.1"_s,
                   u"-addext"_s,
                   u"subjectAltName=IP:127.0.0.1"_s,
                   u"-keyout"_s,
                   m_dir.filePath(u"key.pem"_s),
                   u"-out"_s,
                   certificatePath()});
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) {
        m_errorString = u"openssl could not make a test certificate: "_s
                        + QString::fromLocal8Bit(openssl.readAllStandardError());
        return false;
    }
    return true;
}

bool NginxServer::hasWrittenPidFile() const
{
    QFile file(filePath(u"nginx.pid"_s));
    if (!file.open(QIODevice::ReadOnly))
        return false;
    bool ok = false;
    const qint64 pid = file.readAll().trimmed().toLongLong(&ok);
    return ok && pid == m_process.processId();
}

QString NginxServer::newErrorLogText(qint64 from) const
{
    QFile file(errorLogPath());
    if (!file.open(QIODevice::ReadOnly) || !file.seek(from))
        return {};
    return QString::fromLocal8Bit(file.readAll());
}

} // namespace Ferry::Test
