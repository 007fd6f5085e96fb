#pragma once

#include "core/credentialkey.h"
#include "core/credentials.h"
#include "core/engineoptions.h"
#include "core/queuemove.h"
#include "core/savedcredential.h"
#include "core/transferid.h"
#include "core/transferrecord.h"
#include "core/transferrequest.h"
#include "core/transfersnapshot.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace Ferry {

class CredentialStore;
class Engine;

// The front ends' handle on the engine. Lives on the caller's thread (the GUI thread), forwards
// commands to the engine's thread as queued calls and re-emits the engine's batched signals
// there. Only value types cross.
class TransferClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferClient)

public:
    explicit TransferClient(Engine *engine, QObject *parent = nullptr);

    // Both announce the new items at once through transfersAdded(), before the engine has
    // seen them, so a list can show them without waiting for the engine's first batch.
    QList<TransferId> add(const QList<TransferRequest> &requests);
    QList<TransferId> restore(const QList<TransferRecord> &records);
    void pause(const QList<TransferId> &ids);
    void resume(const QList<TransferId> &ids);
    void cancel(const QList<TransferId> &ids);
    void move(const QList<TransferId> &ids, QueueMove where);
    void changeUrl(TransferId id, const QUrl &url);
    void remove(const QList<TransferId> &ids, bool deleteFiles);
    void pauseAll();
    void resumeAll();
    void stopAll();
    void setOptions(const EngineOptions &options);

    // Logins. The store (not owned) lives on this thread; the engine reaches it with queued
    // calls. Without one nothing is remembered and the saved list is empty.
    void setCredentialStore(CredentialStore *store);
    void setDefaultCredentials(const Credentials &credentials, bool saveWhenAccepted);
    // The user's answer to an AskUser authentication error: items waiting on `key` run again.
    void
    provideCredentials(const CredentialKey &key, const Credentials &credentials, bool remember);
    QList<SavedCredential> savedCredentials() const;
    void forgetCredentials(const CredentialKey &key);

signals:
    void transfersAdded(const QList<Ferry::TransferId> &ids,
                        const QList<Ferry::TransferRecord> &records);
    void transfersChanged(const QList<Ferry::TransferSnapshot> &changed,
                          const Ferry::TransferTotals &totals);
    void transfersRemoved(const QList<Ferry::TransferId> &ids);
    void drained();
    void stopped();
    void savedCredentialsChanged();
    void credentialsProvided(const Ferry::CredentialKey &key); // the engine has the answer

private:
    template<typename Call>
    void post(Call &&call);

    QPointer<Engine> m_engine;
    QPointer<CredentialStore> m_store;
};

} // namespace Ferry
