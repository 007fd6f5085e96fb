#pragma once

#include "core/aria2endpoint.h"
#include "core/aria2reply.h"
#include "core/connectionstate.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QWebSocket;

namespace Ferry {

// A JSON-RPC 2.0 client for aria2 over one WebSocket (ws://host:port/jsonrpc). Every call
// carries "token:<secret>" as its first parameter and ends in exactly one Aria2Reply: the
// result, aria2's error, a timeout or "not connected". After open() it keeps itself connected:
// a lost or refused connection is retried after 1 s, doubling up to 30 s; a refused secret
// (WrongSecret) is not retried until open() is called again.
class Aria2Rpc final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Aria2Rpc)

public:
    using Handler = std::function<void(const Aria2Reply &)>;

    explicit Aria2Rpc(QObject *parent = nullptr);
    ~Aria2Rpc() override;

    void setEndpoint(const Aria2Endpoint &endpoint);

    Aria2Endpoint endpoint() const { return m_endpoint; }

    void setRequestTimeout(int ms) { m_requestTimeoutMs = ms; }

    void setReconnectDelays(int firstMs, int maxMs);

    void open();
    void close();

    ConnectionState state() const { return m_state; }

    // aria2's text when it refused the connection or the secret; empty otherwise.
    QString lastError() const { return m_lastError; }

    // Connections opened since construction (a guard against retry storms in tests).
    int connectAttempts() const { return m_connectAttempts; }

    // The wait before the next reconnect attempt.
    int reconnectDelayMs() const { return m_reconnectDelayMs; }

    // `method` is aria2's name ("aria2.addUri"); the token is put in front of `params`. The
    // handler runs on this thread unless `context` is gone by then.
    void call(const QString &method, const QJsonArray &params, QObject *context, Handler handler);

signals:
    void stateChanged(Ferry::ConnectionState state);
    // An aria2 notification such as "aria2.onDownloadComplete", with the download's gid.
    void notified(const QString &method, const QString &gid);

private:
    struct Pending
    {
        QPointer<QObject> context;
        Handler handler;
        qint64 deadlineMs = 0; // on m_clock
    };

    void connectSocket();
    void setState(ConnectionState state);
    void handleConnected();
    void handleDisconnected();
    void handleMessage(const QString &message);
    void handleTimeouts();
    void finish(qint64 id, const Aria2Reply &reply);
    void failAll(Aria2Reply::Status status);
    void scheduleReconnect();
    void send(qint64 id, const QString &method, const QJsonArray &params);

    Aria2Endpoint m_endpoint;
    QWebSocket *m_socket = nullptr;
    QTimer m_reconnectTimer;
    QTimer m_timeoutTimer;
    QElapsedTimer m_clock;
    QHash<qint64, Pending> m_pending;
    ConnectionState m_state = ConnectionState::Lost;
    QString m_lastError;
    qint64 m_nextId = 1;
    int m_requestTimeoutMs = 15000;
    int m_firstReconnectMs = 1000;
    int m_maxReconnectMs = 30000;
    int m_reconnectDelayMs = 1000;
    int m_connectAttempts = 0;
    bool m_wanted = false; // open() was called and close() was not
};

} // namespace Ferry
