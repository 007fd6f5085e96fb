#pragma once

#include <QDialog>

class QPushButton;
class QTreeWidget;

namespace Ferry {

class TransferClient;

// The logins kept in the keychain: server, realm and user (never the password), and a button
// that deletes the chosen ones from the keychain.
class SavedLoginsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SavedLoginsDialog)

public:
    explicit SavedLoginsDialog(TransferClient *client, QWidget *parent = nullptr);

private:
    void reload();
    void removeSelected();

    TransferClient *m_client;
    QTreeWidget *m_list;
    QPushButton *m_remove;
};

} // namespace Ferry
