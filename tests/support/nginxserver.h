#pragma once

#include "tests/support/nginxlogentry.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

namespace Ferry::Test {

// A real nginx for integration tests and the benchmark, run as a child process from a private
// temporary folder: a generated config, its own logs, pid file and temp paths, so it needs no
// system paths and runs as root or not ("master_process off": no worker, no user switch).
//
// It serves documentRoot() on 127.0.0.1:port(). Paths under /slow/ are paced by nginx's
// limit_rate (setSlowRate()). Every request is recorded in an access log that accessLog()
// parses: status, request line, Range, If-Range and the bytes sent.
//
// start() and restart() wait, bounded and without sleeping, until nginx accepts connections
// (they spin the event loop, like QTRY_*). On Linux nginx is told to stop when the test process
// dies, so a test killed by its timeout leaves no server behind.
class NginxServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NginxServer)

public:
    explicit NginxServer(QObject *parent = nullptr);
    ~NginxServer() override; // stops nginx (terminate, then kill if it lingers)

    // /usr/sbin/nginx, else "nginx" found in PATH; empty when there is none.
    static QString executablePath();

    // Bytes per second for /slow/ (0: no limit; the default is 1 MiB/s). Takes effect at the
    // next start() or restart().
    void setSlowRate(qint64 bytesPerSecond);

    // Serve HTTPS with HTTP/2 (ALPN) using a certificate for 127.0.0.1 made with openssl at
    // start(); its PEM file is certificatePath(), for clients to trust. Call before start().
    void setTls(bool enabled) { m_tls = enabled; }

    QString certificatePath() const;
    // Serve HTTPS with this certificate and key (PEM files, copied) instead of the generated
    // one; takes effect at the next start() or restart(). False if they cannot be copied.
    bool setCertificate(const QString &certificateFile, const QString &keyFile);

    qint64 slowRate() const { return m_slowRate; }

    // Picks a free port, starts nginx and waits until it accepts connections; retries with another
    // port if the one picked was taken meanwhile. False, with errorString(), if that failed.
    bool start();
    // Stops nginx and starts it again on the same port and with the same files and logs (the
    // access log goes on), e.g. to apply a new slow rate. URLs and validators stay the same.
    bool restart();
    // Stops nginx (SIGTERM, bounded wait, then SIGKILL); spins the event loop meanwhile.
    void stop();
    bool isRunning() const;

    // Why start() or restart() failed, with what nginx said.
    QString errorString() const { return m_errorString; }

    quint16 port() const { return m_port; }

    // http://127.0.0.1:<port><path>
    QUrl url(const QString &path) const;
    // The folder served at "/"; tests put their files here.
    QString documentRoot() const;

    // Writes generatedData(0, size, seed) to documentRoot()/relativePath, 4 MiB at a time,
    // creating folders as needed. False if the file cannot be written.
    bool writeGeneratedFile(const QString &relativePath, qint64 size, quint32 seed) const;

    QString accessLogPath() const;
    QString errorLogPath() const;
    // Every request logged so far (nginx logs a request when it is finished), in order.
    QList<NginxLogEntry> accessLog() const;
    // Those whose path starts with `pathPrefix`, e.g. "/slow/".
    QList<NginxLogEntry> accessLog(const QByteArray &pathPrefix) const;

private:
    enum class Launch {
        Running,
        PortTaken,
        Failed,
    };

    Launch launch();
    QString filePath(const QString &name) const;
    bool writeConfig() const;
    bool makeCertificate();
    bool hasWrittenPidFile() const;
    QString newErrorLogText(qint64 from) const;

    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
    qint64 m_slowRate = 1 << 20;
    bool m_tls = false;
    QString m_errorString;
};

} // namespace Ferry::Test
