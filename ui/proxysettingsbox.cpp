#include "proxysettingsbox.h"

#include <QFormLayout>
#include <QLineEdit>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ferry {

ProxySettingsBox::ProxySettingsBox(const ProxySettings &settings, QWidget *parent)
    : QGroupBox(tr("Proxy"), parent)
    , m_system(new QRadioButton(tr("Use the s&ystem's proxy settings"), this))
    , m_none(new QRadioButton(tr("&No proxy"), this))
    , m_manual(new QRadioButton(tr("Ma&nual:"), this))
    , m_http(new QLineEdit(this))
    , m_https(new QLineEdit(this))
    , m_noProxy(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
{
    setObjectName(u"proxyBox"_s);
    m_system->setObjectName(u"proxySystem"_s);
    m_none->setObjectName(u"proxyNone"_s);
    m_manual->setObjectName(u"proxyManual"_s);
    m_http->setObjectName(u"proxyHttp"_s);
    m_https->setObjectName(u"proxyHttps"_s);
    m_noProxy->setObjectName(u"proxyExceptions"_s);
    m_user->setObjectName(u"proxyUser"_s);
    m_password->setObjectName(u"proxyPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setToolTip(tr("Kept in the system keychain once the proxy accepts it, never in "
                              "Ferry's settings file"));
    //: an example proxy address; keep the form, translate nothing but the host if you like
    const QString example = tr("e.g. proxy.example.org:3128 or socks5://127.0.0.1:1080");
    m_http->setPlaceholderText(example);
    m_https->setPlaceholderText(tr("empty: the same as for HTTP"));
    m_noProxy->setPlaceholderText(tr("e.g. localhost, .example.org, 10.0.0.0/8"));

    m_system->setChecked(settings.mode == ProxySettings::Mode::System);
    m_none->setChecked(settings.mode == ProxySettings::Mode::None);
    m_manual->setChecked(settings.mode == ProxySettings::Mode::Manual);
    m_http->setText(settings.httpProxy.toString(QUrl::RemovePassword));
    if (settings.httpsProxy != settings.httpProxy)
        m_https->setText(settings.httpsProxy.toString(QUrl::RemovePassword));
    m_noProxy->setText(settings.noProxy.join(u", "_s));
    m_user->setText(settings.user);

    auto *manual = new QFormLayout;
    manual->addRow(tr("&HTTP proxy:"), m_http);
    manual->addRow(tr("HTTP&S proxy:"), m_https);
    manual->addRow(tr("&Bypass for:"), m_noProxy);
    manual->addRow(tr("&User name:"), m_user);
    manual->addRow(tr("Pass&word:"), m_password);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_system);
    layout->addWidget(m_none);
    layout->addWidget(m_manual);
    layout->addLayout(manual);
    for (QRadioButton *button : {m_system, m_none, m_manual})
        connect(button, &QRadioButton::toggled, this, &ProxySettingsBox::updateEnabled);
    updateEnabled();
}

std::optional<ProxySettings> ProxySettingsBox::settings(QString *error) const
{
    ProxySettings settings;
    settings.mode = m_manual->isChecked() ? ProxySettings::Mode::Manual
                    : m_none->isChecked() ? ProxySettings::Mode::None
                                          : ProxySettings::Mode::System;
    if (settings.mode != ProxySettings::Mode::Manual)
        return settings;
    QString why;
    if (!m_http->text().trimmed().isEmpty()) {
        const auto http = ProxySettings::parseProxy(m_http->text(), &why);
        if (!http) {
            //: %1 says what a proxy address should look like
            *error = tr("HTTP proxy: %1").arg(why);
            return std::nullopt;
        }
        settings.httpProxy = *http;
    }
    settings.httpsProxy = settings.httpProxy;
    if (!m_https->text().trimmed().isEmpty()) {
        const auto https = ProxySettings::parseProxy(m_https->text(), &why);
        if (!https) {
            *error = tr("HTTPS proxy: %1").arg(why);
            return std::nullopt;
        }
        settings.httpsProxy = *https;
    }
    const QStringList exceptions = m_noProxy->text().split(u',', Qt::SkipEmptyParts);
    for (const QString &exception : exceptions) {
        if (!exception.trimmed().isEmpty())
            settings.noProxy.append(exception.trimmed());
    }
    settings.user = m_user->text().trimmed();
    settings.password = m_password->text();
    return settings;
}

void ProxySettingsBox::setPasswordSaved(bool saved)
{
    m_password->setPlaceholderText(saved ? tr("saved in the keychain; type to replace it")
                                         : QString());
}

void ProxySettingsBox::updateEnabled()
{
    for (QLineEdit *field : {m_http, m_https, m_noProxy, m_user, m_password})
        field->setEnabled(m_manual->isChecked());
}

} // namespace Ferry
