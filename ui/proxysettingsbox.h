#pragma once

#include "core/proxysettings.h"

#include <QGroupBox>

class QLineEdit;
class QRadioButton;

namespace Ferry {

// The proxy part of the settings: the system's settings, none, or manual HTTP/SOCKS5 proxies
// with a user name and hosts that bypass them. No password field: passwords belong in the
// keychain, never in the settings file.
class ProxySettingsBox final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProxySettingsBox)

public:
    explicit ProxySettingsBox(const ProxySettings &settings, QWidget *parent = nullptr);

    // What the fields say; nullopt and *error (which field and why) when a proxy is malformed.
    std::optional<ProxySettings> settings(QString *error) const;

private:
    void updateEnabled();

    QRadioButton *m_system;
    QRadioButton *m_none;
    QRadioButton *m_manual;
    QLineEdit *m_http;
    QLineEdit *m_https;
    QLineEdit *m_noProxy;
    QLineEdit *m_user;
};

} // namespace Ferry
