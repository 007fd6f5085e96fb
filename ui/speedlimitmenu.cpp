#include "speedlimitmenu.h"

#include "core/bytesize.h"
#include "ui/actionicons.h"
#include "ui/settings.h"
#include "ui/speedlimitdialog.h"

#include <QAction>
#include <QActionGroup>

#include <array>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr qint64 KiB = 1024;
constexpr qint64 MiB = 1024 * KiB;
constexpr std::array<qint64, 6> Presets{0, 256 * KiB, MiB, 5 * MiB, 10 * MiB, 50 * MiB};

// The nearest window that is not a menu: a popup is a poor parent for a dialog.
QWidget *dialogParent(QWidget *widget)
{
    while (widget && qobject_cast<QMenu *>(widget))
        widget = widget->parentWidget();
    return widget ? widget->window() : nullptr;
}

} // namespace

SpeedLimitMenu::SpeedLimitMenu(Settings *settings, QWidget *parent)
    : QMenu(tr("Speed &Limit"), parent)
    , m_settings(settings)
    , m_group(new QActionGroup(this))
    , m_customAction(nullptr)
{
    setObjectName(u"speedLimitMenu"_s);
    setIcon(ActionIcons::fromTheme(u"speedometer"_s));
    for (const qint64 preset : Presets) {
        QAction *action = addAction(formatLimit(preset));
        action->setObjectName(u"speedLimit%1"_s.arg(preset));
        action->setCheckable(true);
        action->setData(preset);
        m_group->addAction(action);
        m_presetActions.append(action);
        connect(action, &QAction::triggered, this, [this, preset] { chooseLimit(preset); });
        if (preset == 0)
            addSeparator();
    }
    addSeparator();
    m_customAction = addAction(QString());
    m_customAction->setObjectName(u"speedLimitCustom"_s);
    m_customAction->setCheckable(true);
    m_group->addAction(m_customAction);
    // Choosing it only opens the dialog: until that is accepted, the old limit stays checked.
    connect(m_customAction, &QAction::triggered, this, [this] {
        updateChecks();
        openCustomDialog();
    });
    connect(this, &QMenu::aboutToShow, this, &SpeedLimitMenu::updateChecks);
    updateChecks();
}

SpeedLimitMenu::~SpeedLimitMenu()
{
    if (m_dialog && !m_dialog->parent())
        delete m_dialog.data(); // a top-level dialog (opened from the tray) goes with its menu
}

QList<QAction *> SpeedLimitMenu::limitActions() const
{
    return m_presetActions + QList<QAction *>{m_customAction};
}

SpeedLimitDialog *SpeedLimitMenu::customDialog() const
{
    return m_dialog;
}

void SpeedLimitMenu::chooseLimit(qint64 bytesPerSecond)
{
    bytesPerSecond = qMax<qint64>(0, bytesPerSecond);
    const bool changed = bytesPerSecond != m_settings->overallSpeedLimit();
    if (changed) {
        m_settings->setOverallSpeedLimit(bytesPerSecond);
        m_settings->sync();
    }
    updateChecks();
    if (changed)
        emit limitChanged(bytesPerSecond);
}

void SpeedLimitMenu::updateChecks()
{
    const qint64 current = m_settings->overallSpeedLimit();
    bool isPreset = false;
    for (QAction *action : std::as_const(m_presetActions)) {
        const bool matches = action->data().toLongLong() == current;
        action->setChecked(matches);
        isPreset = isPreset || matches;
    }
    m_customAction->setChecked(!isPreset);
    if (isPreset) {
        m_customAction->setText(tr("&Custom…"));
    } else {
        //: A speed limit that is none of the presets, such as "3 MiB/s"
        m_customAction->setText(tr("&Custom (%1)…").arg(formatLimit(current)));
    }
}

void SpeedLimitMenu::openCustomDialog()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    m_dialog = new SpeedLimitDialog(m_settings->overallSpeedLimit(), dialogParent(this));
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &SpeedLimitDialog::limitChosen, this, &SpeedLimitMenu::chooseLimit);
    m_dialog->open();
}

QString SpeedLimitMenu::formatLimit(qint64 bytesPerSecond)
{
    if (bytesPerSecond <= 0)
        return tr("Unlimited");
    return ByteSize::formatRate(bytesPerSecond, ByteSize::Style::Exact);
}

} // namespace Ferry
