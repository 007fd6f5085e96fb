#include "cliprocess.h"

#include <QSignalSpy>

using namespace Qt::StringLiterals;

namespace Ferry::Test {

CliProcess::CliProcess(const QString &program)
    : m_program(program)
    , m_environment(QProcessEnvironment::systemEnvironment())
{
    // Messages are checked in English.
    m_environment.insert(u"LANG"_s, u"C.UTF-8"_s);
    m_environment.insert(u"LANGUAGE"_s, u"C"_s);
}

void CliProcess::setEnvironment(const QString &name, const QString &value)
{
    m_environment.insert(name, value);
}

void CliProcess::removeEnvironment(const QString &name)
{
    m_environment.remove(name);
}

std::unique_ptr<QProcess> CliProcess::start(const QStringList &arguments) const
{
    return launch(m_program, arguments, false);
}

std::unique_ptr<QProcess> CliProcess::startWithInput(const QStringList &arguments) const
{
    return launch(m_program, arguments, true);
}

std::unique_ptr<QProcess> CliProcess::startCommand(const QString &program,
                                                   const QStringList &arguments) const
{
    return launch(program, arguments, false);
}

CliProcess::Result CliProcess::run(const QStringList &arguments, const QByteArray &input) const
{
    const std::unique_ptr<QProcess> process = launch(m_program, arguments, !input.isNull());
    if (!input.isNull()) {
        process->write(input);
        process->closeWriteChannel();
    }
    return finish(*process);
}

CliProcess::Result CliProcess::finish(QProcess &process, int timeoutMs)
{
    QSignalSpy finished(&process, &QProcess::finished);
    Result result;
    if (process.state() != QProcess::NotRunning && !finished.wait(timeoutMs)) {
        process.kill();
        finished.wait(5000);
        return result;
    }
    result.exitStatus = process.exitStatus();
    result.exitCode = result.exitStatus == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

std::unique_ptr<QProcess>
CliProcess::launch(const QString &program, const QStringList &arguments, bool withInput) const
{
    auto process = std::make_unique<QProcess>();
    process->setProcessEnvironment(m_environment);
    if (!m_workingDirectory.isEmpty())
        process->setWorkingDirectory(m_workingDirectory);
    if (!withInput)
        process->setStandardInputFile(QProcess::nullDevice()); // no terminal: never a prompt
    process->start(program, arguments);
    return process;
}

} // namespace Ferry::Test
