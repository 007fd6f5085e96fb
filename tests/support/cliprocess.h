#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <memory>

namespace Ferry::Test {

// Runs ferry-cli the way the app tests do: in a folder and an environment of the test's (its
// state folders, a password...) plus the C locale, with stdin empty unless input is given, and
// waits for it with the test's event loop running, since the test server answers from the same
// thread. Copies are independent: a copy with one more variable serves a single run.
class CliProcess
{
public:
    static constexpr int Patience = 60000; // ms

    struct Result
    {
        QProcess::ExitStatus exitStatus = QProcess::CrashExit;
        int exitCode = -1; // also -1 when it crashed or did not end within the patience
        QString out;
        QString err;
    };

    explicit CliProcess(const QString &program);

    void setEnvironment(const QString &name, const QString &value);
    void removeEnvironment(const QString &name);

    // The system's environment with the test's changes.
    QProcessEnvironment environment() const { return m_environment; }

    void setWorkingDirectory(const QString &path) { m_workingDirectory = path; }

    // The program, started and left running.
    std::unique_ptr<QProcess> start(const QStringList &arguments) const;
    // The same, with its standard input open for the test to write (a slow pipe).
    std::unique_ptr<QProcess> startWithInput(const QStringList &arguments) const;
    // Another program (a wrapper such as unshare or runuser) in the same folder and environment.
    std::unique_ptr<QProcess> startCommand(const QString &program,
                                           const QStringList &arguments) const;
    // The program run to its end; `input`, when not null, is its standard input.
    Result run(const QStringList &arguments, const QByteArray &input = {}) const;

    // Waits for a started process (killing it after `timeoutMs`) and collects what it said.
    static Result finish(QProcess &process, int timeoutMs = Patience);

private:
    std::unique_ptr<QProcess>
    launch(const QString &program, const QStringList &arguments, bool withInput) const;

    QString m_program;
    QString m_workingDirectory;
    QProcessEnvironment m_environment;
};

} // namespace Ferry::Test
