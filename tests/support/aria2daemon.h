#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace Ferry::Test {

// A real `aria2c --enable-rpc` for tests of the remote engine, run as a child process on
// 127.0.0.1 with a random secret, no config file and downloads into directory(). start() waits,
// bounded and without sleeping, until the RPC port accepts connections. On Linux aria2c is told
// to stop when the test process dies.
class Aria2Daemon final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Aria2Daemon)

public:
    explicit Aria2Daemon(const QString &directory, QObject *parent = nullptr);
    ~Aria2Daemon() override; // kills aria2c

    static QString executablePath();

    // Extra aria2c arguments for the next start().
    void setExtraArguments(const QStringList &arguments) { m_extra = arguments; }

    // Picks a free port the first time (then keeps it) and starts aria2c. False, with
    // errorString(), when it did not accept connections within 15 s.
    bool start();
    // SIGKILL, as a crash or a power cut would; waits (bounded) until the process is gone.
    void kill();

    bool isRunning() const { return m_process.state() == QProcess::Running; }

    quint16 port() const { return m_port; }

    QString secret() const { return m_secret; }

    QString directory() const { return m_directory; }

    QString errorString() const { return m_errorString; }

private:
    QProcess m_process;
    QString m_directory;
    QString m_secret;
    QStringList m_extra;
    QString m_errorString;
    quint16 m_port = 0;
};

} // namespace Ferry::Test
