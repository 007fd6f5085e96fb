#include "savedloginsdialog.h"

#include "core/transferclient.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr int KeyRole = Qt::UserRole;

} // namespace

SavedLoginsDialog::SavedLoginsDialog(TransferClient *client, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_list(new QTreeWidget(this))
    , m_remove(new QPushButton(tr("&Delete"), this))
{
    setWindowTitle(tr("Saved Logins"));
    setObjectName(u"savedLoginsDialog"_s);
    auto *note =
        new QLabel(tr("Passwords stay in the system keychain; Ferry keeps only this list."), this);
    note->setWordWrap(true);
    m_list->setObjectName(u"logins"_s);
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setHeaderLabels({tr("Server"), tr("Realm"), tr("User")});
    m_list->header()->setStretchLastSection(true);
    m_remove->setObjectName(u"remove"_s);
    connect(m_remove, &QPushButton::clicked, this, &SavedLoginsDialog::removeSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, [this] {
        m_remove->setEnabled(!m_list->selectedItems().isEmpty());
    });
    connect(m_client, &TransferClient::savedCredentialsChanged, this, &SavedLoginsDialog::reload);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_remove, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    reload();
}

void SavedLoginsDialog::reload()
{
    m_list->clear();
    const QList<SavedCredential> saved = m_client->savedCredentials();
    for (qsizetype i = 0; i < saved.size(); ++i) {
        const SavedCredential &entry = saved.at(i);
        auto *item = new QTreeWidgetItem(m_list, {entry.key.origin(), entry.key.realm, entry.user});
        item->setData(0, KeyRole, int(i));
    }
    m_list->resizeColumnToContents(0);
    m_remove->setEnabled(!m_list->selectedItems().isEmpty());
}

void SavedLoginsDialog::removeSelected()
{
    const QList<SavedCredential> saved = m_client->savedCredentials();
    const QList<QTreeWidgetItem *> chosen = m_list->selectedItems();
    for (const QTreeWidgetItem *item : chosen) {
        const int index = item->data(0, KeyRole).toInt();
        if (index >= 0 && index < saved.size())
            m_client->forgetCredentials(saved.at(index).key);
    }
}

} // namespace Ferry
