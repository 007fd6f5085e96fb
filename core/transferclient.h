#pragma once

#include "core/connectionstate.h"
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

namespace Ferry {

class CredentialStore;

// The front ends' handle on an engine: Ferry's own (EngineClient) or a remote aria2
// (Aria2Client). Lives on the caller's thread (the GUI thread); the model, window, tray and
// session talk to downloads through this interface only, and receive batched value signals.
class TransferClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferClient)

public:
    explicit TransferClient(QObject *parent = nullptr);
    ~TransferClient() override;

    // Both announce the new items at once through transfersAdded(), before the engine has
    // seen them, so a list can show them without waiting for the engine's first batch.
    virtual QList<TransferId> add(const QList<TransferRequest> &requests) = 0;
    virtual QList<TransferId> restore(const QList<TransferRecord> &records) = 0;
    virtual void pause(const QList<TransferId> &ids) = 0;
    virtual void resume(const QList<TransferId> &ids) = 0;
    virtual void cancel(const QList<TransferId> &ids) = 0;
    virtual void move(const QList<TransferId> &ids, QueueMove where) = 0;
    virtual void changeUrl(TransferId id, const QUrl &url) = 0;
    virtual void remove(const QList<TransferId> &ids, bool deleteFiles) = 0;
    virtual void pauseAll() = 0;
    virtual void resumeAll() = 0;
    // Stops the downloads this process runs (quitting) and then emits stopped().
    virtual void stopAll() = 0;
    virtual void setOptions(const EngineOptions &options) = 0;

    // Where the engine runs and whether it can be reached (connectionStateChanged()).
    virtual ConnectionState connectionState() const { return ConnectionState::Local; }

    // Whether items belong in this computer's session file (a remote engine keeps its own).
    virtual bool isLocal() const { return true; }

    // Logins. The store (not owned) lives on this thread. An engine without logins of its own
    // (a remote one) keeps none, and the saved list is empty.
    virtual void setCredentialStore(CredentialStore *store);
    virtual void setDefaultCredentials(const Credentials &credentials, bool saveWhenAccepted);
    // The user's answer to an AskUser authentication error: items waiting on `key` run again.
    virtual void
    provideCredentials(const CredentialKey &key, const Credentials &credentials, bool remember);
    virtual QList<SavedCredential> savedCredentials() const;
    virtual void forgetCredentials(const CredentialKey &key);

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
    void connectionStateChanged(Ferry::ConnectionState state);
};

} // namespace Ferry
