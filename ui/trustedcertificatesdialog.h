#pragma once

#include <QDialog>

class QPushButton;
class QTreeWidget;

namespace Ferry {

class Settings;

// The certificates the user chose to trust, one host each (host and SHA-256 fingerprint), and a
// button that removes the chosen ones from Settings at once; changed() follows, so the engine
// stops accepting them.
class TrustedCertificatesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrustedCertificatesDialog)

public:
    explicit TrustedCertificatesDialog(Settings *settings, QWidget *parent = nullptr);

signals:
    void changed();

private:
    void reload();
    void removeSelected();

    Settings *m_settings;
    QTreeWidget *m_list;
    QPushButton *m_remove;
};

} // namespace Ferry
