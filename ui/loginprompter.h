#pragma once

#include "core/credentialkey.h"
#include "core/transfersnapshot.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

class QWidget;

namespace Ferry {

class LoginDialog;
class TransferClient;

// Turns the engine's AskUser authentication errors into one login dialog per server and realm,
// however many downloads wait on it, one dialog at a time. The answer goes to the engine, which
// runs every item of that realm again; Cancel leaves them failed with the reason. A realm is
// asked again only once the engine has taken the answer and an item still meets a refusal, or
// after the user retried one of its items.
class LoginPrompter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginPrompter)

public:
    // Dialogs open over `window`, which also owns the prompter.
    LoginPrompter(TransferClient *client, QWidget *window);

    // The dialog on screen, if any (tests).
    LoginDialog *currentDialog() const;

signals:
    void dialogShown(Ferry::CredentialKey key);

private:
    enum class Phase {
        Idle,     // ask when an item needs it
        Queued,   // a dialog for it will come
        Answered, // asked; quiet until the engine took the answer or an item runs again
    };

    struct Realm
    {
        Phase phase = Phase::Idle;
        bool refused = false;
        QSet<TransferId> items; // failed for want of this login
    };

    void handleTransfersChanged(const QList<TransferSnapshot> &changed);
    void showNext();
    void handleFinished(int result);

    TransferClient *m_client;
    QWidget *m_window;
    QHash<CredentialKey, Realm> m_realms;
    QHash<TransferId, CredentialKey> m_itemRealm;
    QList<CredentialKey> m_queue;
    QPointer<LoginDialog> m_dialog;
};

} // namespace Ferry
