#include "clilogin.h"

#include "clioptions.h"

#include "core/credentialkey.h"
#include "core/credentialstore.h"

#include <cstdio>
#include <string>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace Ferry {

CliLogin::Resolved CliLogin::resolve(const CliOptions &options,
                                     const CredentialStore &store,
                                     const QList<QUrl> &urls,
                                     bool hasList,
                                     const std::function<void(const QString &)> &warn)
{
    Resolved resolved;
    if (options.httpUser.isEmpty())
        return resolved;
    resolved.credentials.user = options.httpUser;
    if (options.httpPassword) {
        warn(tr("warning: --http-passwd shows the password to other users of this computer "
                "(in the process list); prefer %1 or the prompt")
                 .arg(QString::fromLatin1(PasswordVariable)));
        resolved.source = Source::CommandLine;
        resolved.credentials.password = *options.httpPassword;
        return resolved;
    }
    if (qEnvironmentVariableIsSet(PasswordVariable)) {
        resolved.source = Source::Environment;
        resolved.credentials.password = qEnvironmentVariable(PasswordVariable);
        return resolved;
    }
    const QList<SavedCredential> saved = store.saved();
    for (const SavedCredential &entry : saved) {
        if (entry.user != options.httpUser)
            continue;
        bool forUs = hasList;
        for (const QUrl &url : urls)
            forUs = forUs || entry.key.origin() == CredentialKey::forUrl(url, {}).origin();
        if (forUs) {
            resolved.source = Source::Keychain;
            return resolved;
        }
    }
    //: %1 is the user name given with --http-user
    if (auto typed = promptPassword(tr("Password for %1: ").arg(options.httpUser))) {
        resolved.source = Source::Prompt;
        resolved.credentials.password = *typed;
    }
    return resolved;
}

std::optional<QString> CliLogin::promptPassword(const QString &prompt)
{
    if (!::isatty(STDIN_FILENO))
        return std::nullopt;
    termios saved{};
    if (::tcgetattr(STDIN_FILENO, &saved) != 0)
        return std::nullopt;
    termios quiet = saved;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    quiet.c_lflag |= tcflag_t(ECHONL);
    // Echo goes off before the prompt shows: nothing typed after it can appear on screen.
    ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    std::fputs(prompt.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
    std::string line;
    int c = 0;
    while ((c = std::fgetc(stdin)) != EOF && c != '\n')
        line.push_back(char(c));
    ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    QString password = QString::fromLocal8Bit(line.data(), qsizetype(line.size()));
    std::fill(line.begin(), line.end(), '\0');
    return password;
}

} // namespace Ferry
