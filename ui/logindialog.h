#pragma once

#include "core/credentialkey.h"
#include "core/credentials.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;

namespace Ferry {

// Asks for the user name and password of one server's realm, with "Remember" to keep them in
// the keychain. Says whether an earlier login was refused and how many downloads wait.
class LoginDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginDialog)

public:
    LoginDialog(const CredentialKey &key, bool refused, int waiting, QWidget *parent = nullptr);

    CredentialKey key() const { return m_key; }

    Credentials credentials() const;
    bool remember() const;

private:
    CredentialKey m_key;
    QLineEdit *m_user;
    QLineEdit *m_password;
    QCheckBox *m_remember;
};

} // namespace Ferry
