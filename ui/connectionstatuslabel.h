#pragma once

#include "core/connectionstate.h"

#include <QLabel>

namespace Ferry {

class TransferClient;

// The status bar's word on the engine the window drives: nothing for this computer's own
// engine; for a remote one its name and whether it is connected, connecting, lost (retrying)
// or refusing the secret.
class ConnectionStatusLabel final : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionStatusLabel)

public:
    ConnectionStatusLabel(TransferClient *client,
                          const QString &engineName,
                          QWidget *parent = nullptr);

    static QString describe(ConnectionState state, const QString &engineName);

private:
    void handleStateChanged(ConnectionState state);

    QString m_engineName;
};

} // namespace Ferry
