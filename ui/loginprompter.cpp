#include "loginprompter.h"

#include "core/transferclient.h"
#include "ui/logindialog.h"

#include <QWidget>

namespace Ferry {

LoginPrompter::LoginPrompter(TransferClient *client, QWidget *window)
    : QObject(window)
    , m_client(client)
    , m_window(window)
{
    connect(
        client, &TransferClient::transfersChanged, this, &LoginPrompter::handleTransfersChanged);
}

LoginDialog *LoginPrompter::currentDialog() const
{
    return m_dialog;
}

void LoginPrompter::handleTransfersChanged(const QList<TransferSnapshot> &changed)
{
    for (const TransferSnapshot &snapshot : changed) {
        const TransferError &error = snapshot.error;
        const bool needsLogin = snapshot.state == TransferState::Failed && error.isAuthentication()
                                && error.recovery == TransferError::Recovery::AskUser
                                && error.credentialKey.isValid();
        if (!needsLogin) {
            // Running again: its realm may be asked again if that still fails.
            const auto it = m_itemRealm.constFind(snapshot.id);
            if (it != m_itemRealm.constEnd() && snapshot.state != TransferState::Failed) {
                Realm &realm = m_realms[*it];
                realm.items.remove(snapshot.id);
                if (realm.phase == Phase::Answered)
                    realm.phase = Phase::Idle;
                m_itemRealm.erase(it);
            }
            continue;
        }
        const CredentialKey &key = error.credentialKey;
        Realm &realm = m_realms[key];
        realm.items.insert(snapshot.id);
        m_itemRealm.insert(snapshot.id, key);
        realm.refused = realm.refused || error.kind == TransferError::Kind::AuthenticationFailed;
        if (realm.phase == Phase::Idle) {
            realm.phase = Phase::Queued;
            m_queue.append(key);
        }
    }
    showNext();
}

void LoginPrompter::showNext()
{
    if (m_dialog || m_queue.isEmpty())
        return;
    const CredentialKey key = m_queue.takeFirst();
    const Realm &realm = m_realms.value(key);
    m_dialog = new LoginDialog(key, realm.refused, int(realm.items.size()), m_window);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::finished, this, &LoginPrompter::handleFinished);
    m_dialog->open();
    emit dialogShown(key);
}

void LoginPrompter::handleFinished(int result)
{
    LoginDialog *dialog = m_dialog;
    m_dialog = nullptr;
    if (!dialog)
        return;
    const CredentialKey key = dialog->key();
    Realm &realm = m_realms[key];
    realm.phase = Phase::Answered;
    realm.refused = false;
    if (result == QDialog::Accepted)
        m_client->provideCredentials(key, dialog->credentials(), dialog->remember());
    showNext();
}

} // namespace Ferry
