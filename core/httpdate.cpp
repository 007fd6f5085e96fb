#include "httpdate.h"

#include <QList>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Ferry::HttpDate {

std::optional<QDateTime> parse(const QByteArray &value)
{
    const QList<QByteArray> parts = value.trimmed().split(' ');
    if (parts.size() != 6 || parts.at(5) != "GMT")
        return std::nullopt;
    const QString datePart =
        QString::fromLatin1(parts.at(1) + ' ' + parts.at(2) + ' ' + parts.at(3));
    const QDate date = QLocale::c().toDate(datePart, u"dd MMM yyyy"_s);
    const QTime time = QTime::fromString(QString::fromLatin1(parts.at(4)), u"HH:mm:ss"_s);
    if (!date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, Qt::UTC);
}

QByteArray strongLastModified(const QByteArray &lastModified, const QByteArray &date)
{
    const auto modified = parse(lastModified);
    const auto now = parse(date);
    if (!modified || !now || modified->secsTo(*now) < 60)
        return {};
    return lastModified;
}

} // namespace Ferry::HttpDate
