#include "transfererror.h"

#include <cerrno>

using namespace Qt::StringLiterals;

namespace Ferry {

TransferError::Kind TransferError::kindForFileErrno(int savedErrno)
{
    const bool full = savedErrno == ENOSPC
#ifdef EDQUOT
                      || savedErrno == EDQUOT
#endif
        ;
    return full ? Kind::DiskFull : Kind::FileSystem;
}

TransferError TransferError::make(Kind kind, Recovery recovery, const QString &detail)
{
    TransferError error;
    error.kind = kind;
    error.recovery = recovery;
    error.detail = detail;
    return error;
}

QString TransferError::message() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Network:
        return tr("Network error: %1").arg(detail);
    case Kind::Http:
        //: %1 is an HTTP status code such as 404, %2 the server's reason text
        return tr("The server answered %1 %2").arg(httpStatus).arg(detail).trimmed();
    case Kind::Timeout:
        return tr("Connection stalled: %1").arg(detail);
    case Kind::Tls:
        return tr("Secure connection failed: %1").arg(detail);
    case Kind::FileSystem:
        return tr("Cannot write the file: %1").arg(detail);
    case Kind::DiskFull:
        return tr("The disk is full: %1").arg(detail);
    case Kind::Checksum:
        return tr("Checksum mismatch: %1").arg(detail);
    case Kind::Cancelled:
        return tr("Cancelled");
    case Kind::Redirect:
        return tr("Redirect refused: %1").arg(detail);
    case Kind::Protocol:
        return tr("The server's answer is inconsistent: %1").arg(detail);
    case Kind::InvalidUrl:
        return tr("Invalid URL: %1").arg(detail);
    case Kind::AuthenticationRequired:
    case Kind::AuthenticationFailed: {
        if (credentialKey.isProxy()) {
            const QString proxy = u"%1:%2"_s.arg(credentialKey.host).arg(credentialKey.port);
            if (kind == Kind::AuthenticationRequired) {
                //: %1 is a proxy's address, host:port
                return tr("The proxy %1 needs a user name and password").arg(proxy);
            }
            //: %1 is a proxy's address, host:port
            return tr("Proxy authentication failed: %1 refused the user name or password")
                .arg(proxy);
        }
        //: where a login is needed: %1 is a server's host name, %2 the realm (the name the
        //: server gives its login)
        const QString where = credentialKey.isValid() ? tr("%1 (realm \"%2\")")
                                                            .arg(credentialKey.host,
                                                                 credentialKey.realm)
                                                      : detail; // restored from a session
        if (kind == Kind::AuthenticationRequired)
            return tr("Authentication required by %1").arg(where);
        return tr("Authentication failed: %1 refused the user name or password").arg(where);
    }
    }
    return detail;
}

} // namespace Ferry
