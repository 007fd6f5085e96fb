#pragma once

#include <QGroupBox>
#include <QHash>

#include <optional>

class QCheckBox;
class QDoubleSpinBox;
class QLineEdit;

namespace Ferry {

class Settings;

// The settings that keep Ferry gentle with servers: a pause between request starts on one
// server (wget's --wait, optionally varied at random) and servers with their own, lower
// connection cap (ferry-cli's --max-connections-per-host=HOST=N).
class PolitenessBox final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PolitenessBox)

public:
    explicit PolitenessBox(const Settings &settings, QWidget *parent = nullptr);

    qint64 waitMs() const;
    bool randomWait() const;
    // The servers' own caps; nullopt and *error (which entry and why) when the list is malformed.
    std::optional<QHash<QString, int>> hostLimits(QString *error) const;

private:
    QDoubleSpinBox *m_wait;
    QCheckBox *m_randomWait;
    QLineEdit *m_hostLimits;
};

} // namespace Ferry
