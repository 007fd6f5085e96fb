#pragma once

#include "core/credentials.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace Ferry {

class CredentialStore;
struct CliOptions;

// Where ferry-cli's --http-user gets its password, in this order: --http-passwd (with a warning:
// command lines are visible to other local users), FERRY_HTTP_PASSWORD, the keychain (when it
// lists a login of that user for one of the servers; the engine then reads it for the realm a
// server names), and last a prompt without echo when standard input is a terminal.
class CliLogin
{
    Q_DECLARE_TR_FUNCTIONS(CliLogin)

public:
    enum class Source {
        None, // no --http-user, or nowhere to get a password from
        CommandLine,
        Environment,
        Keychain,
        Prompt,
    };

    struct Resolved
    {
        Source source = Source::None;
        Credentials credentials; // the password is empty for None and Keychain
    };

    static constexpr const char *PasswordVariable = "FERRY_HTTP_PASSWORD";

    // `urls`: the command line's; `hasList`: URLs also come from -i (any saved login of the user
    // then counts). `warn` prints a line for the user.
    static Resolved resolve(const CliOptions &options,
                            const CredentialStore &store,
                            const QList<QUrl> &urls,
                            bool hasList,
                            const std::function<void(const QString &)> &warn);

    // Reads a line from the terminal with echo off; nullopt when standard input is no terminal.
    static std::optional<QString> promptPassword(const QString &prompt);
};

} // namespace Ferry
