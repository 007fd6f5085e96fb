#pragma once

#include <QToolBar>

class QAction;

namespace Ferry {

// The main window's toolbar: the everyday actions, each with a short label beside its icon.
class MainToolBar final : public QToolBar
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainToolBar)

public:
    explicit MainToolBar(QWidget *parent = nullptr);

    // Adds the action, labelled with its icon text without a Chinese-style accelerator: the
    // button would otherwise read "暂停(P)" for the menu's "暂停(&P)".
    void addLabelledAction(QAction *action);

    static QString labelFor(const QString &text);
};

} // namespace Ferry
