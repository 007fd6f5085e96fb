#pragma once

#include "core/proxysettings.h"

#include <QGroupBox>

class QLineEdit;
class QRadioButton;

namespace Ferry {

// The proxy part of the settings: the system's settings, none, or manual HTTP/SOCKS5 proxies
// with a login and hosts that bypass them. The password typed here is handed on (settings()
// carries it) for the keychain; the settings file never holds it, and the field starts empty.
class ProxySettingsBox final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxySettingsBox)

public:
    explicit ProxySettingsBox(const ProxySettings &settings, QWidget *parent = nullptr);

    // What the fields say; nullopt and *error (which field and why) when a proxy is malformed.
    std::optional<ProxySettings> settings(QString *error) const;
    // Says in the empty password field that the keychain holds one (empty: keep it).
    void setPasswordSaved(bool saved);

private:
    void updateEnabled();

    QRadioButton *m_system;
    QRadioButton *m_none;
    QRadioButton *m_manual;
    QLineEdit *m_http;
    QLineEdit *m_https;
    QLineEdit *m_noProxy;
    QLineEdit *m_user;
    QLineEdit *m_password;
};

} // namespace Ferry
