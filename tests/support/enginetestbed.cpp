#include "enginetestbed.h"

#include <QTest>

namespace Ferry::Test {

bool EngineTestBed::setUp()
{
    m_downloads = std::make_unique<QTemporaryDir>();
    m_state = std::make_unique<QTemporaryDir>();
    m_server = std::make_unique<TestHttpServer>();
    return m_downloads->isValid() && m_state->isValid() && m_server->listen();
}

void EngineTestBed::tearDown()
{
    m_server.reset();
    m_downloads.reset();
    m_state.reset();
}

std::unique_ptr<Engine> EngineTestBed::makeEngine(EngineOptions options) const
{
    options.stateDirectory = m_state->path();
    if (options.retryWaitMs == EngineOptions{}.retryWaitMs)
        options.retryWaitMs = 20;
    return std::make_unique<Engine>(options);
}

TransferRequest EngineTestBed::request(const QString &path) const
{
    TransferRequest request;
    request.url = m_server->url(path);
    request.directory = m_downloads->path();
    return request;
}

TransferSnapshot EngineTestBed::waitFinished(Engine &engine, TransferId id, int timeoutMs)
{
    [[maybe_unused]] const bool finished = QTest::qWaitFor(
        [&] {
            const auto snapshot = engine.snapshot(id);
            return snapshot && isFinished(snapshot->state);
        },
        timeoutMs);
    return engine.snapshot(id).value_or(TransferSnapshot{});
}

} // namespace Ferry::Test
