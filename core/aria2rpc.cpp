#include "aria2rpc.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrl>
#include <QWebSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ferry {

Q_LOGGING_CATEGORY(lcAria2Rpc, "ferry.core.aria2rpc")

namespace {

constexpr int TimeoutCheckMs = 250;
constexpr auto HandshakeMethod = "aria2.getVersion";

} // namespace

Aria2Rpc::Aria2Rpc(QObject *parent)
    : QObject(parent)
{
    m_clock.start();
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &Aria2Rpc::connectSocket);
    m_timeoutTimer.setInterval(TimeoutCheckMs);
    connect(&m_timeoutTimer, &QTimer::timeout, this, &Aria2Rpc::handleTimeouts);
}

Aria2Rpc::~Aria2Rpc()
{
    m_wanted = false;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    // Handlers are not run from a destructor: their owners may be half gone too.
    m_pending.clear();
}

void Aria2Rpc::setEndpoint(const Aria2Endpoint &endpoint)
{
    m_endpoint = endpoint;
}

void Aria2Rpc::setReconnectDelays(int firstMs, int maxMs)
{
    m_firstReconnectMs = std::max(1, firstMs);
    m_maxReconnectMs = std::max(m_firstReconnectMs, maxMs);
    m_reconnectDelayMs = m_firstReconnectMs;
}

void Aria2Rpc::open()
{
    m_wanted = true;
    m_reconnectDelayMs = m_firstReconnectMs;
    m_reconnectTimer.stop();
    connectSocket();
}

void Aria2Rpc::close()
{
    m_wanted = false;
    m_reconnectTimer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    failAll(Aria2Reply::Status::NotConnected);
    setState(ConnectionState::Lost);
}

void Aria2Rpc::connectSocket()
{
    if (!m_wanted)
        return;
    if (m_socket) {
        // open() again, e.g. with a corrected secret: calls on the old link end now.
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
        failAll(Aria2Reply::Status::NotConnected);
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    // aria2 sends big answers (tellStopped of a long list) as one message.
    m_socket->setMaxAllowedIncomingMessageSize(256 << 20);
    connect(m_socket, &QWebSocket::connected, this, &Aria2Rpc::handleConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &Aria2Rpc::handleDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &Aria2Rpc::handleMessage);
    // Qt 6.4 names the signal error(); errorOccurred() came with 6.5.
    connect(m_socket,
            qOverload<QAbstractSocket::SocketError>(&QWebSocket::error),
            this,
            [this](QAbstractSocket::SocketError) {
                if (m_socket)
                    m_lastError = m_socket->errorString();
                handleDisconnected();
            });
    QUrl url;
    url.setScheme(m_endpoint.secure ? u"wss"_s : u"ws"_s);
    url.setHost(m_endpoint.host);
    url.setPort(m_endpoint.port);
    url.setPath(u"/jsonrpc"_s);
    ++m_connectAttempts;
    setState(ConnectionState::Connecting);
    qCDebug(lcAria2Rpc) << "connecting to" << url.toDisplayString();
    m_socket->open(url);
}

void Aria2Rpc::setState(ConnectionState state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void Aria2Rpc::handleConnected()
{
    // The socket is open; the secret is proven by a first call before anyone else may call.
    const qint64 id = m_nextId++;
    m_pending.insert(
        id,
        Pending{this,
                [this](const Aria2Reply &reply) {
                    if (reply.isOk()) {
                        m_lastError.clear();
                        m_reconnectDelayMs = m_firstReconnectMs;
                        setState(ConnectionState::Connected);
                        return;
                    }
                    if (reply.status == Aria2Reply::Status::RpcError
                        && reply.errorMessage.contains(u"Unauthorized"_s, Qt::CaseInsensitive)) {
                        // A wrong secret stays wrong: no retry until open().
                        m_lastError = reply.errorMessage;
                        m_wanted = false;
                        if (m_socket) {
                            m_socket->disconnect(this);
                            m_socket->abort();
                            m_socket->deleteLater();
                            m_socket = nullptr;
                        }
                        failAll(Aria2Reply::Status::NotConnected);
                        setState(ConnectionState::WrongSecret);
                        return;
                    }
                    m_lastError = reply.errorMessage;
                    if (m_socket)
                        m_socket->abort(); // disconnected() retries
                },
                m_clock.elapsed() + m_requestTimeoutMs});
    m_timeoutTimer.start();
    send(id, QString::fromLatin1(HandshakeMethod), {});
}

void Aria2Rpc::handleDisconnected()
{
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->deleteLater();
    m_socket = nullptr;
    failAll(Aria2Reply::Status::NotConnected);
    if (!m_wanted)
        return;
    setState(ConnectionState::Lost);
    scheduleReconnect();
}

void Aria2Rpc::scheduleReconnect()
{
    qCDebug(lcAria2Rpc) << "reconnecting in" << m_reconnectDelayMs << "ms";
    m_reconnectTimer.start(m_reconnectDelayMs);
    m_reconnectDelayMs = std::min(m_reconnectDelayMs * 2, m_maxReconnectMs);
}

void Aria2Rpc::call(const QString &method,
                    const QJsonArray &params,
                    QObject *context,
                    Handler handler)
{
    if (m_state != ConnectionState::Connected || !m_socket) {
        Aria2Reply reply;
        reply.status = Aria2Reply::Status::NotConnected;
        // Still asynchronous, like every other answer.
        QMetaObject::invokeMethod(
            context ? context : this,
            [handler = std::move(handler), reply] {
                if (handler)
                    handler(reply);
            },
            Qt::QueuedConnection);
        return;
    }
    const qint64 id = m_nextId++;
    m_pending.insert(id,
                     Pending{context, std::move(handler), m_clock.elapsed() + m_requestTimeoutMs});
    m_timeoutTimer.start();
    send(id, method, params);
}

void Aria2Rpc::send(qint64 id, const QString &method, const QJsonArray &params)
{
    QJsonArray withToken;
    withToken.append(QString(u"token:"_s + m_endpoint.secret));
    for (const QJsonValue &value : params)
        withToken.append(value);
    const QJsonObject request{
        {u"jsonrpc"_s, u"2.0"_s},
        {u"id"_s, id},
        {u"method"_s, method},
        {u"params"_s, withToken},
    };
    m_socket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(request).toJson(QJsonDocument::Compact)));
}

