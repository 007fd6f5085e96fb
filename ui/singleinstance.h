#pragma once

#include "ui/launchrequest.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

class QLocalServer;
class QLocalSocket;

namespace Ferry {

// One Ferry per user. A new start first offers its LaunchRequest to the running instance over
// a local socket; if none answers, it becomes the running instance and listens.
class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    explicit SingleInstance(const QString &socketName, QObject *parent = nullptr);
    ~SingleInstance() override;

    // The per-user socket: in the runtime folder (XDG_RUNTIME_DIR on Linux).
    static QString defaultSocketName();

    // Offers `request` to a running instance, without blocking: handedOff() once it took it,
    // noInstance() when there is none (or it does not answer in time).
    void handOff(const LaunchRequest &request);
    // Becomes the running instance (replacing a socket left by a crash). False on failure.
    bool listen();

signals:
    void handedOff();
    void noInstance();
    void requestReceived(const Ferry::LaunchRequest &request);

private:
    void finishHandOff(bool taken);
    void handleConnection();

    QString m_socketName;
    QLocalServer *m_server = nullptr;
    QPointer<QLocalSocket> m_client;
    QTimer m_timeout;
    bool m_handingOff = false;
};

} // namespace Ferry
