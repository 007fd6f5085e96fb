#pragma once

#include <QByteArray>
#include <QDialog>
#include <QString>
#include <QStringList>

namespace Ferry {

// Asks whether to trust one certificate that failed verification: shows the host, the
// certificate's SHA-256 fingerprint and its problems, so the user can compare the fingerprint
// with one obtained another way. "Trust" accepts; nothing is stored here.
class CertificateTrustDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificateTrustDialog)

public:
    CertificateTrustDialog(const QString &host,
                           const QByteArray &sha256,
                           const QStringList &problems,
                           QWidget *parent = nullptr);

    QString host() const { return m_host; }

    QByteArray sha256() const { return m_sha256; }

    // "AB:CD:…", the way the dialog, Settings and ferry-cli's error messages show it.
    static QString formatFingerprint(const QByteArray &sha256);

private:
    QString m_host;
    QByteArray m_sha256;
};

} // namespace Ferry
