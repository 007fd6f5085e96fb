#pragma once

#include <QString>

namespace Ferry {

// A user name and its password, in memory only. Never logged, never written to a file: the
// keychain (CredentialStore) is the one place a password is kept.
struct Credentials
{
    QString user;
    QString password;

    bool isEmpty() const { return user.isEmpty() && password.isEmpty(); }

    friend bool operator==(const Credentials &a, const Credentials &b) = default;
};

} // namespace Ferry
