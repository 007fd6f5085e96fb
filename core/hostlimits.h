#pragma once

#include <QCoreApplication>
#include <QHash>
#include <QString>
#include <QStringView>

#include <optional>
#include <utility>

namespace Ferry {

// Connection caps for single hosts, written "HOST=N": ferry-cli's --max-connections-per-host=
// HOST=N and the settings' list "files.example.org=2, cdn.example.net=4". Hosts are compared in
// lower case; N is 1..64 like the cap for all hosts.
class HostLimits final
{
    Q_DECLARE_TR_FUNCTIONS(HostLimits)

public:
    static constexpr int Minimum = 1;
    static constexpr int Maximum = 64;

    // One "HOST=N"; nullopt and *error (what is wrong, in words) when it is not one.
    static std::optional<std::pair<QString, int>> parseEntry(QStringView text, QString *error);
    // Entries separated by commas, semicolons or white space; a host given twice keeps the last
    // value. Empty text is an empty list.
    static std::optional<QHash<QString, int>> parseList(QStringView text, QString *error);
    // The list as parseList() reads it, sorted by host.
    static QString formatList(const QHash<QString, int> &limits);
};

} // namespace Ferry
