#include "redirectpolicy.h"

using namespace Qt::StringLiterals;

namespace Ferry::RedirectPolicy {

namespace {

TransferError refused(const QString &why)
{
    return TransferError::make(TransferError::Kind::Redirect, TransferError::Recovery::Fatal, why);
}

} // namespace

std::optional<TransferError> check(const QUrl &from, const QUrl &to, int hopsSoFar)
{
    const QString target = to.toDisplayString(QUrl::RemoveUserInfo);
    const QString scheme = to.scheme().toLower();
    if (!to.isValid() || (scheme != "http"_L1 && scheme != "https"_L1) || to.host().isEmpty())
        return refused(u"to \"%1\", which is not an http or https URL"_s.arg(target));
    if (from.scheme().toLower() == "https"_L1 && scheme == "http"_L1)
        return refused(u"from HTTPS down to HTTP (%1)"_s.arg(target));
    if (hopsSoFar >= MaxHops)
        return refused(u"more than %1 hops, last to %2"_s.arg(MaxHops).arg(target));
    return std::nullopt;
}

} // namespace Ferry::RedirectPolicy
