#pragma once

#include "core/credentialkey.h"

#include <QString>

namespace Ferry {

// A remote aria2 daemon the user can switch the window to. Its RPC secret is not here: it lives
// in the keychain under secretKey(), never in the settings file or the session.
struct RemoteEngine
{
    QString name; // unique among the engines; what the user picks
    QString host;
    int port = 6800;

    CredentialKey secretKey() const
    {
        return CredentialKey{
            QStringLiteral("aria2"), host.toLower(), port, QStringLiteral("rpc-secret")};
    }

    friend bool operator==(const RemoteEngine &, const RemoteEngine &) = default;
};

} // namespace Ferry
