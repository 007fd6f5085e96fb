#include "tlspolicy.h"

#include "core/transfererror.h"

#include <QCryptographicHash>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ferry {

namespace {

// Where watch() leaves the description of refused errors on the reply.
constexpr char FailureProperty[] = "ferryTlsFailure";
constexpr char ProblemsProperty[] = "ferryTlsProblems";
constexpr char FingerprintProperty[] = "ferryTlsFingerprint";
constexpr qsizetype Sha256Bytes = 32;

} // namespace

TlsPolicy::TlsPolicy(QList<QSslCertificate> caCertificates, QMultiHash<QString, QByteArray> trusted)
    : m_caCertificates(std::move(caCertificates))
    , m_trusted(std::move(trusted))
{}

void TlsPolicy::configure(QNetworkRequest &request) const
{
    if (m_caCertificates.isEmpty())
        return;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.addCaCertificates(m_caCertificates);
    request.setSslConfiguration(tls);
}

void TlsPolicy::watch(QNetworkReply *reply) const
{
    const QList<QByteArray> trusted = m_trusted.values(reply->url().host().toLower());
    QObject::connect(
        reply, &QNetworkReply::sslErrors, reply, [reply, trusted](const QList<QSslError> &errors) {
            const bool allTrusted =
                !trusted.isEmpty() && std::all_of(errors.begin(), errors.end(), [&](const auto &e) {
                    return !e.certificate().isNull()
                           && trusted.contains(fingerprint(e.certificate()));
                });
            if (allTrusted) {
                reply->ignoreSslErrors(errors); // exactly these, for this certificate
                return;
            }
            QStringList reasons;
            for (const QSslError &error : errors) {
                if (!reasons.contains(error.errorString()))
                    reasons.append(error.errorString());
            }
            QSslCertificate peer = reply->sslConfiguration().peerCertificate();
            if (peer.isNull() && !errors.isEmpty())
                peer = errors.first().certificate();
            QString detail = reasons.join(u"; "_s);
            if (!peer.isNull()) {
                detail += u" (certificate of %1, SHA-256 fingerprint %2)"_s.arg(
                    reply->url().host(), formatFingerprint(fingerprint(peer)));
                reply->setProperty(FingerprintProperty, fingerprint(peer));
            }
            reply->setProperty(FailureProperty, detail);
            reply->setProperty(ProblemsProperty, reasons);
        });
}

void TlsPolicy::describeFailure(const QNetworkReply *reply, TransferError &error)
{
    const QString detail = reply->property(FailureProperty).toString();
    if (detail.isEmpty())
        return;
    error.detail = detail; // every error, not only the first
    error.certificateProblems = reply->property(ProblemsProperty).toStringList();
    error.certificateSha256 = reply->property(FingerprintProperty).toByteArray();
    if (!error.certificateSha256.isEmpty())
        error.certificateHost = reply->url().host().toLower();
}

QByteArray TlsPolicy::fingerprint(const QSslCertificate &certificate)
{
    return certificate.digest(QCryptographicHash::Sha256);
}

QString TlsPolicy::formatFingerprint(const QByteArray &fingerprint)
{
    return QString::fromLatin1(fingerprint.toHex(':').toUpper());
}

std::optional<std::pair<QString, QByteArray>> TlsPolicy::parseTrust(QStringView text,
                                                                    QString *error)
{
    // HOST=HEX, or HOST:HEX when the digits have no colons either way it reads.
    qsizetype equals = text.indexOf(u'=');
    if (equals < 0)
        equals = text.indexOf(u':');
    const QString host = text.left(std::max<qsizetype>(equals, 0)).trimmed().toString().toLower();
    QString hex = text.mid(equals + 1).trimmed().toString();
    hex.remove(u':');
    const QByteArray digest = QByteArray::fromHex(hex.toLatin1());
    const bool hexOk =
        hex.size() == 2 * Sha256Bytes && std::all_of(hex.begin(), hex.end(), [](QChar c) {
            return c.isDigit() || (c.toLower() >= u'a' && c.toLower() <= u'f');
        });
    if (equals <= 0 || host.isEmpty() || !hexOk) {
        if (error) {
            //: HOST and SHA256 are placeholders the user replaces; keep them as they are
            *error = tr("expected HOST=SHA256 with the certificate's 64 hex digits (colons "
                        "allowed), as the error message shows them");
        }
        return std::nullopt;
    }
    return std::pair{host, digest};
}

} // namespace Ferry
