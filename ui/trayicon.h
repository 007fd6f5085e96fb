#pragma once

#include "core/transferid.h"
#include "core/transferrecord.h"
#include "core/transfersnapshot.h"

#include <QObject>
#include <QSet>
#include <QSystemTrayIcon>

class QAction;
class QMenu;

namespace Ferry {

class MainWindow;
class Settings;
class SpeedLimitMenu;
class TransferClient;

// Ferry in the system tray: overall progress and speed in the tooltip; show/hide, add from
// the clipboard, pause all, resume all, the speed limit and quit in the menu. It says once
// that closing the window keeps the downloads going, and tells about finished batches with one
// notification (and one for failures) rather than one per file.
class TrayIcon final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayIcon)

public:
    TrayIcon(MainWindow *window,
             TransferClient *client,
             Settings *settings,
             QObject *parent = nullptr);
    ~TrayIcon() override;

    void show();

    QMenu *menu() const { return m_menu; }

    SpeedLimitMenu *speedLimitMenu() const { return m_speedLimitMenu; }

    QString toolTip() const { return m_toolTip; }

    QSystemTrayIcon *icon() const { return m_icon; }

signals:
    // Every message the tray shows, also where the platform has no tray (tests).
    void messageShown(const QString &title, const QString &text);

private:
    void handleTotals(const TransferTotals &totals);
    void handleAdded(const QList<TransferId> &ids, const QList<TransferRecord> &records);
    void handleChanged(const QList<TransferSnapshot> &changed);
    void handleDrained();
    void handleHiddenToTray();
    void toggleWindow();
    void showMessage(const QString &title,
                     const QString &text,
                     QSystemTrayIcon::MessageIcon icon = QSystemTrayIcon::Information);

    MainWindow *m_window;
    Settings *m_settings;
    QSystemTrayIcon *m_icon;
    QMenu *m_menu;
    QAction *m_toggleAction;
    SpeedLimitMenu *m_speedLimitMenu;
    QString m_toolTip;
    TransferTotals m_totals;
    QSet<TransferId> m_finished; // ids already Completed or Failed
    int m_newlyCompleted = 0;    // since the last notification
    int m_newlyFailed = 0;
    int m_shownProgress = -2;
};

} // namespace Ferry
