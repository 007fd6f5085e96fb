#pragma once

#include <QObject>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

namespace Ferry::Test {

// A real proxy from Debian's packages, run as a child process on 127.0.0.1 with a free port:
// tinyproxy for HTTP (it adds "Via: 1.1 ferrytest (tinyproxy/...)" to the requests it forwards
// and logs every request, CONNECT included) or microsocks for SOCKS5 (it logs each connection
// it makes: "connected to HOST:PORT"). On Linux the proxy is told to stop when the test process
// dies. start() waits, bounded and without sleeping, until the proxy accepts connections.
class ProxyServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxyServer)

public:
    enum class Kind {
        Http,   // tinyproxy
        Socks5, // microsocks
    };

    explicit ProxyServer(Kind kind, QObject *parent = nullptr);
    ~ProxyServer() override;

    // Require this login (Basic for tinyproxy, RFC 1929 for microsocks). Before start().
    void setLogin(const QString &user, const QString &password);

    bool start();
    void stop();

    QString errorString() const { return m_errorString; }

    quint16 port() const { return m_port; }

    // http://127.0.0.1:<port> or socks5://127.0.0.1:<port>, without the login.
    QUrl url() const;
    // What the proxy logged so far.
    QString log();

private:
    Kind m_kind;
    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_user;
    QString m_password;
    QString m_output; // microsocks' standard output and error, as read
    quint16 m_port = 0;
    QString m_errorString;
};

} // namespace Ferry::Test
