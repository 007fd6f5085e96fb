#pragma once

#include "core/signallinks.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

class QTcpSocket;

namespace Ferry {

// Idle keep-alive connections of Http1Reply, per host and port, so that the next request to the
// same server skips the TCP handshake. A kept socket that the server closes, or that receives
// anything while idle, is dropped; one idle for longer than IdleTimeoutMs is closed. Engine
// thread only.
class Http1Pool final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Http1Pool)

public:
    static constexpr int MaxIdlePerServer = 32;
    static constexpr int IdleTimeoutMs = 20'000;

    explicit Http1Pool(QObject *parent = nullptr);
    ~Http1Pool() override;

    // A connected idle socket to `host`:`port` for the caller to own (its parent is cleared),
    // or null.
    QTcpSocket *take(const QString &host, quint16 port);
    // Keeps `socket`, whose last answer was read to its end, for the next request to the same
    // server; the pool becomes its parent. Closes it instead when the server has enough.
    void put(const QString &host, quint16 port, QTcpSocket *socket);
    // Closes every idle socket.
    void clear();
    int idleCount() const;

private:
    struct Idle
    {
        QTcpSocket *socket;
        qint64 sinceMs;
        SignalLinks links; // the pool's watch on it
    };

    // Ends the pool's watch on an idle socket it no longer keeps.
    static QTcpSocket *release(Idle &entry);

    void drop(QTcpSocket *socket);
    void sweep();

    QHash<QString, QList<Idle>> m_idle; // by "host:port"; the newest last
    QElapsedTimer m_clock;
    QTimer m_sweepTimer;
};

} // namespace Ferry
