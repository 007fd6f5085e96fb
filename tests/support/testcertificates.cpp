#include "testcertificates.h"

#include <QFile>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace Ferry::Test {

namespace {

constexpr int OpensslTimeoutMs = 30000;

QStringList newEcKey()
{
    return {u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s};
}

} // namespace

bool TestCertificates::setUp()
{
    if (!m_dir.isValid()) {
        m_errorString = u"no temporary folder"_s;
        return false;
    }
    return openssl(QStringList{u"req"_s, u"-x509"_s} + newEcKey()
                   + QStringList{u"-days"_s,
                                 u"2"_s,
                                 u"-subj"_s,
                                 u"/CN=Ferry Test CA"_s,
                                 u"-keyout"_s,
                                 path(u"ca.key"_s),
                                 u"-out"_s,
                                 caPath()});
}

QString TestCertificates::caPath() const
{
    return path(u"ca.pem"_s);
}

TestCertificates::Pair TestCertificates::make(const QString &name,
                                              const QString &subjectAltName,
                                              bool selfSigned,
                                              bool expired)
{
    const Pair pair{path(name + u".pem"_s), path(name + u".key"_s)};
    const QString extensions = path(name + u".ext"_s);
    QFile ext(extensions);
    if (!ext.open(QIODevice::WriteOnly)
        || ext.write("subjectAltName=" + subjectAltName.toUtf8() + '\n') < 0) {
        m_errorString = u"cannot write %1"_s.arg(extensions);
        return {};
    }
    ext.close();
    const QString days = expired ? u"-1"_s : u"2"_s;
    const QString subject = u"/CN="_s + subjectAltName.section(u':', 1);
    const QString request = path(name + u".csr"_s);
    if (!openssl(QStringList{u"req"_s, u"-new"_s} + newEcKey()
                 + QStringList{u"-subj"_s, subject, u"-keyout"_s, pair.key, u"-out"_s, request})) {
        return {};
    }
    QStringList sign{u"x509"_s,
                     u"-req"_s,
                     u"-in"_s,
                     request,
                     u"-days"_s,
                     days,
                     u"-extfile"_s,
                     extensions,
                     u"-out"_s,
                     pair.certificate};
    if (selfSigned) {
        sign << u"-signkey"_s << pair.key;
    } else {
        sign << u"-CA"_s << caPath() << u"-CAkey"_s << path(u"ca.key"_s) << u"-CAcreateserial"_s;
    }
    return openssl(sign) ? pair : Pair{};
}

bool TestCertificates::openssl(const QStringList &arguments)
{
    QProcess process;
    process.start(u"openssl"_s, arguments);
    if (!process.waitForFinished(OpensslTimeoutMs) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        m_errorString = u"openssl %1 failed: %2"_s.arg(
            arguments.value(0), QString::fromLocal8Bit(process.readAllStandardError()));
        return false;
    }
    return true;
}

QString TestCertificates::path(const QString &name) const
{
    return m_dir.filePath(name);
}

} // namespace Ferry::Test
