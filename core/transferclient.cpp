#include "transferclient.h"

namespace Ferry {

TransferClient::TransferClient(QObject *parent)
    : QObject(parent)
{}

TransferClient::~TransferClient() = default;

void TransferClient::setCredentialStore(CredentialStore *store)
{
    Q_UNUSED(store)
}

void TransferClient::setDefaultCredentials(const Credentials &credentials, bool saveWhenAccepted)
{
    Q_UNUSED(credentials)
    Q_UNUSED(saveWhenAccepted)
}

void TransferClient::provideCredentials(const CredentialKey &key,
                                        const Credentials &credentials,
                                        bool remember)
{
    Q_UNUSED(key)
    Q_UNUSED(credentials)
    Q_UNUSED(remember)
}

QList<SavedCredential> TransferClient::savedCredentials() const
{
    return {};
}

void TransferClient::forgetCredentials(const CredentialKey &key)
{
    Q_UNUSED(key)
}

} // namespace Ferry
