#include "hostlimits.h"

#include <QRegularExpression>
#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Ferry {
std::optional<std::pair<QString, int>> HostLimits::parseEntry(QStringView text, QString *error)
{
    const qsizetype equals = text.lastIndexOf(u'=');
    const QString host = equals < 0 ? QString() : text.left(equals).trimmed().toString().toLower();
    bool ok = false;
    const int limit = equals < 0 ? 0 : text.mid(equals + 1).trimmed().toInt(&ok);
    const bool hostOk = !host.isEmpty() && !host.contains(QRegularExpression(u"[\\s/?#@=,;]"_s));
    if (!hostOk || !ok || limit < Minimum || limit > Maximum) {
        if (error) {
            //: %1 is what the user wrote, e.g. "example.org=100"
            *error = tr("\"%1\" is not HOST=N with N from 1 to 64").arg(text.toString());
        }
        return std::nullopt;
    }
    return std::pair(host, limit);
}

std::optional<QHash<QString, int>> HostLimits::parseList(QStringView text, QString *error)
{
    static const QRegularExpression separators(u"[,;\\s]+"_s);
    QHash<QString, int> limits;
    const QStringList entries = text.toString().split(separators, Qt::SkipEmptyParts);
    for (const QString &entry : entries) {
        const auto parsed = parseEntry(entry, error);
        if (!parsed)
            return std::nullopt;
        limits.insert(parsed->first, parsed->second);
    }
    return limits;
}

QString HostLimits::formatList(const QHash<QString, int> &limits)
{
    QStringList hosts = limits.keys();
    std::sort(hosts.begin(), hosts.end());
    QStringList entries;
    entries.reserve(hosts.size());
    for (const QString &host : std::as_const(hosts))
        entries.append(host + u'=' + QString::number(limits.value(host)));
    return entries.join(", "_L1);
}

} // namespace Ferry
