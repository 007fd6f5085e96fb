#pragma once

#include <QMenu>
#include <QPointer>

class QAction;
class QActionGroup;

namespace Ferry {

class Settings;
class SpeedLimitDialog;

// Chooses the speed limit for all downloads: Unlimited, a few presets, or a custom value asked
// for in a small dialog. The current limit is checked. A choice is stored in Settings before
// limitChanged is emitted; whoever owns the engine applies it from there.
class SpeedLimitMenu final : public QMenu
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpeedLimitMenu)

public:
    explicit SpeedLimitMenu(Settings *settings, QWidget *parent = nullptr);
    ~SpeedLimitMenu() override;

    // The checkable actions: one per preset (data: bytes per second), then the custom one.
    QList<QAction *> limitActions() const;

    QAction *customAction() const { return m_customAction; }

    // The dialog "Custom…" opened, while it is open.
    SpeedLimitDialog *customDialog() const;

    // Stores `bytesPerSecond` (0 = unlimited) and emits limitChanged if it differs.
    void chooseLimit(qint64 bytesPerSecond);
    // Checks the action that matches what Settings holds now.
    void updateChecks();
    void openCustomDialog();

    // "Unlimited" or a rate such as "1 MiB/s".
    static QString formatLimit(qint64 bytesPerSecond);

signals:
    void limitChanged(qint64 bytesPerSecond);

private:
    Settings *m_settings;
    QActionGroup *m_group;
    QList<QAction *> m_presetActions;
    QAction *m_customAction;
    QPointer<SpeedLimitDialog> m_dialog;
};

} // namespace Ferry
