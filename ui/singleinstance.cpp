#include "singleinstance.h"

#include <QDataStream>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr int HandOffTimeoutMs = 5000;
constexpr quint32 MaxMessageBytes = 64 << 20;
constexpr QByteArrayView Acknowledgement = "OK\n";

} // namespace

SingleInstance::SingleInstance(const QString &socketName, QObject *parent)
    : QObject(parent)
    , m_socketName(socketName)
    , m_timeout(this)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(HandOffTimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] { finishHandOff(false); });
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultSocketName()
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (folder.isEmpty())
        folder = QDir::tempPath();
    return QDir(folder).filePath(u"ferry.socket"_s);
}

void SingleInstance::handOff(const LaunchRequest &request)
{
    m_handingOff = true;
    auto *socket = new QLocalSocket(this);
    m_client = socket;
    QByteArray framed;
    {
        QDataStream out(&framed, QIODevice::WriteOnly);
        out << request.encode();
    }
    connect(socket, &QLocalSocket::connected, this, [socket, framed] { socket->write(framed); });
    connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
        if (socket->bytesAvailable() >= Acknowledgement.size())
            finishHandOff(socket->readAll().startsWith(Acknowledgement));
    });
    connect(socket, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError) {
        finishHandOff(false);
    });
    m_timeout.start();
    socket->connectToServer(m_socketName);
}

void SingleInstance::finishHandOff(bool taken)
{
    if (!m_handingOff)
        return;
    m_handingOff = false;
    m_timeout.stop();
    if (m_client) {
        m_client->disconnect(this);
        m_client->abort();
        m_client->deleteLater();
    }
    if (taken)
        emit handedOff();
    else
        emit noInstance();
}

bool SingleInstance::listen()
{
    if (!m_server) {
        m_server = new QLocalServer(this);
        m_server->setSocketOptions(QLocalServer::UserAccessOption);
        connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::handleConnection);
    }
    if (m_server->listen(m_socketName))
        return true;
    // Nobody answered on it a moment ago: a crashed instance left it behind.
    QLocalServer::removeServer(m_socketName);
    return m_server->listen(m_socketName);
}

void SingleInstance::handleConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (socket->bytesAvailable() < qint64(sizeof(quint32)))
                return;
            quint32 length = 0;
            socket->peek(reinterpret_cast<char *>(&length), sizeof length);
            length = qFromBigEndian(length);
            if (length > MaxMessageBytes) {
                socket->abort();
                return;
            }
            if (socket->bytesAvailable() < qint64(sizeof(quint32) + length))
                return;
            QByteArray message;
            QDataStream in(socket);
            in >> message;
            const std::optional<LaunchRequest> request = LaunchRequest::decode(message);
            if (!request) {
                socket->abort();
                return;
            }
            socket->write(Acknowledgement.data(), Acknowledgement.size());
            socket->disconnectFromServer();
            emit requestReceived(*request);
        });
    }
}

} // namespace Ferry
