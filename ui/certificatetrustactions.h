#pragma once

#include "core/transferid.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QAction;
class QWidget;

namespace Ferry {

class Settings;
class TransferClient;
class TransferListModel;

// "Trust This Certificate…" for a download that failed because its server's certificate could
// not be verified. It shows the host, the certificate's fingerprint and its problems and asks
// for confirmation; on yes the fingerprint is stored in Settings for that host only (the engine
// then accepts exactly that certificate there, see TlsPolicy), and every download that failed
// on that certificate at that host starts again. Nothing ever accepts all certificate errors.
class CertificateTrustActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificateTrustActions)

public:
    CertificateTrustActions(TransferListModel *model,
                            TransferClient *client,
                            Settings *settings,
                            QWidget *window);

    QAction *trustAction() const { return m_trust; }

    // The window's selection; the action is offered for the first selected download that
    // failed on a certificate.
    void setSelection(const QList<TransferId> &ids);
    // Asks about `id`'s certificate; does nothing when it did not fail on one.
    void askToTrust(TransferId id);
    // What a "yes" does: stores the pin, emits trustedCertificatesChanged (for the engine's
    // options) and then retries the downloads that failed on this certificate at `host`.
    void trust(const QString &host, const QByteArray &sha256);

signals:
    // Settings now trust another certificate: hand the engine its new options.
    void trustedCertificatesChanged();

private:
    TransferListModel *m_model;
    TransferClient *m_client;
    Settings *m_settings;
    QPointer<QWidget> m_window;
    QAction *m_trust;
    TransferId m_candidate = 0; // 0: none selected
};

} // namespace Ferry
