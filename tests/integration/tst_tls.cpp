// Certificate checks against a real nginx over TLS, with certificates the test makes with
// openssl: what fails, with which reason, and what a CA file or a trusted fingerprint accepts.

#include "core/engine.h"
#include "core/tlspolicy.h"
#include "tests/support/nginxserver.h"
#include "tests/support/testcertificates.h"

#include <QFile>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Ferry;
using namespace Ferry::Test;
using namespace Qt::StringLiterals;

namespace {

constexpr int Patience = 30000;
const QByteArray Body = "over TLS\n";

QByteArray fingerprintOf(const QString &pemFile)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(pemFile);
    return certificates.isEmpty() ? QByteArray() : TlsPolicy::fingerprint(certificates.first());
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void caSigned_withoutCa_failsUnknownIssuer();
    void caSigned_withCaFile_completes();
    void selfSigned_failsWithReasonAndFingerprint();
    void expired_failsEvenWithCa();
    void wrongHost_failsEvenWithCa();
    void trustedFingerprint_acceptsThatCertificate();
    void trustedFingerprintOfAnotherCertificate_fails();
    void trustedFingerprintForAnotherHost_fails();

private:
    // Serves `pair` and downloads /file.txt with `options`; the finished snapshot.
    TransferSnapshot fetch(const TestCertificates::Pair &pair, EngineOptions options);

    TestCertificates m_certificates;
    TestCertificates::Pair m_signed;
    TestCertificates::Pair m_selfSigned;
    TestCertificates::Pair m_otherSelfSigned;
    TestCertificates::Pair m_expired;
    TestCertificates::Pair m_wrongHost;
    NginxServer m_server;
    // New for every download: a completed record would skip the next one.
    std::unique_ptr<QTemporaryDir> m_downloads;
    std::unique_ptr<QTemporaryDir> m_state;
};

void TestTls::initTestCase()
{
    QVERIFY2(m_certificates.setUp(), qPrintable(m_certificates.errorString()));
    m_signed = m_certificates.make(u"signed"_s, u"IP:127.0.0.1"_s);
    m_selfSigned = m_certificates.make(u"self"_s, u"IP:127.0.0.1"_s, true);
    m_otherSelfSigned = m_certificates.make(u"other"_s, u"IP:127.0.0.1"_s, true);
    m_expired = m_certificates.make(u"expired"_s, u"IP:127.0.0.1"_s, false, true);
    m_wrongHost = m_certificates.make(u"wronghost"_s, u"DNS:elsewhere.invalid"_s);
    for (const auto &pair : {m_signed, m_selfSigned, m_otherSelfSigned, m_expired, m_wrongHost})
        QVERIFY2(!pair.certificate.isEmpty(), qPrintable(m_certificates.errorString()));
    QVERIFY(m_server.setCertificate(m_signed.certificate, m_signed.key));
    QVERIFY2(m_server.start(), qPrintable(m_server.errorString()));
    QFile file(m_server.documentRoot() + u"/file.txt"_s);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(Body), Body.size());
}

TransferSnapshot TestTls::fetch(const TestCertificates::Pair &pair, EngineOptions options)
{
    if (!m_server.setCertificate(pair.certificate, pair.key) || !m_server.restart())
        return {};
    m_downloads = std::make_unique<QTemporaryDir>();
    m_state = std::make_unique<QTemporaryDir>();
    options.stateDirectory = m_state->path();
    options.retryWaitMs = 20;
    Engine engine(options);
    TransferRequest request;
    request.url = m_server.url(u"/file.txt"_s);
    request.directory = m_downloads->path();
    const TransferId id = engine.add({request}).first();
    [[maybe_unused]] const bool finished = QTest::qWaitFor(
        [&] {
            const auto snapshot = engine.snapshot(id);
            return snapshot && isFinished(snapshot->state);
        },
        Patience);
    return engine.snapshot(id).value_or(TransferSnapshot{});
}

void TestTls::caSigned_withoutCa_failsUnknownIssuer()
{
    const TransferSnapshot done = fetch(m_signed, {});
    QCOMPARE(done.state, TransferState::Failed);
    QCOMPARE(done.error.kind, TransferError::Kind::Tls);
    QCOMPARE(done.error.recovery, TransferError::Recovery::Fatal);
    QCOMPARE(done.attempts, 1); // no retries of a certificate error
    QVERIFY2(done.error.detail.contains(u"issuer"_s, Qt::CaseInsensitive),
             qPrintable(done.error.detail));
}

