#pragma once

#include "ui/remoteengine.h"

#include <QGroupBox>
#include <QHash>
#include <QList>

class QComboBox;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace Ferry {

// The "Engines" part of the settings: remote aria2 daemons (name, host, port, secret) and the
// engine the window drives (this computer's or one remote). Secrets typed here are handed out
// by enteredSecrets() for the keychain; the box never shows a saved one.
class EnginesSettingsBox final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EnginesSettingsBox)

public:
    EnginesSettingsBox(const QList<RemoteEngine> &engines,
                       const QString &activeEngine,
                       QWidget *parent = nullptr);

    QList<RemoteEngine> engines() const { return m_engines; }

    // Empty: this computer's engine.
    QString activeEngine() const;

    // Engine name -> the secret typed for it since the box was made.
    QHash<QString, QString> enteredSecrets() const { return m_secrets; }

    // Adds an engine, or replaces the one of that name; an empty secret keeps the saved one.
    // False, with *error, when the name or host is empty.
    bool setEngine(const RemoteEngine &engine, const QString &secret, QString *error);
    void removeEngine(const QString &name);
    void setActiveEngine(const QString &name);

private:
    void addFromFields();
    void showSelected();
    void rebuild(const QString &active);

    QList<RemoteEngine> m_engines;
    QHash<QString, QString> m_secrets;
    QComboBox *m_active;
    QListWidget *m_list;
    QLineEdit *m_name;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_secret;
};

} // namespace Ferry
