#include "logindialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ferry {

LoginDialog::LoginDialog(const CredentialKey &key, bool refused, int waiting, QWidget *parent)
    : QDialog(parent)
    , m_key(key)
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_remember(new QCheckBox(tr("&Remember in the keychain"), this))
{
    setWindowTitle(tr("Log In"));
    setObjectName(u"loginDialog"_s);
    QString text;
    if (key.isProxy()) {
        //: %1 is a proxy's address, host:port
        text = tr("The proxy %1 asks for a login.").arg(u"%1:%2"_s.arg(key.host).arg(key.port));
    } else {
        //: %1 is a server such as https://example.com:443, %2 the realm (the name it gives its
        //: login)
        text = tr("%1 asks for a login for \"%2\".").arg(key.origin(), key.realm);
    }
    if (refused)
        text += u' ' + tr("The user name or password given before was refused.");
    text += u' ' + tr("%n download(s) wait for it.", nullptr, waiting);
    auto *message = new QLabel(text, this);
    message->setObjectName(u"message"_s);
    message->setWordWrap(true);
    message->setTextFormat(Qt::PlainText);

    m_user->setObjectName(u"user"_s);
    m_password->setObjectName(u"password"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_remember->setObjectName(u"remember"_s);
    auto *form = new QFormLayout;
    form->addRow(tr("&User name:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(m_remember);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Log In"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(message);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

Credentials LoginDialog::credentials() const
{
    return {m_user->text(), m_password->text()};
}

bool LoginDialog::remember() const
{
    return m_remember->isChecked();
}

} // namespace Ferry
