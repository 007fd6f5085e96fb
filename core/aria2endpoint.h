#pragma once

#include <QString>

namespace Ferry {

// Where a remote aria2 daemon listens for JSON-RPC: ws://host:port/jsonrpc, and the secret it
// was started with (--rpc-secret). The secret comes from the keychain and is never logged.
struct Aria2Endpoint
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6800;
    QString secret;
    bool secure = false; // wss:// (the daemon runs with --rpc-secure)
};

} // namespace Ferry
