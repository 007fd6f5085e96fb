#pragma once

#include "core/engine.h"
#include "tests/support/testhttpserver.h"

#include <QTemporaryDir>

#include <memory>

namespace Ferry::Test {

// What most engine tests need: a loopback test server, a download folder and a state folder,
// all new for each test, and engines that use them.
class EngineTestBed
{
public:
    static constexpr int Patience = 20000; // ms: generous bounds for a loaded machine

    // Starts afresh; false when the folders or the server could not be set up.
    bool setUp();
    void tearDown();

    TestHttpServer &server() { return *m_server; }

    QString downloads() const { return m_downloads->path(); }

    QString state() const { return m_state->path(); }

    QString downloadPath(const QString &name) const { return m_downloads->filePath(name); }

    // An engine keeping its checkpoints in state(), retrying after 20 ms unless told otherwise.
    std::unique_ptr<Engine> makeEngine(EngineOptions options = {}) const;
    // A request for `path` on the test server into downloads().
    TransferRequest request(const QString &path) const;

    // The item once it is Completed, Failed or Cancelled; on a timeout its current state, so
    // callers that compare the state fail instead of hanging.
    static TransferSnapshot waitFinished(Engine &engine, TransferId id, int timeoutMs = Patience);

private:
    std::unique_ptr<QTemporaryDir> m_downloads;
    std::unique_ptr<QTemporaryDir> m_state;
    std::unique_ptr<TestHttpServer> m_server;
};

} // namespace Ferry::Test
