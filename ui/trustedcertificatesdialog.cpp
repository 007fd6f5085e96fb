#include "trustedcertificatesdialog.h"

#include "ui/certificatetrustdialog.h"
#include "ui/settings.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

constexpr int Sha256Role = Qt::UserRole;

} // namespace

TrustedCertificatesDialog::TrustedCertificatesDialog(Settings *settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_list(new QTreeWidget(this))
    , m_remove(new QPushButton(tr("&Remove"), this))
{
    setWindowTitle(tr("Trusted Certificates"));
    setObjectName(u"trustedCertificatesDialog"_s);
    auto *note = new QLabel(tr("Each certificate is accepted from its server only, although it "
                               "could not be verified."),
                            this);
    note->setWordWrap(true);
    m_list->setObjectName(u"certificates"_s);
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setHeaderLabels({tr("Server"), tr("SHA-256 fingerprint")});
    m_list->header()->setStretchLastSection(true);
    m_remove->setObjectName(u"remove"_s);
    connect(m_remove, &QPushButton::clicked, this, &TrustedCertificatesDialog::removeSelected);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, [this] {
        m_remove->setEnabled(!m_list->selectedItems().isEmpty());
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_remove, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    resize(fontMetrics().averageCharWidth() * 120, sizeHint().height());
    reload();
}

void TrustedCertificatesDialog::reload()
{
    m_list->clear();
    const QMultiHash<QString, QByteArray> trusted = m_settings->trustedCertificates();
    QList<std::pair<QString, QByteArray>> entries;
    for (auto it = trusted.cbegin(); it != trusted.cend(); ++it)
        entries.append({it.key(), it.value()});
    std::sort(entries.begin(), entries.end());
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const auto &[host, sha256] : std::as_const(entries)) {
        auto *item =
            new QTreeWidgetItem(m_list, {host, CertificateTrustDialog::formatFingerprint(sha256)});
        item->setData(0, Sha256Role, sha256);
        item->setFont(1, fixed);
    }
    m_list->resizeColumnToContents(0);
    m_remove->setEnabled(!m_list->selectedItems().isEmpty());
}

void TrustedCertificatesDialog::removeSelected()
{
    const QList<QTreeWidgetItem *> chosen = m_list->selectedItems();
    if (chosen.isEmpty())
        return;
    for (const QTreeWidgetItem *item : chosen)
        m_settings->removeTrustedCertificate(item->text(0),
                                             item->data(0, Sha256Role).toByteArray());
    m_settings->sync();
    reload();
    emit changed();
}

} // namespace Ferry
