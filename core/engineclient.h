#pragma once

#include "core/transferclient.h"

#include <QPointer>

namespace Ferry {

class Engine;

// The client for Ferry's own engine. Lives on the caller's thread (the GUI thread), forwards
// commands to the engine's thread as queued calls and re-emits the engine's batched signals
// there. Only value types cross.
class EngineClient final : public TransferClient
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EngineClient)

public:
    explicit EngineClient(Engine *engine, QObject *parent = nullptr);

    QList<TransferId> add(const QList<TransferRequest> &requests) override;
    QList<TransferId> restore(const QList<TransferRecord> &records) override;
    void pause(const QList<TransferId> &ids) override;
    void resume(const QList<TransferId> &ids) override;
    void cancel(const QList<TransferId> &ids) override;
    void move(const QList<TransferId> &ids, QueueMove where) override;
    void changeUrl(TransferId id, const QUrl &url) override;
    void remove(const QList<TransferId> &ids, bool deleteFiles) override;
    void pauseAll() override;
    void resumeAll() override;
    void stopAll() override;
    void setOptions(const EngineOptions &options) override;

    // The store (not owned) lives on this thread; the engine reaches it with queued calls.
    // Without one nothing is remembered and the saved list is empty.
    void setCredentialStore(CredentialStore *store) override;
    void setDefaultCredentials(const Credentials &credentials, bool saveWhenAccepted) override;
    void provideCredentials(const CredentialKey &key,
                            const Credentials &credentials,
                            bool remember) override;
    QList<SavedCredential> savedCredentials() const override;
    void forgetCredentials(const CredentialKey &key) override;

private:
    template<typename Call>
    void post(Call &&call);

    QPointer<Engine> m_engine;
    QPointer<CredentialStore> m_store;
};

} // namespace Ferry
