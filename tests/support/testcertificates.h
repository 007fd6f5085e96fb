#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace Ferry::Test {

// Certificates for TLS tests, made with the openssl command in a private temporary folder: a
// test CA, and on request server certificates signed by it or self-signed, valid or expired,
// for names of the test's choosing. EC keys, so each takes milliseconds. Blocking (it waits for
// openssl), for test set-up only.
class TestCertificates
{
public:
    struct Pair
    {
        QString certificate; // PEM file
        QString key;         // PEM file, unencrypted
    };

    // Makes the CA; false (with errorString()) when openssl failed.
    bool setUp();

    QString caPath() const; // the CA's certificate, PEM

    // A server certificate named `name` in the folder, for `subjectAltName` (e.g.
    // "IP:127.0.0.1" or "DNS:example.org"). Signed by the CA unless selfSigned; expired
    // yesterday when `expired`. An empty Pair when openssl failed.
    Pair make(const QString &name,
              const QString &subjectAltName,
              bool selfSigned = false,
              bool expired = false);

    QString errorString() const { return m_errorString; }

private:
    bool openssl(const QStringList &arguments);
    QString path(const QString &name) const;

    QTemporaryDir m_dir;
    QString m_errorString;
};

} // namespace Ferry::Test
