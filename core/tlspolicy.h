#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QMultiHash>
#include <QSslCertificate>
#include <QSslError>
#include <QString>
#include <QStringView>

#include <optional>
#include <utility>

class QNetworkReply;
class QNetworkRequest;

namespace Ferry {

struct TransferError;

// How the engine checks servers' certificates. Every certificate is verified against the
// system's CAs plus the ones the user added (--ca-certificate). Beyond that the user can trust
// one exact certificate for one host, by its SHA-256 fingerprint: its errors (self-signed,
// unknown issuer, expired, another host name) are then accepted for that host only, and any
// error of any other certificate still fails the download. Nothing ignores all errors.
class TlsPolicy
{
    Q_DECLARE_TR_FUNCTIONS(TlsPolicy)

public:
    // `trusted`: lower-case host name -> SHA-256 of a certificate (raw bytes).
    TlsPolicy(QList<QSslCertificate> caCertificates, QMultiHash<QString, QByteArray> trusted);

    // For requests sent from now on.
    void setTrusted(QMultiHash<QString, QByteArray> trusted) { m_trusted = std::move(trusted); }

    // Puts the extra CAs into `request`'s TLS configuration.
    void configure(QNetworkRequest &request) const;
    // Answers `reply`'s sslErrors: ignores them when each one is about a certificate trusted for
    // the reply's host; otherwise leaves them to fail the reply and records what they were, for
    // failureDetail().
    void watch(QNetworkReply *reply) const;

    // Why a reply that failed its TLS handshake failed, into `error`: in detail every
    // certificate error in words and the fingerprint of the server's certificate; and the host,
    // the fingerprint and the problems as fields, for a "trust this certificate" question.
    // Leaves `error` alone when watch() saw no errors.
    static void describeFailure(const QNetworkReply *reply, TransferError &error);
    // SHA-256 of the DER form, what a trust entry holds.
    static QByteArray fingerprint(const QSslCertificate &certificate);
    // "AB:CD:..." as the error message shows a fingerprint (upper-case hex pairs).
    static QString formatFingerprint(const QByteArray &fingerprint);
    // "HOST=HEX" or "HOST:HEX" (ferry-cli --trust-certificate): HEX is 64 hex digits, with or
    // without colons between pairs.
    // On failure nullopt and *error (translated).
    static std::optional<std::pair<QString, QByteArray>> parseTrust(QStringView text,
                                                                    QString *error);

private:
    QList<QSslCertificate> m_caCertificates;
    QMultiHash<QString, QByteArray> m_trusted;
};

} // namespace Ferry
