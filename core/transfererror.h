#pragma once

#include "core/credentialkey.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QNetworkReply>
#include <QString>
#include <QStringList>

namespace Ferry {

// Why a transfer stopped, as a value. `detail` is untranslated technical text for logs;
// message() is what a user reads.
struct TransferError
{
    Q_DECLARE_TR_FUNCTIONS(TransferError)

public:
    enum class Kind {
        None,
        Network,
        Http,
        Timeout,
        Tls,
        FileSystem,
        DiskFull,
        Checksum,
        Cancelled,
        Redirect, // refused redirect: unsafe scheme, downgrade, loop or too many hops
        Protocol, // the server contradicted itself (ranges, sizes, validators)
        InvalidUrl,
        AuthenticationRequired, // the server wants a login we do not have (AskUser)
        AuthenticationFailed,   // the server refused the login it was given (AskUser)
    };

    enum class Recovery {
        Retry,
        AskUser,
        Fatal,
    };

    Kind kind = Kind::None;
    Recovery recovery = Recovery::Fatal;
    int httpStatus = 0;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString detail;
    qint64 retryAfterMs = -1;    // the server's Retry-After, when it sent one
    CredentialKey credentialKey; // the protection space, for the Authentication kinds
    // For Tls: the host and the SHA-256 (raw bytes) of the certificate it refused, and each of
    // its problems in words, so that the user can decide to trust exactly that certificate
    // there. Empty when the handshake failed before a certificate came.
    QString certificateHost;
    QByteArray certificateSha256;
    QStringList certificateProblems;

    bool isNone() const { return kind == Kind::None; }

    bool isAuthentication() const
    {
        return kind == Kind::AuthenticationRequired || kind == Kind::AuthenticationFailed;
    }

    // A Tls failure whose certificate the user could choose to trust.
    bool hasUntrustedCertificate() const
    {
        return kind == Kind::Tls && !certificateHost.isEmpty() && !certificateSha256.isEmpty();
    }

    bool isRetryable() const { return kind != Kind::None && recovery == Recovery::Retry; }

    QString message() const;

    static TransferError make(Kind kind, Recovery recovery, const QString &detail);
    // DiskFull for a full disk or quota (ENOSPC, EDQUOT), else FileSystem: the kind of a failed
    // file operation by its errno.
    static Kind kindForFileErrno(int savedErrno);
};

} // namespace Ferry
