#include "certificatetrustactions.h"

#include "core/transferclient.h"
#include "ui/certificatetrustdialog.h"
#include "ui/settings.h"
#include "ui/transferlistmodel.h"

#include <QAction>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

bool failedOnCertificate(const TransferSnapshot &snapshot)
{
    return snapshot.state == TransferState::Failed && snapshot.error.hasUntrustedCertificate();
}

} // namespace

CertificateTrustActions::CertificateTrustActions(TransferListModel *model,
                                                 TransferClient *client,
                                                 Settings *settings,
                                                 QWidget *window)
    : QObject(window)
    , m_model(model)
    , m_client(client)
    , m_settings(settings)
    , m_window(window)
    , m_trust(new QAction(tr("Trust This C&ertificate…"), this))
{
    m_trust->setObjectName(u"trustCertificateAction"_s);
    m_trust->setStatusTip(
        tr("Accept the certificate this server presented, after checking its fingerprint"));
    m_trust->setEnabled(false);
    connect(m_trust, &QAction::triggered, this, [this] { askToTrust(m_candidate); });
}

void CertificateTrustActions::setSelection(const QList<TransferId> &ids)
{
    m_candidate = 0;
    for (const TransferId id : ids) {
        const int row = m_model->rowOf(id);
        if (row >= 0 && failedOnCertificate(m_model->snapshotAt(row))) {
            m_candidate = id;
            break;
        }
    }
    m_trust->setEnabled(m_candidate != 0);
}

void CertificateTrustActions::askToTrust(TransferId id)
{
    const int row = m_model->rowOf(id);
    if (row < 0 || !failedOnCertificate(m_model->snapshotAt(row)))
        return;
    const TransferError &error = m_model->snapshotAt(row).error;
    auto *dialog = new CertificateTrustDialog(
        error.certificateHost, error.certificateSha256, error.certificateProblems, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        trust(dialog->host(), dialog->sha256());
    });
    dialog->open();
}

void CertificateTrustActions::trust(const QString &host, const QByteArray &sha256)
{
    m_settings->addTrustedCertificate(host, sha256);
    m_settings->sync();
    emit trustedCertificatesChanged(); // queued to the engine before the retries below
    QList<TransferId> ids;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const TransferSnapshot &snapshot = m_model->snapshotAt(row);
        if (failedOnCertificate(snapshot) && snapshot.error.certificateHost == host
            && snapshot.error.certificateSha256 == sha256) {
            ids.append(snapshot.id);
        }
    }
    if (!ids.isEmpty())
        m_client->resume(ids);
    m_trust->setEnabled(false);
}

} // namespace Ferry
