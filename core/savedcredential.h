#pragma once

#include "core/credentialkey.h"

#include <QString>

namespace Ferry {

// One login kept in the keychain, as the settings page lists it: where, and for whom. The
// password stays in the keychain.
struct SavedCredential
{
    CredentialKey key;
    QString user;

    friend bool operator==(const SavedCredential &a, const SavedCredential &b) = default;
};

} // namespace Ferry
