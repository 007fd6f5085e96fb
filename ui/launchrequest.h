#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace Ferry {

// What `ferry ...` was started with: URLs to add, lists to import (`-i FILE`, aria2's format)
// and whether to open the Add dialog. Empty means "show the window". Travels to a running
// instance as bytes.
class LaunchRequest
{
    Q_DECLARE_TR_FUNCTIONS(LaunchRequest)

public:
    QList<QUrl> urls;
    QStringList listFiles; // absolute paths
    QStringList problems;  // translated, one per unusable argument
    bool startMinimized = false;
    bool showAddDialog = false; // `--add`: open Add Downloads (the desktop file's "Add URLs")

    // Nothing to do but show the window.
    bool isEmpty() const { return urls.isEmpty() && listFiles.isEmpty() && !showAddDialog; }

    // Arguments without the program name; relative list paths resolve in `workingDirectory`.
    static LaunchRequest fromArguments(const QStringList &arguments,
                                       const QString &workingDirectory);

    QByteArray encode() const;
    static std::optional<LaunchRequest> decode(const QByteArray &bytes);
};

} // namespace Ferry
