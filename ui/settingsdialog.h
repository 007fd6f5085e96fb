#pragma once

#include "ui/remoteengine.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace Ferry {

class PolitenessBox;
class EnginesSettingsBox;
class ProxySettingsBox;
class Settings;
class SpeedLimitSpinBox;
class TransferClient;

// Edits Settings: download folder, limits, segments, speed limits, retries, tray and notification behaviour, language.
// Writes them when accepted and then emits settingsApplied; also emits it when a trusted
// certificate was removed (stored at once).
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(Settings *settings, QWidget *parent = nullptr);
    // With a client, the dialog also leads to the logins saved in the keychain.
    SettingsDialog(Settings *settings, TransferClient *client, QWidget *parent = nullptr);

    // False, after saying why, when a field holds something unusable (nothing is written).
    bool apply();

signals:
    void settingsApplied();
    // A remote engine's RPC secret as typed, for the keychain (never written to Settings).
    void engineSecretEntered(const Ferry::RemoteEngine &engine, const QString &secret);

private:
    void chooseDirectory();

    Settings *m_settings;
    TransferClient *m_client = nullptr;
    QLineEdit *m_directory;
    QSpinBox *m_maxConcurrent;
    QSpinBox *m_perHost;
    QSpinBox *m_segments;
    SpeedLimitSpinBox *m_overallLimit;
    SpeedLimitSpinBox *m_downloadLimit;
    QSpinBox *m_maxTries;
    QCheckBox *m_closeToTray;
    QCheckBox *m_notifications;
    QCheckBox *m_startMinimized;
    QCheckBox *m_startAtLogin;
    QCheckBox *m_watchClipboard;
    QComboBox *m_language;
    PolitenessBox *m_politeness;
    ProxySettingsBox *m_proxy;
    EnginesSettingsBox *m_engines;
    QLabel *m_problem; // why apply() refused, until the next try
};

} // namespace Ferry
