#include "engineclient.h"

#include "core/credentialstore.h"
#include "core/engine.h"

#include <QDateTime>

namespace Ferry {

EngineClient::EngineClient(Engine *engine, QObject *parent)
    : TransferClient(parent)
    , m_engine(engine)
{
    connect(engine, &Engine::transfersChanged, this, &EngineClient::transfersChanged);
    connect(engine, &Engine::transfersRemoved, this, &EngineClient::transfersRemoved);
    connect(engine, &Engine::drained, this, &EngineClient::drained);
    connect(engine, &Engine::stopped, this, &EngineClient::stopped);
    connect(engine, &Engine::credentialsProvided, this, &EngineClient::credentialsProvided);
}

template<typename Call>
void EngineClient::post(Call &&call)
{
    if (!m_engine)
        return;
    QMetaObject::invokeMethod(
        m_engine,
        [engine = m_engine, call = std::forward<Call>(call)] {
            if (engine)
                call(*engine);
        },
        Qt::QueuedConnection);
}

QList<TransferId> EngineClient::add(const QList<TransferRequest> &requests)
{
    QList<TransferId> ids;
    if (!m_engine || requests.isEmpty())
        return ids;
    const TransferId first = m_engine->allocateIds(int(requests.size()));
    ids.reserve(requests.size());
    for (qsizetype i = 0; i < requests.size(); ++i)
        ids.append(first + TransferId(i));
    post([first, requests](Engine &engine) { engine.addWithIds(first, requests); });
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<TransferRecord> records;
    records.reserve(requests.size());
    for (qsizetype i = 0; i < requests.size(); ++i) {
        TransferRecord record;
        record.request = requests.at(i);
        // The engine keeps a URL's password in memory only; nobody else sees it.
        record.request.url = record.request.url.adjusted(QUrl::RemovePassword);
        record.addedAtMs = now;
        record.queueOrder = qint64(ids.at(i));
        records.append(std::move(record));
    }
    emit transfersAdded(ids, records);
    return ids;
}

QList<TransferId> EngineClient::restore(const QList<TransferRecord> &records)
{
    QList<TransferId> ids;
    if (!m_engine || records.isEmpty())
        return ids;
    const TransferId first = m_engine->allocateIds(int(records.size()));
    ids.reserve(records.size());
    for (qsizetype i = 0; i < records.size(); ++i)
        ids.append(first + TransferId(i));
    post([first, records](Engine &engine) { engine.addRestored(first, records); });
    // Restored items take their place in the queue by their new ids, in the records' order.
    QList<TransferRecord> announced = records;
    for (qsizetype i = 0; i < announced.size(); ++i)
        announced[i].queueOrder = qint64(ids.at(i));
    emit transfersAdded(ids, announced);
    return ids;
}

void EngineClient::pause(const QList<TransferId> &ids)
{
    post([ids](Engine &engine) { engine.pause(ids); });
}

void EngineClient::resume(const QList<TransferId> &ids)
{
    post([ids](Engine &engine) { engine.resume(ids); });
}

void EngineClient::cancel(const QList<TransferId> &ids)
{
    post([ids](Engine &engine) { engine.cancel(ids); });
}

void EngineClient::move(const QList<TransferId> &ids, QueueMove where)
{
    post([ids, where](Engine &engine) { engine.move(ids, where); });
}

void EngineClient::changeUrl(TransferId id, const QUrl &url)
{
    post([id, url](Engine &engine) { engine.changeUrl(id, url); });
}

void EngineClient::remove(const QList<TransferId> &ids, bool deleteFiles)
{
    post([ids, deleteFiles](Engine &engine) { engine.remove(ids, deleteFiles); });
}

void EngineClient::pauseAll()
{
    post([](Engine &engine) { engine.pauseAll(); });
}

void EngineClient::resumeAll()
{
    post([](Engine &engine) { engine.resumeAll(); });
}

void EngineClient::stopAll()
{
    post([](Engine &engine) { engine.stopAll(); });
}

void EngineClient::setOptions(const EngineOptions &options)
{
    post([options](Engine &engine) { engine.setOptions(options); });
}

void EngineClient::setCredentialStore(CredentialStore *store)
{
    if (m_store)
        m_store->disconnect(this);
    m_store = store;
    if (store) {
        connect(
            store, &CredentialStore::savedChanged, this, &EngineClient::savedCredentialsChanged);
    }
    post([store](Engine &engine) { engine.setCredentialStore(store); });
}

void EngineClient::setDefaultCredentials(const Credentials &credentials, bool saveWhenAccepted)
{
    post([credentials, saveWhenAccepted](Engine &engine) {
        engine.setDefaultCredentials(credentials, saveWhenAccepted);
    });
}

void EngineClient::provideCredentials(const CredentialKey &key,
                                      const Credentials &credentials,
                                      bool remember)
{
    post([key, credentials, remember](Engine &engine) {
        engine.provideCredentials(key, credentials, remember);
    });
}

QList<SavedCredential> EngineClient::savedCredentials() const
{
    return m_store ? m_store->saved() : QList<SavedCredential>();
}

void EngineClient::forgetCredentials(const CredentialKey &key)
{
    if (m_store)
        m_store->remove(key);
}

} // namespace Ferry
