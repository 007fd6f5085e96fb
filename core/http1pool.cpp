#include "http1pool.h"

#include <QTcpSocket>

namespace Ferry {

namespace {

constexpr int SweepIntervalMs = 5'000;

QString serverKey(const QString &host, quint16 port)
{
    return host + u':' + QString::number(port);
}

} // namespace

Http1Pool::Http1Pool(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
    m_sweepTimer.setInterval(SweepIntervalMs);
    connect(&m_sweepTimer, &QTimer::timeout, this, &Http1Pool::sweep);
}

Http1Pool::~Http1Pool() = default; // the idle sockets are children

QTcpSocket *Http1Pool::take(const QString &host, quint16 port)
{
    const auto it = m_idle.find(serverKey(host, port));
    if (it == m_idle.end())
        return nullptr;
    QTcpSocket *socket = nullptr;
    while (!it->isEmpty() && !socket) {
        Idle entry = it->takeLast();
        QTcpSocket *candidate = release(entry);
        if (candidate->state() == QAbstractSocket::ConnectedState
            && candidate->bytesAvailable() == 0)
            socket = candidate;
        else
            candidate->deleteLater();
    }
    if (it->isEmpty())
        m_idle.erase(it);
    if (socket)
        socket->setParent(nullptr);
    return socket;
}

void Http1Pool::put(const QString &host, quint16 port, QTcpSocket *socket)
{
    socket->disconnect();
    QList<Idle> &idle = m_idle[serverKey(host, port)];
    if (socket->state() != QAbstractSocket::ConnectedState || socket->bytesAvailable() > 0
        || idle.size() >= MaxIdlePerServer) {
        socket->setParent(this);
        socket->abort();
        socket->deleteLater();
        if (idle.isEmpty())
            m_idle.remove(serverKey(host, port));
        return;
    }
    socket->setParent(this);
    // While idle, anything from the server (a close, or bytes nobody asked for) ends the socket.
    Idle entry{socket, m_clock.elapsed(), {}};
    entry.links.add(
        connect(socket, &QAbstractSocket::disconnected, this, [this, socket] { drop(socket); }));
    entry.links.add(
        connect(socket, &QAbstractSocket::readyRead, this, [this, socket] { drop(socket); }));
    entry.links.add(
        connect(socket, &QAbstractSocket::errorOccurred, this, [this, socket] { drop(socket); }));
    idle.append(std::move(entry));
    if (!m_sweepTimer.isActive())
        m_sweepTimer.start();
}

void Http1Pool::clear()
{
    for (QList<Idle> &idle : m_idle) {
        for (Idle &entry : idle) {
            QTcpSocket *socket = release(entry);
            socket->abort();
            socket->deleteLater();
        }
    }
    m_idle.clear();
    m_sweepTimer.stop();
}

int Http1Pool::idleCount() const
{
    int count = 0;
    for (const QList<Idle> &idle : m_idle)
        count += static_cast<int>(idle.size());
    return count;
}

void Http1Pool::drop(QTcpSocket *socket)
{
    for (auto it = m_idle.begin(); it != m_idle.end(); ++it) {
        const qsizetype index =
            std::find_if(it->cbegin(),
                         it->cend(),
                         [socket](const Idle &entry) { return entry.socket == socket; })
            - it->cbegin();
        if (index == it->size())
            continue;
        Idle entry = it->takeAt(index);
        if (it->isEmpty())
            m_idle.erase(it);
        release(entry);
        socket->abort();
        socket->deleteLater();
        return;
    }
}

QTcpSocket *Http1Pool::release(Idle &entry)
{
    entry.links.disconnectAll();
    return entry.socket;
}

void Http1Pool::sweep()
{
    const qint64 now = m_clock.elapsed();
    for (auto it = m_idle.begin(); it != m_idle.end();) {
        // The oldest come first.
        while (!it->isEmpty() && now - it->first().sinceMs >= IdleTimeoutMs) {
            Idle entry = it->takeFirst();
            QTcpSocket *socket = release(entry);
            socket->disconnectFromHost();
            socket->deleteLater();
        }
        it = it->isEmpty() ? m_idle.erase(it) : std::next(it);
    }
    if (m_idle.isEmpty())
        m_sweepTimer.stop();
}

} // namespace Ferry
