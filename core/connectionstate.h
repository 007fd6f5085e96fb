#pragma once

namespace Ferry {

// How a front end is connected to the engine it drives. Ferry's own engine is always Local; a
// remote engine (aria2 over JSON-RPC) goes through the others.
enum class ConnectionState {
    Local,       // the engine runs in this process
    Connecting,  // opening the connection, or checking the secret
    Connected,   // commands and progress flow
    Lost,        // the connection dropped or could not be made; trying again with backoff
    WrongSecret, // the remote engine refused the secret; no retry until it changes
};

} // namespace Ferry