void Aria2Rpc::handleMessage(const QString &message)
{
    const QJsonDocument document = QJsonDocument::fromJson(message.toUtf8());
    // aria2 answers one object per call; batches are never sent, so never answered.
    const QJsonObject object = document.object();
    if (object.isEmpty()) {
        qCWarning(lcAria2Rpc) << "unreadable message from aria2";
        return;
    }
    if (object.contains(u"method"_s) && !object.contains(u"id"_s)) {
        const QJsonArray params = object.value(u"params"_s).toArray();
        const QString gid = params.first().toObject().value(u"gid"_s).toString();
        emit notified(object.value(u"method"_s).toString(), gid);
        return;
    }
    const qint64 id = object.value(u"id"_s).toInteger(-1);
    Aria2Reply reply;
    if (object.contains(u"error"_s)) {
        const QJsonObject error = object.value(u"error"_s).toObject();
        reply.status = Aria2Reply::Status::RpcError;
        reply.errorCode = error.value(u"code"_s).toInt();
        reply.errorMessage = error.value(u"message"_s).toString();
    } else {
        reply.result = object.value(u"result"_s);
    }
    finish(id, reply);
}

void Aria2Rpc::finish(qint64 id, const Aria2Reply &reply)
{
    const auto it = m_pending.constFind(id);
    if (it == m_pending.cend())
        return; // timed out already
    const Pending pending = *it;
    m_pending.erase(it);
    if (m_pending.isEmpty())
        m_timeoutTimer.stop();
    if (pending.handler && pending.context)
        pending.handler(reply);
}

void Aria2Rpc::handleTimeouts()
{
    const qint64 now = m_clock.elapsed();
    QList<qint64> expired;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it->deadlineMs <= now)
            expired.append(it.key());
    }
    std::sort(expired.begin(), expired.end());
    Aria2Reply reply;
    reply.status = Aria2Reply::Status::Timeout;
    for (const qint64 id : std::as_const(expired))
        finish(id, reply);
}

void Aria2Rpc::failAll(Aria2Reply::Status status)
{
    Aria2Reply reply;
    reply.status = status;
    QList<qint64> ids = m_pending.keys();
    std::sort(ids.begin(), ids.end());
    for (const qint64 id : std::as_const(ids))
        finish(id, reply);
}

} // namespace Ferry