void TestTls::caSigned_withCaFile_completes()
{
    EngineOptions options;
    options.caCertificateFile = m_certificates.caPath();
    const TransferSnapshot done = fetch(m_signed, options);
    QCOMPARE(done.state, TransferState::Completed);
    QFile file(done.filePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), Body);
}

void TestTls::selfSigned_failsWithReasonAndFingerprint()
{
    const TransferSnapshot done = fetch(m_selfSigned, {});
    QCOMPARE(done.state, TransferState::Failed);
    QCOMPARE(done.error.kind, TransferError::Kind::Tls);
    const QString message = done.error.message();
    QVERIFY2(message.contains(u"self-signed"_s, Qt::CaseInsensitive), qPrintable(message));
    // The user can copy the fingerprint from the message into --trust-certificate.
    const QString fingerprint =
        TlsPolicy::formatFingerprint(fingerprintOf(m_selfSigned.certificate));
    QCOMPARE(fingerprint.size(), 95);
    QVERIFY2(message.contains(fingerprint), qPrintable(message));
    // The same as values, for the window's "Trust This Certificate…".
    QVERIFY(done.error.hasUntrustedCertificate());
    QCOMPARE(done.error.certificateHost, u"127.0.0.1"_s);
    QCOMPARE(done.error.certificateSha256, fingerprintOf(m_selfSigned.certificate));
    QVERIFY(!done.error.certificateProblems.isEmpty());
    QVERIFY2(
        done.error.certificateProblems.join(u' ').contains(u"self-signed"_s, Qt::CaseInsensitive),
        qPrintable(done.error.certificateProblems.join(u' ')));
}

void TestTls::expired_failsEvenWithCa()
{
    EngineOptions options;
    options.caCertificateFile = m_certificates.caPath();
    const TransferSnapshot done = fetch(m_expired, options);
    QCOMPARE(done.state, TransferState::Failed);
    QCOMPARE(done.error.kind, TransferError::Kind::Tls);
    QVERIFY2(done.error.detail.contains(u"expired"_s, Qt::CaseInsensitive),
             qPrintable(done.error.detail));
}

void TestTls::wrongHost_failsEvenWithCa()
{
    EngineOptions options;
    options.caCertificateFile = m_certificates.caPath();
    const TransferSnapshot done = fetch(m_wrongHost, options);
    QCOMPARE(done.state, TransferState::Failed);
    QCOMPARE(done.error.kind, TransferError::Kind::Tls);
    QVERIFY2(done.error.detail.contains(u"host name"_s, Qt::CaseInsensitive),
             qPrintable(done.error.detail));
}

void TestTls::trustedFingerprint_acceptsThatCertificate()
{
    EngineOptions options;
    options.trustedCertificates.insert(u"127.0.0.1"_s, fingerprintOf(m_selfSigned.certificate));
    const TransferSnapshot done = fetch(m_selfSigned, options);
    QCOMPARE(done.state, TransferState::Completed);
    QVERIFY(!done.error.hasUntrustedCertificate());
    QFile file(done.filePath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), Body);
}

void TestTls::trustedFingerprintOfAnotherCertificate_fails()
{
    // Same name, same kind of certificate, but not the one the user trusted.
    EngineOptions options;
    options.trustedCertificates.insert(u"127.0.0.1"_s,
                                       fingerprintOf(m_otherSelfSigned.certificate));
    const TransferSnapshot done = fetch(m_selfSigned, options);
    QCOMPARE(done.state, TransferState::Failed);
    QCOMPARE(done.error.kind, TransferError::Kind::Tls);
    // What the user is asked about is the certificate really served.
    QCOMPARE(done.error.certificateSha256, fingerprintOf(m_selfSigned.certificate));
}

void TestTls::trustedFingerprintForAnotherHost_fails()
{
    EngineOptions options;
    options.trustedCertificates.insert(u"localhost"_s, fingerprintOf(m_selfSigned.certificate));
    const TransferSnapshot done = fetch(m_selfSigned, options);
    QCOMPARE(done.state, TransferState::Failed);
    QCOMPARE(done.error.kind, TransferError::Kind::Tls);
}

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
