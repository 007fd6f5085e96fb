#include "connectionstatuslabel.h"

#include "core/transferclient.h"

namespace Ferry {

ConnectionStatusLabel::ConnectionStatusLabel(TransferClient *client,
                                             const QString &engineName,
                                             QWidget *parent)
    : QLabel(parent)
    , m_engineName(engineName)
{
    setObjectName(QStringLiteral("connectionStatus"));
    connect(client,
            &TransferClient::connectionStateChanged,
            this,
            &ConnectionStatusLabel::handleStateChanged);
    handleStateChanged(client->connectionState());
}

QString ConnectionStatusLabel::describe(ConnectionState state, const QString &engineName)
{
    switch (state) {
    case ConnectionState::Local:
        return {};
    case ConnectionState::Connecting:
        //: %1 is the name the user gave a remote aria2 engine
        return tr("%1: connecting…").arg(engineName);
    case ConnectionState::Connected:
        return tr("%1: connected").arg(engineName);
    case ConnectionState::Lost:
        return tr("%1: connection lost, retrying").arg(engineName);
    case ConnectionState::WrongSecret:
        return tr("%1: wrong secret (check Settings → Engines)").arg(engineName);
    }
    return {};
}

void ConnectionStatusLabel::handleStateChanged(ConnectionState state)
{
    setText(describe(state, m_engineName));
    setVisible(state != ConnectionState::Local);
}

} // namespace Ferry
